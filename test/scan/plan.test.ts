/**
 * The scan plan (src/scan/plan.ts) on hand-made projects: outlines from `outlineOf`, seeds chosen by a
 * stand-in pre-filter (the chunks that match a pattern), imports resolved between the project's files.
 * Asserts which files are linked and which chunks of each planned file are parsed.
 */
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunksAt, outlineOf, type Outline } from '../../src/scan/outline.js';
import { keptRanges, planScan } from '../../src/scan/plan.js';
import { POSTHOG_LIB } from './helpers.js';

const src = (...lines: string[]): string => lines.join('\n') + '\n';

interface Planned {
  linked: string[];
  /** Per planned file: `full`, or the first lines of the kept chunks. */
  kept: Record<string, string[] | 'full'>;
}

const EXTENSIONS = ['', '.ts', '.tsx', '.js', '/index.ts', '/index.tsx', '/index.js'];

/**
 * Plans a project. `seed`: the stand-in pre-filter (chunks with a match are seeds); `seeds`: extra seeds
 * per file (chunk indices or `all`), as scanProject passes for deletion handlers.
 */
function plan(files: Record<string, string>, seed: RegExp, seeds: Record<string, number[] | 'all'> = {}): Planned {
  const outlines = new Map<string, Outline>();
  for (const [file, text] of Object.entries(files)) outlines.set(file, outlineOf(text, !/\.[cm]?ts$/.test(file)));
  const resolve = (file: string, specifier: string): string | undefined => {
    if (!specifier.startsWith('.')) return undefined;
    const base = posix.join(posix.dirname(file), specifier);
    for (const ext of EXTENSIONS) if (files[base + ext] !== undefined) return base + ext;
    return undefined;
  };
  const imports = new Map<string, { target: string; names: readonly string[] | '*' }[]>();
  for (const [file, outline] of outlines) {
    const list: { target: string; names: readonly string[] | '*' }[] = [];
    for (const imp of outline.imports) {
      const target = resolve(file, imp.specifier);
      if (target) list.push({ target, names: imp.imported === '*' ? '*' : [imp.imported] });
    }
    for (const r of outline.reexports) {
      const target = resolve(file, r.specifier);
      if (target) list.push({ target, names: r.pairs === '*' ? '*' : r.pairs.map(([imported]) => imported) });
    }
    for (const d of outline.dynamic) {
      const target = resolve(file, d.specifier);
      if (target) list.push({ target, names: '*' });
    }
    imports.set(file, list);
  }
  const dependents = (target: string): { file: string; names: readonly string[] | '*' }[] =>
    [...imports].flatMap(([file, list]) => list.filter((i) => i.target === target).map((i) => ({ file, names: i.names })));

  const seedMap = new Map<string, number[] | 'all'>();
  for (const [file, text] of Object.entries(files)) {
    const positions = [...text.matchAll(new RegExp(seed.source, 'g'))].map((m) => m.index);
    const extra = seeds[file];
    if (extra === 'all') seedMap.set(file, 'all');
    else if (positions.length || extra) seedMap.set(file, [...chunksAt(outlines.get(file)!, positions), ...(extra ?? [])]);
  }
  const result = planScan({
    seeds: seedMap,
    outline: (file) => outlines.get(file),
    dependents,
    projectImports: (file) => imports.get(file) ?? [],
    resolve,
  });
  const kept: Planned['kept'] = {};
  for (const [file, focus] of [...result.focus].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const text = files[file]!;
    kept[file] = focus === 'full' || focus.length === outlines.get(file)!.chunks.length ? 'full' : focus.map((k) => text.slice(outlines.get(file)!.chunks[k]!.start).split('\n')[0]!);
  }
  return { linked: result.linked, kept };
}

/** The chunk index whose first line starts with `prefix`. */
function chunkOf(text: string, prefix: string): number {
  const outline = outlineOf(text, false);
  const k = outline.chunks.findIndex((c) => text.slice(c.start).startsWith(prefix));
  expect(k).toBeGreaterThanOrEqual(0);
  return k;
}

const VENDOR = /posthog-node|new PostHog|api\.segment\.io|stripe/;


