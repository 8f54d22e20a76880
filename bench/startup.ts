/**
 * `npx tsx bench/startup.ts` — flowaudit's fixed start-up cost, as whole-process wall time.
 *
 *   npx tsx bench/startup.ts [--runs 5]
 *
 * Runs each command below as a child process (`node bin/flowaudit.js …`, so `dist/` must be built) and
 * prints the median, fastest and slowest wall time of --runs runs, from spawn to exit, with the load
 * average before and after (the numbers mean little on a busy machine). The commands are interleaved in
 * rounds so that a burst of load from elsewhere does not land on one command only.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(REPO, 'bin', 'flowaudit.js');

interface StartupCase {
  label: string;
  args: string[];
  /** Exit codes that mean the command ran (an audit of the example exits 1: it has planted violations). */
  okCodes: number[];
}

const CASES: readonly StartupCase[] = [
  { label: '--version', args: ['--version'], okCodes: [0] },
  { label: 'rules', args: ['rules'], okCodes: [0] },
  { label: 'validate fixtures/storefront', args: ['validate', 'fixtures/storefront'], okCodes: [0] },
  {
    label: 'audit fixtures/storefront --no-cache (json)',
    args: ['audit', 'fixtures/storefront', '--no-cache', '--format', 'json', '--output', '/dev/null'],
    okCodes: [0, 1],
  },
];

function parseRuns(argv: string[]): number {
  const at = argv.indexOf('--runs');
  const runs = at >= 0 ? Number(argv[at + 1]) : 5;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number >= 1');
  return runs;
}

/** Wall time of one child process, spawn to exit, in milliseconds. */
function timeOnce(testCase: StartupCase): number {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [CLI, ...testCase.args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.error) throw child.error;
  if (!testCase.okCodes.includes(child.status ?? -1)) {
    throw new Error(`flowaudit ${testCase.args.join(' ')} exited ${String(child.status)}:\n${child.stderr}`);
  }
  return ms;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const formatLoad = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

function main(): void {
  const runs = parseRuns(process.argv.slice(2));
  const loadBefore = formatLoad();
  for (const testCase of CASES) timeOnce(testCase); // one untimed warm-up each: OS file cache
  const times = new Map<StartupCase, number[]>(CASES.map((c) => [c, []]));
  for (let round = 0; round < runs; round++) {
    for (const testCase of CASES) times.get(testCase)!.push(timeOnce(testCase));
  }
  const rows = CASES.map((c) => {
    const t = times.get(c)!;
    return [c.label, median(t).toFixed(0), Math.min(...t).toFixed(0), Math.max(...t).toFixed(0)];
  });
  const header = ['command', 'median ms', 'min ms', 'max ms'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  console.log(`node ${process.version}, ${runs} runs each (median), load average before: ${loadBefore}, after: ${formatLoad()}`);
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

main();
