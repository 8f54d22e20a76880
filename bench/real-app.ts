/**
 * The benchmark's ratios on a real application: `npx tsx bench/real-app.ts <app root> [--runs 3] [--change <file>]`
 *
 * Copies the application (without node_modules, .git and build output) to a temporary folder, then times,
 * as whole-process wall time (median of --runs), on the same files:
 *   baseline   bench/baseline-parse.ts: read, parse with the TypeScript parser and walk every scanned file
 *   cold       flowaudit scan with no .flowaudit-cache
 *   warm       flowaudit scan again, nothing changed
 *   one-change flowaudit scan after appending a line to one file (--change, else the first file with a
 *              call site), restored afterwards
 * `scan`, not `audit`: a real application has no data-map. Prints the times and the ratios to the baseline.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileBaseline } from './compile-baseline.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(REPO, 'bin', 'flowaudit.js');
const SKIPPED = new Set(['node_modules', '.git', '.next', 'dist', 'build', 'coverage', '.turbo']);

function timed(args: string[]): { ms: number; stdout: string } {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (child.status !== 0) throw new Error(`${args.join(' ')} exited ${child.status}: ${child.stderr.slice(0, 2000)}`);
  return { ms, stdout: child.stdout };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function main(): void {
  const args = process.argv.slice(2);
  const source = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--runs' && args[args.indexOf(a) - 1] !== '--change');
  if (!source) {
    process.stderr.write('usage: npx tsx bench/real-app.ts <app root> [--runs 3] [--change <file>]\n');
    process.exit(2);
  }
  const runs = Number(args[args.indexOf('--runs') + 1] ?? 3) || 3;
  const root = join(mkdtempSync(join(tmpdir(), 'flowaudit-real-')), basename(resolve(source)));
  cpSync(resolve(source), root, { recursive: true, filter: (path) => !SKIPPED.has(basename(path)) });
  const baseline = compileBaseline();
  const scan = (...extra: string[]): string[] => [CLI, 'scan', root, '--format', 'json', ...extra];

  const first = JSON.parse(timed(scan('--no-cache')).stdout) as { files: number; lines: number; callSites: { file: string }[] };
  const change = args.includes('--change') ? args[args.indexOf('--change') + 1]! : first.callSites[0]?.file;
  if (!change) throw new Error('no call site found: pass --change <file>');
  const original = readFileSync(join(root, change), 'utf8');
  const times = { baseline: [] as number[], cold: [] as number[], warm: [] as number[], oneChange: [] as number[] };
  for (let i = 0; i < runs; i++) {
    times.baseline.push(timed([baseline, root]).ms);
    rmSync(join(root, '.flowaudit-cache'), { recursive: true, force: true });
    times.cold.push(timed(scan()).ms);
    times.warm.push(timed(scan()).ms);
    appendFileSync(join(root, change), `\nexport const realAppEdit${i}x${process.pid} = ${i};\n`);
    times.oneChange.push(timed(scan()).ms);
    writeFileSync(join(root, change), original);
    timed(scan());
  }
  const base = median(times.baseline);
  process.stdout.write(`${source}: ${first.files} files, ${first.lines} lines, ${first.callSites.length} call sites; one-change edits ${change}\n`);
  for (const [name, values] of Object.entries(times)) {
    const m = median(values);
    process.stdout.write(`  ${name.padEnd(10)} ${(m / 1000).toFixed(2)} s  (runs ${values.map((v) => (v / 1000).toFixed(2)).join(', ')})  ratio ${(m / base).toFixed(3)}\n`);
  }
  rmSync(dirname(root), { recursive: true, force: true });
}

main();
