/**
 * The scan plan: which files to link and which of their chunks (outline.ts) to parse, decided from
 * outlines before anything is parsed.
 *
 * A chunk is *hot* when it may lead to a vendor: its text matches the pre-filter (a vendor package,
 * global, host, HTTP client, guard), it declares a deletion handler, or it mentions a name that a hot
 * chunk declares, or an import of another file's hot export. Hot exports follow re-exports and namespace
 * imports. Every file with a hot chunk is linked, exactly the files that can hold a call site. A file's
 * parse then keeps its hot chunks, its re-exports, and, transitively, every chunk declaring a
 * name a kept chunk mentions, in this file or (through imports) in another, so that whatever the linker
 * looks up from a kept chunk (a URL constant, a base class, a type's fields) is in the parsed text. The
 * rest is blanked. Both directions over-approximate by name, never by scope: a chunk is kept too often,
 * never too seldom.
 */
import type { Outline } from './outline.js';

/** Kept chunk indices, sorted, or `full` for the whole text. */
export type Focus = number[] | 'full';

export interface PlanInput {
  /** Files with pre-filter matches or a deletion handler: the chunks that match, or `all`. */
  seeds: Map<string, number[] | 'all'>;
  outline: (file: string) => Outline | undefined;
  /** Files importing or re-exporting from `target`, with the names they take (`*`: any). */
  dependents: (target: string) => readonly { file: string; names: readonly string[] | '*' }[];
  /** Text-level imports of a file, resolved (for files whose outline could not be read). */
  projectImports: (file: string) => readonly { target: string; names: readonly string[] | '*' }[];
  resolve: (file: string, specifier: string) => string | undefined;
  /**
   * False when a file certainly does not use a name it imports (its text names it once, in the import), so
   * it need not be outlined for it; true when it may.
   */
  mayUseImport?: (file: string, name: string) => boolean;
}

export interface ScanPlan {
  /** Files whose calls the linker classifies. */
  linked: string[];
  /** What to parse of each planned file; files not listed are parsed whole when asked for. */
  focus: Map<string, Focus>;
  /** Every name the plan looked up in the exports of some file (`*`: all of them). */
  needed: Set<string>;
  /** Files it took whole (all their chunks, whatever they are), planned or not. */
  whole: Set<string>;
}

