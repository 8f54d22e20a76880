/**
 * The files of `.flowaudit-cache/`: JSON read leniently (missing, unreadable or corrupt reads as nothing,
 * and the caller starts afresh) and written atomically (a temporary file renamed into place, so a reader
 * never sees half a file).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The object stored in `dir/name`, or undefined when there is none that parses as a JSON object. */
export function readCacheJson<T>(dir: string, name: string): Partial<T> | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Partial<T>) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `body` as JSON to `dir/name` (creating `dir`). Throws when it cannot: callers treat that as a lost speed-up. */
export function writeCacheJson(dir: string, name: string, body: unknown): void {
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  writeFileSync(tmp, JSON.stringify(body));
  renameSync(tmp, join(dir, name));
}
