/**
 * Cross-file value resolution for the link phase: what a symbolic `Val` of one file denotes once imports
 * are followed into other project files and vendor packages (SPEC section 5, "packages", "browser
 * globals", instances, re-exports, destructuring, class fields) — and what URL a request goes to.
 */
import type { FileFacts, Val } from './facts.js';
import { packageDetector, type Detector, type Detectors } from './detectors.js';
import type { ModuleResolver } from './modules.js';

export type HttpClient = 'fetch' | 'axios' | 'got' | 'ky' | 'ofetch' | 'undici' | 'node-http' | 'beacon' | 'xhr' | 'superagent';

/** A resolved value. */
export type RV =
  | { t: 'vendor'; dets: Detector[]; via: 'package' | 'global'; path: string[] }
  | { t: 'http'; client: HttpClient; path: string[]; base?: { file: string; val: Val } }
  | { t: 'fn'; file: string; id: number }
  | { t: 'cls'; file: string; id: number }
  | { t: 'inst'; file: string; cls: number }
  | { t: 'obj'; file: string; props: [string, Val][] }
  | { t: 'ns'; file: string }
  | { t: 'win' }
  | { t: 'g'; path: string[] }
  | { t: 'env'; name: string }
  | { t: 'unk' };

const UNK: RV = { t: 'unk' };

const HTTP_PACKAGES: Record<string, HttpClient> = {
  axios: 'axios',
  redaxios: 'axios',
  got: 'got',
  ky: 'ky',
  'ky-universal': 'ky',
  ofetch: 'ofetch',
  undici: 'undici',
  'node-fetch': 'fetch',
  'cross-fetch': 'fetch',
  'isomorphic-fetch': 'fetch',
  'isomorphic-unfetch': 'fetch',
  unfetch: 'fetch',
  http: 'node-http',
  https: 'node-http',
  'node:http': 'node-http',
  'node:https': 'node-http',
  superagent: 'superagent',
};

export const HTTP_PACKAGE_NAMES: readonly string[] = Object.keys(HTTP_PACKAGES);

export function isHttpPackage(specifier: string): boolean {
  return specifier in HTTP_PACKAGES;
}

/** Global names that matter to the scanner besides the catalogue's vendor globals. */
export const PLATFORM_GLOBALS = ['require', 'window', 'globalThis', 'self', 'global', 'fetch', '$fetch', 'navigator', 'XMLHttpRequest', 'document', 'process', 'URL', 'import.meta', '__uspapi', '__gpp', 'OneTrust', 'Optanon', 'Cookiebot', 'CookieConsent', 'Image'];

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'postForm', 'putForm', 'patchForm']);

export interface RequestShape {
  /** Index of the argument that holds the URL (or a config object with `url`). */
  urlArg: number;
  base?: { file: string; val: Val };
}

/** Is this call on an HTTP client a request, and where is its URL? */
export function requestShape(rv: Extract<RV, { t: 'http' }>): RequestShape | undefined {
  const p = rv.path;
  const base = rv.base ? { base: rv.base } : {};
  switch (rv.client) {
    case 'fetch':
      return p.length === 0 ? { urlArg: 0, ...base } : undefined;
    case 'axios':
    case 'got':
    case 'ky':
    case 'superagent':
      return p.length === 0 || (p.length === 1 && (METHODS.has(p[0]!) || p[0] === 'request')) ? { urlArg: 0, ...base } : undefined;
    case 'ofetch':
      return p.length === 0 || (p.length === 1 && (p[0] === 'raw' || p[0] === 'native')) ? { urlArg: 0, ...base } : undefined;
    case 'undici':
      return p.length === 1 && ['request', 'fetch', 'stream'].includes(p[0]!) ? { urlArg: 0 } : undefined;
    case 'node-http':
      return p.length === 1 && ['request', 'get'].includes(p[0]!) ? { urlArg: 0 } : undefined;
    case 'beacon':
      return p.length === 0 ? { urlArg: 0 } : undefined;
    case 'xhr':
      return p.length === 1 && p[0] === 'open' ? { urlArg: 1 } : undefined;
  }
  return undefined;
}