export function planScan(input: PlanInput): ScanPlan {
  const hot = new Map<string, Set<number>>();
  const hotExports = new Map<string, Set<string>>();
  const queue: [string, number][] = [];
  const resolved = new Map<string, string | undefined>();
  const whole = new Set<string>();

  const resolve = (file: string, specifier: string): string | undefined => {
    const key = `${file}\u0000${specifier}`;
    if (resolved.has(key)) return resolved.get(key);
    const target = input.resolve(file, specifier);
    resolved.set(key, target);
    return target;
  };
  const markHot = (file: string, k: number): void => {
    let set = hot.get(file);
    if (!set) hot.set(file, (set = new Set()));
    if (set.has(k)) return;
    set.add(k);
    queue.push([file, k]);
  };
  const allHot = (file: string): void => {
    const outline = input.outline(file);
    if (!outline) return;
    whole.add(file);
    if (!hot.has(file)) hot.set(file, new Set());
    outline.chunks.forEach((_, k) => markHot(file, k));
    markExport(file, '*');
  };
  const markExport = (file: string, name: string): void => {
    let set = hotExports.get(file);
    if (!set) hotExports.set(file, (set = new Set()));
    if (set.has(name) || set.has('*')) return;
    set.add(name);
    for (const dependent of input.dependents(file)) {
      if (name !== '*' && dependent.names !== '*' && (!dependent.names.includes(name) || input.mayUseImport?.(dependent.file, name) === false)) continue;
      const outline = input.outline(dependent.file);
      if (!outline) continue;
      if (!outline.ok) {
        if (!hot.has(dependent.file)) allHot(dependent.file);
        continue;
      }
      for (const binding of outline.imports) {
        if (binding.imported !== '*' && name !== '*' && binding.imported !== name) continue;
        if (resolve(dependent.file, binding.specifier) !== file) continue;
        // The statements using the binding are hot, not the import itself: an import nothing uses leads
        // nowhere (a kept use keeps its import), and the import's other bindings stay cold.
        for (const k of referring(outline, binding.local)) markHot(dependent.file, k);
      }
      for (const d of outline.dynamic) if (resolve(dependent.file, d.specifier) === file) markHot(dependent.file, d.chunk);
      for (const r of outline.reexports) {
        if (resolve(dependent.file, r.specifier) !== file) continue;
        if (r.pairs === '*') {
          if (name !== 'default') markExport(dependent.file, name);
        } else for (const [imported, exported] of r.pairs) if (imported === name || imported === '*' || name === '*') markExport(dependent.file, exported);
      }
    }
  };

  for (const [file, seeds] of input.seeds) {
    const outline = input.outline(file);
    if (!outline) continue;
    if (seeds === 'all' || !outline.ok || outline.whole) allHot(file);
    else for (const k of seeds) markHot(file, k);
  }
  while (queue.length) {
    const [file, k] = queue.pop()!;
    const outline = input.outline(file)!;
    const chunk = outline.chunks[k]!;
    for (const name of chunk.declares) for (const j of referring(outline, name)) markHot(file, j);
    // A name it assigns may now hold a vendor client: where it is declared is as hot as this chunk.
    for (const name of chunk.assigns) for (const j of declaring(outline, name)) markHot(file, j);
    for (const [exported] of chunk.exports) markExport(file, exported);
    // A re-export of an outside package (`export * from 'posthog-js'`) hands on whatever it names; one of
    // a project file passes on that file's hot exports, which `markExport` already follows.
    for (const r of outline.reexports) {
      if (r.chunk !== k || resolve(file, r.specifier) !== undefined) continue;
      if (r.pairs === '*') markExport(file, '*');
      else for (const [, exported] of r.pairs) markExport(file, exported);
    }
    if (outline.cjs) markExport(file, '*');
  }

  // What to parse: the hot chunks and everything they mention, across files.
  const kept = new Map<string, Set<number> | 'full'>();
  const todo: [string, number][] = [];
  const isLinked = (file: string): boolean => (hot.get(file)?.size ?? 0) > 0;
  /** Files reached from a kept chunk of a file that is not linked. */
  const cut = new Set<string>();
  /** Cut files that are not linked: left out of the plan, parsed whole when asked for. */
  const unplanned = new Set<string>();
  /** What a kept chunk of `from` uses in `target`: needed when `from` is linked, else cut. */
  const follow = (from: string, target: string, name: string): void => {
    if (!isLinked(from)) cut.add(target);
    else if (name === '*') keepFull(target);
    else need(target, name);
  };
  const keepChunk = (file: string, k: number): void => {
    if (unplanned.has(file)) return;
    let set = kept.get(file);
    if (set === 'full') return;
    if (!set) kept.set(file, (set = new Set()));
    if (set.has(k)) return;
    set.add(k);
    todo.push([file, k]);
  };
  const keepFull = (file: string): void => {
    whole.add(file);
    if (kept.get(file) === 'full' || unplanned.has(file)) return;
    const before = kept.get(file);
    kept.set(file, 'full');
    const outline = input.outline(file);
    if (outline?.ok) {
      outline.chunks.forEach((_, k) => {
        if (before === undefined || before === 'full' || !before.has(k)) todo.push([file, k]);
      });
    } else {
      // What it mentions is unknown: whatever it imports from the project may be looked up.
      for (const imp of input.projectImports(file)) {
        if (imp.names === '*') follow(file, imp.target, '*');
        else for (const name of imp.names) follow(file, imp.target, name);
      }
    }
  };
  const exportSets = new Map<string, Set<string> | 'any'>();
  /** Every name a file exports, itself or through re-exports (`any` when its outline cannot tell). */
  const allExports = (file: string, depth = 0): Set<string> | 'any' => {
    const known = exportSets.get(file);
    if (known) return known;
    exportSets.set(file, new Set()); // a cycle of `export *` adds nothing
    const outline = input.outline(file);
    if (!outline || !outline.ok || outline.cjs) {
      exportSets.set(file, 'any');
      return 'any';
    }
    const names = new Set<string>();
    for (const chunk of outline.chunks) for (const [exported] of chunk.exports) names.add(exported);
    let any = false;
    for (const r of outline.reexports) {
      if (r.pairs !== '*') {
        for (const [, exported] of r.pairs) names.add(exported);
        continue;
      }
      const target = resolve(file, r.specifier);
      if (target === undefined || depth >= 16) continue;
      const inner = allExports(target, depth + 1);
      if (inner === 'any') any = true;
      else for (const name of inner) if (name !== 'default') names.add(name);
    }
    const result = any ? 'any' : names;
    exportSets.set(file, result);
    return result;
  };
  /** Does a file export `name` (itself or through re-exports)? */
  const exportsName = (file: string, name: string): boolean => {
    const names = allExports(file);
    return names === 'any' || names.has(name);
  };
  const needed = new Set<string>();
  const neededNames = new Set<string>();
  const need = (file: string, name: string): void => {
    const key = `${file}\u0000${name}`;
    if (needed.has(key)) return;
    needed.add(key);
    neededNames.add(name);
    const outline = input.outline(file);
    if (!outline) return;
    if (name === '*' || !outline.ok || outline.cjs) {
      keepFull(file);
      return;
    }
    const own = exporting(outline, name);
    let found = own.length > 0;
    for (const k of own) keepChunk(file, k);
    for (const r of outline.reexports) {
      const target = resolve(file, r.specifier);
      // The re-export itself is parsed too: the linker follows it through this file's facts.
      if (r.pairs === '*') {
        if (name !== 'default' && target !== undefined && exportsName(target, name)) {
          keepChunk(file, r.chunk);
          need(target, name);
          found = true;
        }
      } else {
        for (const [imported, exported] of r.pairs) {
          if (exported !== name) continue;
          keepChunk(file, r.chunk);
          found = true;
          if (target !== undefined) need(target, imported);
        }
      }
    }
    // An export form the outline does not know: parse it all.
    if (!found) keepFull(file);
  };

  for (const [file, chunks] of hot) {
    if (input.outline(file)?.whole) keepFull(file);
    for (const k of chunks) keepChunk(file, k);
  }
  const drain = (): void => {
    while (todo.length) {
      const [file, k] = todo.pop()!;
      const outline = input.outline(file)!;
      const chunk = outline.chunks[k]!;
      for (const ref of chunk.refs) {
        for (const j of declaring(outline, ref)) keepChunk(file, j);
        for (const binding of outline.imports) {
          if (binding.local !== ref) continue;
          const target = resolve(file, binding.specifier);
          if (target !== undefined && target !== file) follow(file, target, binding.imported);
        }
      }
      for (const d of outline.dynamic) {
        if (d.chunk !== k) continue;
        const target = resolve(file, d.specifier);
        if (target !== undefined && target !== file) follow(file, target, '*');
      }
    }
  };
  drain();
  // A file that is only looked up (not linked) needs its kept chunks, not what their bodies use in other
  // files: those references are cut. A file they lead to is then parsed whole if the linker asks for it
  // (or, when linked itself, planned whole), never partly for another reason, so no lookup can miss.
  for (;;) {
    const targets = [...cut];
    cut.clear();
    let again = false;
    for (const target of targets) {
      if (isLinked(target)) {
        if (kept.get(target) !== 'full') {
          keepFull(target);
          again = true;
        }
      } else {
        kept.delete(target);
        unplanned.add(target);
      }
    }
    if (!again) break;
    drain();
  }

  // A file whose outline can be trusted is planned as its list of chunks, even all of them: its facts are
  // then cached by its focused text, which a line added after its last chunk does not change.
  const focus = new Map<string, Focus>();
  for (const [file, set] of kept) {
    const outline = input.outline(file);
    if (!outline || !outline.ok) {
      focus.set(file, 'full');
      continue;
    }
    if (set === 'full') {
      focus.set(file, outline.chunks.map((_, k) => k));
      continue;
    }
    outline.chunks.forEach((chunk, k) => {
      if (chunk.kind === 'reexport') set.add(k);
    });
    focus.set(file, [...set].sort((a, b) => a - b));
  }
  const linked = [...hot.keys()].filter((file) => hot.get(file)!.size > 0).sort();
  return { linked, focus, needed: neededNames, whole };
}

