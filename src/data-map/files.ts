/**
 * Which files make up the data-map: `--map` (a file or a directory of YAML files) or the defaults under
 * the root. Apart from read.ts (no YAML here), so that a run whose map is cached never loads the parser.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { MapProblem } from './types.js';

export const MAX_MAP_BYTES = 10 * 1024 * 1024;

export function displayPath(cwd: string, absolute: string): string {
  return relative(cwd, absolute).split('\\').join('/') || '.';
}

export function problem(file: string, message: string, line = 1, column = 1): MapProblem {
  return { severity: 'error', file, line, column, path: '', message };
}

export type Found = { files: string[] } | { problem: MapProblem };

function isYamlName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

function filesOfDirectory(dir: string, cwd: string): Found {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    return { problem: problem(displayPath(cwd, dir), `cannot read the directory: ${systemReason(error)}`) };
  }
  const files = names
    .filter(isYamlName)
    .sort()
    .map((n) => join(dir, n))
    .filter((p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    });
  if (files.length === 0) return { problem: problem(displayPath(cwd, dir), 'no data-map found: the directory contains no *.yaml or *.yml file') };
  return { files };
}

export function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ELOOP') return 'too many symbolic links';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

/** `--map` (relative to cwd) or the defaults: `<root>/datamap.yaml`, `<root>/datamap.yml`, `<root>/.flowaudit/`. */
export function findMapFiles(map: string | undefined, root: string, cwd: string): Found {
  if (map !== undefined) {
    const target = resolve(cwd, map);
    let stats;
    try {
      stats = statSync(target);
    } catch (error) {
      const reason = systemReason(error);
      const message = reason === 'no such file or directory' ? `no data-map found at ${map}` : `cannot read ${map}: ${reason}`;
      return { problem: problem(displayPath(cwd, target), message) };
    }
    if (stats.isDirectory()) return filesOfDirectory(target, cwd);
    return { files: [target] };
  }
  for (const name of ['datamap.yaml', 'datamap.yml']) {
    const candidate = join(root, name);
    try {
      if (statSync(candidate).isFile()) return { files: [candidate] };
    } catch {
      // not there: try the next default
    }
  }
  const dir = join(root, '.flowaudit');
  try {
    if (statSync(dir).isDirectory()) return filesOfDirectory(dir, cwd);
  } catch {
    // not there either
  }
  const where = displayPath(cwd, root);
  return {
    problem: problem(
      displayPath(cwd, join(root, 'datamap.yaml')),
      `no data-map found: looked for datamap.yaml, datamap.yml and .flowaudit/ in ${where}; pass --map <file|dir>`,
    ),
  };
}

