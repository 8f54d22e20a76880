/**
 * What the scan knows about each file before parsing it, cached in `<cacheDir>/scan-files.json` by path,
 * size and modification time: its content hash, whether it is skipped (and why), its line count, whether
 * the text pre-filter picks it, and its text-level imports and re-exports. An unchanged file is then only
 * stat'ed, never read: a warm run hashes nothing but the file list and these hashes. It also keeps each
 * file's imports resolved to project files, for as long as the module graph (file list, tsconfig and
 * package.json contents) is the same.
 *
 * A file modified within a second before the run that recorded it is read again (its modification time
 * may not tell a later change apart). The index is keyed like the facts cache (tool version, extractor,
 * catalogue and guards), so a change to any of them starts afresh. A missing or corrupt index is ignored.
 */
import { hash as digest } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readCacheJson, writeCacheJson } from '../cache-file.js';
import { textImports, textReexports, type TextImport, type TextReexport } from './imports.js';
import { packOutline, unpackOutline, type Outline, type PackedOutline } from './outline.js';

const FILE = 'scan-files.json';
const OUTLINES_FILE = 'scan-outlines.json';
const FORMAT = 4;
/** Files above this size are skipped (generated code, data dumps). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** A line this long means a minified bundle. */
const MAX_LINE_LENGTH = 5000;
/**
 * A run that changed the entries of at most this many files in the index (or the outlines) leaves the file as it
 * was: rewriting megabytes of JSON costs more than describing (or outlining) those few files again, as
 * their stale entries no longer match them.
 */
const FEW_CHANGES = 16;
/** A modification this close before the recording run may not change the modification time. */
export const RACY_MS = 1000;

export interface FileInfo {
  size: number;
  mtimeMs: number;
  /** Why the file is not analysed (too large, binary, unreadable, minified). */
  skip?: string;
  /** Content hash (absent when the file could not be read). */
  hash?: string;
  lines: number;
  /** The text pre-filter picks it. */
  mentions: boolean;
  imports: TextImport[];
  reexports: TextReexport[];
  /** [specifier, project file] for its imports and re-exports that resolve to project files; valid for the module graph of `Stored.graphKey`. */
  projectImports?: [string, string][];
  /** Imported names checked so far: true when the file names one only in its import (it cannot use it). */
  importsUnused?: Record<string, boolean>;
}


/**
 * [content hash, packed outline, pre-filter chunks, and, once parsed, the chunks parsed (`1,4,5`) with
 * the hash of that focused text].
 */
type StoredOutline = [string, PackedOutline, number[], string?, string?];

interface StoredOutlines {
  format: number;
  key: string;
  files: Record<string, StoredOutline>;
}


interface Stored {
  format: number;
  key: string;
  /** The file list and the tsconfig / package.json contents that import resolution depends on. */
  graphKey: string;
  scannedAt: number;
  files: Record<string, FileInfo>;
}

export function bufferHash(buffer: Buffer | string): string {
  // One-shot: no Hash object per file (a sixth of the hashing time over the 500k corpus's 2,887 files).
  return digest('sha256', buffer).slice(0, 40);
}

/** A file's size, modification time and, unless it is too large to analyse, its bytes: one open, one fstat. */
function readWithStats(path: string): { size: number; mtimeMs: number; buffer?: Buffer } {
  const fd = openSync(path, 'r');
  try {
    const { size, mtimeMs } = fstatSync(fd);
    if (size > MAX_FILE_BYTES) return { size, mtimeMs };
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return { size, mtimeMs, buffer: read < size ? buffer.subarray(0, read) : buffer };
  } finally {
    closeSync(fd);
  }
}

/** The text's line count and the length of its longest line, in one pass. */
function measureLines(text: string): { lines: number; longest: number } {
  if (text.length === 0) return { lines: 0, longest: 0 };
  let lines = 1;
  let longest = 0;
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
    if (end - start > longest) longest = end - start;
    lines++;
    start = end + 1;
  }
  if (text.length - start > longest) longest = text.length - start;
  return { lines: start === text.length ? lines - 1 : lines, longest };
}

