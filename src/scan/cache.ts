/**
 * Per-file facts cached by content hash in `<cacheDir>/scan-facts.json`. The key of the whole cache
 * includes the tool version and the catalogue/guards fingerprint, so a change to either starts afresh.
 * A missing, unreadable or corrupt cache is ignored; writes go to a temporary file renamed into place.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileFacts } from './facts.js';

const FILE = 'scan-facts.json';
const FORMAT = 1;

interface Stored {
  format: number;
  key: string;
  entries: Record<string, FileFacts>;
}

export class FactsCache {
  private readonly fresh: Record<string, FileFacts> = {};
  private dirty = false;

  private constructor(
    private readonly dir: string,
    private readonly key: string,
    private readonly stored: Record<string, FileFacts>,
  ) {}

  static open(dir: string, key: string): FactsCache {
    let stored: Record<string, FileFacts> = {};
    try {
      const parsed = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as Partial<Stored>;
      if (parsed && parsed.format === FORMAT && parsed.key === key && parsed.entries && typeof parsed.entries === 'object') stored = parsed.entries;
    } catch {
      // no cache yet, or a corrupt one: start afresh
    }
    return new FactsCache(dir, key, stored);
  }

  private static hash(file: string, text: string): string {
    return createHash('sha256').update(file).update('\u0000').update(text).digest('hex').slice(0, 40);
  }

  get(file: string, text: string): FileFacts | undefined {
    const h = FactsCache.hash(file, text);
    const entry = this.stored[h];
    if (!entry || typeof entry !== 'object' || entry.file !== file || !Array.isArray(entry.calls) || !Array.isArray(entry.functions)) return undefined;
    this.fresh[h] = entry;
    return entry;
  }

  set(file: string, text: string, facts: FileFacts): void {
    this.fresh[FactsCache.hash(file, text)] = facts;
    this.dirty = true;
  }

  /** Keeps the entries used by this run only, so the cache does not grow without bound. */
  save(): void {
    if (!this.dirty && Object.keys(this.fresh).length === Object.keys(this.stored).length) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      const body: Stored = { format: FORMAT, key: this.key, entries: this.fresh };
      const tmp = join(this.dir, `${FILE}.${process.pid}.tmp`);
      writeFileSync(tmp, JSON.stringify(body));
      renameSync(tmp, join(this.dir, FILE));
    } catch {
      // a cache that cannot be written only costs speed
    }
  }
}
