/**
 * Which files to scan (SPEC section 5, "Files"): source extensions under the root, minus `.gitignore`d
 * paths and the default excludes (tests, specs, mocks, stories, build output, `node_modules`, `.d.ts`),
 * adjusted by the map's `scan.exclude` / `scan.include`. Symbolic links are never followed out of the root.
 *
 * One synchronous walk of the tree (readdir with file types, no stat per file) finds the source files, the
 * `.gitignore` files, the symbolic links and the tsconfig/package.json files at once; `scanProject` asks for
 * the files and the configs in the same tick, so the second question reuses that walk.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { SkippedFile } from './types.js';

export const SOURCE_EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'];

export const DEFAULT_EXCLUDES = [
  '**/node_modules/**',
  '**/*.d.ts',
  '**/*.d.mts',
  '**/*.d.cts',
  '**/*.{test,spec}.*',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/__fixtures__/**',
  // End-to-end test suites and their fixtures (SPEC section 5: "fixtures of test frameworks").
  '**/e2e/**',
  '**/playwright/**',
  '**/cypress/**',
  '**/*.stories.*',
  '**/dist/**',
  '**/build/**',
  '**/.next/**',
  '**/coverage/**',
  '**/.git/**',
  '**/.flowaudit-cache/**',
];

/** Folders never worth descending into. */
const NEVER_DESCEND = new Set(['node_modules', '.git', '.flowaudit-cache']);
/** Folders whose tsconfig/package.json files are not the project's (besides dot-folders and NEVER_DESCEND). */
const NOT_CONFIG_FOLDERS = new Set(['node_modules', '.git', 'dist', 'build', '.next', 'coverage']);
const SOURCE = new RegExp(`\\.(${SOURCE_EXTENSIONS.join('|')})$`);
const CONFIG = /^(?:tsconfig[^/]*\.json|jsconfig\.json|package\.json)$/;
/** How deep the listing of outside links looks (folders below this depth are not listed). */
const LINK_DEPTH = 64;

export interface Discovery {
  /** Relative POSIX paths, sorted. */
  files: string[];
  skipped: SkippedFile[];
}

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

interface Link {
  /** Relative POSIX path of the link. */
  rel: string;
  name: string;
  /** Relative path of the folder holding it ('' for the root). */
  dir: string;
}

/** What one walk of the tree saw: regular files and symbolic links, relative POSIX paths, in walk order. */
interface Walk {
  sources: string[];
  gitignores: string[];
  configs: string[];
  links: Link[];
}

/**
 * Walks the root depth-first, in directory order, without following symbolic links. Regular files only
 * count as sources, `.gitignore`s and configs; links are listed apart. `configsOnly` skips the folders that
 * cannot hold a config (dot-folders, build output), for a caller that wants nothing else.
 */
function walkTree(root: string, configsOnly: boolean): Walk {
  const walk: Walk = { sources: [], gitignores: [], configs: [], links: [] };
  const visit = (dir: string, prefix: string, configVisible: boolean): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir === '' ? root : join(root, dir), { withFileTypes: true });
    } catch {
      return; // unreadable folder: nothing in it is scanned
    }
    for (const entry of entries) {
      const name = entry.name;
      if (entry.isDirectory()) {
        if (NEVER_DESCEND.has(name)) continue;
        const inConfigs = configVisible && name.charCodeAt(0) !== 46 /* . */ && !NOT_CONFIG_FOLDERS.has(name);
        if (configsOnly && !inConfigs) continue;
        visit(prefix + name, `${prefix}${name}/`, inConfigs);
      } else if (entry.isFile()) {
        if (!configsOnly) {
          if (SOURCE.test(name)) walk.sources.push(prefix + name);
          else if (name === '.gitignore') walk.gitignores.push(prefix + name);
        }
        if (configVisible && CONFIG.test(name)) walk.configs.push(prefix + name);
      } else if (!configsOnly && entry.isSymbolicLink()) {
        walk.links.push({ rel: prefix + name, name, dir });
      }
    }
  };
  visit('', '', true);
  return walk;
}

/**
 * `scanProject` asks for the files and the configs in one synchronous stretch: the walk done for the first
 * question answers the second. It is dropped at the next microtask, so a later call always walks afresh.
 */
let lastWalk: { root: string; walk: Walk } | undefined;

function sharedWalk(root: string): Walk {
  if (lastWalk?.root === root) return lastWalk.walk;
  const walk = walkTree(root, false);
  lastWalk = { root, walk };
  queueMicrotask(() => {
    lastWalk = undefined;
  });
  return walk;
}

function loadGitignores(root: string, gitignores: string[]): { dir: string; rules: Ignore }[] {
  const out: { dir: string; rules: Ignore }[] = [];
  for (const rel of gitignores) {
    try {
      const text = readFileSync(join(root, rel), 'utf8');
      const slash = rel.lastIndexOf('/');
      out.push({ dir: slash < 0 ? '' : rel.slice(0, slash), rules: ignore().add(text) });
    } catch {
      // an unreadable .gitignore ignores nothing
    }
  }
  return out;
}