const EMPTY = { lines: 0, mentions: false, imports: [], reexports: [] };

export class FileIndex {
  private readonly current: Record<string, FileInfo> = {};
  /** Texts read by this run, for the files about to be parsed. */
  private readonly texts = new Map<string, string>();
  /** Files whose entry this run added or changed. */
  private readonly changed = new Set<string>();
  private readonly startedAt = Date.now();

  private constructor(
    private readonly root: string,
    private readonly mentions: (text: string) => boolean,
    private readonly dir: string | undefined,
    private readonly key: string,
    private readonly graphKey: string,
    private readonly stored: Stored | undefined,
  ) {}

  /** `dir` undefined: no cache, every file is read. */
  static open(root: string, mentions: (text: string) => boolean, dir: string | undefined, key: string, graphKey: string): FileIndex {
    let stored: Stored | undefined;
    // None yet, or corrupt: every file is read.
    const parsed = dir ? readCacheJson<Stored>(dir, FILE) : undefined;
    if (parsed?.format === FORMAT && parsed.key === key && typeof parsed.graphKey === 'string' && typeof parsed.scannedAt === 'number' && parsed.files && typeof parsed.files === 'object') stored = parsed as Stored;
    return new FileIndex(root, mentions, dir, key, graphKey, stored);
  }

