/**
 * `npx tsx bench/startup.ts` — flowaudit's fixed start-up cost, as whole-process wall time.
 *
 *   npx tsx bench/startup.ts [--runs 5] [--repo <checkout>]...
 *
 * Runs each command below as a child process (`node bin/flowaudit.js …` in the checkout, so its `dist/`
 * must be built) and prints the median, fastest and slowest wall time of --runs runs, from spawn to exit,
 * with the load average before and after (the numbers mean little on a busy machine). The commands are
 * interleaved in rounds so that a burst of load from elsewhere does not land on one command only.
 *
 * With several --repo (e.g. a `git archive` of an older commit, built, and this one), every checkout runs
 * in the same rounds and the table has a column per checkout: a before/after comparison under the same load.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const THIS_REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

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

interface Options {
  runs: number;
  repos: string[];
}

function parseOptions(argv: string[]): Options {
  const options: Options = { runs: 5, repos: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    if (arg === '--runs') options.runs = Number(value);
    else if (arg === '--repo') options.repos.push(resolve(value));
    else throw new Error(`unknown option ${arg} (options: --runs <n> --repo <checkout>)`);
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error('--runs takes a whole number >= 1');
  if (options.repos.length === 0) options.repos.push(THIS_REPO);
  return options;
}

/** Wall time of one child process, spawn to exit, in milliseconds. */
function timeOnce(repo: string, testCase: StartupCase): number {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [join(repo, 'bin', 'flowaudit.js'), ...testCase.args], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.error) throw child.error;
  if (!testCase.okCodes.includes(child.status ?? -1)) {
    throw new Error(`${repo}: flowaudit ${testCase.args.join(' ')} exited ${String(child.status)}:\n${child.stderr}`);
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
  const { runs, repos } = parseOptions(process.argv.slice(2));
  const loadBefore = formatLoad();
  const runsOf = new Map<string, number[]>();
  const key = (repo: string, testCase: StartupCase): string => `${repo}\0${testCase.label}`;
  for (const repo of repos) for (const testCase of CASES) timeOnce(repo, testCase); // one untimed warm-up each: OS file cache, code caches
  for (let round = 0; round < runs; round++) {
    for (const testCase of CASES) {
      for (const repo of repos) {
        const times = runsOf.get(key(repo, testCase)) ?? [];
        times.push(timeOnce(repo, testCase));
        runsOf.set(key(repo, testCase), times);
      }
    }
  }
  const header = ['command', ...repos.flatMap((repo) => (repos.length > 1 ? [`${repo} median ms`, 'min', 'max'] : ['median ms', 'min ms', 'max ms']))];
  const rows = CASES.map((testCase) => [
    testCase.label,
    ...repos.flatMap((repo) => {
      const times = runsOf.get(key(repo, testCase))!;
      return [median(times).toFixed(0), Math.min(...times).toFixed(0), Math.max(...times).toFixed(0)];
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  console.log(`node ${process.version}, ${runs} runs each (median), load average before: ${loadBefore}, after: ${formatLoad()}`);
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

main();
