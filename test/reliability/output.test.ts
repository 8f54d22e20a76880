/**
 * Safe output: `--output` and `--write-baseline` write atomically. A pre-existing file is replaced whole,
 * no temporary file is left behind, and an interruption (the process killed just before the rename, or
 * a disk that fills up mid-write — simulated by a preload that patches node:fs) leaves the previous file
 * intact.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badDir, cleanTemp, cliAsync, copyInto, ensureBuilt, tempDir } from './helpers.js';

beforeAll(ensureBuilt);
afterAll(cleanTemp);

const PRELOAD = `
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const fault = process.env.FLOWAUDIT_TEST_FAULT;
const target = process.env.FLOWAUDIT_TEST_TARGET;
const touchesTarget = (p) => String(p).startsWith(target) && String(p) !== target;
if (fault === 'kill-before-rename') {
  const rename = fs.renameSync;
  fs.renameSync = (from, to) => {
    if (String(to) === target) process.kill(process.pid, 'SIGKILL');
    return rename(from, to);
  };
}
if (fault === 'enospc') {
  const write = fs.writeFileSync;
  fs.writeFileSync = (path, data, ...rest) => {
    if (touchesTarget(path)) {
      write(path, String(data).slice(0, 64));
      const error = new Error('ENOSPC: no space left on device, write');
      error.code = 'ENOSPC'; error.errno = -28; error.syscall = 'write';
      throw error;
    }
    return write(path, data, ...rest);
  };
}
syncBuiltinESMExports();
`;

function project(): { dir: string; preload: string } {
  const dir = tempDir();
  copyInto(join(badDir, '_base'), join(dir, 'p'));
  writeFileSync(join(dir, 'preload.mjs'), PRELOAD);
  mkdirSync(join(dir, 'out'));
  return { dir, preload: join(dir, 'preload.mjs') };
}

const OLD = `${'{"old": "report", "padding": "'.concat('x'.repeat(200_000))}"}\n`;

describe.concurrent('--output and --write-baseline write atomically', () => {
  it('--output replaces a pre-existing (larger) file whole and leaves no temporary file', async () => {
    const { dir } = project();
    const target = join(dir, 'out', 'report.json');
    writeFileSync(target, OLD);
    const [toFile, toStdout] = await Promise.all([
      cliAsync(['audit', 'p', '--no-cache', '--format', 'json', '--output', 'out/report.json'], { cwd: dir }),
      cliAsync(['audit', 'p', '--no-cache', '--format', 'json'], { cwd: dir }),
    ]);
    expect(toFile.code, toFile.stderr).toBe(0);
    expect(toFile.stdout).toBe('');
    expect(readFileSync(target, 'utf8')).toBe(toStdout.stdout);
    expect(readdirSync(join(dir, 'out'))).toEqual(['report.json']);
  });

  it('--write-baseline replaces a pre-existing file whole and leaves no temporary file', async () => {
    const { dir } = project();
    const target = join(dir, 'out', 'baseline.json');
    writeFileSync(target, OLD);
    const run = await cliAsync(['audit', 'p', '--no-cache', '--fail-on', 'none', '--rule', 'map/undeclared-category=error', '--write-baseline', 'out/baseline.json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const baseline = JSON.parse(readFileSync(target, 'utf8')) as { flowaudit: string; version: number; findings: unknown[] };
    expect(baseline.flowaudit).toBe('baseline');
    expect(baseline.version).toBe(1);
    expect(Array.isArray(baseline.findings)).toBe(true);
    expect(readdirSync(join(dir, 'out'))).toEqual(['baseline.json']);
    // and the written baseline is accepted back
    const again = await cliAsync(['audit', 'p', '--no-cache', '--baseline', 'out/baseline.json'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
  });

  for (const flag of ['--output', '--write-baseline'] as const) {
    it(`${flag}: killed just before the rename, the previous file is intact`, async () => {
      const { dir, preload } = project();
      const target = join(dir, 'out', 'target.json');
      writeFileSync(target, OLD);
      const run = await cliAsync(['audit', 'p', '--no-cache', '--format', 'json', flag, 'out/target.json'], {
        cwd: dir,
        nodeArgs: ['--import', preload],
        env: { FLOWAUDIT_TEST_FAULT: 'kill-before-rename', FLOWAUDIT_TEST_TARGET: target },
      });
      expect(run.signal).toBe('SIGKILL'); // the fault was injected
      expect(readFileSync(target, 'utf8')).toBe(OLD);
    });

    it(`${flag}: a write that fails (disk full) leaves the previous file intact, no temporary file, and a clear message`, async () => {
      const { dir, preload } = project();
      const target = join(dir, 'out', 'target.json');
      writeFileSync(target, OLD);
      const run = await cliAsync(['audit', 'p', '--no-cache', '--format', 'json', flag, 'out/target.json'], {
        cwd: dir,
        nodeArgs: ['--import', preload],
        env: { FLOWAUDIT_TEST_FAULT: 'enospc', FLOWAUDIT_TEST_TARGET: target },
      });
      expect(run.code).toBe(2);
      expect(readFileSync(target, 'utf8')).toBe(OLD);
      expect(readdirSync(join(dir, 'out')), 'a temporary file was left behind').toEqual(['target.json']);
      expect(run.stderr).toContain('out/target.json');
      expect(run.stderr).toMatch(/no space left on device|ENOSPC/);
      expect(run.stderr).not.toContain('internal error');
    });
  }

  it('--output naming an existing directory: exit 2, a clear message, nothing left behind', async () => {
    const { dir } = project();
    const run = await cliAsync(['audit', 'p', '--no-cache', '--format', 'json', '--output', 'out'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--output|out\b/);
    expect(run.stderr).toMatch(/is a directory/);
    expect(run.stderr).not.toContain('internal error');
    expect(readdirSync(dir).sort(), 'a temporary file was left next to the directory').toEqual(['out', 'p', 'preload.mjs']);
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
  });
});
