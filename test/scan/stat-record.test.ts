/**
 * The quickest warm run (src/scan/stat-record.ts): when no file's size or time changed since a recorded
 * run, and none changed within a second before it, that run's result stands without the file index.
 */
import { existsSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, scan } from './helpers.js';

const FILES = {
  'lib/t.ts': `import posthog from 'posthog-js';\nexport const t = (email: string) => posthog.capture('x', { email });\n`,
  'a.ts': `import { t } from './lib/t';\nexport const a = () => t('a');\n`,
};

describe('the stat record', () => {
  it('answers a run in which nothing changed without the file index, and steps aside after an edit', async () => {
    const root = project(FILES);
    const anHourAgo = new Date(Date.now() - 3_600_000);
    for (const file of Object.keys(FILES)) utimesSync(join(root, file), anHourAgo, anHourAgo);
    const cacheDir = join(root, '.flowaudit-cache');
    const index = join(cacheDir, 'scan-files.json');
    const first = await scan(root, { cacheDir });
    expect(existsSync(join(cacheDir, 'scan-stat.json'))).toBe(true);

    // Nothing changed: the result stands and the index is never read, nor written again.
    rmSync(index);
    expect(JSON.stringify(await scan(root, { cacheDir }))).toBe(JSON.stringify(first));
    expect(existsSync(index)).toBe(false);

    // An edit: the run goes through the index, which it writes again, and sees the change.
    writeFileSync(join(root, 'a.ts'), `import { t } from './lib/t';\nexport const a = () => t('a');\nt('again');\n`);
    const edited = await scan(root, { cacheDir });
    expect(edited.callSites.filter((s) => s.file === 'a.ts').map((s) => s.line)).toEqual([2, 3]);
    expect(existsSync(index)).toBe(true);
    expect(JSON.stringify(edited)).toBe(JSON.stringify(await scan(root)));

    // The edit was within a second of that run: it recorded nothing, and the next run checks the files again.
    rmSync(index);
    expect(JSON.stringify(await scan(root, { cacheDir }))).toBe(JSON.stringify(edited));
    expect(existsSync(index)).toBe(true);
  });
});