export class ValueResolver {
  private readonly memo = new Map<Val, RV>();
  private readonly busy = new Set<Val>();

  constructor(
    private readonly facts: (file: string) => FileFacts | undefined,
    private readonly modules: ModuleResolver,
    private readonly detectors: Detectors,
  ) {}

  /** The exported binding `name` of a project file, following re-exports. */
  exportVal(file: string, name: string, seen = new Set<string>()): { file: string; val: Val } | undefined {
    const key = `${file}\u0000${name}`;
    if (seen.has(key) || seen.size > 32) return undefined;
    seen.add(key);
    const facts = this.facts(file);
    if (!facts) return undefined;
    // The last binding wins (a CommonJS `module.exports = ...` after `exports.x = ...`).
    for (let i = facts.exports.length - 1; i >= 0; i--) {
      const [exported, val] = facts.exports[i]!;
      if (exported === name) return { file, val };
    }
    if (name === 'default') return undefined;
    for (const src of facts.starExports) {
      const target = this.modules.resolve(file, src);
      if (target) {
        const found = this.exportVal(target, name, seen);
        if (found) return found;
      }
    }
    return undefined;
  }

  /** Follows imports, namespace members and object properties to the Val that defines a value. */
  deref(file: string, val: Val, depth = 0): { file: string; val: Val } {
    if (depth > 16) return { file, val };
    if (val.k === 'imp') {
      const target = this.modules.resolve(file, val.src);
      if (target && val.name !== '*') {
        const found = this.exportVal(target, val.name);
        if (found) return this.deref(found.file, found.val, depth + 1);
      }
      return { file, val };
    }
    if (val.k === 'get' && val.o.k === 'this') {
      // `this.baseUrl`: a class field (of the class or a base class).
      const owner = this.resolve(file, val.o);
      const field = owner.t === 'inst' ? this.classField(owner.file, owner.cls, val.p) : undefined;
      if (field) return this.deref(field.file, field.val, depth + 1);
    }
    if (val.k === 'get') {
      const base = this.deref(file, val.o, depth + 1);
      if (base.val.k === 'obj') {
        const prop = base.val.props.find(([k]) => k === val.p);
        if (prop) return this.deref(base.file, prop[1], depth + 1);
      }
      if (base.val.k === 'imp' && base.val.name === '*') {
        const target = this.modules.resolve(base.file, base.val.src);
        const found = target ? this.exportVal(target, val.p) : undefined;
        if (found) return this.deref(found.file, found.val, depth + 1);
      }
    }
    return { file, val };
  }

  resolve(file: string, val: Val): RV {
    const memo = this.memo.get(val);
    if (memo) return memo;
    if (this.busy.has(val) || this.busy.size > 64) return UNK;
    this.busy.add(val);
    const result = this.resolveInner(file, val);
    this.busy.delete(val);
    this.memo.set(val, result);
    return result;
  }

  private resolveInner(file: string, val: Val): RV {
    switch (val.k) {
      case 'imp': {
        const target = this.modules.resolve(file, val.src);
        if (target) {
          if (val.name === '*') return { t: 'ns', file: target };
          const found = this.exportVal(target, val.name);
          if (found) return this.resolve(found.file, found.val);
          return val.name === 'default' ? { t: 'ns', file: target } : UNK;
        }
        return this.packageValue(val.src, val.name);
      }
      case 'glob':
        return this.globalValue(val.name);
      case 'fn':
        return { t: 'fn', file, id: val.id };
      case 'cls':
        return { t: 'cls', file, id: val.id };
      case 'this':
        return { t: 'inst', file, cls: val.cls };
      case 'obj':
        return { t: 'obj', file, props: val.props };
      case 'env':
        return { t: 'env', name: val.name };
      case 'get':
        return this.member(this.resolve(file, val.o), val.p);
      case 'call':
        return this.called(this.resolve(file, val.f), file, val);
      case 'new':
        return this.constructed(this.resolve(file, val.f));
      case 'or':
        for (const v of val.vs) {
          const r = this.resolve(file, v);
          if (r.t !== 'unk' && r.t !== 'g') return r;
        }
        return UNK;
      default:
        return UNK;
    }
  }

