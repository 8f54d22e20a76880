/**
 * Determinism (SPEC section 7 and 8): `audit fixtures/storefront` gives byte-identical json, sarif and
 * markdown across two runs, with --jobs 1 and --jobs 2, and with and without the cache (cold and warm).
 * The fixture is copied to a temporary folder so the cache is not written into the repository.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanTemp, cliAsync, copyInto, ensureBuilt, storefront, tempDir, type Run } from './helpers.js';

beforeAll(ensureBuilt);
afterAll(cleanTemp);

const FORMATS = ['json', 'sarif', 'markdown'] as const;

function expectReport(run: Run, format: string): void {
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(run.code, run.stderr).toBe(1); // the storefront has planted violations
  expect(run.stdout.length).toBeGreaterThan(500);
  if (format !== 'markdown') JSON.parse(run.stdout);
  else expect(run.stdout).toContain('```mermaid');
}

describe.concurrent('byte-identical reports for the same input', () => {
  for (const format of FORMATS) {
    it(`${format}: two runs, --jobs 1 and --jobs 2, --no-cache, cold and warm cache`, async () => {
      const parent = tempDir();
      copyInto(storefront, join(parent, 'storefront'));
      const args = ['audit', 'storefront', '--format', format];
      const [first, second, jobs2] = await Promise.all([
        cliAsync([...args, '--no-cache', '--jobs', '1'], { cwd: parent }),
        cliAsync([...args, '--no-cache', '--jobs', '1'], { cwd: parent }),
        cliAsync([...args, '--no-cache', '--jobs', '2'], { cwd: parent }),
      ]);
      expectReport(first, format);
      expect(existsSync(join(parent, 'storefront', '.flowaudit-cache')), '--no-cache wrote a cache').toBe(false);
      const cold = await cliAsync([...args, '--jobs', '2'], { cwd: parent });
      expect(existsSync(join(parent, 'storefront', '.flowaudit-cache')), 'the cache was not written').toBe(true);
      const warm = await cliAsync([...args, '--jobs', '1'], { cwd: parent });
      for (const [name, run] of Object.entries({ second, jobs2, cold, warm })) {
        expectReport(run, format);
        expect(run.stdout, `${format}: ${name} differs from the first run`).toBe(first.stdout);
      }
    });
  }

  it('json from another working directory differs only in the root and the map path', async () => {
    const parent = tempDir();
    copyInto(storefront, join(parent, 'storefront'));
    const [outside, inside] = await Promise.all([
      cliAsync(['audit', 'storefront', '--format', 'json', '--no-cache'], { cwd: parent }),
      cliAsync(['audit', '.', '--format', 'json', '--no-cache'], { cwd: join(parent, 'storefront') }),
    ]);
    const a = JSON.parse(outside.stdout) as { root: string; dataMap: string[]; findings: { fingerprint: string }[] };
    const b = JSON.parse(inside.stdout) as { root: string; dataMap: string[]; findings: { fingerprint: string }[] };
    expect(a.root).toBe('storefront');
    expect(b.root).toBe('.');
    expect(b.findings.map((f) => f.fingerprint)).toEqual(a.findings.map((f) => f.fingerprint));
  });
});
