/**
 * Loading a data-map (SPEC section 2): find the files, parse each with positions, validate each against
 * the JSON Schema, merge them, normalise, and run the semantic checks. Every problem is reported at once,
 * located by file, line, column and document path. Bad input never throws.
 */
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import { isMap, isPair, isScalar, type Node } from 'yaml';
import { loadCatalog } from '../catalog/index.js';
import { createTaxonomy, isStatutoryCategory } from '../taxonomy/index.js';
import { semanticProblems } from './check.js';
import { formatPath, LIST_SECTIONS, Locations, OPT_OUT_LISTS, type Offsets } from './locate.js';
import { isRecord, normalizeMap, type Raw } from './normalize.js';
import { findMapFiles, readMapFile, type ParsedFile } from './read.js';
import { schemaProblems } from './schema.js';
import type { DataMap, LoadResult, MapProblem, SourceLocation } from './types.js';

export interface LoadOptions {
  /** `--map` as given (file or directory), relative to `cwd`; undefined -> `<root>/datamap.yaml`, then `<root>/.flowaudit/`. */
  map?: string;
  /** The scanned root (absolute). */
  root: string;
  /** The working directory (absolute); map file names in problems are relative to it. */
  cwd: string;
  /** Catalogue ids a vendor's `catalog` may name; default: the built-in catalogue. For tests. */
  catalogIds?: ReadonlySet<string>;
}

/** Sections that may be given once across the files of a directory (or identically in several). */
const SINGLE_SECTIONS = ['version', 'business', 'scan'] as const;

function topKeyLoc(parsed: ParsedFile, key: string): SourceLocation {
  const fallback = { file: parsed.file, line: 1, column: 1 };
  const contents = parsed.doc.contents;
  if (!isMap(contents)) return fallback;
  for (const pair of contents.items) {
    if (isPair(pair) && isScalar(pair.key) && pair.key.value === key) {
      const range = (pair.key as Node).range;
      if (!range) return fallback;
      const pos = parsed.lineCounter.linePos(range[0]);
      return { file: parsed.file, line: pos.line, column: pos.col };
    }
  }
  return fallback;
}

function builtInCatalogIds(): ReadonlySet<string> {
  try {
    return new Set(loadCatalog().entries.map((e) => e.id));
  } catch {
    // A broken catalogue is reported by the catalogue itself; the map check just cannot run.
    return new Set();
  }
}

function sameContent(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function merge(parsedFiles: ParsedFile[], locations: Locations, problems: MapProblem[]): Raw {
  const merged: Raw = { categories: [], systems: [], vendors: [], flows: [], notices: [], opt_out: { mechanisms: [], guards: [] } };
  const optOut = merged.opt_out as Record<string, unknown[]>;
  const origin = new Map<string, SourceLocation>();
  for (const parsed of parsedFiles) {
    const offsets: Offsets = new Map();
    for (const section of LIST_SECTIONS) offsets.set(section, (merged[section] as unknown[]).length);
    for (const list of OPT_OUT_LISTS) offsets.set(`opt_out.${list}`, optOut[list]!.length);
    locations.add(parsed, offsets);
    const fileStart = locations.of([], { file: parsed.file, line: 1, column: 1 });
    problems.push(...schemaProblems(parsed.data, offsets, locations, fileStart));

    const data = parsed.data;
    for (const section of SINGLE_SECTIONS) {
      if (!(section in data)) continue;
      const earlier = origin.get(section);
      if (earlier && !sameContent(merged[section], data[section])) {
        const at = topKeyLoc(parsed, section);
        problems.push({
          severity: 'error',
          ...at,
          path: section,
          message: `"${section}" is also defined at ${earlier.file}:${earlier.line}:${earlier.column} with different content; define it in one file`,
        });
        continue;
      }
      if (!earlier) origin.set(section, topKeyLoc(parsed, section));
      merged[section] = data[section];
    }
    for (const section of LIST_SECTIONS) {
      if (Array.isArray(data[section])) (merged[section] as unknown[]).push(...(data[section] as unknown[]));
    }
    if (isRecord(data.opt_out)) {
      for (const list of OPT_OUT_LISTS) {
        const items = data.opt_out[list];
        if (Array.isArray(items)) optOut[list]!.push(...items);
      }
    }
  }
  return merged;
}

function load(options: LoadOptions): LoadResult {
  const found = findMapFiles(options.map, options.root, options.cwd);
  if ('problem' in found) return { ok: false, problems: [found.problem] };

  const problems: MapProblem[] = [];
  const parsedFiles: ParsedFile[] = [];
  for (const file of found.files) {
    const result = readMapFile(file, options.cwd);
    if ('problem' in result) problems.push(result.problem);
    else parsedFiles.push(result);
  }
  if (parsedFiles.length === 0) return { ok: false, problems };

  const locations = new Locations();
  const merged = merge(parsedFiles, locations, problems);
  const rootLoc = locations.of([], { file: parsedFiles[0]!.file, line: 1, column: 1 });
  const map = normalizeMap(
    merged,
    parsedFiles.map((p) => p.file),
    locations,
    rootLoc,
  );
  const taxonomy = createTaxonomy(map.categories.filter((c) => c.id !== '' && isStatutoryCategory(c.ccpa)));
  // A file that failed to parse may hold the version: do not add a second, speculative problem.
  const hasVersion = merged.version !== undefined || parsedFiles.length < found.files.length;
  const catalogIds = options.catalogIds ?? builtInCatalogIds();
  problems.push(...semanticProblems({ map, taxonomy, locations, catalogIds, hasVersion }));

  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) return { ok: false, problems };

  // Purposes are stored canonically: fideslang aliases resolved (SPEC section 3).
  const canonical = (purpose: string): string => taxonomy.purpose(purpose)?.key ?? purpose;
  for (const flow of map.flows) flow.purposes = [...new Set(flow.purposes.map(canonical))];
  for (const notice of map.notices) notice.discloses.purposes = [...new Set(notice.discloses.purposes.map(canonical))];
  return { ok: true, map, warnings: problems };
}

