/**
 * The quickest warm run. When no file's size or modification time changed since a run that recorded them,
 * and none had been modified within a second before that run began, that run's whole result stands. It is
 * then found without reading the file index: the index trusts an unchanged size and time in the same way
 * (file-index.ts). `scan-stat.json` maps the digest of the inputs and of every file's size and time to
 * that run's result key.
 */
import { createHash, type Hash } from 'node:crypto';
import { readCacheJson, writeCacheJson } from '../cache-file.js';
import { RACY_MS } from './file-index.js';

const FILE = 'scan-stat.json';
const FORMAT = 1;

export interface StatRecord {
  format: number;
  key: string;
  /** The key of the whole result (`scan-result.json`) those files gave. */
  result: string;
  scannedAt: number;
}

/** The digest of the inputs and of every file's size and modification time, built file by file. */
export class StatDigest {
  private readonly hash: Hash;
  /** The latest modification time seen. */
  private newest = -Infinity;

  constructor(inputs: string) {
    this.hash = createHash('sha256').update(inputs);
  }

  add(file: string, size: number, mtimeMs: number): void {
    this.hash.update(`\u0000${file}\u0000${size}\u0000${mtimeMs}`);
    if (mtimeMs > this.newest) this.newest = mtimeMs;
  }

  /** The digest, when no file was modified within `RACY_MS` before `startedAt`; undefined otherwise. */
  settled(startedAt: number): string | undefined {
    const digest = this.hash.digest('hex');
    return this.newest < startedAt - RACY_MS ? digest : undefined;
  }
}

/** What the last recording run left, or undefined when there is none. */
export function readStatRecord(dir: string): StatRecord | undefined {
  const stored = readCacheJson<StatRecord>(dir, FILE);
  return stored?.format === FORMAT && typeof stored.key === 'string' && typeof stored.result === 'string' && typeof stored.scannedAt === 'number' ? (stored as StatRecord) : undefined;
}

/** The recorded result key, when the files are as recorded and none changed shortly before the recording run. */
export function standingResult(record: StatRecord, digest: StatDigest): string | undefined {
  return digest.settled(record.scannedAt) === record.key ? record.result : undefined;
}

export function recordResult(dir: string, digest: StatDigest, result: string, scannedAt: number): void {
  const key = digest.settled(scannedAt);
  if (key !== undefined) writeCacheJson(dir, FILE, { format: FORMAT, key, result, scannedAt } satisfies StatRecord);
}
