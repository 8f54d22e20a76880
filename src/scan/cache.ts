/**
 * Per-file facts cached by path and content hash in `<cacheDir>/scan-facts.json`. The key of the whole cache
 * includes the tool version and the catalogue/guards fingerprint, so a change to either starts afresh.
 * A run that extracts only a few files writes them to `scan-facts-delta.json`, read over the base file it
 * names, instead of rewriting every entry; past an eighth of the entries, the base is rewritten with the
 * entries the run used (so the cache does not grow without bound) and the delta dropped.
 * A missing, unreadable or corrupt cache is ignored; writes go to a temporary file renamed into place.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { readCacheJson, writeCacheJson } from '../cache-file.js';
import type { FileFacts } from './facts.js';

const FILE = 'scan-facts.json';
const DELTA_FILE = 'scan-facts-delta.json';
const FORMAT = 2;
/** A delta holds at most this many entries, or an eighth of the base if more. */
const MIN_DELTA_ENTRIES = 64;

interface Stored {
  format: number;
  key: string;
  /** Names this base for its delta. */
  id: string;
  entries: Record<string, FileFacts>;
}

interface StoredDelta {
  format: number;
  key: string;
  base: string;
  entries: Record<string, FileFacts>;
}

export class FactsCache {
  /** Entries used by this run. */
  private readonly fresh: Record<string, FileFacts> = {};
  /** Entries extracted by this run. */
  private readonly added = new Set<string>();

  private constructor(
    private readonly dir: string,
    private readonly key: string,
    private readonly baseId: string | undefined,
    private readonly stored: Record<string, FileFacts>,
    /** Keys of `stored` that came from the delta. */
    private readonly deltaKeys: ReadonlySet<string>,
  ) {}

  static open(dir: string, key: string): FactsCache {
    const base = readCacheJson<Stored>(dir, FILE);
    if (!base || base.format !== FORMAT || base.key !== key || typeof base.id !== 'string' || !base.entries || typeof base.entries !== 'object') return new FactsCache(dir, key, undefined, {}, new Set());
    const delta = readCacheJson<StoredDelta>(dir, DELTA_FILE);
    if (!delta || delta.format !== FORMAT || delta.key !== key || delta.base !== base.id || !delta.entries || typeof delta.entries !== 'object') return new FactsCache(dir, key, base.id, base.entries, new Set());
    return new FactsCache(dir, key, base.id, { ...base.entries, ...delta.entries }, new Set(Object.keys(delta.entries)));
  }

  /** Entries are keyed by path and content hash (see file-index.ts). */
  private static entryKey(file: string, hash: string): string {
    return `${file}\u0000${hash}`;
  }

  get(file: string, hash: string): FileFacts | undefined {
    const key = FactsCache.entryKey(file, hash);
    const entry = this.stored[key];
    if (!isFileFacts(entry) || entry.file !== file) return undefined;
    this.fresh[key] = entry;
    return entry;
  }

  set(file: string, hash: string, facts: FileFacts): void {
    const key = FactsCache.entryKey(file, hash);
    this.fresh[key] = facts;
    this.added.add(key);
  }

  save(): void {
    const used = Object.keys(this.fresh);
    if (this.added.size === 0 && used.length === Object.keys(this.stored).length) return;
    const inDelta = this.added.size > 0 ? used.filter((k) => this.added.has(k) || this.deltaKeys.has(k)) : [];
    if (this.baseId && inDelta.length > 0 && inDelta.length <= Math.max(MIN_DELTA_ENTRIES, used.length / 8)) {
      const delta: StoredDelta = { format: FORMAT, key: this.key, base: this.baseId, entries: Object.fromEntries(inDelta.map((k) => [k, this.fresh[k]!])) };
      writeCacheJson(this.dir, DELTA_FILE, delta);
      return;
    }
    const base: Stored = { format: FORMAT, key: this.key, id: randomBytes(8).toString('hex'), entries: this.fresh };
    if (!writeCacheJson(this.dir, FILE, base)) return;
    try {
      rmSync(join(this.dir, DELTA_FILE), { force: true });
    } catch {
      // a delta left behind names the old base, so it is ignored
    }
  }
}

// ---------------------------------------------------------------- shape checks of a stored entry

const VAL_KINDS = new Set(['imp', 'glob', 'fn', 'cls', 'this', 'param', 'get', 'call', 'new', 'obj', 'str', 'cat', 'env', 'or', 'unk']);
const CALL_KINDS = new Set(['call', 'new', 'jsx', 'src']);

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const arrayOf = (x: unknown, each: (e: unknown) => boolean): boolean => Array.isArray(x) && x.every(each);
const optional = (x: unknown, check: (e: unknown) => boolean): boolean => x === undefined || check(x);

