/**
 * Resource bounds. A tree of 100,000 small files (FLOWAUDIT_RELIABILITY_FILES to change) scans under a
 * file-descriptor limit of 256 without running out of descriptors; a single 20 MB file and a file just
 * under the size limit packed with vendor calls keep the child's peak RSS bounded, and the big file is
 * skipped with a reason. Peak RSS comes from a preload that records `process.resourceUsage().maxRSS`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badDir, bin, cleanTemp, copyInto, ensureBuilt, tempDir } from './helpers.js';
import { spawn } from 'node:child_process';

beforeAll(ensureBuilt);
afterAll(cleanTemp);

const FILES = Number(process.env.FLOWAUDIT_RELIABILITY_FILES ?? '100000');
const RSS_LIMIT_KB = 1.5 * 1024 * 1024;

const PRELOAD = `
import { writeFileSync } from 'node:fs';
process.on('exit', () => writeFileSync(process.env.FLOWAUDIT_TEST_RSS, String(process.resourceUsage().maxRSS)));
`;

interface Measured {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  maxRssKb: number;
  ms: number;
}

/** Runs the CLI under `ulimit -n <fds>` and reports its peak RSS. */
function measured(args: string[], cwd: string, fds: number, timeoutMs: number): Promise<Measured> {
  const preload = join(cwd, '..', 'rss-preload.mjs');
  const rssFile = join(cwd, '..', `rss-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(preload, PRELOAD);
  const quoted = [process.execPath, '--import', preload, bin, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const start = performance.now();
  return new Promise((resolveRun, reject) => {
    const child = spawn('sh', ['-c', `ulimit -n ${fds} && exec ${quoted}`], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FLOWAUDIT_TEST_RSS: rssFile } as NodeJS.ProcessEnv,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let maxRssKb = Number.NaN;
      try {
        maxRssKb = Number(readFileSync(rssFile, 'utf8'));
      } catch {
        // killed before exit
      }
      resolveRun({ code, signal, stdout, stderr, maxRssKb, ms: performance.now() - start });
    });
  });
}

describe('resource bounds', () => {
  it(`${FILES.toLocaleString('en')} small files scan under a 256-descriptor limit`, async () => {
    const parent = tempDir();
    const root = join(parent, 'many');
    copyInto(join(badDir, '_base'), root);
    const perDir = 500;
    for (let d = 0; d * perDir < FILES; d++) {
      const dir = join(root, 'src', 'gen', `d${d}`);
      mkdirSync(dir, { recursive: true });
      for (let f = 0; f < perDir && d * perDir + f < FILES; f++) {
        const n = d * perDir + f;
        writeFileSync(join(dir, `f${f}.ts`), n % 10 === 0 ? `export const v${n} = ${n};\n` : '');
      }
    }
    const run = await measured(['audit', '.', '--no-cache', '--format', 'json'], root, 256, 120_000);
    expect(run.signal, `killed after ${Math.round(run.ms)} ms`).toBeNull();
    expect(run.stderr).not.toMatch(/EMFILE|ENFILE|too many open files|internal error/i);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { summary: { files: number; skipped: number; callSites: number } };
    expect(report.summary.files).toBe(FILES + 1); // the generated files and src/track.ts
    expect(report.summary.skipped).toBe(0);
    expect(report.summary.callSites).toBe(1);
    expect(run.maxRssKb).toBeLessThan(RSS_LIMIT_KB);
  }, 180_000);

  it('a single 20 MB file: skipped with a reason, memory bounded', async () => {
    const parent = tempDir();
    const root = join(parent, 'big');
    copyInto(join(badDir, '_base'), root);
    const line = "posthog.capture('event', { email: user.email, ip: req.ip });\n";
    writeFileSync(join(root, 'src', 'huge.ts'), `import posthog from 'posthog-js';\n${line.repeat(Math.ceil((20 * 1024 * 1024) / line.length))}`);
    const run = await measured(['audit', '.', '--no-cache', '--format', 'json'], root, 256, 60_000);
    expect(run.signal, `killed after ${Math.round(run.ms)} ms`).toBeNull();
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { skipped: { file: string; reason: string }[]; findings: { ruleId: string; file: string }[] };
    const skipped = report.skipped.find((s) => s.file === 'src/huge.ts');
    expect(skipped?.reason).toMatch(/larger than|too large|MB/);
    expect(report.findings.some((f) => f.ruleId === 'tool/skipped-file' && f.file === 'src/huge.ts')).toBe(true);
    expect(run.maxRssKb).toBeLessThan(RSS_LIMIT_KB);
  }, 90_000);

  it('a file just under the size limit, packed with vendor calls: scanned (or skipped with a reason) in bounded time and memory', async () => {
    const parent = tempDir();
    const root = join(parent, 'dense');
    copyInto(join(badDir, '_base'), root);
    const line = "  posthog.capture('event', { email });\n";
    const count = Math.floor((1.9 * 1024 * 1024) / line.length);
    writeFileSync(join(root, 'src', 'dense.ts'), `import posthog from 'posthog-js';\nexport function many(email: string) {\n${line.repeat(count)}}\n`);
    const run = await measured(['audit', '.', '--no-cache', '--format', 'json'], root, 256, 60_000);
    expect(run.signal, `killed after ${Math.round(run.ms)} ms`).toBeNull();
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { summary: { callSites: number }; skipped: { file: string; reason: string }[] };
    const skipped = report.skipped.find((s) => s.file === 'src/dense.ts');
    if (skipped) expect(skipped.reason.length).toBeGreaterThan(5);
    else expect(report.summary.callSites).toBe(count + 1);
    expect(run.maxRssKb).toBeLessThan(RSS_LIMIT_KB);
  }, 90_000);
});
