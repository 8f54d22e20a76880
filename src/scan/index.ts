/**
 * `scanProject` (SPEC section 5): discover files, pre-filter by text, extract per-file facts (cached by
 * content hash), then link them into call sites. Never executes scanned code; never throws on bad input
 * files (they are listed in `skipped`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { toolVersion } from '../package-root.js';
import { FactsCache, readCachedResult, writeCachedResult } from './cache.js';
import { buildDetection, buildScanContext, type ScanContext, type ScanContextSetup } from './context.js';
import { discoverConfigFiles, discoverFiles } from './discover.js';
import type { ExtractOutcome } from './extract-file.js';
import type { FileFacts } from './facts.js';
import { buildImportGraph, type ImportGraph } from './import-graph.js';
import { Linker, type LinkOutput } from './link.js';
import type { TextReexport } from './imports.js';
import { primeOutlineLexer } from './outline-primer.js';
import { chunksAt, namedOnceUnaliased, outlineOf as lexOutline, type Outline } from './outline.js';
import { focusedText, keptRanges, planScan, type Focus, type ScanPlan } from './plan.js';
import { recording, reusedPlan, writePlanRecord, type PlanQuestions, type ReusedPlan, type Seeds } from './plan-record.js';
import { bufferHash, FileIndex, type FileInfo } from './file-index.js';
import { ExtractionPool, extractionThreads, type ExtractJob } from './pool.js';
import { buildPrefilter, buildPrefilterPositions } from './prefilter.js';
import { readStatRecord, recordResult, StatDigest, standingResult } from './stat-record.js';
import type { GpcRead, ScanInput, ScanResult, SkippedFile, SuppressionComment } from './types.js';

/**
 * The code behind the cached per-file data (facts, pre-filter verdicts, text imports): what another build
 * of it cached is never reused.
 */
const EXTRACTOR_FINGERPRINT: string = (() => {
  const here = fileURLToPath(import.meta.url);
  const hash = createHash('sha256');
  for (const name of ['extract', 'extract-file', 'guards', 'facts', 'prefilter', 'imports', 'values', 'modules', 'file-index', 'outline', 'plan', 'plan-record', 'import-graph']) {
    try {
      hash.update(readFileSync(join(dirname(here), `${name}${extname(here)}`)));
    } catch {
      hash.update(name);
    }
  }
  return hash.digest('hex').slice(0, 16);
})();