  packageValue(src: string, name: string): RV {
    const path = name === 'default' || name === '*' ? [] : [name];
    const dets = packageDetector(this.detectors, src);
    if (dets) return { t: 'vendor', dets, via: 'package', path };
    const client = HTTP_PACKAGES[src];
    if (client) {
      // Named exports that are the request function itself: `import { ofetch } from 'ofetch'`, `import got from 'got'`.
      const callable = path.length === 1 && ['ofetch', '$fetch', 'fetch', 'got', 'ky', 'axios'].includes(path[0]!) && client !== 'undici';
      return { t: 'http', client, path: callable ? [] : path };
    }
    return UNK;
  }

  globalValue(name: string): RV {
    if (name === 'window' || name === 'globalThis' || name === 'self' || name === 'global') return { t: 'win' };
    const dets = this.detectors.globals.get(name);
    if (dets) return { t: 'vendor', dets, via: 'global', path: [name] };
    if (name === 'fetch') return { t: 'http', client: 'fetch', path: [] };
    if (name === '$fetch') return { t: 'http', client: 'ofetch', path: [] };
    return { t: 'g', path: [name] };
  }

  private classMember(file: string, cls: number, name: string, depth = 0): RV {
    const facts = this.facts(file);
    const c = facts?.classes[cls];
    if (!c || depth > 8) return UNK;
    const method = c.methods.find(([n]) => n === name);
    if (method) return { t: 'fn', file, id: method[1] };
    // The last assignment that resolves wins: `this.client = options.client` (a parameter) does not hide the
    // declared `private client: Inngest`.
    for (const [n, v] of [...c.fields].reverse()) {
      if (n !== name || v.k === 'unk') continue;
      const r = this.resolve(file, v);
      if (r.t !== 'unk') return r;
    }
    if (c.base) {
      const base = this.resolve(file, c.base);
      if (base.t === 'cls') return this.classMember(base.file, base.id, name, depth + 1);
      if (base.t === 'vendor') return { ...base, path: [name] };
    }
    return UNK;
  }

  /** The initial value of a class field, looked up through the base classes. */
  private classField(file: string, cls: number, name: string, depth = 0): { file: string; val: Val } | undefined {
    const c = this.facts(file)?.classes[cls];
    if (!c || depth > 8) return undefined;
    const field = [...c.fields].reverse().find(([n, v]) => n === name && v.k !== 'unk');
    if (field) return { file, val: field[1] };
    const base = c.base ? this.resolve(file, c.base) : undefined;
    return base?.t === 'cls' ? this.classField(base.file, base.id, name, depth + 1) : undefined;
  }

  member(o: RV, p: string): RV {
    switch (o.t) {
      case 'win':
        return this.globalValue(p);
      case 'g': {
        const path = [...o.path, p];
        const joined = o.path.join('.');
        if (joined === 'process.env' || joined === 'import.meta.env') return { t: 'env', name: p };
        if (path.join('.') === 'navigator.sendBeacon') return { t: 'http', client: 'beacon', path: [] };
        return { t: 'g', path };
      }
      case 'vendor':
        if (p === 'default' && o.via === 'package' && o.path.length === 0) return o;
        return { ...o, path: [...o.path, p] };
      case 'http':
        if (p === 'default' && o.path.length === 0) return o;
        return { ...o, path: [...o.path, p] };
      case 'ns': {
        const found = this.exportVal(o.file, p);
        if (found) return this.resolve(found.file, found.val);
        if (p === 'default') return o;
        return UNK;
      }
      case 'obj': {
        const prop = o.props.find(([k]) => k === p);
        return prop ? this.resolve(o.file, prop[1]) : UNK;
      }
      case 'inst':
        return this.classMember(o.file, o.cls, p);
      case 'cls':
        return this.classMember(o.file, o.id, p);
      default:
        return UNK;
    }
  }

