// The glob-based discovery that src/scan/discover.ts replaced (commit 49575ce), kept as the oracle of test/scan/discover-walk.test.ts.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import { DEFAULT_EXCLUDES, gitignored, outsideLink, SOURCE_EXTENSIONS, toPosix, type Discovery } from '../../src/scan/discover.js';
import type { SkippedFile } from '../../src/scan/types.js';

// The same configuration and .gitignore matching as the walk it checks: only the way of walking differs.

/** Directories never worth descending into (the globber skips them outright). */
const NEVER = ['**/node_modules/**', '**/.git/**', '**/.flowaudit-cache/**'];

function loadGitignores(root: string, gitignores: string[]): { dir: string; rules: Ignore }[] {
  const out: { dir: string; rules: Ignore }[] = [];
  for (const rel of gitignores) {
    try {
      const text = readFileSync(join(root, rel), 'utf8');
      out.push({ dir: dirname(rel) === '.' ? '' : toPosix(dirname(rel)), rules: ignore().add(text) });
    } catch {
      // an unreadable .gitignore ignores nothing
    }
  }
  return out;
}

export async function discoverFiles(root: string, exclude: readonly string[], include: readonly string[]): Promise<Discovery> {
  const pattern = `**/*.{${SOURCE_EXTENSIONS.join(',')}}`;
  const [candidates, gitignoreFiles] = await Promise.all([
    glob(pattern, { cwd: root, ignore: NEVER, dot: true, followSymbolicLinks: false, onlyFiles: true, expandDirectories: false }),
    glob('**/.gitignore', { cwd: root, ignore: NEVER, dot: true, followSymbolicLinks: false, onlyFiles: true, expandDirectories: false }),
  ]);
  const gitignores = loadGitignores(root, gitignoreFiles.sort());
  const isExcluded = picomatch([...DEFAULT_EXCLUDES, ...exclude], { dot: true });
  const isIncluded = include.length ? picomatch([...include], { dot: true }) : () => false;
  const isUserExcluded = exclude.length ? picomatch([...exclude], { dot: true }) : () => false;
  let realRoot = root;
  try {
    realRoot = realpathSync(root);
  } catch {
    // keep the given root
  }
  const files: string[] = [];
  const skipped: SkippedFile[] = [];
  for (const candidate of candidates.map(toPosix).sort()) {
    const forced = isIncluded(candidate) && !isUserExcluded(candidate);
    if (!forced && (isExcluded(candidate) || gitignored(candidate, gitignores))) continue;
    // A symlinked file must stay inside the root (the glob does not descend into symlinked folders, so a
    // file that is not itself a link is inside).
    try {
      if (!lstatSync(join(root, candidate)).isSymbolicLink()) {
        files.push(candidate);
        continue;
      }
      const real = realpathSync(join(root, candidate));
      const inside = relative(realRoot, real);
      if (inside.startsWith('..') || inside === '' || /^[a-zA-Z]:/.test(inside)) {
        skipped.push({ file: candidate, reason: 'symbolic link pointing outside the scanned root' });
        continue;
      }
    } catch {
      skipped.push({ file: candidate, reason: 'unreadable (broken symbolic link or permission denied)' });
      continue;
    }
    files.push(candidate);
  }
  skipped.push(...outsideLinks(root, realRoot, (rel) => (isExcluded(rel) && !(isIncluded(rel) && !isUserExcluded(rel))) || gitignored(rel, gitignores)));
  return { files, skipped };
}

const NEVER_DESCEND = new Set(['node_modules', '.git', '.flowaudit-cache']);

/**
 * Symbolic links that point outside the root: the globber does not follow links, so they are never
 * scanned; this lists them (a source file, or a folder) so the report says what was left out.
 */
function outsideLinks(root: string, realRoot: string, excluded: (rel: string) => boolean): SkippedFile[] {
  const out: SkippedFile[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 64) return;
    let entries;
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!NEVER_DESCEND.has(entry.name) && !excluded(`${rel}/`) && !excluded(`${rel}/x.ts`)) walk(rel, depth + 1);
        continue;
      }
      if (!entry.isSymbolicLink()) continue;
      const skipped = outsideLink(root, realRoot, rel, entry.name, excluded);
      if (skipped) out.push(skipped);
    }
  };
  walk('', 0);
  return out;
}

/** tsconfig / package.json files for module resolution (nested ones included, build output excluded). */
export async function discoverConfigFiles(root: string): Promise<{ tsconfigs: string[]; packageJsons: string[] }> {
  const found = await glob(['**/tsconfig*.json', '**/jsconfig.json', '**/package.json'], {
    cwd: root,
    ignore: ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/build/**', '**/.next/**', '**/coverage/**'],
    dot: false,
    followSymbolicLinks: false,
    onlyFiles: true,
    expandDirectories: false,
  });
  const sorted = found.map(toPosix).sort();
  return {
    tsconfigs: sorted.filter((f) => !f.endsWith('package.json')),
    packageJsons: sorted.filter((f) => f.endsWith('package.json') && existsSync(join(root, f))),
  };
}
