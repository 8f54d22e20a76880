/**
 * Discovery walks the tree once with readdir; the files, skipped links and configs it finds must be
 * exactly what the glob-based discovery it replaced found (test/scan/discover-oracle.ts), on edge-case
 * trees and on every project in the repository.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverConfigFiles, discoverFiles } from '../../src/scan/discover.js';
import * as oracle from './discover-oracle.js';

const REPO = join(dirname(new URL(import.meta.url).pathname), '..', '..');

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'flowaudit-walk-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function expectSame(root: string, exclude: string[] = [], include: string[] = []): Promise<void> {
  // The two calls in one go, as scanProject makes them (the second reuses the first's walk) ...
  const [discovery, configs] = await Promise.all([discoverFiles(root, exclude, include), discoverConfigFiles(root)]);
  const [expected, expectedConfigs] = await Promise.all([oracle.discoverFiles(root, exclude, include), oracle.discoverConfigFiles(root)]);
  expect(discovery).toEqual(expected);
  expect(configs).toEqual(expectedConfigs);
  // ... and each alone.
  expect(await discoverConfigFiles(root)).toEqual(expectedConfigs);
  expect(await discoverFiles(root, exclude, include)).toEqual(expected);
}

function edgeCaseTree(): string {
  const outside = tree({ 'secret.ts': 'x', 'dir/a.ts': 'x' });
  const root = tree({
    'src/a.ts': '',
    'src/[id].ts': '',
    'src/(group)/page.tsx': '',
    'src/a1.ts': '',
    'src/ab.ts': '',
    'src/b.tsx': '',
    'src/.ts': '',
    'src/..ts': '',
    'src/.hidden.mjs': '',
    'src/upper.TS': '',
    'src/types.d.ts': '',
    'src/types.d.mts': '',
    'src/x.test.ts': '',
    'src/x.spec.js': '',
    'src/x.stories.tsx': '',
    'src/readme.md': '',
    'src/__tests__/t.ts': '',
    'src/__mocks__/m.ts': '',
    'src/__fixtures__/f.ts': '',
    'src/generated/g.ts': '',
    'src/keep/generated/k.ts': '',
    'src/legacy/old.ts': '',
    'e2e/run.ts': '',
    'e2e/tsconfig.json': '{}',
    'e2e/package.json': '{}',
    'cypress/support.js': '',
    'playwright/p.ts': '',
    'dist/out.js': '',
    'dist/package.json': '{}',
    'build/b.js': '',
    'coverage/c.js': '',
    '.next/n.js': '',
    '.storybook/main.ts': '',
    '.config/tsconfig.json': '{}',
    '.config/c.ts': '',
    'node_modules/dep/index.js': '',
    'node_modules/dep/package.json': '{}',
    'packages/ui/node_modules/x/i.js': '',
    'packages/ui/src/button.tsx': '',
    'packages/ui/package.json': '{}',
    'packages/ui/tsconfig.build.json': '{}',
    'packages/ui/jsconfig.json': '{}',
    'packages/ui/.gitignore': 'out/\n*.gen.ts\n!keep.gen.ts\n',
    'packages/ui/out/o.ts': '',
    'packages/ui/a.gen.ts': '',
    'packages/ui/keep.gen.ts': '',
    'packages/ui/deep/b.gen.ts': '',
    '.git/hooks/h.js': '',
    '.flowaudit-cache/c.js': '',
    '.gitignore': '/src/generated/\n# comment\n\n*.local.ts\n',
    'src/env.local.ts': '',
    'tsconfig.json': '{}',
    'package.json': '{}',
  });
  symlinkSync(join(outside, 'secret.ts'), join(root, 'src/linked.ts'));
  symlinkSync(join(outside, 'secret.ts'), join(root, 'src/linked.md'));
  symlinkSync(join(outside, 'dir'), join(root, 'outdir'));
  symlinkSync(join(outside, 'dir'), join(root, 'dist/outdir'));
  symlinkSync(join(outside, 'dir'), join(root, 'src/generated/outdir'));
  symlinkSync(join(root, 'src/a.ts'), join(root, 'src/inside-link.ts'));
  symlinkSync(join(root, 'src'), join(root, 'src-link'));
  symlinkSync(join(root, 'nowhere.ts'), join(root, 'src/broken.ts'));
  symlinkSync(join(root, 'nowhere.ts'), join(root, 'dist/broken.ts'));
  symlinkSync(join(outside, 'secret.ts'), join(root, 'packages/ui/package.json.link'));
  symlinkSync(join(outside, 'secret.ts'), join(root, 'packages/ui/tsconfig.link.json'));
  mkdirSync(join(root, 'loop'));
  symlinkSync(join(root, 'loop'), join(root, 'loop/self'));
  return root;
}

describe('file discovery by one walk', () => {
  it('finds what the glob-based discovery found on edge cases: names, default excludes, .gitignores, configs, links', async () => {
    await expectSame(edgeCaseTree());
  });

  it('applies the map excludes and includes as before, includes included', async () => {
    const root = edgeCaseTree();
    await expectSame(root, ['**/legacy/**'], ['src/__tests__/**']);
    await expectSame(root, ['src/**/*.tsx', 'packages/ui/src/**'], ['dist/**', 'src/generated/**', 'packages/ui/out/**', 'outdir/**', 'src/x.test.ts']);
    await expectSame(root, [], ['**']);
    await expectSame(root, ['**'], []);
    // Literal names that are globs, extglobs, classes, braces, escapes.
    await expectSame(root, ['src/[id].ts', 'src/(group)/**', 'src/!(a).ts'], ['src/__tests__/+(t|u).ts']);
    await expectSame(root, ['src/a\\1.ts', 'src/@(a|b)1.ts', 'src/[a-b]b.ts', '**/{legacy,generated}/**', 'src/a?.ts'], ['**/*.d.ts']);
  });

  it('lists no outside link below 64 folders, as before', async () => {
    const outside = tree({ 'a.ts': '' });
    const root = tree({ 'top.ts': '' });
    let dir = root;
    for (let depth = 1; depth <= 66; depth++) {
      dir = join(dir, 'd');
      mkdirSync(dir);
      if (depth >= 63) symlinkSync(join(outside, 'a.ts'), join(dir, `link${depth}.ts`));
    }
    await expectSame(root);
  });

  it('answers for a missing root as before', async () => {
    await expectSame(join(tmpdir(), 'flowaudit-walk-missing-root'));
  });

  it('finds what the glob-based discovery found in every project of the repository', async () => {
    const roots: string[] = [];
    const collect = (dir: string, depth: number): void => {
      if (existsSync(join(dir, 'datamap.yaml')) || existsSync(join(dir, '.flowaudit')) || existsSync(join(dir, 'package.json'))) roots.push(dir);
      if (depth === 0) return;
      for (const name of readdirSync(dir)) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        const path = join(dir, name);
        if (statSync(path).isDirectory()) collect(path, depth - 1);
      }
    };
    collect(join(REPO, 'fixtures'), 3);
    if (existsSync(join(REPO, 'bench', 'corpus'))) collect(join(REPO, 'bench', 'corpus'), 1);
    expect(roots.length).toBeGreaterThan(3);
    for (const root of roots) await expectSame(root, ['**/legacy/**'], []);
  });
});