  private called(f: RV, file: string, call: Extract<Val, { k: 'call' }>): RV {
    switch (f.t) {
      case 'vendor':
        return { ...f, path: [] };
      case 'http': {
        const last = f.path.at(-1);
        if (f.path.length === 1 && (last === 'create' || last === 'extend')) {
          const config = call.args?.[0];
          const base = config ? this.configUrl(file, config, ['baseURL', 'prefixUrl', 'prefix', 'baseUrl']) : undefined;
          return { t: 'http', client: f.client, path: [], ...(base ? { base } : f.base ? { base: f.base } : {}) };
        }
        return UNK;
      }
      case 'fn': {
        const facts = this.facts(f.file);
        for (const ret of facts?.functions[f.id]?.returns ?? []) {
          const r = this.resolve(f.file, ret);
          if (r.t !== 'unk') return r;
        }
        return UNK;
      }
      case 'ns': {
        const found = this.exportVal(f.file, 'default');
        return found ? this.called(this.resolve(found.file, found.val), file, call) : UNK;
      }
      default:
        return UNK;
    }
  }

  private constructed(f: RV): RV {
    switch (f.t) {
      case 'vendor':
        return { ...f, path: [] };
      case 'cls':
        return { t: 'inst', file: f.file, cls: f.id };
      case 'g':
        if (f.path.length === 1 && f.path[0] === 'XMLHttpRequest') return { t: 'http', client: 'xhr', path: [] };
        return UNK;
      case 'ns': {
        const found = this.exportVal(f.file, 'default');
        if (!found) return UNK;
        const r = this.resolve(found.file, found.val);
        return r.t === 'cls' ? { t: 'inst', file: r.file, cls: r.id } : r.t === 'vendor' ? { ...r, path: [] } : UNK;
      }
      default:
        return UNK;
    }
  }

  /** A property of an object-literal argument (`{ baseURL }`), as a Val with its file. */
  configUrl(file: string, config: Val, keys: readonly string[]): { file: string; val: Val } | undefined {
    const obj = this.deref(file, config);
    if (obj.val.k !== 'obj') return undefined;
    for (const key of keys) {
      const prop = obj.val.props.find(([k]) => k === key);
      if (prop) return { file: obj.file, val: prop[1] };
    }
    return undefined;
  }

  // ---------------------------------------------------------------- URLs

  /** Flattens a URL value into static text and dynamic holes. */
  urlParts(file: string, val: Val, depth = 0): UrlPart[] {
    if (depth > 24) return [{ hole: 'a value not known statically' }];
    const { file: f, val: v } = this.deref(file, val);
    switch (v.k) {
      case 'str':
        return [v.v];
      case 'cat':
        return v.parts.flatMap((p) => this.urlParts(f, p, depth + 1));
      case 'param':
        return [{ hole: 'a parameter', param: v.i, file: f }];
      case 'env':
        return [{ hole: `process.env.${v.name}` }];
      case 'or': {
        for (const alt of v.vs) {
          const parts = this.urlParts(f, alt, depth + 1);
          if (typeof parts[0] === 'string') return parts;
        }
        return this.urlParts(f, v.vs[0] ?? { k: 'unk' }, depth + 1);
      }
      case 'new': {
        const ctor = this.resolve(f, v.f);
        if (ctor.t === 'g' && ctor.path.join('.') === 'URL' && v.args?.[0]) {
          const first = this.urlParts(f, v.args[0], depth + 1);
          const head = first[0];
          if (typeof head === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(head)) return first;
          if (v.args[1]) return [...this.urlParts(f, v.args[1], depth + 1), ...first];
          return first;
        }
        return [{ hole: 'a value not known statically' }];
      }
      case 'get': {
        if (v.p === 'href' || v.p === 'url') return this.urlParts(f, v.o, depth + 1);
        const r = this.resolve(f, v);
        if (r.t === 'env') return [{ hole: `process.env.${r.name}` }];
        if (r.t === 'g' && ['location.origin', 'location.href', 'window.location.origin', 'location.host'].includes(r.path.join('.'))) return ['/'];
        return [{ hole: 'a value not known statically' }];
      }
      case 'call': {
        if (v.f.k === 'get' && (v.f.p === 'toString' || v.f.p === 'trim')) return this.urlParts(f, v.f.o, depth + 1);
        return [{ hole: 'a value not known statically' }];
      }
      case 'glob': {
        const r = this.globalValue(v.name);
        if (r.t === 'g' && r.path[0] === 'location') return ['/'];
        return [{ hole: 'a value not known statically' }];
      }
      default:
        return [{ hole: 'a value not known statically' }];
    }
  }
}

