/**
 * The files of `.flowaudit-cache/`: JSON read leniently (missing, unreadable or corrupt reads as nothing,
 * and the caller starts afresh) and written atomically (a temporary file renamed into place, so a reader
 * never sees half a file).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The object stored in `dir/name`, or undefined when there is none that parses as a JSON object. With
 * `format` and `key`, also undefined (and the file read no further) unless it begins with them, as
 * `writeCacheJson` writes a body that does: a run whose key changed does not parse a large file for nothing.
 */
export function readCacheJson<T>(dir: string, name: string, expected?: { format: number; key: string }): Partial<T> | undefined {
  try {
    if (expected && !beginsWith(join(dir, name), `{"format":${expected.format},"key":${JSON.stringify(expected.key)},`)) return undefined;
    const parsed = JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Partial<T>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes `body` as JSON to `dir/name` (creating `dir`), or returns false when it cannot: a cache that
 * cannot be written only costs the next run speed.
 */
export function writeCacheJson(dir: string, name: string, body: unknown): boolean {
  const tmp = join(dir, `${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, JSON.stringify(body));
    renameSync(tmp, join(dir, name));
    return true;
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // no folder to hold it, so no temporary file either
    }
    return false;
  }
}

function beginsWith(path: string, head: string): boolean {
  const expected = Buffer.from(head);
  const found = Buffer.alloc(expected.length);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, found, 0, found.length, 0) === found.length && found.equals(expected);
  } finally {
    closeSync(fd);
  }
}
