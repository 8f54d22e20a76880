/**
 * The last scan plan, kept in `<cacheDir>/scan-plan.json` with what it was made from, so that a run after
 * a small edit need not outline and plan again (on a large repository, most of what such a run does).
 *
 * A plan is a function of the answers `planScan` got: the seeds, the outlines it read, the import graph
 * and the `mayUseImport` answers. The record holds every file's content hash at planning time. A later run
 * with the same inputs and the same file list and configs (the record's key) reuses the plan when every
 * file whose content changed, at most `FEW_CHANGED`, still gives answers that lead to the same plan:
 * - the same pre-filter verdict, text imports and re-exports as when planned (the import graph is then
 *   the same), and the same seed chunks;
 * - when the plan read its outline, an outline that keeps the plan (`outlineKeepsPlan` in plan.ts);
 * - the same answers to the `mayUseImport` questions the plan asked of it.
 * What the file had at planning time comes from the saved index and outlines, or from the record when
 * those were not rewritten then. Anything missing, or any other doubt, and the scan plans afresh.
 */
import { readCacheJson, writeCacheJson } from '../cache-file.js';
import type { TextImport, TextReexport } from './imports.js';
import { unpackOutline, type Outline, type PackedOutline } from './outline.js';
import { outlineKeepsPlan, type Focus, type PlanInput, type ScanPlan } from './plan.js';

const FILE = 'scan-plan.json';
const FORMAT = 1;
/** Characters of each content hash recorded (80 bits). */
const HASH_CHARS = 20;
const NO_HASH = '-'.repeat(HASH_CHARS);
/** More changed files than this and the scan plans afresh: checking each costs about as much as planning. */
const FEW_CHANGED = 16;

/** What a plan's validity depends on for one file, when its content is as recorded. */
interface PlannedInfo {
  mentions: boolean;
  imports: TextImport[];
  reexports: TextReexport[];
}

/** A file's seeds: the chunks the pre-filter (or a deletion handler) picks, or `all`. */
export type Seeds = number[] | 'all';

interface Stored {
  format: number;
  key: string;
  /** Per discovered file, in discovery order, the first `HASH_CHARS` characters of its content hash. */
  hashes: string;
  linked: string[];
  focus: [string, Focus][];
  seeds: [string, Seeds][];
  /** Files whose outline the plan read. */
  outlined: string[];
  /** [file, [imported name, answer][]]: the `mayUseImport` questions asked. */
  asked: [string, [string, boolean][]][];
  needed: string[];
  whole: string[];
  /** [file, facts cache key]: the key of each file's facts as the link read them. */
  factsKeys: [string, string][];
  /** Files' info and outlines at planning time that the saved index and outlines do not hold. */
  infos: [string, PlannedInfo][];
  outlines: [string, PackedOutline][];
}

/** What a plan asked, recorded while it is made (`recording`). */
export interface PlanQuestions {
  outlined: Set<string>;
  asked: Map<string, Map<string, boolean>>;
}

/** The plan input, with every question about a file's outline or imports recorded. */
export function recording(input: PlanInput): { input: PlanInput; questions: PlanQuestions } {
  const questions: PlanQuestions = { outlined: new Set(), asked: new Map() };
  const mayUseImport = input.mayUseImport;
  return {
    questions,
    input: {
      ...input,
      outline: (file) => {
        questions.outlined.add(file);
        return input.outline(file);
      },
      ...(mayUseImport
        ? {
            mayUseImport: (file: string, name: string): boolean => {
              const answer = mayUseImport(file, name);
              let answers = questions.asked.get(file);
              if (!answers) questions.asked.set(file, (answers = new Map()));
              answers.set(name, answer);
              return answer;
            },
          }
        : {}),
    },
  };
}

export interface PlanSnapshot {
  /** The discovered files, in discovery order, and their content hashes. */
  files: readonly string[];
  hashes: readonly (string | undefined)[];
  plan: ScanPlan;
  seeds: ReadonlyMap<string, Seeds>;
  questions: PlanQuestions;
  factsKeys: readonly [string, string][];
  unsaved: { infos: readonly [string, PlannedInfo][]; outlines: readonly [string, PackedOutline][] };
}

/** Writes the record of a plan just made. A record that cannot be written only costs speed. */
export function writePlanRecord(dir: string, key: string, snapshot: PlanSnapshot): void {
  const body: Stored = {
    format: FORMAT,
    key,
    hashes: snapshot.hashes.map(recordedHash).join(''),
    linked: snapshot.plan.linked,
    focus: [...snapshot.plan.focus],
    seeds: [...snapshot.seeds],
    outlined: [...snapshot.questions.outlined],
    asked: [...snapshot.questions.asked].map(([file, answers]) => [file, [...answers]]),
    needed: [...snapshot.plan.needed],
    whole: [...snapshot.plan.whole],
    factsKeys: [...snapshot.factsKeys],
    infos: snapshot.unsaved.infos.map(([file, info]) => [file, { mentions: info.mentions, imports: info.imports, reexports: info.reexports }]),
    outlines: [...snapshot.unsaved.outlines],
  };
  writeCacheJson(dir, FILE, body);
}

