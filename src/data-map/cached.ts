/**
 * A valid data-map, loaded once, is kept in `<cacheDir>/datamap.json` under a key of everything the load
 * depends on: the map files' names and bytes, `--map`, root and working directory, the catalogue ids a
 * vendor may name, the tool version and the loader's own code. A run with an unchanged map reads that
 * back instead of loading the YAML parser, parsing and validating.
 *
 * Only maps that load without errors are kept, and only when the copy reads back equal to the map;
 * a missing, unreadable, corrupt or stale cache file is ignored (and replaced). Every failure, warning
 * and message is the loader's own: a miss simply runs `loadDataMap`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { readCacheJson, writeCacheJson } from '../cache-file.js';
import { loadCatalog } from '../catalog/index.js';
import { toolVersion } from '../package-root.js';
import { readBoundedFile } from '../read-file.js';
import { findMapFiles, MAX_MAP_BYTES } from './files.js';
import type { LoadOptions } from './load.js';
import type { DataMap, LoadResult, MapProblem, SourceLocation } from './types.js';

const FILE = 'datamap.json';
const FORMAT = 1;

interface Stored {
  format: number;
  key: string;
  /** The map, its `locations` as entries. */
  map: Omit<DataMap, 'locations'> & { locations?: [string, SourceLocation][] };
  warnings: MapProblem[];
}

/** The code a loaded map comes from (this folder and the taxonomy): another build of it never reuses the cache. */
let codeFingerprint: string | undefined;

function loaderFingerprint(): string {
  if (codeFingerprint === undefined) {
    const here = dirname(fileURLToPath(import.meta.url));
    const ext = extname(fileURLToPath(import.meta.url));
    const hash = createHash('sha256');
    const names = ['cached', 'files', 'read', 'load', 'locate', 'normalize', 'check', 'schema', 'suggest', 'datamap-validator.generated'];
    const files = [...names.map((n) => join(here, `${n}${ext}`)), ...['index', 'categories', 'purposes'].map((n) => join(here, '..', 'taxonomy', `${n}${ext}`))];
    for (const file of files) {
      try {
        hash.update(readFileSync(file));
      } catch {
        hash.update(`-${file}`);
      }
    }
    codeFingerprint = hash.digest('hex');
  }
  return codeFingerprint;
}

function catalogIds(options: LoadOptions): string[] {
  if (options.catalogIds) return [...options.catalogIds].sort();
  try {
    return loadCatalog()
      .entries.map((e) => e.id)
      .sort();
  } catch {
    return []; // as the loader does: a broken catalogue leaves no ids to check against
  }
}

/** The key of a load, or undefined when the files cannot be read here (the loader then says why). */
function cacheKey(options: LoadOptions, files: readonly string[]): string | undefined {
  const hash = createHash('sha256').update(`${FORMAT}\u0000${toolVersion}\u0000${loaderFingerprint()}\u0000`);
  hash.update(JSON.stringify([options.map ?? null, options.root, options.cwd, catalogIds(options)]));
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readBoundedFile(file, MAX_MAP_BYTES);
    } catch {
      return undefined;
    }
    hash.update(`\u0000${file}\u0000${bytes.length}\u0000`).update(bytes);
  }
  return hash.digest('hex');
}

function toStored(key: string, map: DataMap, warnings: MapProblem[]): Stored {
  const { locations, ...rest } = map;
  return { format: FORMAT, key, map: { ...rest, ...(locations ? { locations: [...locations] } : {}) }, warnings };
}

function fromStored(stored: Stored): LoadResult {
  const { locations, ...rest } = stored.map;
  const map: DataMap = { ...rest, ...(locations ? { locations: new Map(locations) } : {}) };
  return { ok: true, map, warnings: stored.warnings };
}

function read(cacheDir: string, key: string): LoadResult | undefined {
  const stored = readCacheJson<Stored>(cacheDir, FILE); // none yet, or corrupt: undefined
  if (stored?.format !== FORMAT || stored.key !== key) return undefined;
  const map = stored.map as Partial<Stored['map']> | undefined;
  if (typeof map !== 'object' || map === null || !Array.isArray(map.files) || !Array.isArray(stored.warnings)) return undefined;
  if (map.locations !== undefined && !Array.isArray(map.locations)) return undefined;
  return fromStored(stored as Stored);
}


/**
 * `loadDataMap`, through the cache in `cacheDir` when one is given. Loads the loader (and YAML) only on
 * a miss. Never throws for bad input, as `loadDataMap`.
 */
export async function loadDataMapCached(options: LoadOptions, cacheDir: string | undefined): Promise<LoadResult> {
  const found = findMapFiles(options.map, options.root, options.cwd);
  // No map at all: what the loader would answer, without loading it and YAML (`flowaudit scan` of an app with no map).
  if ('problem' in found) return { ok: false, problems: [found.problem] };
  const key = cacheDir ? cacheKey(options, found.files) : undefined;
  if (cacheDir && key) {
    const hit = read(cacheDir, key);
    if (hit) return hit;
  }
  const { loadDataMap } = await import('./load.js');
  const result = loadDataMap(options);
  if (!cacheDir || !key || !result.ok) return result;
  // Kept only if the files did not change while loading and the copy reads back as the same map.
  if (cacheKey(options, found.files) !== key) return result;
  const stored = toStored(key, result.map, result.warnings);
  const copy = fromStored(JSON.parse(JSON.stringify(stored)) as Stored);
  if (isDeepStrictEqual(copy, result)) writeCacheJson(cacheDir, FILE, stored);
  return result;
}
