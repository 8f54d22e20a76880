import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`larger than ${(limit / 1024 / 1024).toFixed(0)} MB`);
  }
}

/**
 * Reads a regular file of at most `maxBytes`. Devices, pipes and directories are refused before any
 * read (`/dev/zero` would never end), and a file that grows past the limit while being read is cut off
 * at `maxBytes + 1` bytes and refused, so memory stays bounded whatever the path names.
 */
function assertRegularFile(stats: Stats, maxBytes: number): void {
  if (stats.isDirectory()) throw new Error('it is a directory');
  if (!stats.isFile()) throw new Error('it is not a regular file (a device, pipe or socket)');
  if (stats.size > maxBytes) throw new FileTooLargeError(maxBytes);
}

export function readBoundedFile(path: string, maxBytes: number): Buffer {
  assertRegularFile(statSync(path), maxBytes); // before open: opening a FIFO with no writer blocks
  const fd = openSync(path, 'r');
  try {
    const stats = fstatSync(fd);
    assertRegularFile(stats, maxBytes);
    const buffer = Buffer.alloc(Math.min(stats.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) throw new FileTooLargeError(maxBytes);
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
