import type { DataMap, LoadResult, MapProblem } from './types.js';

export interface LoadOptions {
  /** `--map` as given (file or directory), relative to `cwd`; undefined -> `<root>/datamap.yaml`, then `<root>/.flowaudit/`. */
  map?: string;
  /** The scanned root (absolute). */
  root: string;
  /** The working directory (absolute); map file names in problems are relative to it. */
  cwd: string;
}

/** Load, schema-validate and semantically check a data-map. Never throws for bad input. (Stub.) */
export function loadDataMap(_options: LoadOptions): LoadResult {
  throw new Error('data-map loader: not implemented yet');
}

/** Warnings for `paths`/`scan` globs that match no file under `root`. (Stub.) */
export function checkGlobs(_map: DataMap, _root: string): MapProblem[] {
  return [];
}