export async function scanProject(input: ScanInput): Promise<ScanResult> {
  const root = input.root;
  const timings = input.timings ?? {};
  let lapStart = performance.now();
  /** Ends a phase of `timings`. */
  const lap = (phase: string): void => {
    const now = performance.now();
    timings[phase] = Math.round(now - lapStart);
    lapStart = now;
  };
  const [discovery, configs] = await Promise.all([discoverFiles(root, input.exclude, input.include), discoverConfigFiles(root)]);
  const skipped: SkippedFile[] = [...discovery.skipped];
  const contextSetup: ScanContextSetup = {
    root,
    catalog: input.catalog,
    vendors: input.vendors,
    guards: input.guards,
    files: discovery.files,
    tsconfigs: configs.tsconfigs,
    packageJsons: configs.packageJsons,
  };
  const detection = buildDetection(contextSetup);
  lap('discover');
  const { detectors, guards } = detection;
  /** The rest of the context (module resolver, extraction options): built when the whole-result cache misses. */
  let context: ScanContext | undefined;
  const mentionsSomething = buildPrefilter(detectors);
  const cacheKey = `${toolVersion}\u0000${EXTRACTOR_FINGERPRINT}\u0000${detectors.fingerprint}\u0000${guards.fingerprint}`;
  let cache: FactsCache | undefined;
  /** The facts cache, read when first asked for (a run whose link result is cached never reads it). */
  const factsCache = (): FactsCache | undefined => (cache ??= input.cacheDir ? FactsCache.open(input.cacheDir, cacheKey) : undefined);
  /** Per file, the facts cache key its facts were taken from. */
  const keyUsed = new Map<string, string>();
  const extractionSkipped: SkippedFile[] = [];

  /** The files analysed (not skipped) and what the index knows of them. */
  const infos = new Map<string, FileInfo>();
  const factsByFile = new Map<string, FileFacts | null>();
  let lines = 0;
  let done = 0;
  const total = discovery.files.length;
  const handlerFiles = new Set(input.deletionHandlers.map((h) => h.handler.split('#')[0]!.replace(/^\.\//, '')));

  const cachedFacts = (file: string, hash: string): FileFacts | undefined => {
    const facts = factsCache()?.get(file, hash);
    if (facts) keyUsed.set(file, hash);
    // Stale when a package it took for external now resolves to a project file (a new workspace package).
    return facts?.externalSpecs?.some((spec) => context!.keepImport(file, spec)) ? undefined : facts;
  };
  const settle = (file: string, hash: string, outcome: ExtractOutcome): FileFacts | undefined => {
    keyUsed.set(file, hash);
    if ('skipReason' in outcome) {
      extractionSkipped.push({ file, reason: outcome.skipReason });
      factsByFile.set(file, null);
      return undefined;
    }
    factsCache()?.set(file, hash, outcome.facts);
    factsByFile.set(file, outcome.facts);
    return outcome.facts;
  };
  // Loaded only when something must be parsed: an unchanged warm run never loads the TypeScript compiler.
  let extractOutcome: typeof import('./extract-file.js').extractOutcome | undefined;
  /** What to parse of each planned file (plan.ts); any other file the linker asks for is parsed whole. */
  let plan: ScanPlan = { linked: [], focus: new Map(), needed: new Set(), whole: new Set() };
  /** The plan of an earlier run, when it stands (plan-record.ts). */
  let reused: ReusedPlan | undefined;
  const outlines = new Map<string, { outline: Outline; seeds: number[] } | undefined>();
  const outlineOf = (file: string): { outline: Outline; seeds: number[] } | undefined => {
    if (outlines.has(file)) return outlines.get(file);
    const info = infos.get(file);
    const found = info ? fileIndex.outline(file, (text) => {
      const spans: number[] = [];
      const outline = lexOutline(text, !/\.[cm]?ts$/.test(file), info.mentions ? spans : undefined);
      return { outline, seeds: info.mentions ? chunksAt(outline, prefilterPositions(text, spans)) : [] };
    }) : undefined;
    outlines.set(file, found);
    return found;
  };
  const focusOf = (file: string): Focus => (input.wholeFiles ? 'full' : (plan.focus.get(file) ?? 'full'));
  /**
   * Facts are cached by the hash of the text parsed, the whole file or a focused text alike: an edit outside
   * the chunks a file's facts come from (most edits, and any line added after them) then needs no parse.
   * This is the key of the file as the index last saw it, when known without reading the file.
   */
  const knownKey = (file: string): string | undefined => {
    const hash = infos.get(file)?.hash;
    if (!hash) return undefined;
    const focus = focusOf(file);
    return focus === 'full' ? hash : (fileIndex.focusedHash(file, focus.join(',')) ?? reused?.factsKey(file));
  };
  const cachedFor = (file: string): FileFacts | undefined => {
    const key = knownKey(file);
    return key === undefined ? undefined : cachedFacts(file, key);
  };
  /** The extraction job of a file: its text, its cache key, and the ranges to parse when not all of it. */
  const job = (file: string): Job | undefined => {
    const source = infos.has(file) ? fileIndex.source(file) : undefined;
    if (!source) return undefined;
    const focus = focusOf(file);
    const outline = focus === 'full' ? undefined : outlineOf(file)?.outline;
    if (focus === 'full' || !outline || source.hash !== infos.get(file)!.hash) return { text: source.text, key: source.hash };
    const focused = focusedText(source.text, keptRanges(outline, focus));
    const focusedHash = bufferHash(focused);
    fileIndex.rememberFocusedHash(file, focus.join(','), focusedHash);
    return { text: source.text, key: focusedHash, focused };
  };
  /** Jobs `extractAhead` prepared and left to the linker to run, in-process. */
  const jobsAhead = new Map<string, Job>();
  /** Files the linker asked for before the extractor was loaded (see `link`). */
  const missed = new Set<string>();
  const parse = (file: string): FileFacts | undefined => {
    const known = factsByFile.get(file);
    if (known !== undefined) return known ?? undefined;
    const cached = cachedFor(file);
    if (cached) {
      factsByFile.set(file, cached);
      return cached;
    }
    const ahead = jobsAhead.get(file);
    jobsAhead.delete(file);
    const todo = ahead ?? job(file);
    if (!todo) {
      factsByFile.set(file, null);
      return undefined;
    }
    const facts = ahead ? undefined : cachedFacts(file, todo.key);
    if (facts) {
      factsByFile.set(file, facts);
      return facts;
    }
    if (!extractOutcome) {
      missed.add(file);
      return undefined;
    }
    return settle(file, todo.key, extractOutcome(file, todo.text, context!.extractOptions, todo.focused));
  };
  // Files about to be linked are extracted ahead, on worker threads when that pays (`--jobs`).
  let pool: ExtractionPool | undefined;
  const extractAhead = async (files: readonly string[]): Promise<void> => {
    const todo: ExtractJob[] = [];
    const keys = new Map<string, string>();
    for (const file of files) {
      if (factsByFile.has(file) || !infos.get(file)?.hash) continue;
      const facts = cachedFor(file);
      if (facts) {
        factsByFile.set(file, facts);
        continue;
      }
      const next = job(file);
      if (!next) continue;
      const known = cachedFacts(file, next.key);
      if (known) {
        factsByFile.set(file, known);
        continue;
      }
      todo.push(next.focused === undefined ? [file, next.text] : [file, next.text, next.focused]);
      keys.set(file, next.key);
      jobsAhead.set(file, next);
    }
    // The TypeScript compiler is loaded only when something is to be parsed.
    if (todo.length > 0) extractOutcome ??= (await import('./extract-file.js')).extractOutcome;
    if (!pool) {
      const count = extractionThreads(input.jobs, todo.length);
      if (count > 0) pool = new ExtractionPool(contextSetup, count, (file, text, focused) => extractOutcome!(file, text, context!.extractOptions, focused));
    }
    if (!pool || todo.length < 2) return; // extracted in-process as the linker asks for them
    try {
      const outcomes = await pool.extract(todo);
      for (const [file] of todo) {
        const outcome = outcomes.get(file);
        if (outcome) {
          settle(file, keys.get(file)!, outcome);
          jobsAhead.delete(file);
        }
      }
    } catch {
      // A worker that failed (out of memory, say) only costs speed: the rest are extracted in-process.
    }
  };

  const seeds: string[] = [];
  // Everything the result depends on, for the whole-result cache: inputs, configs and every file's content.
  const resultKey = input.cacheDir ? createHash('sha256').update(cacheKey).update(inputFingerprint(input)) : undefined;
  // What import resolution depends on: the file list and the configs' contents.
  const graphKey = createHash('sha256').update(discovery.files.join('\u0000'));
  for (const file of [...configs.tsconfigs, ...configs.packageJsons]) {
    graphKey.update(`\u0000${file}\u0000`);
    try {
      graphKey.update(readFileSync(join(root, file)));
    } catch {
      graphKey.update('-');
    }
  }
  const graphDigest = graphKey.digest('hex');
  resultKey?.update(graphDigest);
  for (const s of discovery.skipped) resultKey?.update(`\u0000${s.file}\u0000${s.reason}`);
  const describedAt = Date.now();
  const statInputs = `${cacheKey}\u0000${inputFingerprint(input)}\u0000${graphDigest}\u0000${JSON.stringify(discovery.skipped)}`;
  const statRecord = input.cacheDir ? readStatRecord(input.cacheDir) : undefined;
  /** Every file's size and modification time, taken when a recorded run may stand. */
  let stats: Map<string, { size: number; mtimeMs: number }> | undefined;
  if (statRecord) {
    const digest = new StatDigest(statInputs);
    stats = new Map();
    for (const file of discovery.files) {
      let stat = { size: -1, mtimeMs: -1 };
      try {
        stat = statSync(join(root, file));
      } catch {
        // as file-index.ts describes an unreadable file
      }
      stats.set(file, stat);
      digest.add(file, stat.size, stat.mtimeMs);
    }
    const standing = standingResult(statRecord, digest);
    const previous = standing ? readCachedResult<ScanResult>(input.cacheDir!, standing) : undefined;
    if (previous) {
      lap('describe');
      lap('cached');
      return previous;
    }
  }
  const fileIndex = FileIndex.open(root, mentionsSomething, input.cacheDir, cacheKey, graphDigest);
  const statDigest = input.cacheDir ? new StatDigest(statInputs) : undefined;
  /** Per discovered file, its content hash. */
  const hashes: (string | undefined)[] = [];
  for (const file of discovery.files) {
    const info = fileIndex.describe(file, stats?.get(file));
    statDigest?.add(file, info.size, info.mtimeMs);
    hashes.push(info.hash);
    resultKey?.update(`\u0001${file}\u0000${info.hash ?? '-'}\u0000${info.skip ?? ''}`);
    done++;
    input.onProgress?.(done, total);
    if (info.skip !== undefined) {
      skipped.push({ file, reason: info.skip });
      continue;
    }
    lines += info.lines;
    infos.set(file, info);
    if (info.mentions || handlerFiles.has(file)) seeds.push(file);
  }

  const resultDigest = resultKey?.digest('hex');
  lap('describe');
  if (input.cacheDir && resultDigest) {
    const previous = readCachedResult<ScanResult>(input.cacheDir, resultDigest);
    if (previous) {
      fileIndex.save();
      recordResult(input.cacheDir, statDigest!, resultDigest, describedAt);
      lap('cached');
      return previous;
    }
  }

  context = await buildScanContext(contextSetup, detection);
  const modules = context.modules;
  const prefilterPositions = buildPrefilterPositions(detectors);
  let graph: ImportGraph | undefined;
  /** The project's import graph, built when first needed: a run that reuses its plan and its link result never needs it. */
  const importGraph = (): ImportGraph =>
    (graph ??= buildImportGraph(infos, (file, specifiers) =>
      fileIndex.projectImports(file, () =>
        specifiers.flatMap((specifier): [string, string][] => {
          const target = modules.resolve(file, specifier);
          return target !== undefined && target !== file ? [[specifier, target]] : [];
        }),
      ),
    ));
  const handlerNames = new Map<string, string[]>();
  for (const h of input.deletionHandlers) {
    const [file, name] = h.handler.replace(/^\.\//, '').split('#');
    handlerNames.set(file!, [...(handlerNames.get(file!) ?? []), name ?? '*']);
  }
  /** A specifier resolved from a file: from its resolved imports when they hold it (resolving reads tsconfig files), else now. */
  const resolveKnown = (file: string, specifier: string): string | undefined => {
    const known = importGraph().importsOf.get(file)?.find((imp) => imp.specifier === specifier);
    if (known) return known.target;
    const info = infos.get(file);
    if (info?.imports.some((imp) => imp.specifier === specifier) || info?.reexports.some((r) => r.specifier === specifier)) return undefined;
    return modules.resolve(file, specifier);
  };
  /** A file's seeds: its chunks the pre-filter picks, and its deletion handlers' (`all` for the whole file). */
  const seedsOf = (file: string): Seeds | undefined => {
    if (!infos.get(file)?.mentions && !handlerFiles.has(file)) return undefined;
    const outlined = outlineOf(file);
    if (!outlined) return undefined;
    const names = handlerNames.get(file);
    const handlerChunks = (names ?? []).flatMap((name) =>
      outlined.outline.chunks.flatMap((chunk, k) => (chunk.declares.includes(name) || chunk.exports.some(([e]) => e === name) ? [k] : [])),
    );
    return names && (names.includes('*') || handlerChunks.length === 0) ? 'all' : [...outlined.seeds, ...handlerChunks];
  };
  // A default import's local name is not `default`; a re-exported name is named once and still used.
  const mayUseImport = (file: string, name: string): boolean =>
    name === 'default' || (infos.get(file)?.reexports.length ?? 1) > 0 || !fileIndex.importUnused(file, name, (text) => namedOnceUnaliased(text, name));
  const settingsDigest = input.cacheDir && resultDigest ? createHash('sha256').update(cacheKey).update(inputFingerprint(input)).update(graphDigest).digest('hex') : undefined;
  const planKey = settingsDigest && createHash('sha256').update(settingsDigest).update(String(input.wholeFiles === true)).digest('hex');
  reused = planKey
    ? reusedPlan(input.cacheDir!, planKey, {
        files: discovery.files,
        hashes,
        info: (file) => infos.get(file),
        savedInfo: (file, hash) => fileIndex.savedInfo(file, hash),
        savedOutline: (file, hash) => fileIndex.savedOutline(file, hash),
        outline: (file) => outlineOf(file)?.outline,
        seeds: seedsOf,
        mayUseImport,
      })
    : undefined;
  /** What this run's plan was made from, for the record of it. */
  let planned: { seeds: Map<string, Seeds>; questions: PlanQuestions } | undefined;
  if (!reused) importGraph();
  lap('resolve');
  if (reused) {
    plan = reused.plan;
    lap('outline');
  } else {
    if (infos.size >= PRIME_MIN_FILES) primeOutlineLexer();
    const planSeeds = new Map<string, Seeds>();
    for (const file of seeds) {
      const found = seedsOf(file);
      if (found) planSeeds.set(file, found);
    }
    lap('outline');
    const recorder = recording({
      seeds: planSeeds,
      outline: (file) => outlineOf(file)?.outline,
      dependents: (target) => importGraph().dependents.get(target) ?? [],
      projectImports: (file) => importGraph().importsOf.get(file) ?? [],
      resolve: resolveKnown,
      mayUseImport,
    });
    plan = planScan(recorder.input);
    planned = { seeds: planSeeds, questions: recorder.questions };
  }
  /**
   * Links round by round, as far as the linker's exact reach goes: first the files whose code the
   * pre-filter picked (and deletion handlers), then those importing what reaches a vendor, and so on. Only
   * files the plan links are candidates (the plan over-approximates that reach), and each is parsed only
   * when linked or looked up, with the plan's focus, so a file the plan over-approximated costs nothing.
   */
  const link = async (): Promise<ReturnType<Linker['finish']>> => {
    const { dependents, reexporters, importsOf } = importGraph();
    const linker = new Linker({
      facts: parse,
      modules,
      detectors,
      taxonomy: input.taxonomy,
      systems: input.systems,
      deletionHandlers: input.deletionHandlers,
      fileExists: (file) => existsSync(join(root, file)),
    });
    const candidates = new Set(plan.linked);
    let fresh = plan.linked.filter((file) => infos.get(file)?.mentions || handlerFiles.has(file));
    await extractAhead(fresh);
    linker.add(fresh);
    const reexportsOf = (file: string): TextReexport[] => infos.get(file)?.reexports ?? [];
    // Reach only grows as files are linked: what reached in one round still does in the next.
    const reached = { names: new Set<string>(), any: new Set<string>() };
    for (;;) {
      const reaches = exportReach(linker, resolveKnown, reexportsOf, (file) => factsByFile.has(file) && linker.isLinked(file), reached);
      // Only what the last round linked can newly reach, and through it the linked files that import it
      // (their functions may call it) or re-export it: only the files importing those are checked again.
      const affected = new Set(fresh);
      for (const file of affected) {
        for (const reexporter of reexporters.get(file) ?? []) affected.add(reexporter);
        for (const d of dependents.get(file) ?? []) if (linker.isLinked(d.file)) affected.add(d.file);
      }
      const check = new Set<string>();
      for (const file of affected) for (const d of dependents.get(file) ?? []) if (candidates.has(d.file) && !linker.isLinked(d.file)) check.add(d.file);
      // A checked file's imports of unaffected files reach no more than when it was last checked.
      fresh = [...check]
        .filter((file) => (importsOf.get(file) ?? []).some((imp) => affected.has(imp.target) && (imp.names === '*' ? reaches.any(imp.target) : imp.names.some((n) => reaches.name(imp.target, n)))))
        .sort();
      if (fresh.length === 0) break;
      await extractAhead(fresh);
      linker.add(fresh);
    }
    return linker.finish();
  };
  // The link result depends only on the plan and on the facts used: when every file the last link read
  // would give the same facts (same cache key), that link result stands, and nothing is linked or parsed.
  lap('plan');
  const linkKey = settingsDigest && createHash('sha256').update(settingsDigest).update(JSON.stringify([plan.linked, input.wholeFiles === true])).digest('hex');
  const currentKey = (file: string): string => (infos.get(file)?.hash ? (knownKey(file) ?? job(file)?.key ?? '-') : '-');
  const previousLink = linkKey ? readCachedResult<LinkResult>(input.cacheDir!, linkKey, LINK_FILE) : undefined;
  let linkResult: LinkResult;
  if (previousLink && isLinkResult(previousLink) && previousLink.files.every(([file, key]) => currentKey(file) === key)) {
    linkResult = previousLink;
  } else {
    let linked: ReturnType<Linker['finish']>;
    try {
      linked = await link();
      // The linker asked for a file with no facts cached before the compiler was loaded (nothing it linked
      // needed parsing): load it and link again.
      if (missed.size > 0) {
        extractOutcome = (await import('./extract-file.js')).extractOutcome;
        missed.clear();
        linked = await link();
      }
    } finally {
      await pool?.close();
    }
    const systemMatchers = input.systems.map((s) => ({ id: s.id, match: s.paths.length ? picomatch(s.paths, { dot: true }) : () => false }));
    const systemOf = (file: string): string => systemMatchers.find((s) => s.match(file))?.id ?? 'unassigned';
    const suppressions: SuppressionComment[] = [];
    const gpcReads: GpcRead[] = [];
    for (const [file, facts] of [...factsByFile.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!facts) continue;
      for (const s of facts.suppressions) {
        suppressions.push({
          file,
          line: s.line,
          column: s.column,
          kind: s.kind,
          ruleId: s.ruleId,
          ...(s.reason ? { reason: s.reason } : {}),
          ...(s.kind === 'next-line' ? { appliesToLine: s.line + 1 } : {}),
        });
      }
      for (const r of facts.gpcReads) gpcReads.push({ file, line: r.line, column: r.column, kind: r.kind, system: systemOf(file) });
    }
    linkResult = {
      files: [...factsByFile.keys()].sort().map((file) => [file, keyUsed.get(file) ?? '-']),
      ...linked,
      suppressions,
      gpcReads,
      extractionSkipped,
    };
    if (linkKey) writeCachedResult(input.cacheDir!, linkKey, linkResult, LINK_FILE);
  }
  lap('link');
  cache?.save();
  fileIndex.save();
  // A reused plan read few outlines: the saved ones stand.
  if (!reused) fileIndex.saveOutlines();
  if (planned && planKey) {
    writePlanRecord(input.cacheDir!, planKey, { files: discovery.files, hashes, plan, seeds: planned.seeds, questions: planned.questions, factsKeys: linkResult.files, unsaved: fileIndex.unsaved() });
  }
  const { suppressions, gpcReads } = linkResult;
  const linked = linkResult;
  skipped.push(...linkResult.extractionSkipped);
  const byPosition = <T extends { file: string; line: number; column: number }>(a: T, b: T): number =>
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column;

  const withSites = new Map<string, string>();
  for (const site of linked.callSites) withSites.set(site.file, site.system);

  const result: ScanResult = {
    files: discovery.files.length,
    lines,
    callSites: linked.callSites,
    unresolved: linked.unresolved,
    skipped: skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.reason < b.reason ? -1 : 1)),
    suppressions: suppressions.sort(byPosition),
    gpcReads: gpcReads.sort((a, b) => byPosition(a, b) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0)),
    handlers: linked.handlers,
    filesWithCallSites: [...withSites.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([file, system]) => ({ file, system })),
  };
  if (input.cacheDir && resultDigest) {
    writeCachedResult(input.cacheDir, resultDigest, result);
    recordResult(input.cacheDir, statDigest!, resultDigest, describedAt);
  }
  lap('save');
  return result;
}

const LINK_FILE = 'scan-link.json';
/** Files in a scan before priming the outline lexer pays (outline-primer.ts). */
const PRIME_MIN_FILES = 300;

/** What extracting a file takes: its text, its facts cache key, and the focused text to parse when not all of it. */
interface Job {
  text: string;
  key: string;
  focused?: string;
}

/** What linking gave, and the facts it read ([file, facts cache key]): `scan-link.json`. */
interface LinkResult extends LinkOutput {
  files: [string, string][];
  suppressions: SuppressionComment[];
  gpcReads: GpcRead[];
  extractionSkipped: SkippedFile[];
}

function isLinkResult(x: LinkResult): boolean {
  const isList = (v: unknown): boolean => Array.isArray(v);
  return (
    isList(x.files) &&
    x.files.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'string') &&
    isList(x.callSites) &&
    isList(x.unresolved) &&
    isList(x.handlers) &&
    isList(x.suppressions) &&
    isList(x.gpcReads) &&
    isList(x.extractionSkipped)
  );
}