/** What `reusedPlan` asks of the current run. */
export interface CurrentState {
  files: readonly string[];
  hashes: readonly (string | undefined)[];
  info: (file: string) => PlannedInfo | undefined;
  /** Saved info and outline of a file, when saved for this content hash prefix. */
  savedInfo: (file: string, hash: string) => PlannedInfo | undefined;
  savedOutline: (file: string, hash: string) => Outline | undefined;
  outline: (file: string) => Outline | undefined;
  seeds: (file: string) => Seeds | undefined;
  mayUseImport: (file: string, name: string) => boolean;
}

export interface ReusedPlan {
  plan: ScanPlan;
  /** The facts cache key of a file as the planning run's link read it, when its content is as then. */
  factsKey: (file: string) => string | undefined;
}

/**
 * The recorded plan, when it stands for the current files (see the module comment); undefined when the
 * scan must plan afresh.
 */
export function reusedPlan(dir: string, key: string, now: CurrentState): ReusedPlan | undefined {
  const stored = readCacheJson<Stored>(dir, FILE, { format: FORMAT, key });
  if (!stored || !isStored(stored) || stored.key !== key || stored.hashes.length !== now.files.length * HASH_CHARS) return undefined;
  const changed: string[] = [];
  const hashAt = new Map<string, string>();
  for (let i = 0; i < now.files.length; i++) {
    const before = stored.hashes.slice(i * HASH_CHARS, (i + 1) * HASH_CHARS);
    if (before === recordedHash(now.hashes[i])) continue;
    if (changed.length === FEW_CHANGED || before === NO_HASH) return undefined;
    changed.push(now.files[i]!);
    hashAt.set(now.files[i]!, before);
  }
  const focus = new Map(stored.focus);
  const seeds = new Map(stored.seeds);
  const outlined = new Set(stored.outlined);
  const asked = new Map(stored.asked);
  const needed = new Set(stored.needed);
  const whole = new Set(stored.whole);
  const infos = new Map(stored.infos);
  const outlines = new Map(stored.outlines);
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  const stands = (file: string): boolean => {
    const hash = hashAt.get(file)!;
    const before = infos.get(file) ?? now.savedInfo(file, hash);
    const after = now.info(file);
    if (!before || !after || before.mentions !== after.mentions || !same(before.imports, after.imports) || !same(before.reexports, after.reexports)) return false;
    if (!same(seeds.get(file), now.seeds(file))) return false;
    if (outlined.has(file)) {
      const packed = outlines.get(file);
      const old = packed ? unpackOutline(packed) : now.savedOutline(file, hash);
      const next = now.outline(file);
      if (!old || !next || !outlineKeepsPlan(old, next, whole.has(file), needed)) return false;
    }
    return (asked.get(file) ?? []).every(([name, answer]) => now.mayUseImport(file, name) === answer);
  };
  if (!changed.every(stands)) return undefined;
  const factsKeys = new Map(stored.factsKeys);
  return {
    plan: { linked: stored.linked, focus, needed, whole },
    factsKey: (file) => (hashAt.has(file) ? undefined : factsKeys.get(file)),
  };
}

function recordedHash(hash: string | undefined): string {
  return hash === undefined ? NO_HASH : hash.slice(0, HASH_CHARS).padEnd(HASH_CHARS, '-');
}

const isStr = (x: unknown): x is string => typeof x === 'string';
const isIndexList = (x: unknown): boolean => Array.isArray(x) && x.every((k) => Number.isInteger(k) && k >= 0);
const isPairs = (x: unknown, value: (v: unknown) => boolean): boolean => Array.isArray(x) && x.every((e) => Array.isArray(e) && e.length === 2 && isStr(e[0]) && value(e[1]));

/** A record is used only when it has exactly the shape the scan relies on. */
function isStored(x: Partial<Stored>): x is Stored {
  const isInfo = (v: unknown): boolean => {
    const info = v as PlannedInfo;
    return typeof info === 'object' && info !== null && typeof info.mentions === 'boolean' && Array.isArray(info.imports) && Array.isArray(info.reexports);
  };
  return (
    x.format === FORMAT &&
    isStr(x.key) &&
    isStr(x.hashes) &&
    Array.isArray(x.linked) &&
    x.linked.every(isStr) &&
    isPairs(x.focus, (v) => v === 'full' || isIndexList(v)) &&
    isPairs(x.seeds, (v) => v === 'all' || isIndexList(v)) &&
    Array.isArray(x.outlined) &&
    x.outlined.every(isStr) &&
    isPairs(x.asked, (v) => isPairs(v, (answer) => typeof answer === 'boolean')) &&
    Array.isArray(x.needed) &&
    x.needed.every(isStr) &&
    Array.isArray(x.whole) &&
    x.whole.every(isStr) &&
    isPairs(x.factsKeys, isStr) &&
    isPairs(x.infos, isInfo) &&
    isPairs(x.outlines, (v) => Array.isArray(v))
  );
}
