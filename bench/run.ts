/**
 * `npm run bench` — is a full audit faster than parsing every file once with the TypeScript parser?
 *
 *   npm run bench -- [--sizes 100k,500k,1m] [--runs 3] [--build] [--timeout 1800] [--results bench/results.json]
 *
 * For each size: generate `bench/corpus/<size>` if missing or stale, then on the same files time, as
 * whole-process wall time of a child process (median of --runs):
 *   baseline   read + ts.createSourceFile(setParentNodes) + full ts.forEachChild walk of every scanned file
 *   cold       flowaudit audit with no .flowaudit-cache
 *   warm       flowaudit audit again, nothing changed
 *   one-change flowaudit audit after appending a line to one vendor-calling file (restored afterwards)
 * (the four interleaved in rounds) * plus each child's peak RSS, files/s and lines/s, the ratios to the baseline, and the 1M/500k cold ratio.
 * Prints a table and writes bench/results.json. See bench/README.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileBaseline } from './compile-baseline.js';
import { GENERATOR_VERSION, generateCorpus, type CorpusSummary } from './generate.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(BENCH_DIR, '..');
const CORPUS_DIR = join(BENCH_DIR, 'corpus');
const CLI = join(REPO, 'bin', 'flowaudit.js');
const TIME = '/usr/bin/time';

/** The issue's targets (SPEC section 8: "well under the time that parsing every file once takes"). */
export const TARGETS = {
  coldOverBaseline: 0.5,
  warmOverBaseline: 0.1,
  oneChangeOverBaseline: 0.15,
  peakRssMb: 1024,
  cold1mOver500k: 2.2,
} as const;

// ---------------------------------------------------------------------------------------------------------
// Options

interface Options {
  sizes: string[];
  runs: number;
  build: boolean;
  timeoutSeconds: number;
  results: string;
}

function sizeToLines(size: string): number {
  const match = /^(\d+(?:\.\d+)?)([km])$/i.exec(size);
  if (!match) throw new Error(`--sizes: "${size}" is not a size such as 100k or 1m`);
  return Math.round(Number(match[1]) * (match[2]!.toLowerCase() === 'k' ? 1_000 : 1_000_000));
}