export type UrlPart = string | { hole: string; param?: number; file?: string };

/** `route` is the whole path, a dynamic part standing as `x` (`/v17/customers/x/googleAds:search`), without query or fragment. */
export type UrlTarget = { kind: 'host'; host: string; path: string; route: string } | { kind: 'own' } | { kind: 'unknown'; reason: string; param?: number };

const SCHEME = /^(?:https?:|wss?:)?\/\//i;

/** Environment variables that by convention hold the app's own origin (`NEXT_PUBLIC_SITE_URL`, `VERCEL_URL`). */
const OWN_ORIGIN_ENV = /^process\.env\.(?:\w+_)?(?:SITE_URL|APP_URL|PUBLIC_URL|FRONTEND_URL|WEBSITE_URL|VERCEL_URL|NEXTAUTH_URL|BASE_PATH)$/;

/** Where a request goes: a host, the app itself (a relative URL), or unknown (with why). */
export function urlTarget(parts: readonly UrlPart[]): UrlTarget {
  // Merge neighbouring text.
  const merged: UrlPart[] = [];
  for (const p of parts) {
    const last = merged.at(-1);
    if (typeof p === 'string' && typeof last === 'string') merged[merged.length - 1] = last + p;
    else if (p !== '') merged.push(p);
  }
  const first = merged[0];
  if (first === undefined) return { kind: 'own' };
  if (typeof first !== 'string' && OWN_ORIGIN_ENV.test(first.hole)) return { kind: 'own' };
  if (typeof first !== 'string') {
    return { kind: 'unknown', reason: first.hole === 'a parameter' ? 'URL from a parameter' : `URL from ${first.hole}`, ...(first.param !== undefined ? { param: first.param } : {}) };
  }
  const scheme = SCHEME.exec(first);
  if (!scheme) {
    // `/api/x`, `./x`, `?q=`: the app's own origin. A bare `api.segment.io/...` is relative to the page as well.
    return { kind: 'own' };
  }
  const rest = first.slice(scheme[0].length);
  const end = rest.search(/[/?#]/);
  if (end >= 0 || merged.length === 1) {
    const authority = end >= 0 ? rest.slice(0, end) : rest;
    const path = end >= 0 ? rest.slice(end) : '';
    return authority ? { kind: 'host', host: hostOf(authority), path, route: urlRoute([path, ...merged.slice(1)]) } : { kind: 'unknown', reason: 'URL host not known statically' };
  }
  // The host continues into a hole: `https://${region}.api.example.com` -> match on the static tail.
  const holeIndex = merged.findIndex((p) => typeof p !== 'string');
  const hole = merged[holeIndex] as { hole: string };
  const tail = merged[holeIndex + 1];
  if (rest === '' && typeof tail === 'string' && tail.startsWith('.')) {
    const tailEnd = tail.search(/[/?#]/);
    const path = tailEnd >= 0 ? tail.slice(tailEnd) : '';
    return { kind: 'host', host: `x${hostOf(tailEnd >= 0 ? tail.slice(0, tailEnd) : tail)}`, path, route: urlRoute([path, ...merged.slice(holeIndex + 2)]) };
  }
  if (rest !== '' && rest.endsWith('.') === false) return { kind: 'host', host: hostOf(rest), path: '', route: urlRoute(merged.slice(holeIndex)) };
  return { kind: 'unknown', reason: `URL host from ${hole.hole}` };
}

/** The path of URL parts, dynamic parts as `x`, cut at the query or fragment. */
export function urlRoute(parts: readonly UrlPart[]): string {
  const text = parts.map((p) => (typeof p === 'string' ? p : 'x')).join('');
  const end = text.search(/[?#]/);
  return end >= 0 ? text.slice(0, end) : text;
}

function hostOf(authority: string): string {
  const noUser = authority.slice(authority.lastIndexOf('@') + 1);
  return noUser.replace(/:\d+$/, '').toLowerCase();
}