describe('scan plan: linked files', () => {
  it('a wrapper chain across three files through a barrel re-export', () => {
    const planned = plan(
      {
        'lib/posthog.ts': POSTHOG_LIB,
        'lib/helper.ts': src(`export function helper() {`, `  return 2;`, `}`),
        'lib/index.ts': src(`export * from './posthog';`, `export { helper } from './helper';`),
        'services/track.ts': src(
          `import { capture } from '../lib';`,
          `import { helper } from '../lib';`,
          `export function trackSignup(email: string) {`,
          `  capture('signup', { email });`,
          `}`,
          `export function other() {`,
          `  return helper();`,
          `}`,
        ),
        'pages/signup.ts': src(
          `import { trackSignup } from '../services/track';`,
          `export function onSubmit(email: string) {`,
          `  trackSignup(email);`,
          `}`,
          `export function noop() {}`,
        ),
        'pages/about.ts': src(`import { other } from '../services/track';`, `export function about() {`, `  return other();`, `}`),
      },
      VENDOR,
    );
    expect(planned.linked).toEqual(['lib/posthog.ts', 'pages/signup.ts', 'services/track.ts']);
    expect(planned.kept).toEqual({
      // The barrel's re-export is planned (all of it, here), so it is extracted ahead with the rest.
      'lib/index.ts': 'full',
      'lib/posthog.ts': [`import { PostHog } from 'posthog-node';`, `const client = new PostHog('key');`, `export function capture(event: string, properties: object) {`],
      'pages/signup.ts': [`import { trackSignup } from '../services/track';`, `export function onSubmit(email: string) {`],
      'services/track.ts': [`import { capture } from '../lib';`, `export function trackSignup(email: string) {`],
    });
  });

  it('a namespace import makes the chunks using the namespace hot', () => {
    const planned = plan(
      {
        'lib/posthog.ts': POSTHOG_LIB,
        'app.ts': src(
          `import * as analytics from './lib/posthog';`,
          `export function go() {`,
          `  analytics.capture('x', {});`,
          `}`,
          `export function idle() {`,
          `  return 0;`,
          `}`,
        ),
      },
      VENDOR,
    );
    expect(planned.linked).toEqual(['app.ts', 'lib/posthog.ts']);
    expect(planned.kept['app.ts']).toEqual([`import * as analytics from './lib/posthog';`, `export function go() {`]);
  });

  it('a file importing only a non-hot export of a module with a hot export is not linked', () => {
    const planned = plan(
      {
        'lib/posthog.ts': POSTHOG_LIB,
        'uses-unrelated.ts': src(`import { unrelated } from './lib/posthog';`, `export function f() {`, `  return unrelated();`, `}`),
        'uses-capture.ts': src(`import { capture } from './lib/posthog';`, `export function g() {`, `  capture('e', {});`, `}`),
      },
      VENDOR,
    );
    expect(planned.linked).toEqual(['lib/posthog.ts', 'uses-capture.ts']);
    expect(planned.kept['uses-unrelated.ts']).toBeUndefined();
    expect(planned.kept['lib/posthog.ts']).not.toContain('export function unrelated() {');
  });

  it('a file that imports a hot export but never uses it is not linked; the import of one hot name leaves its other names cold', () => {
    const planned = plan(
      {
        'lib/posthog.ts': POSTHOG_LIB,
        'unused.ts': src(`import { capture } from './lib/posthog';`, `export function f() {`, `  return 1;`, `}`),
        'mixed.ts': src(
          `import { capture, unrelated } from './lib/posthog';`,
          `export function g() {`,
          `  capture('e', {});`,
          `}`,
          `export function h() {`,
          `  return unrelated();`,
          `}`,
        ),
      },
      VENDOR,
    );
    expect(planned.linked).toEqual(['lib/posthog.ts', 'mixed.ts']);
    expect(planned.kept['unused.ts']).toBeUndefined();
    expect(planned.kept['mixed.ts']).toEqual([`import { capture, unrelated } from './lib/posthog';`, `export function g() {`]);
  });

  it('a module-level `let client` assigned in one function: the function using it is kept', () => {
    const text = src(
      `let client;`,
      `export function init() {`,
      `  client = new PostHog('key');`,
      `}`,
      `export function track(event: string) {`,
      `  client.capture({ distinctId: 'x', event });`,
      `}`,
      `export function unrelated() {`,
      `  return 1;`,
      `}`,
    );
    const planned = plan({ 'client.ts': text }, /new PostHog/);
    expect(planned.linked).toEqual(['client.ts']);
    expect(planned.kept['client.ts']).toEqual(['let client;', 'export function init() {', 'export function track(event: string) {']);
  });

  it('a kept chunk using a constant imported from a file with no vendor call: that file is planned with only the constant', () => {
    const planned = plan(
      {
        'config.ts': src(
          `import { readFileSync } from 'node:fs';`,
          `export const TRACK_PATH = '/v1/track';`,
          `export const TIMEOUT = 5;`,
          `export function loadConfig() {`,
          `  return readFileSync('x');`,
          `}`,
        ),
        'send.ts': src(
          `import { TRACK_PATH, TIMEOUT } from './config';`,
          `export function send(email: string) {`,
          `  return fetch('https://api.segment.io' + TRACK_PATH, { method: 'POST', body: JSON.stringify({ email }) });`,
          `}`,
          `export function later() {`,
          `  return TIMEOUT;`,
          `}`,
        ),
      },
      VENDOR,
    );
    expect(planned.linked).toEqual(['send.ts']);
    expect(planned.kept).toEqual({
      // Imports are kept only when kept code uses them.
      'config.ts': [`export const TRACK_PATH = '/v1/track';`],
      'send.ts': [`import { TRACK_PATH, TIMEOUT } from './config';`, `export function send(email: string) {`],
    });
  });

  it('a constant reached through a re-export, and a base class in the same file', () => {
    const planned = plan(
      {
        'consts.ts': src(`export const BASE = 'https://api.segment.io/v1';`, `export const OTHER = 1;`),
        'barrel.ts': src(`export { BASE as SEGMENT_BASE } from './consts';`),
        'api.ts': src(
          `import { SEGMENT_BASE } from './barrel';`,
          `class Base {`,
          `  protected readonly url = SEGMENT_BASE;`,
          `}`,
          `class Unused {}`,
          `export class Api extends Base {`,
          `  send(email: string) { return fetch(this.url, { body: JSON.stringify({ email }) }); }`,
          `}`,
        ),
      },
      /fetch\(/,
    );
    expect(planned.linked).toEqual(['api.ts']);
    expect(planned.kept).toEqual({
      'api.ts': [`import { SEGMENT_BASE } from './barrel';`, `class Base {`, `export class Api extends Base {`],
      'barrel.ts': 'full',
      'consts.ts': [`export const BASE = 'https://api.segment.io/v1';`],
    });
  });

  it('a deletion handler: its chunk is seeded, its callers are linked', () => {
    const erase = src(
      `import { deleteCustomer } from './stripe';`,
      `export async function eraseUser(id: string) {`,
      `  await deleteCustomer(id);`,
      `}`,
      `export function audit() {`,
      `  return 'ok';`,
      `}`,
    );
    const files = {
      'privacy/stripe.ts': src(`import Stripe from 'stripe';`, `const api = new Stripe('k');`, `export function deleteCustomer(id: string) {`, `  return api.customers.del(id);`, `}`),
      'privacy/erase.ts': erase,
      'routes/delete.ts': src(`import { eraseUser } from '../privacy/erase';`, `export function handle(id: string) {`, `  return eraseUser(id);`, `}`),
      'routes/audit.ts': src(`import { audit } from '../privacy/erase';`, `export const a = audit();`),
    };
    // As scanProject seeds it for `privacy/erase.ts#eraseUser`: the chunk declaring the handler.
    const planned = plan(files, /from 'stripe'/, { 'privacy/erase.ts': [chunkOf(erase, 'export async function eraseUser')] });
    expect(planned.linked).toEqual(['privacy/erase.ts', 'privacy/stripe.ts', 'routes/delete.ts']);
    expect(planned.kept['privacy/erase.ts']).toEqual([`import { deleteCustomer } from './stripe';`, `export async function eraseUser(id: string) {`]);
    // A handler named without a function (or not found): the whole file is seeded.
    const whole = plan(files, /from 'stripe'/, { 'privacy/erase.ts': 'all' });
    expect(whole.linked).toEqual(['privacy/erase.ts', 'privacy/stripe.ts', 'routes/audit.ts', 'routes/delete.ts']);
    expect(whole.kept['privacy/erase.ts']).toBe('full');
  });

  it('a file with `flowaudit-ignore` is parsed whole', () => {
    const planned = plan(
      {
        'tracked.ts': src(
          `import { PostHog } from 'posthog-node';`,
          `const client = new PostHog('key');`,
          `export function a() {`,
          `  // flowaudit-ignore-next-line sale-without-opt-out -- consented`,
          `  client.capture({ distinctId: 'x', event: 'a' });`,
          `}`,
          `export function b() {`,
          `  return 2;`,
          `}`,
        ),
        'plain.ts': src(`import { PostHog } from 'posthog-node';`, `export const c = new PostHog('k');`, `export function d() {`, `  return 1;`, `}`),
      },
      VENDOR,
    );
    expect(planned.linked).toEqual(['plain.ts', 'tracked.ts']);
    expect(planned.kept['tracked.ts']).toBe('full');
    expect(planned.kept['plain.ts']).toEqual([`import { PostHog } from 'posthog-node';`, `export const c = new PostHog('k');`]);
  });

  it('a file the lexer cannot balance is linked whole, and so is every file that imports from it', () => {
    const planned = plan(
      {
        'odd.ts': src(`import { PostHog } from 'posthog-node';`, `export const c = new PostHog('k');`, `export function broken() {`, `  if (x {`, `}`),
        'user.ts': src(`import { c } from './odd';`, `export function f() {`, `  c.capture({});`, `}`, `export function g() {}`),
      },
      VENDOR,
    );
    expect(planned.linked).toEqual(['odd.ts', 'user.ts']);
    expect(planned.kept['odd.ts']).toBe('full');
    expect(planned.kept['user.ts']).toEqual([`import { c } from './odd';`, `export function f() {`]);
  });
});

describe('keptRanges', () => {
  it('merges adjacent chunks', () => {
    const text = src(`const a = 1;`, `const b = 2;`, `const c = 3;`, `const d = 4;`);
    const outline = outlineOf(text, false);
    expect(keptRanges(outline, [0, 1, 3])).toEqual([
      [0, 26],
      [39, 52],
    ]);
    expect(keptRanges(outline, [])).toEqual([]);
  });
});
