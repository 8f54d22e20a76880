/**
 * The data-map cache (src/data-map/cached.ts): a hit gives exactly what loading gives; any change to
 * what the load depends on misses; invalid maps are never kept; a corrupt cache is ignored.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataMapCached } from '../../src/data-map/cached.js';
import { loadDataMap, type LoadOptions } from '../../src/data-map/load.js';

const repo = resolve(import.meta.dirname, '../..');

const temporary: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowaudit-map-cache-'));
  temporary.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A project with the storefront's map (and a cache folder of its own). */
function project(): { root: string; cacheDir: string; options: LoadOptions } {
  const root = tempDir();
  cpSync(join(repo, 'fixtures', 'storefront', 'datamap.yaml'), join(root, 'datamap.yaml'));
  return { root, cacheDir: join(root, '.flowaudit-cache'), options: { root, cwd: root } };
}

const cacheFile = (cacheDir: string): string => join(cacheDir, 'datamap.json');

describe('the data-map cache', () => {
  it('keeps a valid map and gives back exactly what loading gives', async () => {
    const { cacheDir, options } = project();
    const loaded = loadDataMap(options);
    expect(loaded.ok).toBe(true);
    expect(await loadDataMapCached(options, cacheDir)).toEqual(loaded);
    expect(existsSync(cacheFile(cacheDir))).toBe(true);
    const written = statSync(cacheFile(cacheDir)).mtimeMs;
    const hit = await loadDataMapCached(options, cacheDir);
    expect(hit).toStrictEqual(loaded);
    if (!hit.ok || !loaded.ok) throw new Error('expected a map');
    expect(hit.map.locations).toBeInstanceOf(Map);
    expect([...hit.map.locations!]).toEqual([...loaded.map.locations!]);
    expect(JSON.stringify(hit)).toBe(JSON.stringify(loaded));
    expect(statSync(cacheFile(cacheDir)).mtimeMs).toBe(written);
  });

  it('gives back every map of the repository fixtures as loading does', async () => {
    const dirs = ['fixtures/storefront', 'fixtures/storefront-compliant', 'fixtures/maps/dir-merge'].filter((d) => existsSync(join(repo, d)));
    const files = readdirSync(join(repo, 'fixtures/maps')).filter((f) => f.endsWith('.yaml')).map((f) => `fixtures/maps/${f}`);
    let kept = 0;
    for (const map of [...dirs, ...files]) {
      const cacheDir = tempDir();
      const options: LoadOptions = { map: statSync(join(repo, map)).isDirectory() && existsSync(join(repo, map, 'datamap.yaml')) ? `${map}/datamap.yaml` : map, root: repo, cwd: repo };
      const loaded = loadDataMap(options);
      expect(await loadDataMapCached(options, cacheDir), map).toStrictEqual(loaded);
      expect(existsSync(cacheFile(cacheDir)), map).toBe(loaded.ok);
      expect(await loadDataMapCached(options, cacheDir), map).toStrictEqual(loaded);
      if (loaded.ok) kept++;
    }
    expect(kept).toBeGreaterThan(5);
  });

  it('misses when a map file, --map or the working directory changes', async () => {
    const { root, cacheDir, options } = project();
    const original = await loadDataMapCached(options, cacheDir);
    // Same length, one letter changed: the business name.
    const text = readFileSync(join(root, 'datamap.yaml'), 'utf8');
    const changed = text.replace(/name: (\S)/, (_, c: string) => `name: ${c === 'Z' ? 'Y' : 'Z'}`);
    expect(changed).not.toBe(text);
    writeFileSync(join(root, 'datamap.yaml'), changed);
    const afterEdit = await loadDataMapCached(options, cacheDir);
    expect(afterEdit).not.toStrictEqual(original);
    expect(afterEdit).toStrictEqual(loadDataMap(options));

    const sub = join(root, 'sub');
    mkdirSync(sub);
    const fromSub = { ...options, cwd: sub };
    const fromSubExpected = loadDataMap(fromSub);
    expect(fromSubExpected).not.toStrictEqual(loadDataMap(options)); // file names are relative to the working directory
    expect(await loadDataMapCached(fromSub, cacheDir)).toStrictEqual(fromSubExpected);
    expect(await loadDataMapCached(fromSub, cacheDir)).toStrictEqual(fromSubExpected);
    const viaMap = { ...options, map: 'datamap.yaml' };
    expect(await loadDataMapCached(viaMap, cacheDir)).toStrictEqual(loadDataMap(viaMap));
  });

  it('misses when the catalogue ids a vendor may name change', async () => {
    const cacheDir = tempDir();
    const withIds = (ids: string[]): LoadOptions => ({ map: 'fixtures/maps/undetectable-vendor.yaml', root: repo, cwd: repo, catalogIds: new Set(ids) });
    const warned = loadDataMap(withIds(['google-analytics', 'meta-pixel']));
    const quiet = loadDataMap(withIds(['google-analytics', 'meta-pixel', 'google-analytic']));
    expect(warned.ok && quiet.ok && warned.warnings.length === 1 && quiet.warnings.length === 0).toBe(true);
    for (let round = 0; round < 2; round++) {
      expect(await loadDataMapCached(withIds(['google-analytics', 'meta-pixel']), cacheDir)).toStrictEqual(warned);
      expect(await loadDataMapCached(withIds(['google-analytics', 'meta-pixel', 'google-analytic']), cacheDir)).toStrictEqual(quiet);
    }
  });

  it('never keeps an invalid map, and reports its problems as loading does', async () => {
    const { root, cacheDir, options } = project();
    writeFileSync(join(root, 'datamap.yaml'), 'version: 2\nvendors: [{ id: x }]\n');
    const expected = loadDataMap(options);
    expect(expected.ok).toBe(false);
    expect(await loadDataMapCached(options, cacheDir)).toStrictEqual(expected);
    expect(existsSync(cacheFile(cacheDir))).toBe(false);
    rmSync(join(root, 'datamap.yaml'));
    expect(await loadDataMapCached(options, cacheDir)).toStrictEqual(loadDataMap(options));
    expect(existsSync(cacheFile(cacheDir))).toBe(false);
  });

  it('does not hand back a kept map once its file is gone or unreadable', async () => {
    const { root, cacheDir, options } = project();
    await loadDataMapCached(options, cacheDir);
    rmSync(join(root, 'datamap.yaml'));
    mkdirSync(join(root, 'datamap.yaml'));
    const expected = loadDataMap(options);
    expect(expected.ok).toBe(false);
    expect(await loadDataMapCached(options, cacheDir)).toStrictEqual(expected);
  });

  it('ignores a corrupt or foreign cache file and replaces it', async () => {
    const { cacheDir, options } = project();
    const expected = loadDataMap(options);
    mkdirSync(cacheDir, { recursive: true });
    for (const garbage of ['', '{"format":1,"key":', 'null', '[]', '{"format":1,"key":"x","map":{},"warnings":[]}', '\u0000\u0001binary']) {
      writeFileSync(cacheFile(cacheDir), garbage);
      expect(await loadDataMapCached(options, cacheDir)).toStrictEqual(expected);
      expect(readFileSync(cacheFile(cacheDir), 'utf8')).not.toBe(garbage);
    }
    // The right key with a damaged body is not trusted either.
    const stored = JSON.parse(readFileSync(cacheFile(cacheDir), 'utf8')) as { map: Record<string, unknown> };
    writeFileSync(cacheFile(cacheDir), JSON.stringify({ ...stored, map: { ...stored.map, files: 'not a list' } }));
    expect(await loadDataMapCached(options, cacheDir)).toStrictEqual(expected);
  });

  it('writes nothing without a cache folder (--no-cache), and survives one it cannot write', async () => {
    const { root, cacheDir, options } = project();
    expect(await loadDataMapCached(options, undefined)).toStrictEqual(loadDataMap(options));
    expect(existsSync(cacheDir)).toBe(false);
    writeFileSync(join(root, 'blocker'), 'a file where the cache folder would go');
    expect(await loadDataMapCached(options, join(root, 'blocker', 'cache'))).toStrictEqual(loadDataMap(options));
  });
});
