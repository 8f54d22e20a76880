/**
 * Resolving imports between the project's own files (SPEC section 5): relative paths with extension and
 * index resolution, tsconfig `baseUrl` / `paths` (with `extends`), and workspace packages (every named
 * package.json under the root, mapped to its folder and its `exports` / `source` / `main` / `src/index`).
 * Nothing is executed; only JSON is read.
 */
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { typescriptOnce } from './typescript-loader.js';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const JS_TO_TS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

interface PathsConfig {
  /** Folder (relative to root) of the tsconfig. */
  dir: string;
  baseUrl?: string;
  /** Pattern -> targets, targets already relative to root. */
  paths: [string, string[]][];
}

interface WorkspacePackage {
  name: string;
  dir: string;
  json: Record<string, unknown>;
}

function readJson(root: string, file: string): Record<string, unknown> | undefined {
  try {
    const text = readFileSync(posix.join(root, file), 'utf8');
    const plain = parseJsonc(text);
    if (plain !== undefined) return typeof plain === 'object' && plain !== null && !Array.isArray(plain) ? (plain as Record<string, unknown>) : undefined;
    // Not plain JSON with comments: TypeScript's own reader, which forgives more.
    const parsed = typescriptOnce().parseConfigFileTextToJson(file, text);
    return parsed.config && typeof parsed.config === 'object' ? (parsed.config as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** JSON with comments and trailing commas (tsconfig, jsconfig), or undefined when it is not that. */
function parseJsonc(text: string): unknown {
  let out = '';
  let at = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (i++; i < n && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 47 && (text.charCodeAt(i + 1) === 47 || text.charCodeAt(i + 1) === 42)) {
      out += text.slice(at, i);
      const end = text.charCodeAt(i + 1) === 47 ? text.indexOf('\n', i) : text.indexOf('*/', i + 2);
      i = end < 0 ? n : text.charCodeAt(i + 1) === 47 ? end - 1 : end + 1;
      at = i + 1;
    }
  }
  out = text.slice(at) === text ? text.replace(/^\uFEFF/, '') : (out + text.slice(at)).replace(/^\uFEFF/, '');
  for (const candidate of [out, out.replace(/,(\s*[}\]])/g, '$1')]) {
    try {
      return JSON.parse(candidate);
    } catch {
      // trailing commas, or not JSON at all
    }
  }
  return undefined;
}

