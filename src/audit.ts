/** The pipeline in one screen: load map -> scan -> flows -> rules -> report. No process access here. */
import { relative } from 'node:path';
import { loadCatalog } from './catalog/index.js';
import { loadDataMapCached } from './data-map/cached.js';
import type { DataMap, MapProblem } from './data-map/types.js';
import { UsageError } from './errors.js';
import { buildFlows } from './flows/index.js';
import { toolVersion } from './package-root.js';
import type { AuditReport } from './report/types.js';
import { evaluateRules } from './rules/run.js';
import type { SeveritySetting } from './rules/types.js';
import { scanProject } from './scan/index.js';
import type { ScanResult } from './scan/types.js';
import { createTaxonomy } from './taxonomy/index.js';
import type { Taxonomy } from './taxonomy/types.js';
import type { Catalog } from './catalog/types.js';

export interface ScanOptions {
  /** Absolute root to scan. */
  root: string;
  /** Absolute working directory (map paths and reported map file names are relative to it). */
  cwd: string;
  map?: string;
  jobs?: number;
  cache: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface AuditOptions extends ScanOptions {
  ruleOverrides: Record<string, SeveritySetting>;
  timing: boolean;
  /** Fingerprints of a baseline: matching findings are reported as baselined. */
  baseline?: ReadonlySet<string>;
  /** Files (relative to root, POSIX) changed since a git ref: only their findings are reported. */
  changedFiles?: ReadonlySet<string>;
}

const CACHE_DIR = '.flowaudit-cache';

function invalidMap(problems: MapProblem[]): UsageError {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return new UsageError(`the data-map is invalid (${errors} problem${errors === 1 ? '' : 's'})`, problems);
}

function cacheDir(options: ScanOptions): string | undefined {
  return options.cache ? `${options.root}/${CACHE_DIR}` : undefined;
}

/** Load warnings (e.g. globs that match nothing) are `validate`'s to show; the audit reports findings. */
async function loadMap(options: ScanOptions, required: boolean): Promise<{ map?: DataMap }> {
  const result = await loadDataMapCached({ map: options.map, root: options.root, cwd: options.cwd }, cacheDir(options));
  if (result.ok) return { map: result.map };
  const missingOnly = result.problems.every((p) => p.message.startsWith('no data-map found'));
  if (!required && options.map === undefined && missingOnly) return {};
  if (missingOnly && result.problems.length === 1) {
    throw new UsageError(`${result.problems[0]!.message} (see docs/data-map.md; flowaudit scan lists what the code sends without a map)`);
  }
  throw invalidMap(result.problems);
}

function scanWith(map: DataMap | undefined, options: ScanOptions, taxonomy: Taxonomy, catalog: Catalog, timings?: Record<string, number>): Promise<ScanResult> {
  return scanProject({
    root: options.root,
    catalog,
    taxonomy,
    vendors: map?.vendors ?? [],
    systems: map?.systems ?? [],
    guards: map?.opt_out.guards ?? [],
    deletionHandlers: (map?.systems ?? []).flatMap((s) => (s.deletion?.handler ? [{ system: s.id, handler: s.deletion.handler }] : [])),
    exclude: map?.scan.exclude ?? [],
    include: map?.scan.include ?? [],
    jobs: options.jobs,
    cacheDir: cacheDir(options),
    onProgress: options.onProgress,
    timings,
  });
}

/** `flowaudit scan`: the inventory; the map is optional (catalogue only without it). */
export async function runScan(options: ScanOptions): Promise<ScanResult> {
  const { map } = await loadMap(options, false);
  return scanWith(map, options, createTaxonomy(map?.categories ?? []), loadCatalog());
}

/** `flowaudit audit`: the full verdict. Throws UsageError when the audit cannot run. */
export async function runAudit(options: AuditOptions): Promise<AuditReport> {
  const timings: Record<string, number> = {};
  const time = <T>(stage: string, fn: () => T): T => {
    const start = performance.now();
    const value = fn();
    timings[stage] = Math.round(performance.now() - start);
    return value;
  };
  const start = performance.now();
  const { map } = await loadMap(options, true);
  timings.load = Math.round(performance.now() - start);
  if (!map) throw new UsageError('no data-map found');
  const taxonomy = createTaxonomy(map.categories);
  const catalog = loadCatalog();
  const scanStart = performance.now();
  const scanTimings: Record<string, number> = {};
  const scan = await scanWith(map, options, taxonomy, catalog, scanTimings);
  timings.scan = Math.round(performance.now() - scanStart);
  for (const [phase, ms] of Object.entries(scanTimings)) timings[`scan.${phase}`] = ms;
  const flows = time('flows', () => buildFlows(map, scan, taxonomy, catalog));
  const evaluation = time('rules', () =>
    evaluateRules({ map, flows, scan, taxonomy, catalog }, { overrides: options.ruleOverrides, baseline: options.baseline, changedFiles: options.changedFiles }),
  );
  timings.total = Math.round(performance.now() - start);

  const findings = evaluation.findings;
  const report: AuditReport = {
    schemaVersion: 1,
    tool: { name: 'flowaudit', version: toolVersion },
    root: relative(options.cwd, options.root).split('\\').join('/') || '.',
    dataMap: map.files,
    summary: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      infos: findings.filter((f) => f.severity === 'info').length,
      suppressed: evaluation.suppressed.filter((f) => f.suppressed?.kind === 'comment').length,
      baselined: evaluation.suppressed.filter((f) => f.suppressed?.kind === 'baseline').length,
      flows: flows.length,
      callSites: scan.callSites.length,
      files: scan.files,
      skipped: scan.skipped.length,
      unresolved: scan.unresolved.length,
    },
    flows,
    findings,
    suppressedFindings: evaluation.suppressed,
    unresolved: scan.unresolved,
    skipped: scan.skipped,
    rules: evaluation.ruleMeta,
    ...(options.baseline ? { staleBaseline: evaluation.staleBaseline } : {}),
    ...(options.timing ? { timings } : {}),
  };
  return report;
}
