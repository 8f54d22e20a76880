/**
 * Per-file facts cached by path and content hash in `<cacheDir>/scan-facts.json`. The key of the whole cache
 * includes the tool version and the catalogue/guards fingerprint, so a change to either starts afresh.
 * A missing, unreadable or corrupt cache is ignored; writes go to a temporary file renamed into place.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileFacts } from './facts.js';

const FILE = 'scan-facts.json';
const FORMAT = 2;

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
    this.fresh[FactsCache.entryKey(file, hash)] = facts;
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
export function readCachedResult<T>(dir: string, key: string): T | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, RESULT_FILE), 'utf8')) as { format?: number; key?: string; result?: T };
    if (parsed.format === FORMAT && parsed.key === key && isObject(parsed.result) && Array.isArray((parsed.result as Json).callSites)) return parsed.result;
  } catch {
    // none, or unreadable: scan
  }
  return undefined;
}

export function writeCachedResult(dir: string, key: string, result: unknown): void {
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `${RESULT_FILE}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify({ format: FORMAT, key, result }));
    renameSync(tmp, join(dir, RESULT_FILE));
  } catch {
    // only costs speed
  }
}