function normalise(path: string): string {
  const n = posix.normalize(path);
  return n === '.' ? '' : n.replace(/^\.\//, '').replace(/\/$/, '');
}

export class ModuleResolver {
  private readonly configs = new Map<string, PathsConfig | undefined>();
  private readonly configDirs: Set<string>;
  private readonly packages = new Map<string, WorkspacePackage>();
  private readonly cache = new Map<string, string | undefined>();

  constructor(
    private readonly root: string,
    private readonly files: ReadonlySet<string>,
    tsconfigs: readonly string[],
    packageJsons: readonly string[],
  ) {
    this.configDirs = new Set(tsconfigs.filter((f) => /(^|\/)(tsconfig|jsconfig)\.json$/.test(f)).map((f) => normalise(posix.dirname(f))));
    for (const file of packageJsons) {
      const json = readJson(root, file);
      const name = json?.name;
      if (typeof name === 'string' && !this.packages.has(name)) this.packages.set(name, { name, dir: normalise(posix.dirname(file)), json: json! });
    }
  }

  /** Names of the workspace packages and the tsconfig path-alias prefixes (for the text pre-filter). */
  projectSpecifierPrefixes(): string[] {
    const prefixes = new Set<string>(this.packages.keys());
    for (const dir of this.configDirs) {
      for (const [pattern] of this.config(dir)?.paths ?? []) prefixes.add(pattern.replace(/\*.*$/, ''));
    }
    prefixes.delete('');
    return [...prefixes].sort();
  }

  private loadConfig(file: string, seen: Set<string>): { baseUrl?: string; paths?: [string, string[]][]; pathsBase?: string } {
    if (seen.has(file) || seen.size > 10) return {};
    seen.add(file);
    const json = readJson(this.root, file);
    if (!json) return {};
    const dir = normalise(posix.dirname(file));
    let inherited: { baseUrl?: string; paths?: [string, string[]][]; pathsBase?: string } = {};
    const ext = json.extends;
    for (const parent of (Array.isArray(ext) ? ext : ext ? [ext] : []).filter((e): e is string => typeof e === 'string')) {
      const parentFile = this.configFile(dir, parent);
      if (parentFile) inherited = { ...inherited, ...Object.fromEntries(Object.entries(this.loadConfig(parentFile, seen)).filter(([, v]) => v !== undefined)) };
    }
    const options = (json.compilerOptions ?? {}) as Record<string, unknown>;
    const result = { ...inherited };
    if (typeof options.baseUrl === 'string') result.baseUrl = normalise(posix.join(dir, options.baseUrl));
    if (options.paths && typeof options.paths === 'object') {
      const base = typeof options.baseUrl === 'string' ? normalise(posix.join(dir, options.baseUrl)) : dir;
      result.pathsBase = base;
      result.paths = Object.entries(options.paths as Record<string, unknown>).map(([k, v]) => [
        k,
        (Array.isArray(v) ? v : []).filter((t): t is string => typeof t === 'string').map((t) => normalise(posix.join(base, t))),
      ]);
    }
    return result;
  }

  private configFile(dir: string, spec: string): string | undefined {
    if (spec.startsWith('.')) {
      const path = normalise(posix.join(dir, spec));
      return path.endsWith('.json') ? path : `${path}.json`;
    }
    // `extends: "@acme/tsconfig/base.json"` from a workspace package.
    for (const [name, pkg] of this.packages) {
      if (spec === name || spec.startsWith(`${name}/`)) {
        const rest = spec.slice(name.length + 1) || 'tsconfig.json';
        return posix.join(pkg.dir, rest.endsWith('.json') ? rest : `${rest}.json`);
      }
    }
    return undefined;
  }

  private config(dir: string): PathsConfig | undefined {
    if (this.configs.has(dir)) return this.configs.get(dir);
    let result: PathsConfig | undefined;
    const file = ['tsconfig.json', 'jsconfig.json'].map((n) => (dir ? `${dir}/${n}` : n)).find((f) => readJson(this.root, f) !== undefined);
    if (file) {
      const loaded = this.loadConfig(file, new Set());
      result = { dir, paths: loaded.paths ?? [], ...(loaded.baseUrl !== undefined ? { baseUrl: loaded.baseUrl } : {}) };
    }
    this.configs.set(dir, result);
    return result;
  }

  /** The tsconfig that governs a file: the nearest one in its folder or above. */
  private readonly configByDir = new Map<string, PathsConfig | undefined>();

  private configFor(file: string): PathsConfig | undefined {
    const fileDir = posix.dirname(file);
    if (this.configByDir.has(fileDir)) return this.configByDir.get(fileDir);
    const found = this.findConfig(fileDir);
    this.configByDir.set(fileDir, found);
    return found;
  }

  private findConfig(fileDir: string): PathsConfig | undefined {
    let dir = normalise(fileDir);
    for (;;) {
      if (this.configDirs.has(dir)) return this.config(dir);
      if (!dir) return undefined;
      const parent = posix.dirname(dir);
      dir = parent === '.' ? '' : parent;
    }
  }

  private tryFile(base: string): string | undefined {
    const b = normalise(base);
    if (this.files.has(b)) return b;
    const ext = posix.extname(b);
    for (const replacement of JS_TO_TS[ext] ?? []) {
      const candidate = b.slice(0, -ext.length) + replacement;
      if (this.files.has(candidate)) return candidate;
    }
    for (const e of EXTENSIONS) if (this.files.has(b + e)) return b + e;
    for (const e of EXTENSIONS) if (this.files.has(`${b}/index${e}`)) return `${b}/index${e}`;
    return undefined;
  }

  /** A project file for an import specifier, or undefined for an external package. */
  resolve(fromFile: string, spec: string): string | undefined {
    const key = spec.startsWith('.') ? `${posix.dirname(fromFile)}\u0000${spec}` : `${this.configFor(fromFile)?.dir ?? '-'}\u0000${spec}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const result = this.resolveUncached(fromFile, spec);
    this.cache.set(key, result);
    return result;
  }

  private resolveUncached(fromFile: string, spec: string): string | undefined {
    if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') return this.tryFile(posix.join(posix.dirname(fromFile), spec));
    if (spec.startsWith('/') || spec.startsWith('node:')) return undefined;
    const config = this.configFor(fromFile);
    if (config) {
      const matches = config.paths
        .map(([pattern, targets]) => {
          const star = pattern.indexOf('*');
          if (star < 0) return pattern === spec ? { prefix: pattern.length, targets, rest: '' } : undefined;
          const prefix = pattern.slice(0, star);
          const suffix = pattern.slice(star + 1);
          if (!spec.startsWith(prefix) || !spec.endsWith(suffix) || spec.length < prefix.length + suffix.length) return undefined;
          return { prefix: prefix.length, targets, rest: spec.slice(prefix.length, spec.length - suffix.length) };
        })
        .filter((m): m is { prefix: number; targets: string[]; rest: string } => m !== undefined)
        .sort((a, b) => b.prefix - a.prefix);
      for (const m of matches) {
        for (const target of m.targets) {
          const found = this.tryFile(target.replace('*', m.rest));
          if (found) return found;
        }
      }
      if (config.baseUrl !== undefined) {
        const found = this.tryFile(posix.join(config.baseUrl, spec));
        if (found) return found;
      }
    }
    return this.resolveWorkspace(spec);
  }

  private resolveWorkspace(spec: string): string | undefined {
    const parts = spec.split('/');
    const nameLength = spec.startsWith('@') ? 2 : 1;
    const name = parts.slice(0, nameLength).join('/');
    const pkg = this.packages.get(name);
    if (!pkg) return undefined;
    const subpath = parts.slice(nameLength).join('/');
    const fromExports = this.exportsTarget(pkg, subpath ? `./${subpath}` : '.');
    for (const target of fromExports) {
      const found = this.fromPackageTarget(pkg, target);
      if (found) return found;
    }
    if (subpath) return this.tryFile(posix.join(pkg.dir, subpath)) ?? this.tryFile(posix.join(pkg.dir, 'src', subpath));
    for (const field of ['source', 'module', 'main', 'types', 'typings']) {
      const value = pkg.json[field];
      if (typeof value === 'string') {
        const found = this.fromPackageTarget(pkg, value);
        if (found) return found;
      }
    }
    return this.tryFile(posix.join(pkg.dir, 'src/index')) ?? this.tryFile(posix.join(pkg.dir, 'index'));
  }

  private exportsTarget(pkg: WorkspacePackage, subpath: string): string[] {
    const exportsField = pkg.json.exports;
    if (exportsField === undefined) return [];
    const collect = (value: unknown): string[] => {
      if (typeof value === 'string') return [value];
      if (Array.isArray(value)) return value.flatMap(collect);
      if (value && typeof value === 'object') {
        const conditions = value as Record<string, unknown>;
        return ['source', 'development', 'import', 'module', 'default', 'require', 'node', 'browser', 'types']
          .filter((c) => c in conditions)
          .flatMap((c) => collect(conditions[c]));
      }
      return [];
    };
    if (typeof exportsField === 'string' || Array.isArray(exportsField)) return subpath === '.' ? collect(exportsField) : [];
    const map = exportsField as Record<string, unknown>;
    const keys = Object.keys(map);
    if (!keys.some((k) => k.startsWith('.'))) return subpath === '.' ? collect(map) : [];
    if (subpath in map) return collect(map[subpath]);
    for (const key of keys) {
      const star = key.indexOf('*');
      if (star < 0) continue;
      const prefix = key.slice(0, star);
      const suffix = key.slice(star + 1);
      if (subpath.startsWith(prefix) && subpath.endsWith(suffix)) {
        const rest = subpath.slice(prefix.length, subpath.length - suffix.length);
        return collect(map[key]).map((t) => t.replace('*', rest));
      }
    }
    return [];
  }

  /** A package entry may point at build output; map it back to the source file when that is what exists. */
  private fromPackageTarget(pkg: WorkspacePackage, target: string): string | undefined {
    const direct = this.tryFile(posix.join(pkg.dir, target));
    if (direct) return direct;
    const stripped = target.replace(/^\.\//, '').replace(/\.d\.ts$/, '').replace(/\.(m|c)?js$/, '');
    const withoutOut = stripped.replace(/^(dist|build|lib|out|esm|cjs)\//, '');
    return this.tryFile(posix.join(pkg.dir, 'src', withoutOut)) ?? this.tryFile(posix.join(pkg.dir, withoutOut));
  }
}