/** Does one of the `.gitignore` files (each with its folder) ignore this file? */
export function gitignored(file: string, gitignores: { dir: string; rules: Ignore }[]): boolean {
  for (const { dir, rules } of gitignores) {
    if (dir && !file.startsWith(`${dir}/`)) continue;
    const inner = dir ? file.slice(dir.length + 1) : file;
    // The folder holding a .gitignore is not matched by its own rules (and `ignore` refuses an empty path).
    if (inner && rules.ignores(inner)) return true;
  }
  return false;
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** What picomatch assumes when `windows` is not given (its utils.isWindows). */
const WINDOWS = ((platform) => (platform ? ['win32', 'windows'].includes(platform.toLowerCase()) : process.platform === 'win32'))(
  (globalThis as { navigator?: { platform?: string } }).navigator?.platform,
);

/**
 * `picomatch(patterns, { dot: true })` without the result objects it builds for every pattern tried: the
 * same literal comparison and the same regexes, joined into one alternation (those that can join it
 * unchanged: no flags, no back-references or named groups). Throws for a pattern picomatch refuses.
 */
function globMatcher(patterns: readonly string[]): (path: string) => boolean {
  if (patterns.length === 0) return () => false;
  const literals = new Set<string>();
  const sources: string[] = [];
  const apart: RegExp[] = [];
  for (const glob of patterns) {
    if (typeof glob !== 'string' || glob === '') picomatch(glob, { dot: true }); // throws picomatch's own error
    const regex = picomatch.makeRe(glob, { dot: true, windows: WINDOWS });
    literals.add(glob);
    if (regex.flags === '' && !/\\[1-9]|\(\?</.test(regex.source)) sources.push(regex.source);
    else apart.push(regex);
  }
  const joined = sources.length > 0 ? new RegExp(sources.join('|')) : undefined;
  return (path) => path !== '' && (literals.has(path) || (joined !== undefined && joined.test(path)) || apart.some((regex) => regex.test(path)));
}

export async function discoverFiles(root: string, exclude: readonly string[], include: readonly string[]): Promise<Discovery> {
  const walk = sharedWalk(root);
  const gitignores = loadGitignores(root, [...walk.gitignores].sort(byCodeUnit));
  const isExcluded = globMatcher([...DEFAULT_EXCLUDES, ...exclude]);
  const isIncluded = globMatcher(include);
  const isUserExcluded = globMatcher(exclude);
  const files: string[] = [];
  for (const candidate of [...walk.sources].sort(byCodeUnit)) {
    const forced = include.length > 0 && isIncluded(candidate) && !isUserExcluded(candidate);
    if (!forced && (isExcluded(candidate) || gitignored(candidate, gitignores))) continue;
    // Only regular files are candidates: a symbolic link is never followed (outsideLinks lists those leading out).
    files.push(candidate);
  }
  const excluded = (rel: string): boolean => (isExcluded(rel) && !(isIncluded(rel) && !isUserExcluded(rel))) || gitignored(rel, gitignores);
  return { files, skipped: outsideLinks(root, walk.links, excluded) };
}

/**
 * Symbolic links that point outside the root: the walk does not follow links, so they are never scanned;
 * this lists them (a source file, or a folder) so the report says what was left out. Links inside folders
 * that are excluded as a whole (or deeper than LINK_DEPTH) are not listed.
 */
function outsideLinks(root: string, links: readonly Link[], excluded: (rel: string) => boolean): SkippedFile[] {
  if (links.length === 0) return [];
  let realRoot = root;
  try {
    realRoot = realpathSync(root);
  } catch {
    // keep the given root
  }
  const listed = new Map<string, boolean>([['', true]]);
  /** Whether the listing looks inside a folder: none of it or its parents is excluded as a whole. */
  const looksInto = (dir: string): boolean => {
    let known = listed.get(dir);
    if (known !== undefined) return known;
    const slash = dir.lastIndexOf('/');
    const depth = dir.split('/').length;
    known = depth <= LINK_DEPTH && looksInto(slash < 0 ? '' : dir.slice(0, slash)) && !excluded(`${dir}/`) && !excluded(`${dir}/x.ts`);
    listed.set(dir, known);
    return known;
  };
  const out: SkippedFile[] = [];
  for (const { rel, name, dir } of links) {
    if (!looksInto(dir)) continue;
    const skipped = outsideLink(root, realRoot, rel, name, excluded);
    if (skipped) out.push(skipped);
  }
  return out;
}

/** What to report of a symbolic link (`rel`, file name `name`): broken, or pointing outside the (real) root; else nothing. */
export function outsideLink(root: string, realRoot: string, rel: string, name: string, excluded: (rel: string) => boolean): SkippedFile | undefined {
  let target: string;
  try {
    target = realpathSync(join(root, rel));
  } catch {
    return SOURCE.test(name) && !excluded(rel) ? { file: rel, reason: 'broken symbolic link' } : undefined;
  }
  const inside = relative(realRoot, target);
  if (!(inside.startsWith('..') || /^[a-zA-Z]:/.test(inside))) return undefined;
  let isDir = false;
  try {
    isDir = statSync(target).isDirectory();
  } catch {
    return undefined;
  }
  if (isDir) return excluded(`${rel}/x.ts`) ? undefined : { file: `${rel}/`, reason: 'symbolic link to a folder outside the scanned root (not followed)' };
  return SOURCE.test(name) && !excluded(rel) ? { file: rel, reason: 'symbolic link pointing outside the scanned root' } : undefined;
}

/** tsconfig / package.json files for module resolution (nested ones included, build output and dot-folders excluded). */
export async function discoverConfigFiles(root: string): Promise<{ tsconfigs: string[]; packageJsons: string[] }> {
  const found = lastWalk?.root === root ? lastWalk.walk.configs : walkTree(root, true).configs;
  const sorted = [...found].sort(byCodeUnit);
  return {
    tsconfigs: sorted.filter((f) => !f.endsWith('package.json')),
    packageJsons: sorted.filter((f) => f.endsWith('package.json') && existsSync(join(root, f))),
  };
}
