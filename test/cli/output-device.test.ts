/**
 * `--output` naming a device or a pipe (`/dev/null`, a FIFO) writes into it: the atomic write
 * (temporary file + rename) is for regular files, and renaming over a device would replace it.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, lstatSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeOutput } from '../../src/cli/output.js';

const dir = mkdtempSync(join(tmpdir(), 'flowaudit-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function hasMkfifo(): boolean {
  try {
    execFileSync('mkfifo', [join(dir, 'probe')]);
    return true;
  } catch {
    return false;
  }
}

describe('--output to a device or a pipe', () => {
  it.skipIf(process.platform === 'win32' || !hasMkfifo())('writes into a FIFO and leaves it a FIFO', () => {
    const fifo = join(dir, 'report.pipe');
    execFileSync('mkfifo', [fifo]);
    // A reader that does not wait for the writer, so the (synchronous) write can open the pipe.
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      writeOutput(fifo, '{"report":true}\n');
      const buffer = Buffer.alloc(64);
      const length = readSync(reader, buffer, 0, buffer.length, null);
      expect(buffer.subarray(0, length).toString('utf8')).toBe('{"report":true}\n');
    } finally {
      closeSync(reader);
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});