/** Load, schema-validate and semantically check a data-map. Never throws for bad input. */
export function loadDataMap(options: LoadOptions): LoadResult {
  try {
    return load(options);
  } catch (error) {
    // Unreachable for any input we know of; still a clean exit-2 message rather than a stack trace.
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, problems: [{ severity: 'error', file: options.map ?? 'datamap.yaml', line: 1, column: 1, path: '', message: `internal error while loading the data-map: ${message}` }] };
  }
}

/** Globs that can never match anything we would warn about wrongly: negations and dependency folders. */
function checkable(glob: string): boolean {
  return glob.length > 0 && !glob.startsWith('!') && !glob.includes('node_modules');
}

/** Warnings for `paths`/`scan` globs that match no file (or folder) under `root`. */
export function checkGlobs(map: DataMap, root: string): MapProblem[] {
  const globs: { glob: string; path: string; fallback: SourceLocation }[] = [];
  map.systems.forEach((system, i) =>
    system.paths.forEach((glob, j) => globs.push({ glob, path: formatPath(['systems', i, 'paths', j]), fallback: system.loc })),
  );
  for (const list of ['exclude', 'include'] as const) {
    map.scan[list].forEach((glob, j) => globs.push({ glob, path: formatPath(['scan', list, j]), fallback: map.rootLoc }));
  }
  const toCheck = globs.filter((g) => checkable(g.glob));
  if (toCheck.length === 0) return [];

  let files: string[];
  try {
    files = globSync('**', { cwd: root, dot: true, onlyFiles: true, ignore: ['**/node_modules/**', '**/.git/**'], followSymbolicLinks: false });
  } catch {
    return [];
  }
  const candidates = new Set(files);
  for (const file of files) {
    for (let slash = file.indexOf('/'); slash > 0; slash = file.indexOf('/', slash + 1)) candidates.add(file.slice(0, slash));
  }
  const warnings: MapProblem[] = [];
  for (const { glob, path, fallback } of toCheck) {
    const normalized = glob.replace(/^\.\//, '');
    let matches: (p: string) => boolean;
    try {
      matches = picomatch(normalized, { dot: true });
    } catch {
      matches = () => false;
    }
    let found = false;
    for (const candidate of candidates) {
      if (matches(candidate)) {
        found = true;
        break;
      }
    }
    if (found) continue;
    const loc = map.locations?.get(path) ?? fallback;
    warnings.push({ severity: 'warning', file: loc.file, line: loc.line, column: loc.column, path, message: `glob "${glob}" matches no file under the scanned root` });
  }
  return warnings;
}