function parseOptions(argv: string[]): Options {
  const options: Options = { sizes: ['100k', '500k', '1m'], runs: 3, build: false, timeoutSeconds: 1800, results: join(BENCH_DIR, 'results.json') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--sizes') options.sizes = value().split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
    else if (arg === '--runs') options.runs = Number(value());
    else if (arg === '--build') options.build = true;
    else if (arg === '--timeout') options.timeoutSeconds = Number(value());
    else if (arg === '--results') options.results = resolve(value());
    else throw new Error(`unknown option ${arg} (options: --sizes 100k,500k,1m --runs 3 --build --timeout <s> --results <file>)`);
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error('--runs takes a whole number >= 1');
  if (!(options.timeoutSeconds > 0)) throw new Error('--timeout takes a number of seconds');
  for (const size of options.sizes) sizeToLines(size);
  return options;
}

// ---------------------------------------------------------------------------------------------------------
// Child processes: wall time and peak RSS

interface ChildRun {
  wallMs: number;
  /** Peak resident set size in MB, or null when it could not be measured. */
  peakRssMb: number | null;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

/** GNU time's `-f %M` (max RSS in KB) when it works here, else polling VmHWM in /proc/<pid>/status. */
const useGnuTime = ((): boolean => {
  if (!existsSync(TIME)) return false;
  const probe = join(tmpdir(), `flowaudit-bench-time-${process.pid}`);
  const result = spawnSync(TIME, ['-f', '%M', '-o', probe, process.execPath, '-e', '0']);
  const ok = result.status === 0 && existsSync(probe) && /^\d+\s*$/m.test(readFileSync(probe, 'utf8'));
  rmSync(probe, { force: true });
  return ok;
})();

function readVmHwmKb(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

function runChild(args: string[], timeoutSeconds: number): Promise<ChildRun> {
  const rssFile = join(tmpdir(), `flowaudit-bench-rss-${process.pid}-${Math.floor(performance.now() * 1000)}`);
  const command = useGnuTime ? TIME : process.execPath;
  const commandArgs = useGnuTime ? ['-f', '%M', '-o', rssFile, process.execPath, ...args] : args;
  return new Promise((resolvePromise) => {
    const start = performance.now();
    const child = spawn(command, commandArgs, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout = (stdout + chunk).slice(-100_000)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-100_000)));
    let polledKb: number | null = null;
    const poller = useGnuTime
      ? undefined
      : setInterval(() => {
          const kb = child.pid === undefined ? null : readVmHwmKb(child.pid);
          if (kb !== null) polledKb = Math.max(polledKb ?? 0, kb);
        }, 10);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutSeconds * 1000);
    child.on('close', (exitCode, signal) => {
      const wallMs = performance.now() - start;
      clearTimeout(timer);
      if (poller) clearInterval(poller);
      let peakKb = polledKb;
      if (useGnuTime && existsSync(rssFile)) {
        const numbers = readFileSync(rssFile, 'utf8').trim().split('\n').filter((l) => /^\d+$/.test(l.trim()));
        if (numbers.length > 0) peakKb = Number(numbers[numbers.length - 1]);
        rmSync(rssFile, { force: true });
      }
      resolvePromise({ wallMs, peakRssMb: peakKb === null ? null : Math.round(peakKb / 102.4) / 10, exitCode, signal, timedOut, stdout, stderr });
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Measurements

interface Measurement {
  /** Median whole-process wall time over the successful runs, in ms. */
  medianMs: number | null;
  runsMs: number[];
  /** Largest peak RSS over the runs, MB. */
  peakRssMb: number | null;
  filesPerSecond: number | null;
  linesPerSecond: number | null;
  exitCodes: Array<number | null>;
  /** Why the command could not run (exit code 2, a crash or a timeout): the first error text. */
  error?: string;
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round1 = (x: number): number => Math.round(x * 10) / 10;
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function summarize(runs: ChildRun[], succeeded: (run: ChildRun) => boolean, corpus: CorpusSummary): Measurement {
  const ok = runs.filter(succeeded);
  const medianMs = median(ok.map((r) => r.wallMs));
  const rss = runs.map((r) => r.peakRssMb).filter((x): x is number => x !== null);
  const failed = runs.find((r) => !succeeded(r));
  const measurement: Measurement = {
    medianMs: medianMs === null ? null : Math.round(medianMs),
    runsMs: runs.map((r) => Math.round(r.wallMs)),
    peakRssMb: rss.length > 0 ? Math.max(...rss) : null,
    filesPerSecond: medianMs === null ? null : Math.round(corpus.scannableFiles / (medianMs / 1000)),
    linesPerSecond: medianMs === null ? null : Math.round(corpus.scannableLines / (medianMs / 1000)),
    exitCodes: runs.map((r) => r.exitCode),
  };
  if (failed) {
    const reason = failed.timedOut ? `timed out` : failed.signal ? `killed by ${failed.signal}` : `exit code ${failed.exitCode}`;
    measurement.error = `${reason}: ${failed.stderr.trim().slice(0, 2000) || '(no stderr)'}`;
  }
  return measurement;
}

function ensureCorpus(size: string): { dir: string; corpus: CorpusSummary; generatedInSeconds: number | null } {
  const dir = join(CORPUS_DIR, size);
  const lines = sizeToLines(size);
  const summaryPath = join(dir, 'corpus.json');
  if (existsSync(summaryPath)) {
    const corpus = JSON.parse(readFileSync(summaryPath, 'utf8')) as CorpusSummary;
    if (corpus.generatorVersion === GENERATOR_VERSION && corpus.targetLines === lines && corpus.seed === 1) return { dir, corpus, generatedInSeconds: null };
  }
  process.stdout.write(`generating ${relative(REPO, dir)} (${lines} lines)... `);
  const start = performance.now();
  const corpus = generateCorpus({ lines, out: dir, seed: 1 });
  const seconds = round1((performance.now() - start) / 1000);
  process.stdout.write(`${corpus.files} files, ${corpus.lines} lines in ${seconds} s\n`);
  return { dir, corpus, generatedInSeconds: seconds };
}

const auditArgs = (dir: string): string[] => [CLI, 'audit', dir, '--format', 'json', '--output', '/dev/null', '--fail-on', 'none'];
/**
 * With --fail-on none a finished audit exits 0. Exit 2 is "could not run", and exit 1 is then not findings:
 * it is node's own code for an uncaught error (e.g. a dist/ being rebuilt under it).
 */
const auditRan = (run: ChildRun): boolean => !run.timedOut && run.exitCode === 0;

interface SizeResult {
  size: string;
  corpus: {
    files: number;
    scannableFiles: number;
    lines: number;
    scannableLines: number;
    bytes: number;
    packages: number;
    generatedInSeconds: number | null;
  };
  densities: CorpusSummary['densities'];
  baseline: Measurement & { nodes?: number };
  cold: Measurement;
  warm: Measurement;
  oneChange: Measurement & { changedFile: string };
  ratios: { coldOverBaseline: number | null; warmOverBaseline: number | null; oneChangeOverBaseline: number | null };
  /** One extra, untimed warm audit that writes its report (with --timing), to check what the audit saw. */
  check: AuditCheck;
}

interface AuditCheck {
  ran: boolean;
  /** From the report's summary. */
  files?: number;
  callSites?: number;
  unresolved?: number;
  skipped?: number;
  flows?: number;
  findings?: number;
  /** The audit's own stage timings (ms), from --timing. */
  timings?: Record<string, number>;
  /** What the generator planted (outermost call sites) and how many files should be scanned. */
  plantedCallSites: number;
  scannableFiles: number;
  /** Reported call sites compared with expected.json's planted ones, by file:line. */
  agreement?: {
    found: number;
    sameVendor: number;
    sameViaLength: number;
    sameGated: number;
    notPlanted: number;
    missedExamples: string[];
    /** Vendor calls inside wrappers seen as the last `via` frame of some call site, of how many planted. */
    wrapperVendorCallsSeen: number;
    wrapperVendorCalls: number;
    /** Reported call sites in excluded files (must be 0). */
    excludedReported: number;
  };
  error?: string;
}

interface PlantedSite {
  file: string;
  line: number;
  vendor: string;
  kind: string;
  depth: number;
  gated: boolean;
}
interface ReportedSite {
  file: string;
  line: number;
  vendor: string;
  gated: boolean;
  via: { file: string; line: number }[];
}

function compareWithPlanted(dir: string, reported: ReportedSite[]): AuditCheck['agreement'] {
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { callSites: PlantedSite[]; wrapperVendorCalls: PlantedSite[]; excluded: PlantedSite[] };
  const planted = expected.callSites;
  const byLocation = new Map(reported.map((r) => [`${r.file}:${r.line}`, r]));
  const plantedLocations = new Set(planted.map((p) => `${p.file}:${p.line}`));
  const lastFrames = new Set(reported.flatMap((r) => (r.via.length ? [`${r.via[r.via.length - 1]!.file}:${r.via[r.via.length - 1]!.line}`] : [])));
  const excludedFiles = new Set(expected.excluded.map((p) => p.file));
  const agreement = {
    found: 0,
    sameVendor: 0,
    sameViaLength: 0,
    sameGated: 0,
    notPlanted: 0,
    missedExamples: [] as string[],
    wrapperVendorCallsSeen: expected.wrapperVendorCalls.filter((p) => lastFrames.has(`${p.file}:${p.line}`)).length,
    wrapperVendorCalls: expected.wrapperVendorCalls.length,
    excludedReported: reported.filter((r) => excludedFiles.has(r.file)).length,
  };
  for (const p of planted) {
    const r = byLocation.get(`${p.file}:${p.line}`);
    if (!r) {
      if (agreement.missedExamples.length < 5) agreement.missedExamples.push(`${p.file}:${p.line} ${p.vendor}`);
      continue;
    }
    agreement.found++;
    if (r.vendor === p.vendor) agreement.sameVendor++;
    if (r.via.length === p.depth) agreement.sameViaLength++;
    if (r.gated === p.gated) agreement.sameGated++;
  }
  agreement.notPlanted = [...byLocation.keys()].filter((k) => !plantedLocations.has(k)).length;
  return agreement;
}

async function checkAudit(dir: string, corpus: CorpusSummary, timeoutSeconds: number): Promise<AuditCheck> {
  const reportPath = join(tmpdir(), `flowaudit-bench-report-${process.pid}.json`);
  const check: AuditCheck = { ran: false, plantedCallSites: corpus.densities.plantedCallSites, scannableFiles: corpus.scannableFiles };
  const run = await runChild([CLI, 'audit', dir, '--format', 'json', '--output', reportPath, '--fail-on', 'none', '--timing'], timeoutSeconds);
  try {
    if (!auditRan(run)) {
      check.error = `exit code ${run.exitCode ?? run.signal}: ${run.stderr.trim().slice(0, 2000)}`;
      return check;
    }
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as {
      summary: { files: number; callSites: number; unresolved: number; skipped: number; flows: number };
      flows: Array<{ callSites: ReportedSite[] }>;
      findings: unknown[];
      timings?: Record<string, number>;
    };
    Object.assign(check, {
      ran: true,
      files: report.summary.files,
      callSites: report.summary.callSites,
      unresolved: report.summary.unresolved,
      skipped: report.summary.skipped,
      flows: report.summary.flows,
      findings: report.findings.length,
      timings: report.timings,
      agreement: compareWithPlanted(dir, report.flows.flatMap((f) => f.callSites)),
    });
  } catch (error) {
    check.error = `could not read the report: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    rmSync(reportPath, { force: true });
  }
  return check;
}

async function measureSize(size: string, options: Options, baselineScript: string): Promise<SizeResult> {
  const { dir, corpus, generatedInSeconds } = ensureCorpus(size);
  const say = (label: string, run: ChildRun): void => {
    process.stdout.write(`  ${size} ${label.padEnd(10)} ${(run.wallMs / 1000).toFixed(2).padStart(7)} s  rss ${run.peakRssMb ?? '?'} MB  exit ${run.exitCode ?? run.signal}\n`);
  };
  const timed = async (label: string, args: string[]): Promise<ChildRun> => {
    const run = await runChild(args, options.timeoutSeconds);
    say(label, run);
    return run;
  };

  // Rounds interleave the four measures, so a machine that gets busier or quieter during the benchmark
  // shifts the baseline and the audits alike, and the ratios stay comparable.
  const cacheDir = join(dir, '.flowaudit-cache');
  const changed = join(dir, corpus.changeTarget);
  const original = readFileSync(changed, 'utf8');
  const baselineRuns: ChildRun[] = [];
  const coldRuns: ChildRun[] = [];
  const warmRuns: ChildRun[] = [];
  const oneChangeRuns: ChildRun[] = [];
  for (let i = 0; i < options.runs; i++) {
    baselineRuns.push(await timed('baseline', [baselineScript, dir]));
    rmSync(cacheDir, { recursive: true, force: true });
    coldRuns.push(await timed('cold', auditArgs(dir)));
    warmRuns.push(await timed('warm', auditArgs(dir)));
    // A different line each round, so no cache entry from an earlier round can match the edited file.
    writeFileSync(changed, `${original}export const benchEdit${i}x${process.pid} = ${i};\n`);
    try {
      oneChangeRuns.push(await timed('one-change', auditArgs(dir)));
    } finally {
      writeFileSync(changed, original);
    }
  }

  const baseline: SizeResult['baseline'] = summarize(baselineRuns, (r) => r.exitCode === 0, corpus);
  try {
    const parsed = JSON.parse(baselineRuns.find((r) => r.exitCode === 0)?.stdout ?? '') as { files: number; nodes: number };
    baseline.nodes = parsed.nodes;
    if (parsed.files !== corpus.scannableFiles) process.stdout.write(`  note: the baseline parsed ${parsed.files} files, corpus.json lists ${corpus.scannableFiles} scannable\n`);
  } catch {
    // the error is already in baseline.error
  }
  const cold = summarize(coldRuns, auditRan, corpus);
  const warm = summarize(warmRuns, auditRan, corpus);
  const oneChange = { ...summarize(oneChangeRuns, auditRan, corpus), changedFile: corpus.changeTarget };
  const check = await checkAudit(dir, corpus, options.timeoutSeconds);

  const ratio = (m: Measurement): number | null => (m.medianMs !== null && baseline.medianMs ? round3(m.medianMs / baseline.medianMs) : null);
  return {
    size,
    corpus: {
      files: corpus.files,
      scannableFiles: corpus.scannableFiles,
      lines: corpus.lines,
      scannableLines: corpus.scannableLines,
      bytes: corpus.bytes,
      packages: corpus.packages,
      generatedInSeconds,
    },
    densities: corpus.densities,
    baseline,
    cold,
    warm,
    oneChange,
    ratios: { coldOverBaseline: ratio(cold), warmOverBaseline: ratio(warm), oneChangeOverBaseline: ratio(oneChange) },
    check,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Report

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function gitHead(): string | null {
  const result = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

const fmtSeconds = (ms: number | null): string => (ms === null ? 'n/a' : (ms / 1000).toFixed(2));
const fmtRatio = (r: number | null, target: number): string => (r === null ? 'n/a' : `${r.toFixed(3)} ${r <= target ? 'ok' : 'MISS'}`);
const fmtRate = (x: number | null): string => (x === null ? 'n/a' : x >= 10_000 ? `${Math.round(x / 1000)}k` : String(x));

function printTable(results: SizeResult[], scaling: { cold1mOver500k: number | null; baseline1mOver500k: number | null }): void {
  const rows: string[][] = [['size', 'measure', 'median s', 'runs s', 'peak RSS MB', 'files/s', 'lines/s', `ratio to baseline (target)`]];
  for (const r of results) {
    const line = (label: string, m: Measurement, ratio: string): void => {
      rows.push([r.size, label, fmtSeconds(m.medianMs), m.runsMs.map((x) => (x / 1000).toFixed(2)).join(' '), m.peakRssMb === null ? 'n/a' : `${m.peakRssMb}${m.peakRssMb > TARGETS.peakRssMb ? ' MISS' : ''}`, fmtRate(m.filesPerSecond), fmtRate(m.linesPerSecond), ratio]);
    };
    line('baseline', r.baseline, '1');
    line('cold', r.cold, `${fmtRatio(r.ratios.coldOverBaseline, TARGETS.coldOverBaseline)} (<= ${TARGETS.coldOverBaseline})`);
    line('warm', r.warm, `${fmtRatio(r.ratios.warmOverBaseline, TARGETS.warmOverBaseline)} (<= ${TARGETS.warmOverBaseline})`);
    line('one-change', r.oneChange, `${fmtRatio(r.ratios.oneChangeOverBaseline, TARGETS.oneChangeOverBaseline)} (<= ${TARGETS.oneChangeOverBaseline})`);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  process.stdout.write('\n');
  for (const [i, row] of rows.entries()) {
    process.stdout.write(row.map((cell, c) => (c >= 2 && c <= 6 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd() + '\n');
    if (i === 0) process.stdout.write(widths.map((w) => '-'.repeat(w)).join('  ') + '\n');
  }
  process.stdout.write(`\npeak RSS target: <= ${TARGETS.peakRssMb} MB per process\n`);
  process.stdout.write(`scaling 1m/500k: cold ${scaling.cold1mOver500k === null ? 'n/a' : fmtRatio(scaling.cold1mOver500k, TARGETS.cold1mOver500k)} (target <= ${TARGETS.cold1mOver500k}); baseline ${scaling.baseline1mOver500k ?? 'n/a'}\n`);
  for (const r of results) {
    const c = r.check;
    if (c.ran) {
      const stages = c.timings ? Object.entries(c.timings).map(([k, v]) => `${k} ${v}`).join(', ') : 'no timings';
      process.stdout.write(`${r.size} audit saw ${c.files} of ${c.scannableFiles} files, ${c.callSites} call sites (${c.plantedCallSites} planted), ${c.unresolved} unresolved, ${c.findings} findings; stages ms: ${stages}\n`);
      const a = c.agreement;
      if (a) {
        process.stdout.write(`  planted call sites found ${a.found}/${c.plantedCallSites} (same vendor ${a.sameVendor}, same via length ${a.sameViaLength}, same gated ${a.sameGated}); ${a.notPlanted} reported that were not planted${a.missedExamples.length > 0 ? `; missed e.g. ${a.missedExamples.join(', ')}` : ''}\n`);
        process.stdout.write(`  vendor calls inside wrappers seen as the last via frame ${a.wrapperVendorCallsSeen}/${a.wrapperVendorCalls}; call sites reported in excluded files ${a.excludedReported}\n`);
      }
      if (c.files !== c.scannableFiles) process.stdout.write(`  warning: the audit scanned ${c.files} files, not ${c.scannableFiles}: its ratios do not measure a full scan\n`);
    } else {
      process.stdout.write(`${r.size} audit check: ${c.error ?? 'did not run'}\n`);
    }
    for (const [label, m] of [['cold', r.cold], ['warm', r.warm], ['one-change', r.oneChange], ['baseline', r.baseline]] as const) {
      if (m.error) process.stdout.write(`${r.size} ${label}: ${m.error.split('\n').slice(0, 3).join(' | ')}\n`);
    }
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.build) {
    process.stdout.write('building dist/ (tsc -p tsconfig.json)...\n');
    const build = spawnSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: REPO, stdio: 'inherit' });
    if (build.status !== 0) process.stdout.write('warning: the build failed; measuring the dist/ that is there\n');
  }
  const distStale = newestMtime(join(REPO, 'src')) > newestMtime(join(REPO, 'dist'));
  if (distStale) process.stdout.write('warning: dist/ is older than src/ — the audit runs dist/ (bin/flowaudit.js); run with --build or `npm run build` first\n');
  process.stdout.write(`peak RSS via ${useGnuTime ? `${TIME} -f %M` : '/proc/<pid>/status VmHWM polling'}; ${options.runs} run(s) per measurement\n`);

  const loadBefore = loadavg().map(round1);
  const baselineScript = compileBaseline();
  const results: SizeResult[] = [];
  for (const size of options.sizes) results.push(await measureSize(size, options, baselineScript));

  const bySize = new Map(results.map((r) => [r.size, r]));
  const scale = (pick: (r: SizeResult) => number | null): number | null => {
    const big = bySize.get('1m');
    const mid = bySize.get('500k');
    const a = big ? pick(big) : null;
    const b = mid ? pick(mid) : null;
    return a !== null && b ? round3(a / b) : null;
  };
  const scaling = { cold1mOver500k: scale((r) => r.cold.medianMs), baseline1mOver500k: scale((r) => r.baseline.medianMs) };
  printTable(results, scaling);

  const cpu = cpus();
  const report = {
    tool: 'flowaudit bench',
    date: new Date().toISOString(),
    gitHead: gitHead(),
    distStale,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: { model: cpu[0]?.model ?? 'unknown', cores: cpu.length },
    memoryGb: Math.round(totalmem() / 2 ** 30),
    /** 1/5/15-minute load averages before and after: a busy machine makes the seconds noisy. */
    loadAverage: { before: loadBefore, after: loadavg().map(round1) },
    rssMethod: useGnuTime ? 'gnu-time %M' : 'proc VmHWM polling',
    runs: options.runs,
    command: 'node bin/flowaudit.js audit <corpus> --format json --output /dev/null --fail-on none',
    targets: TARGETS,
    sizes: results,
    scaling,
  };
  writeFileSync(options.results, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(`\nwrote ${relative(process.cwd(), options.results)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