/**
 * Whether a plan made with a file's outline `before` stands for the outline `after` of its edited text,
 * all else equal. The plan never reads a chunk's position, so the same chunks in other places change
 * nothing. Chunks added after the last one (a new export at the end of a file, the usual edit) change
 * nothing either when nothing can reach them: they mention none of the file's names (so no hot chunk
 * spreads to them), declare no name the file already declares or imports (so no kept chunk's mention
 * finds them), export no name the plan looked up in any file (`needed`, which also covers names found
 * through `export *`), and the plan did not take the file whole (which would take them too).
 */
export function outlineKeepsPlan(before: Outline, after: Outline, takenWhole: boolean, needed: ReadonlySet<string>): boolean {
  if (!before.ok || !after.ok || before.cjs !== after.cjs || before.whole !== after.whole) return false;
  if (after.chunks.length < before.chunks.length) return false;
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  if (!same(before.imports, after.imports) || !same(before.reexports, after.reexports) || !same(before.dynamic, after.dynamic)) return false;
  const sameChunks = before.chunks.every((chunk, k) => {
    const next = after.chunks[k]!;
    return chunk.kind === next.kind && same([chunk.declares, chunk.exports, chunk.refs, chunk.assigns], [next.declares, next.exports, next.refs, next.assigns]);
  });
  if (!sameChunks) return false;
  if (after.chunks.length === before.chunks.length) return true;
  if (takenWhole) return false;
  const names = new Set([...before.chunks.flatMap((chunk) => chunk.declares), ...before.imports.map((binding) => binding.local)]);
  return after.chunks
    .slice(before.chunks.length)
    .every(
      (chunk) =>
        chunk.kind === 'code' &&
        chunk.refs.length === 0 &&
        chunk.assigns.length === 0 &&
        chunk.declares.every((name) => !names.has(name)) &&
        chunk.exports.every(([name]) => !needed.has(name)),
    );
}