function isVal(x: unknown, depth = 0): boolean {
  if (!isObject(x) || !isStr(x.k) || !VAL_KINDS.has(x.k) || depth > 200) return false;
  const sub = (v: unknown): boolean => isVal(v, depth + 1);
  switch (x.k) {
    case 'imp':
      return isStr(x.src) && isStr(x.name);
    case 'glob':
    case 'env':
      return isStr(x.name);
    case 'fn':
    case 'cls':
      return isNum(x.id);
    case 'this':
      return isNum(x.cls);
    case 'param':
      return isNum(x.fn) && isNum(x.i);
    case 'get':
      return isStr(x.p) && sub(x.o);
    case 'call':
    case 'new':
      return sub(x.f) && optional(x.args, (a) => arrayOf(a, sub)) && optional(x.a0, isStr);
    case 'obj':
      return arrayOf(x.props, (p) => Array.isArray(p) && p.length === 2 && isStr(p[0]) && sub(p[1]));
    case 'str':
      return isStr(x.v);
    case 'cat':
      return arrayOf(x.parts, sub);
    case 'or':
      return arrayOf(x.vs, sub);
    default:
      return true;
  }
}

function isArg(x: unknown): boolean {
  return isObject(x) && arrayOf(x.names, isStr) && arrayOf(x.params, isNum) && arrayOf(x.types, (t) => isVal(t)) && optional(x.val, (v) => isVal(v)) && optional(x.guard, (g) => arrayOf(g, isHit));
}

function isHit(x: unknown): boolean {
  return isObject(x) && isStr(x.name) && typeof x.gpc === 'boolean';
}

function isGate(x: unknown): boolean {
  if (!isObject(x)) return false;
  if (x.t === 'guard') return arrayOf(x.hits, isHit);
  return x.t === 'param' && isNum(x.i) && typeof x.when === 'boolean';
}

function isCall(x: unknown): boolean {
  return (
    isObject(x) &&
    isNum(x.fn) &&
    isNum(x.line) &&
    isNum(x.column) &&
    isVal(x.callee) &&
    isStr(x.calleeText) &&
    isStr(x.text) &&
    isStr(x.kind) &&
    CALL_KINDS.has(x.kind) &&
    arrayOf(x.args, isArg) &&
    arrayOf(x.gates, isGate) &&
    optional(x.a0, isStr) &&
    optional(x.optionKeys, (k) => arrayOf(k, isStr)) &&
    optional(x.guardedKeys, (k) => arrayOf(k, isStr)) &&
    optional(x.optedOutGuards, (k) => arrayOf(k, isStr)) &&
    optional(x.receiver, isArg) &&
    optional(x.snippet, isStr)
  );
}

/** A stored entry is used only when it has exactly the shape the link phase relies on. */
export function isFileFacts(x: unknown): x is FileFacts {
  if (!isObject(x) || !isStr(x.file)) return false;
  const pair = (check: (v: unknown) => boolean) => (p: unknown) => Array.isArray(p) && p.length === 2 && isStr(p[0]) && check(p[1]);
  return (
    arrayOf(x.exports, pair((v) => isVal(v))) &&
    arrayOf(x.starExports, isStr) &&
    arrayOf(x.functions, (f) => isObject(f) && isStr(f.name) && isNum(f.line) && isNum(f.column) && arrayOf(f.params, isStr) && arrayOf(f.returns, (v) => isVal(v)) && optional(f.cls, isNum) && optional(f.parent, isNum)) &&
    arrayOf(x.classes, (c) => isObject(c) && isStr(c.name) && arrayOf(c.fields, pair((v) => isVal(v))) && arrayOf(c.methods, pair(isNum)) && optional(c.base, (v) => isVal(v))) &&
    arrayOf(x.calls, isCall) &&
    arrayOf(x.types, pair((n) => arrayOf(n, isStr))) &&
    arrayOf(x.suppressions, (s) => isObject(s) && isNum(s.line) && isNum(s.column) && (s.kind === 'file' || s.kind === 'next-line') && isStr(s.ruleId) && optional(s.reason, isStr)) &&
    arrayOf(x.gpcReads, (r) => isObject(r) && isNum(r.line) && isNum(r.column) && (r.kind === 'navigator.globalPrivacyControl' || r.kind === 'Sec-GPC')) &&
    optional(x.externalSpecs, (e) => arrayOf(e, isStr)) &&
    (x.calls as { fn: number }[]).every((c) => c.fn >= 0 && c.fn < (x.functions as unknown[]).length)
  );
}

// ---------------------------------------------------------------- whole-result cache

const RESULT_FILE = 'scan-result.json';

/** The previous scan's result, when its key (every input and every file's content) is the same. */
export function readCachedResult<T>(dir: string, key: string, name: string = RESULT_FILE): T | undefined {
  const parsed = readCacheJson<{ format: number; key: string; result: T }>(dir, name, { format: FORMAT, key });
  return parsed?.format === FORMAT && parsed.key === key && isObject(parsed.result) && Array.isArray((parsed.result as Json).callSites) ? parsed.result : undefined;
}

export function writeCachedResult(dir: string, key: string, result: unknown, name: string = RESULT_FILE): void {
  writeCacheJson(dir, name, { format: FORMAT, key, result });
}
