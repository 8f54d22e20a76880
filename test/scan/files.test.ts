import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, scan } from './helpers.js';

const CALL = `import posthog from 'posthog-js';\nposthog.capture('x');\n`;

describe('files', () => {
  it('skips tests, specs, mocks, stories, build output, declarations and .gitignored files by default', async () => {
    const root = project({
      'src/a.ts': CALL,
      'src/a.test.ts': CALL,
      'src/b.spec.tsx': CALL,
      'src/__tests__/c.ts': CALL,
      'src/__mocks__/d.ts': CALL,
      'src/e.stories.tsx': CALL,
      'dist/f.js': CALL,
      'build/g.js': CALL,
      '.next/h.js': CALL,
      'coverage/i.js': CALL,
      'node_modules/posthog-js/j.js': CALL,
      'src/k.d.ts': CALL,
      'generated/l.ts': CALL,
      '.gitignore': 'generated/\n',
      'src/m.mjs': CALL,
      'src/n.cts': CALL,
    });
    const result = await scan(root);
    expect(result.callSites.map((s) => s.file)).toEqual(['src/a.ts', 'src/m.mjs', 'src/n.cts']);
    expect(result.files).toBe(3);
    expect(result.lines).toBe(6);
  });

  it('adds the map excludes and lets includes force a default exclude back in', async () => {
    const root = project({ 'src/a.ts': CALL, 'src/legacy/b.ts': CALL, 'src/__tests__/c.ts': CALL });
    const result = await scan(root, { exclude: ['**/legacy/**'], include: ['src/__tests__/**'] });
    expect(result.callSites.map((s) => s.file)).toEqual(['src/__tests__/c.ts', 'src/a.ts']);
  });

  it('lists binary, huge, minified and syntactically broken files as skipped, never throwing', async () => {
    const root = project({
      'bin.js': Buffer.from([0x66, 0x00, 0x01, 0x02]),
      'huge.js': `// ${'x'.repeat(2 * 1024 * 1024 + 10)}\n`,
      'bundle.min.js': `var a=1;${'a++;'.repeat(3000)}\n`,
      'broken.ts': `import posthog from 'posthog-js';\nposthog.capture('ok');\nfunction (( {\n`,
    });
    const result = await scan(root);
    expect(result.skipped.map((s) => s.file)).toEqual(['bin.js', 'broken.ts', 'bundle.min.js', 'huge.js']);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      'binary file (contains NUL bytes)',
      'syntax error at line 3: Identifier expected.',
      'minified or generated (a line longer than 5000 characters)',
      'larger than 2 MB',
    ]);
    expect(result.callSites).toEqual([]);
  });

  it('does not follow symbolic links out of the root, and survives a symlink loop', async () => {
    const outside = project({ 'secret.ts': CALL });
    const root = project({ 'src/a.ts': CALL });
    symlinkSync(join(outside, 'secret.ts'), join(root, 'src/linked.ts'));
    symlinkSync(outside, join(root, 'outdir'));
    mkdirSync(join(root, 'loop'));
    symlinkSync(join(root, 'loop'), join(root, 'loop/self'));
    const result = await scan(root);
    expect(result.callSites.map((s) => s.file)).toEqual(['src/a.ts']);
    expect(result.files).toBe(1);
    expect(result.skipped).toEqual([
      { file: 'outdir/', reason: 'symbolic link to a folder outside the scanned root (not followed)' },
      { file: 'src/linked.ts', reason: 'symbolic link pointing outside the scanned root' },
    ]);
  });

  it('assigns systems by the first matching glob, else unassigned, on the outermost caller', async () => {
    const root = project({
      'apps/web/a.ts': `import { t } from '../../packages/lib/t';\nt();\n`,
      'packages/lib/t.ts': `import posthog from 'posthog-js';\nexport function t() { posthog.capture('x'); }\n`,
      'scripts/s.ts': CALL,
    });
    const result = await scan(root, { systems: [{ id: 'web', paths: ['apps/web/**'] }, { id: 'lib', paths: ['packages/**'] }] });
    expect(result.callSites.map((s) => `${s.file} ${s.system}`)).toEqual(['apps/web/a.ts web', 'scripts/s.ts unassigned']);
    expect(result.filesWithCallSites).toEqual([
      { file: 'apps/web/a.ts', system: 'web' },
      { file: 'scripts/s.ts', system: 'unassigned' },
    ]);
  });

  it('reads suppression comments with and without reasons', async () => {
    const root = project({
      'a.ts': `// flowaudit-ignore-file map/unassigned-code -- generated glue\nimport posthog from 'posthog-js';\n// flowaudit-ignore-next-line ccpa/opt-out-gate -- consent checked upstream\nposthog.capture('x');\n  /* flowaudit-ignore-next-line ccpa/gpc */\nposthog.capture('y');\n`,
    });
    const result = await scan(root);
    expect(result.suppressions).toEqual([
      { file: 'a.ts', line: 1, column: 1, kind: 'file', ruleId: 'map/unassigned-code', reason: 'generated glue' },
      { file: 'a.ts', line: 3, column: 1, kind: 'next-line', ruleId: 'ccpa/opt-out-gate', reason: 'consent checked upstream', appliesToLine: 4 },
      { file: 'a.ts', line: 5, column: 3, kind: 'next-line', ruleId: 'ccpa/gpc', appliesToLine: 6 },
    ]);
  });

  it('lists GPC reads with their system', async () => {
    const root = project({
      'web/gpc.ts': `export const optedOut = () => navigator.globalPrivacyControl === true;\n`,
      'api/h.ts': `export function h(req: { headers: Record<string, string>; get(n: string): string }) {\n  return req.headers['sec-gpc'] === '1' || req.get('Sec-GPC') === '1';\n}\n`,
    });
    const result = await scan(root, { systems: [{ id: 'web', paths: ['web/**'] }] });
    expect(result.gpcReads).toEqual([
      { file: 'api/h.ts', line: 2, column: 10, kind: 'Sec-GPC', system: 'unassigned' },
      { file: 'api/h.ts', line: 2, column: 44, kind: 'Sec-GPC', system: 'unassigned' },
      { file: 'web/gpc.ts', line: 1, column: 31, kind: 'navigator.globalPrivacyControl', system: 'web' },
    ]);
  });

  it('gives the same result whatever the run, and from a warm cache; a corrupt cache is ignored', async () => {
    const root = project({
      'lib/t.ts': `import posthog from 'posthog-js';\nexport const t = (email: string) => posthog.capture('x', { email });\n`,
      'a.ts': `import { t } from './lib/t';\nt('a');\n`,
      'b.ts': `import { t } from './lib/t';\nt('b');\nfetch(process.env.URL!);\n`,
    });
    // Written an hour ago: the file index trusts their sizes and modification times.
    const anHourAgo = new Date(Date.now() - 3_600_000);
    for (const file of ['lib/t.ts', 'a.ts', 'b.ts']) utimesSync(join(root, file), anHourAgo, anHourAgo);
    const cacheDir = join(root, '.flowaudit-cache');
    const cold = await scan(root, { cacheDir });
    expect(JSON.parse(readFileSync(join(cacheDir, 'scan-facts.json'), 'utf8')).format).toBe(2);
    const warm = await scan(root, { cacheDir });
    const none = await scan(root);
    expect(JSON.stringify(warm)).toBe(JSON.stringify(cold));
    expect(JSON.stringify(none)).toBe(JSON.stringify(cold));
    // Without the whole-result cache, the link cache answers; corrupt, it is ignored.
    rmSync(join(cacheDir, 'scan-result.json'));
    expect(JSON.stringify(await scan(root, { cacheDir }))).toBe(JSON.stringify(cold));
    rmSync(join(cacheDir, 'scan-result.json'));
    const link = JSON.parse(readFileSync(join(cacheDir, 'scan-link.json'), 'utf8')) as { result: Record<string, unknown> };
    writeFileSync(join(cacheDir, 'scan-link.json'), JSON.stringify({ ...link, result: { ...link.result, files: [[5]], callSites: [] } }));
    expect(JSON.stringify(await scan(root, { cacheDir }))).toBe(JSON.stringify(cold));
    // Without the link cache either, the per-file facts cache answers; corrupt, it is ignored.
    const dropResults = (): void => {
      rmSync(join(cacheDir, 'scan-result.json'));
      rmSync(join(cacheDir, 'scan-link.json'), { force: true });
    };
    dropResults();
    expect(JSON.stringify(await scan(root, { cacheDir }))).toBe(JSON.stringify(cold));
    dropResults();
    writeFileSync(join(cacheDir, 'scan-facts.json'), '{"format":1,"key":');
    expect(JSON.stringify(await scan(root, { cacheDir }))).toBe(JSON.stringify(cold));
    dropResults();
    // Entries of the right outline but the wrong inside are ignored too.
    const stored = JSON.parse(readFileSync(join(cacheDir, 'scan-facts.json'), 'utf8')) as { entries: Record<string, Record<string, unknown>> };
    for (const entry of Object.values(stored.entries)) {
      entry.calls = [null, {}, 5, { callee: 42 }];
      entry.functions = [{}, 'x'];
    }
    writeFileSync(join(cacheDir, 'scan-facts.json'), JSON.stringify(stored));
    expect(JSON.stringify(await scan(root, { cacheDir }))).toBe(JSON.stringify(cold));
    // A corrupt file index (sizes, times, hashes, text imports) is ignored, and so are odd entries.
    dropResults();
    const index = JSON.parse(readFileSync(join(cacheDir, 'scan-files.json'), 'utf8')) as { files: Record<string, Record<string, unknown>> };
    for (const info of Object.values(index.files)) info.imports = [{ specifier: 5 }];
    writeFileSync(join(cacheDir, 'scan-files.json'), JSON.stringify(index));
    expect(JSON.stringify(await scan(root, { cacheDir }))).toBe(JSON.stringify(cold));
    dropResults();
    writeFileSync(join(cacheDir, 'scan-files.json'), '{"format":1,"files":');
    expect(JSON.stringify(await scan(root, { cacheDir }))).toBe(JSON.stringify(cold));
    // A changed file misses the whole-result cache and is scanned afresh.
    writeFileSync(join(root, 'b.ts'), `import { t } from './lib/t';\n\nt('b');\n`);
    const changed = await scan(root, { cacheDir });
    expect(changed.callSites.map((s) => `${s.file}:${s.line}`)).toEqual(['a.ts:2', 'b.ts:3']);
    // Its facts went to the delta file, read over the base; a delta of another base is ignored.
    expect(existsSync(join(cacheDir, 'scan-facts-delta.json'))).toBe(true);
    const delta = JSON.parse(readFileSync(join(cacheDir, 'scan-facts-delta.json'), 'utf8')) as { base: string };
    dropResults();
    expect(JSON.stringify(await scan(root, { cacheDir }))).toBe(JSON.stringify(changed));
    writeFileSync(join(cacheDir, 'scan-facts-delta.json'), JSON.stringify({ ...delta, base: 'another' }));
    dropResults();
    expect(JSON.stringify(await scan(root, { cacheDir }))).toBe(JSON.stringify(changed));
    expect(cold.callSites.map((s) => s.file)).toEqual(['a.ts', 'b.ts']);
  });

  it('leaves the file index and the outlines as they were when a run changed few of their entries, and still sees the change', async () => {
    const files: Record<string, string> = { 'lib/t.ts': `import posthog from 'posthog-js';\nexport const t = (email: string) => posthog.capture('x', { email });\n` };
    for (let i = 0; i < 20; i++) files[`u${i}.ts`] = `import { t } from './lib/t';\nexport const u${i} = () => t('u${i}');\n`;
    const root = project(files);
    const anHourAgo = new Date(Date.now() - 3_600_000);
    for (const file of Object.keys(files)) utimesSync(join(root, file), anHourAgo, anHourAgo);
    const cacheDir = join(root, '.flowaudit-cache');
    const stored = (): string[] => ['scan-files.json', 'scan-outlines.json'].map((name) => readFileSync(join(cacheDir, name), 'utf8'));
    await scan(root, { cacheDir });
    const before = stored();
    // One file changed: its entries are stale, and the next run describes and outlines it again.
    writeFileSync(join(root, 'u3.ts'), `import { t } from './lib/t';\nexport const u3 = () => t('u3');\nt('again');\n`);
    const changed = await scan(root, { cacheDir });
    expect(changed.callSites.filter((s) => s.file === 'u3.ts').map((s) => s.line)).toEqual([2, 3]);
    expect(stored()).toEqual(before);
    rmSync(join(cacheDir, 'scan-result.json'));
    rmSync(join(cacheDir, 'scan-link.json'));
    expect(JSON.stringify(await scan(root, { cacheDir }))).toBe(JSON.stringify(changed));
    expect(JSON.stringify(await scan(root))).toBe(JSON.stringify(changed));
    // Many changed: both are written again.
    for (let i = 0; i < 20; i++) writeFileSync(join(root, `u${i}.ts`), `import { t } from './lib/t';\nexport const u${i} = () => t('u${i}!');\n`);
    await scan(root, { cacheDir });
    const after = stored();
    expect(after[0]).not.toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
  });
});