/** The inputs a scan result depends on besides the files: catalogue, taxonomy, map settings. */
function inputFingerprint(input: ScanInput): string {
  const guards = input.guards.map((g) => [g.call, g.read, g.means]);
  const taxonomy = [...input.taxonomy.categories.values()].map((c) => [c.key, c.fields, c.exclude]);
  return JSON.stringify([input.root, input.catalog.entries, taxonomy, input.vendors, input.systems, guards, input.deletionHandlers, input.exclude, input.include]);
}

/**
 * Which exports of a file lead to a vendor: for a linked file, from its facts; for a file not parsed,
 * through its text-level re-exports (`export * from`, `export { a } from`) only — a file that is not
 * linked has no vendor calls of its own.
 */
function exportReach(
  linker: Linker,
  resolve: (file: string, specifier: string) => string | undefined,
  reexportsOf: (file: string) => TextReexport[],
  isLinked: (file: string) => boolean,
  /** What reached in earlier rounds (`file\0name`, and files any of whose exports reach); added to. */
  reached: { names: Set<string>; any: Set<string> },
): { name: (file: string, name: string) => boolean; any: (file: string) => boolean } {
  const nameMemo = new Map<string, Map<string, boolean>>();
  const anyMemo = new Map<string, boolean>();
  const name = (file: string, exported: string): boolean => {
    const linked = isLinked(file);
    const reexports = reexportsOf(file);
    if (!linked && reexports.length === 0) return false; // most imports: a file with no vendor calls
    if (reached.names.has(`${file}\u0000${exported}`)) return true;
    let byName = nameMemo.get(file);
    if (!byName) nameMemo.set(file, (byName = new Map()));
    const known = byName.get(exported);
    if (known !== undefined) return known;
    byName.set(exported, false);
    let result = linked && linker.exportReaches(file, exported);
    if (!result) {
      for (const r of reexports) {
        const target = resolve(file, r.specifier);
        if (!target || target === file) continue;
        if (r.star && exported !== 'default' && name(target, exported)) result = true;
        for (const [from, as] of r.pairs) if (as === exported && (from === '*' ? any(target) : name(target, from))) result = true;
        if (result) break;
      }
    }
    byName.set(exported, result);
    if (result) reached.names.add(`${file}\u0000${exported}`);
    return result;
  };
  const any = (file: string): boolean => {
    const known = anyMemo.get(file);
    if (known !== undefined) return known;
    if (reached.any.has(file)) return true;
    anyMemo.set(file, false);
    let result = isLinked(file) && linker.anyExportReaches(file);
    if (!result) {
      result = reexportsOf(file).some((r) => {
        const target = resolve(file, r.specifier);
        return target !== undefined && target !== file && (r.star || r.pairs.length > 0) && any(target);
      });
    }
    anyMemo.set(file, result);
    if (result) reached.any.add(file);
    return result;
  };
  return { name, any };
}