/** The chunks mentioning a name (asked a few times per file: a scan beats building an index). */
function referring(outline: Outline, name: string): number[] {
  const found: number[] = [];
  outline.chunks.forEach((chunk, k) => {
    if (chunk.refs.includes(name)) found.push(k);
  });
  return found;
}

/** Per outline, the chunks by a name they carry (in order, once each), built on first use. */
function chunkIndex(names: (chunk: Outline['chunks'][number]) => Iterable<string>): (outline: Outline, name: string) => readonly number[] {
  const memo = new WeakMap<Outline, Map<string, number[]>>();
  return (outline, name) => {
    let byName = memo.get(outline);
    if (!byName) {
      byName = new Map();
      outline.chunks.forEach((chunk, k) => {
        for (const n of names(chunk)) {
          const list = byName!.get(n);
          if (!list) byName!.set(n, [k]);
          else if (list.at(-1) !== k) list.push(k);
        }
      });
      memo.set(outline, byName);
    }
    return byName.get(name) ?? [];
  };
}

/** The chunks exporting a name. */
const exporting = chunkIndex((chunk) => chunk.exports.map(([exported]) => exported));
/** The chunks declaring a name. */
const declaring = chunkIndex((chunk) => chunk.declares);

/** The text ranges of the kept chunks, adjacent chunks merged. */
export function keptRanges(outline: Outline, focus: readonly number[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const k of focus) {
    const { start, end } = outline.chunks[k]!;
    const last = ranges.at(-1);
    if (last && last[1] === start) last[1] = end;
    else ranges.push([start, end]);
  }
  return ranges;
}

/**
 * The text to parse: the kept ranges as they are, the rest before them cut down to its line breaks and
 * the rest after the last one dropped, and so is trailing white space. Every range starts at a line's start, so each kept line keeps its
 * number and its columns; and an edit after the last kept range leaves the text, and its cached facts,
 * as they were.
 */
export function focusedText(text: string, keep: readonly [number, number][]): string {
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of keep) {
    if (start > at) parts.push(lineBreaksOf(text.slice(at, start)));
    parts.push(text.slice(start, end));
    at = end;
  }
  // Trailing blank lines and spaces change nothing parsed. (`trimEnd` removes what `/\s+$/` would, without
  // that expression's retries at every position of every blank run, which made it quadratic.)
  return parts.join('').trimEnd();
}

function lineBreaksOf(text: string): string {
  return text.replace(/[^\n\r\u2028\u2029]+/g, '');
}