  /**
   * The file's info, from the index when its size and modification time are unchanged, else from its
   * text. `stat`: its size and time, when the caller has just taken them.
   */
  describe(file: string, stat?: { size: number; mtimeMs: number }): FileInfo {
    const path = join(this.root, file);
    const known = this.stored?.files[file];
    let size = -1;
    let mtimeMs = -1;
    let buffer: Buffer | undefined;
    try {
      // A file the index does not know is read at once, its size and time taken from the open file.
      if (known) ({ size, mtimeMs } = stat && stat.size >= 0 ? stat : statSync(path));
      else ({ size, mtimeMs, buffer } = readWithStats(path));
    } catch (error) {
      return this.keep(file, { size, mtimeMs, skip: `unreadable: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, ...EMPTY });
    }
    if (known && known.size === size && known.mtimeMs === mtimeMs && mtimeMs < this.stored!.scannedAt - RACY_MS && isFileInfo(known)) {
      if (this.stored!.graphKey !== this.graphKey) delete known.projectImports;
      this.current[file] = known;
      return known;
    }
    this.changed.add(file);
    if (size > MAX_FILE_BYTES) return this.keep(file, { size, mtimeMs, skip: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`, ...EMPTY });
    try {
      buffer ??= readFileSync(path);
    } catch (error) {
      return this.keep(file, { size, mtimeMs, skip: `unreadable: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, ...EMPTY });
    }
    const hash = bufferHash(buffer);
    if (buffer.includes(0)) return this.keep(file, { size, mtimeMs, hash, skip: 'binary file (contains NUL bytes)', ...EMPTY });
    const text = buffer.toString('utf8');
    const { lines, longest } = measureLines(text);
    if (longest > MAX_LINE_LENGTH) return this.keep(file, { size, mtimeMs, hash, skip: `minified or generated (a line longer than ${MAX_LINE_LENGTH} characters)`, ...EMPTY });
    this.texts.set(file, text);
    return this.keep(file, { size, mtimeMs, hash, lines, mentions: this.mentions(text), imports: textImports(text), reexports: textReexports(text) });
  }

  private keep(file: string, info: FileInfo): FileInfo {
    this.current[file] = info;
    return info;
  }

  /**
   * The text of a described file (read again when it came from the index) with the hash of that text,
   * or undefined when it is now unreadable.
   */
  source(file: string): { text: string; hash: string } | undefined {
    const known = this.texts.get(file);
    const hash = this.current[file]?.hash;
    if (known !== undefined && hash !== undefined) return { text: known, hash };
    try {
      const buffer = readFileSync(join(this.root, file));
      return { text: buffer.toString('utf8'), hash: bufferHash(buffer) };
    } catch {
      return undefined;
    }
  }

  /** The file's imports of project files, resolved by `resolve` unless the index already knows them. */
  projectImports(file: string, resolve: () => [string, string][]): [string, string][] {
    const info = this.current[file];
    if (info?.projectImports) return info.projectImports;
    const resolved = resolve();
    if (info) {
      info.projectImports = resolved;
      this.changed.add(file);
    }
    return resolved;
  }

  /** Whether the file certainly does not use a name it imports (`test` on its text), remembered in the index. */
  importUnused(file: string, name: string, test: (text: string) => boolean): boolean {
    const info = this.current[file];
    if (!info?.hash) return false;
    const known = info.importsUnused?.[name];
    if (known !== undefined) return known;
    const source = this.source(file);
    if (!source || source.hash !== info.hash) return false;
    const unused = test(source.text);
    (info.importsUnused ??= {})[name] = unused;
    this.changed.add(file);
    return unused;
  }

  /**
   * The file's outline and pre-filter chunks, computed from its text unless `scan-outlines.json` has them
   * for this content hash. That file is read only when a scan plans (a warm run that reuses the whole
   * result never does).
   */
  outline(file: string, compute: (text: string) => { outline: Outline; seeds: number[] }): { outline: Outline; seeds: number[] } | undefined {
    const info = this.current[file];
    if (!info?.hash) return undefined;
    this.outlinesStored ??= this.readOutlines();
    const known = this.outlinesStored[file];
    if (known && known[0] === info.hash) {
      const outline = unpackOutline(known[1]);
      const seeds = known[2];
      if (outline && Array.isArray(seeds) && seeds.every((k) => Number.isInteger(k) && k >= 0 && k < outline.chunks.length)) {
        this.outlinesUsed[file] = known;
        return { outline, seeds };
      }
    }
    const source = this.source(file);
    if (!source || source.hash !== info.hash) return undefined;
    const computed = compute(source.text);
    this.outlinesUsed[file] = [info.hash, packOutline(computed.outline), computed.seeds];
    this.outlinesChanged.add(file);
    return computed;
  }

  /** The file's entry in the saved index when it was saved for this content hash (by its first `hash.length` characters). */
  savedInfo(file: string, hash: string): FileInfo | undefined {
    const known = this.stored?.files[file];
    return known?.hash?.startsWith(hash) && isFileInfo(known) ? known : undefined;
  }

  /** The file's outline in `scan-outlines.json` when it was saved for this content hash (by its first `hash.length` characters). */
  savedOutline(file: string, hash: string): Outline | undefined {
    this.outlinesStored ??= this.readOutlines();
    const known = this.outlinesStored[file];
    return known?.[0].startsWith(hash) ? unpackOutline(known[1]) : undefined;
  }

  /**
   * This run's entries that the saved index and outlines do not hold (they were left as they were, see
   * `FEW_CHANGES`): after `save` and `saveOutlines`, for whoever must find them at the next run.
   */
  unsaved(): { infos: [string, FileInfo][]; outlines: [string, PackedOutline][] } {
    return {
      infos: [...this.changed].flatMap((file): [string, FileInfo][] => (this.current[file] ? [[file, this.current[file]]] : [])),
      outlines: [...this.outlinesChanged].flatMap((file): [string, PackedOutline][] => (this.outlinesUsed[file] ? [[file, this.outlinesUsed[file][1]]] : [])),
    };
  }

  /** The hash of the file's focused text for these parsed chunks, when the last run that parsed them recorded it. */
  focusedHash(file: string, chunks: string): string | undefined {
    const entry = this.outlinesUsed[file];
    return entry && entry[0] === this.current[file]?.hash && entry[3] === chunks ? entry[4] : undefined;
  }

  rememberFocusedHash(file: string, chunks: string, hash: string): void {
    const entry = this.outlinesUsed[file];
    if (!entry || entry[0] !== this.current[file]?.hash || (entry[3] === chunks && entry[4] === hash)) return;
    this.outlinesUsed[file] = [entry[0], entry[1], entry[2], chunks, hash];
    this.outlinesChanged.add(file);
  }

  private outlinesStored: Record<string, StoredOutline> | undefined;
  private readonly outlinesUsed: Record<string, StoredOutline> = {};
  private readonly outlinesChanged = new Set<string>();

  private readOutlines(): Record<string, StoredOutline> {
    // None yet, or corrupt: outline again.
    const parsed = this.dir ? readCacheJson<StoredOutlines>(this.dir, OUTLINES_FILE) : undefined;
    const files = Object.create(null) as Record<string, StoredOutline>;
    if (parsed?.format !== FORMAT || parsed.key !== this.key || !parsed.files || typeof parsed.files !== 'object') return files;
    for (const [file, entry] of Object.entries(parsed.files)) {
      if (Array.isArray(entry) && (entry.length === 3 || (entry.length === 5 && typeof entry[3] === 'string' && typeof entry[4] === 'string')) && typeof entry[0] === 'string') files[file] = entry;
    }
    return files;
  }

  /** Keeps this run's files only (unless it changed few entries, see `FEW_CHANGES`). */
  save(): void {
    if (!this.dir) return;
    const count = Object.keys(this.current).length;
    if (this.changed.size <= FEW_CHANGES && this.stored && this.stored.graphKey === this.graphKey && count === Object.keys(this.stored.files).length) return;
    this.changed.clear();
    writeCacheJson(this.dir, FILE, { format: FORMAT, key: this.key, graphKey: this.graphKey, scannedAt: this.startedAt, files: this.current } satisfies Stored);
  }

  /** Keeps the outlines this run used (and computed), unless it computed few (see `FEW_CHANGES`). */
  saveOutlines(): void {
    if (!this.dir || !this.outlinesStored) return;
    if (this.outlinesChanged.size <= FEW_CHANGES && Object.keys(this.outlinesUsed).length === Object.keys(this.outlinesStored).length) return;
    this.outlinesChanged.clear();
    writeCacheJson(this.dir, OUTLINES_FILE, { format: FORMAT, key: this.key, files: this.outlinesUsed } satisfies StoredOutlines);
  }
}

const isStrArray = (x: unknown): boolean => Array.isArray(x) && x.every((e) => typeof e === 'string');

/** A stored entry is used only when it has exactly the shape the scan relies on. */
function isFileInfo(x: FileInfo): boolean {
  return (
    typeof x.lines === 'number' &&
    typeof x.mentions === 'boolean' &&
    (x.skip === undefined || typeof x.skip === 'string') &&
    (x.hash === undefined || typeof x.hash === 'string') &&
    Array.isArray(x.imports) &&
    x.imports.every((i) => typeof i?.specifier === 'string' && (i.names === '*' || isStrArray(i.names))) &&
    Array.isArray(x.reexports) &&
    x.reexports.every((r) => typeof r?.specifier === 'string' && typeof r.star === 'boolean' && Array.isArray(r.pairs) && r.pairs.every((p) => Array.isArray(p) && p.length === 2 && isStrArray(p))) &&
    (x.projectImports === undefined || (Array.isArray(x.projectImports) && x.projectImports.every((p) => Array.isArray(p) && p.length === 2 && isStrArray(p)))) &&
    (x.importsUnused === undefined || (typeof x.importsUnused === 'object' && x.importsUnused !== null && Object.values(x.importsUnused).every((v) => typeof v === 'boolean'))) &&
    true
  );
}
