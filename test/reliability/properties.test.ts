/**
 * Property-based tests (fast-check). Runs per property are stated next to each (`RUNS`), and scale with
 * FLOWAUDIT_PROPERTY_SCALE (default 1; e.g. 10 for a long local run).
 *
 * - mutated data-maps (keys deleted, types changed, ids swapped, garbage inserted, text cut or corrupted)
 *   never make `loadDataMap` throw or report an internal error, and every problem is located
 *   (file, line >= 1, column >= 1); a few mutated maps also go through `flowaudit validate` (exit 0 or 2);
 * - generated and mutated TypeScript (token soup, truncated real files, unbalanced braces, deep nesting)
 *   never makes `scanProject` throw;
 * - the scan result does not depend on the order files are created in, nor on their names.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { loadDataMap } from '../../src/data-map/load.js';
import { scanProject } from '../../src/scan/index.js';
import type { ScanResult } from '../../src/scan/types.js';
import { createTaxonomy } from '../../src/taxonomy/index.js';
import { cleanTemp, cliAsync, ensureBuilt, storefront, tempDir } from './helpers.js';

const SCALE = Number(process.env.FLOWAUDIT_PROPERTY_SCALE ?? '1') || 1;
const runs = (n: number): number => Math.max(1, Math.round(n * SCALE));

const storefrontMap = readFileSync(join(storefront, 'datamap.yaml'), 'utf8');
const storefrontData = parse(storefrontMap) as unknown;

afterAll(cleanTemp);

// ---------------------------------------------------------------- data-map mutations

type Path = (string | number)[];

function allPaths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => allPaths(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) allPaths(v, [...prefix, k], out);
  return out;
}

function getAt(root: unknown, path: Path): unknown {
  let node = root as Record<string | number, unknown>;
  for (const key of path) node = (node as Record<string | number, unknown>)?.[key] as Record<string | number, unknown>;
  return node;
}

const garbage = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', ' ', '~', 'null', '*', '&a', '!!binary', '{', '[', '- -', '#', '%YAML', '\u0000', '\u001b[31m', '<script>', 'user.contact.email', 'meta-pixel', 'P2Y', '2026-13-45', '/(/', 'x'.repeat(5000)),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'swap'; at: number; other: number }
  | { kind: 'insert'; at: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: garbage }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('id', 'from', 'to', 'categories', 'purposes', 'catalog', 'notices', 'links', '__proto__', 'constructor')), value: garbage }),
);

function mutate(data: unknown, mutations: Mutation[]): unknown {
  const copy = structuredClone(data) as Record<string, unknown>;
  for (const m of mutations) {
    const paths = allPaths(copy).filter((p) => p.length > 0);
    if (paths.length === 0) break;
    const path = paths[m.at % paths.length]!;
    const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown> | unknown[];
    const key = path.at(-1)!;
    if (!parent || typeof parent !== 'object') continue;
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete (parent as Record<string, unknown>)[key as string];
    } else if (m.kind === 'set') {
      (parent as Record<string | number, unknown>)[key] = m.value;
    } else if (m.kind === 'swap') {
      // swap two values (ids, references, whole entries) anywhere in the document
      const otherPath = paths[m.other % paths.length]!;
      const otherParent = getAt(copy, otherPath.slice(0, -1)) as Record<string | number, unknown>;
      const otherKey = otherPath.at(-1)!;
      if (!otherParent || typeof otherParent !== 'object') continue;
      const a = (parent as Record<string | number, unknown>)[key];
      const b = otherParent[otherKey];
      if (path.join('.').startsWith(otherPath.join('.')) || otherPath.join('.').startsWith(path.join('.'))) continue;
      (parent as Record<string | number, unknown>)[key] = structuredClone(b);
      otherParent[otherKey] = structuredClone(a);
    } else {
      const target = getAt(copy, path);
      if (Array.isArray(target)) target.push(m.value);
      else if (target && typeof target === 'object') Object.defineProperty(target, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
    }
  }
  return copy;
}

/** Text-level damage: what a bad merge or a half-saved file does to YAML. */
const textMutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('\t', ':', '- ', '{', ']', '&x ', '*x', '"', "'", '\n  ', '<<: *a', '\uFEFF', '\r', '\u0085', '---\n', '...\n')) }),
  fc.record({ kind: fc.constant('dupline' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('dropline' as const), at: fc.nat() }),
);

function damage(text: string, m: fc.Arbitrary<never> extends never ? { kind: string; at: number; text?: string } : never): string {
  const at = m.at % (text.length + 1);
  const lines = text.split('\n');
  const line = m.at % lines.length;
  if (m.kind === 'truncate') return text.slice(0, at);
  if (m.kind === 'insert') return text.slice(0, at) + m.text + text.slice(at);
  if (m.kind === 'dupline') return [...lines.slice(0, line + 1), lines[line]!, ...lines.slice(line + 1)].join('\n');
  return [...lines.slice(0, line), ...lines.slice(line + 1)].join('\n');
}

function checkLoad(dir: string, text: string): { ok: boolean } {
  const file = join(dir, 'datamap.yaml');
  writeFileSync(file, text);
  let result: ReturnType<typeof loadDataMap>;
  expect(() => (result = loadDataMap({ root: dir, cwd: dir }))).not.toThrow();
  const problems = result!.ok ? result!.warnings : result!.problems;
  if (!result!.ok) expect(problems.some((p) => p.severity === 'error')).toBe(true);
  for (const p of problems) {
    expect(p.file, JSON.stringify(p)).toBe('datamap.yaml');
    expect(Number.isInteger(p.line) && p.line >= 1, JSON.stringify(p)).toBe(true);
    expect(Number.isInteger(p.column) && p.column >= 1, JSON.stringify(p)).toBe(true);
    expect(p.message, JSON.stringify(p)).not.toMatch(/internal error|Cannot read prop|is not a function|undefined|\[object Object\]/);
    expect(p.message.length).toBeGreaterThan(0);
  }
  return { ok: result!.ok };
}

describe('mutated data-maps never make loadDataMap throw; every problem is located', () => {
  const dir = tempDir();

  it('starts from a valid map', () => {
    expect(checkLoad(dir, storefrontMap).ok).toBe(true);
  });

  const STRUCTURE_RUNS = runs(200);
  it(`structural mutations (delete keys, change types, swap ids, insert garbage): ${STRUCTURE_RUNS} runs`, () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        checkLoad(dir, stringify(mutate(storefrontData, mutations)));
      }),
      { numRuns: STRUCTURE_RUNS },
    );
  });

  const TEXT_RUNS = runs(200);
  it(`text damage (truncation, inserted characters, duplicated and dropped lines): ${TEXT_RUNS} runs`, () => {
    fc.assert(
      fc.property(fc.array(textMutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        checkLoad(dir, mutations.reduce((text, m) => damage(text, m as never), storefrontMap));
      }),
      { numRuns: TEXT_RUNS },
    );
  });

  const CLI_RUNS = 6;
  it(`through the CLI, mutated maps exit 0 or 2 without a stack trace: ${CLI_RUNS} runs`, async () => {
    ensureBuilt();
    const samples = fc.sample(fc.array(mutation, { minLength: 1, maxLength: 6 }), { numRuns: CLI_RUNS, seed: 20261122 });
    await Promise.all(
      samples.map(async (mutations, i) => {
        const sub = join(dir, `cli-${i}`);
        mkdirSync(sub, { recursive: true });
        writeFileSync(join(sub, 'datamap.yaml'), stringify(mutate(storefrontData, mutations)));
        const run = await cliAsync(['validate', '.', '--format', 'json'], { cwd: sub });
        expect([0, 2], run.stderr).toContain(run.code);
        expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
        const report = JSON.parse(run.stdout) as { valid: boolean; problems: { line: number; column: number; file: string }[] };
        expect(report.valid).toBe(run.code === 0);
        for (const p of report.problems) expect(p.line >= 1 && p.column >= 1 && p.file === 'datamap.yaml', JSON.stringify(p)).toBe(true);
      }),
    );
  });
});

// ---------------------------------------------------------------- scanning generated code

const catalog = loadCatalog();
const taxonomy = createTaxonomy([]);

function scan(root: string, handler = 'src/m0.ts#f0'): Promise<ScanResult> {
  return scanProject({
    root,
    catalog,
    taxonomy,
    vendors: [],
    systems: [{ id: 'app', paths: ['src/**'] }],
    guards: [{ call: 'canSellData', loc: { file: 'datamap.yaml', line: 1, column: 1 }, path: 'opt_out.guards[0]' }],
    deletionHandlers: [{ system: 'app', handler }],
    exclude: [],
    include: [],
    jobs: 1,
  });
}

function writeTree(root: string, files: [string, string][]): void {
  rmSync(root, { recursive: true, force: true });
  for (const [name, text] of files) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
}

const TOKENS = [
  'import', 'export', 'default', 'from', "'posthog-js'", "'@segment/analytics-node'", "'stripe'", "'./m1'", 'require', '(', ')', '{', '}', '[', ']', ';', ',', '.', ':', '?', '=>', '=', '&&', '||', '!', '...',
  'posthog', 'capture', 'identify', 'analytics', 'track', 'stripe', 'customers', 'create', 'new', 'Stripe', 'fbq', "'track'", 'gtag', 'window', 'dataLayer', 'push', 'fetch',
  "'https://api.segment.io/v1/track'", '`https://${host}/x`', 'navigator', 'sendBeacon', 'globalPrivacyControl', 'canSellData', 'if', 'else', 'return', 'function', 'class', 'this',
  'async', 'await', 'const', 'let', 'email', 'user', 'ip', 'phone', '<Script', 'src=', '/>', '<script>', '</script>', 'dangerouslySetInnerHTML', '//', '/*', '*/', '"', "'", '`', '${',
  '\n', ' ', '// flowaudit-ignore-next-line ccpa/opt-out-gate -- x', '#!', '@decorator', 'enum', 'namespace', 'declare', 'as', 'satisfies', 'typeof', 'keyof', '<T>', '0x', '1e', '\\u{', '\u2028',
];

const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 200 }).map((t) => t.join(' '));
const extension = fc.constantFrom('ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'mts', 'cts');

const realFiles = (() => {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(name)) out.push(readFileSync(full, 'utf8'));
    }
  };
  walk(join(storefront, 'apps'));
  return out;
})();

async function expectScanOk(root: string, files: [string, string][], handler?: string): Promise<ScanResult> {
  writeTree(root, files);
  let result: ScanResult | undefined;
  let error: unknown;
  try {
    result = await scan(root, handler);
  } catch (e) {
    error = e;
  }
  expect(error, `scanProject threw: ${(error as Error)?.stack ?? error}`).toBeUndefined();
  expect(result!.files).toBe(files.length);
  // A skipped file is fine (it is listed and warned about); a reason that is a bug in flowaudit is not.
  // Deep nesting overflows the TypeScript parser's own recursion (from ~400 nested callbacks): skipped, listed.
  for (const s of result!.skipped) expect(s.reason).not.toMatch(/Cannot read prop|is not a function|is not iterable|undefined|null/);
  return result!;
}

describe('generated and mutated code never makes scanProject throw', () => {
  const root = join(tempDir(), 'scan');

  const SOUP_RUNS = runs(200);
  it(`random token soup in several files: ${SOUP_RUNS} runs`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(extension, tokenSoup), { minLength: 1, maxLength: 3 }), async (files) => {
        await expectScanOk(root, files.map(([ext, text], i) => [`src/m${i}.${ext}`, `import posthog from 'posthog-js';\n${text}`]));
      }),
      { numRuns: SOUP_RUNS },
    );
  });

  const TRUNCATE_RUNS = runs(200);
  it(`truncated and spliced real files, unbalanced braces: ${TRUNCATE_RUNS} runs`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(realFiles.length - 1),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat(realFiles.length - 1),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('', '{', '}', '((((', '))', '`${', '/*', '<div>', '"'),
        async (a, cutA, b, cutB, junk) => {
          const first = realFiles[a]!;
          const second = realFiles[b]!;
          const spliced = first.slice(0, Math.floor(first.length * cutA)) + junk + second.slice(Math.floor(second.length * cutB));
          await expectScanOk(root, [
            ['src/m0.tsx', spliced],
            ['src/m1.ts', first.slice(0, Math.floor(first.length * cutB))],
          ]);
        },
      ),
      { numRuns: TRUNCATE_RUNS },
    );
  });

  const NEST_RUNS = runs(12);
  it(`huge nesting (up to 20,000 levels of brackets, callbacks, ifs and JSX): ${NEST_RUNS} runs`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 100, max: 20_000 }), fc.constantFrom('paren', 'callback', 'if', 'object', 'jsx', 'unbalanced'), async (depth, kind) => {
        const call = 'posthog.capture("e", { email })';
        const open = (s: string) => `${s}\n`.repeat(depth);
        const text =
          kind === 'paren' ? `${open('(')}${call}${open(')')};`
          : kind === 'callback' ? `${open('run(() =>')}${call}${open(')')};`
          : kind === 'if' ? `${open('if (canSellData()) {')}${call};${open('}')}`
          : kind === 'object' ? `const o = ${open('{ a:')}${call}${open('}')};`
          : kind === 'jsx' ? `const e = ${open('<div>')}{${call}}${open('</div>')};`
          : `${open('{ [ (')}${call}`;
        const result = await expectScanOk(root, [[kind === 'jsx' ? 'src/m0.tsx' : 'src/m0.ts', `import posthog from 'posthog-js';\nconst email = 'a@b.c';\n${text}\n`]]);
        // analysed (the call found), or skipped with a reason — never silently dropped
        expect(result.callSites.length + result.skipped.length, JSON.stringify(result.skipped)).toBeGreaterThan(0);
      }),
      { numRuns: NEST_RUNS },
    );
  });
});

// ---------------------------------------------------------------- order and name independence

/** A small project: modules that import each other, wrappers, guards and vendor calls. */
const body = (i: number, n: number) =>
  fc.constantFrom(
    'posthog.capture("e", { email })',
    `f${(i + 1) % n}(email)`,
    `if (canSellData()) f${(i + 2) % n}(email)`,
    'fetch("https://api.segment.io/v1/track", { method: "POST", body: JSON.stringify({ email }) })',
    'window.fbq("track", "Purchase", { em: email })',
    'new Stripe("k").customers.create({ email })',
  );

const project = fc.integer({ min: 2, max: 6 }).chain((n) => fc.tuple(fc.constant(n), fc.tuple(...Array.from({ length: n }, (_, i) => fc.array(body(i, n), { minLength: 1, maxLength: 3 })))));

function moduleText(i: number, n: number, statements: string[], name: (j: number) => string): string {
  const imports = Array.from({ length: n }, (_, j) => j)
    .filter((j) => j !== i)
    .map((j) => `import { f${j} } from './${name(j)}';`);
  return [
    "import posthog from 'posthog-js';",
    "import Stripe from 'stripe';",
    ...imports,
    'declare function canSellData(): boolean;',
    `export function f${i}(email: string): void {`,
    ...statements.map((s) => `  ${s};`),
    '}',
    '',
  ].join('\n');
}

/** Replaces every string equal to (or starting with) a mapped file path, deeply. */
function renameFiles(value: unknown, rename: (file: string) => string): unknown {
  if (typeof value === 'string') return rename(value);
  if (Array.isArray(value)) return value.map((v) => renameFiles(v, rename));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameFiles(v, rename)]));
  return value;
}

/**
 * Lists of results are sets (their order follows file names, which the permutation changes): compare
 * them sorted, deeply. `via` is a path, its order is meaning: kept.
 */
function canonical(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v));
    return key === 'via' ? items : items.map((x) => JSON.stringify(x)).sort();
  }
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v, k)]));
  return value;
}

describe('the scan result does not depend on file order or file names', () => {
  const base = tempDir();
  const ORDER_RUNS = runs(50);
  it(`same tree created in two orders, and under permuted names: ${ORDER_RUNS} runs`, async () => {
    await fc.assert(
      fc.asyncProperty(project, fc.func(fc.integer()), async ([n, statements], shuffleKey) => {
        const natural = (j: number) => `m${j}`;
        const files: [string, string][] = statements.map((s, i) => [`src/${natural(i)}.ts`, moduleText(i, n, s, natural)]);
        // same content, created in reverse and in a shuffled order
        const a = await expectScanOk(join(base, 'a'), files);
        const shuffled = [...files].sort((x, y) => shuffleKey(x[0]) - shuffleKey(y[0]));
        const b = await expectScanOk(join(base, 'b'), [...shuffled].reverse());
        expect(canonical(b), 'same tree, another creation order').toEqual(canonical(a));
        expect(JSON.stringify(b), 'same tree, another creation order: result order').toBe(JSON.stringify(a));
        // permuted names: module i is written as z<perm(i)>; map the result back and compare
        const perm = Array.from({ length: n }, (_, i) => i).sort((x, y) => shuffleKey(`p${x}`) - shuffleKey(`p${y}`) || x - y);
        const permName = (j: number) => `z${perm[j]}`;
        const permuted: [string, string][] = statements.map((s, i) => [`src/${permName(i)}.ts`, moduleText(i, n, s, permName)]);
        const c = await expectScanOk(join(base, 'c'), permuted, `src/${permName(0)}.ts#f0`);
        const back = new Map(Array.from({ length: n }, (_, i) => [`src/${permName(i)}.ts`, `src/${natural(i)}.ts`]));
        const unmapped = renameFiles(c, (s) => {
          for (const [from, to] of back) if (s === from || s.startsWith(`${from}#`)) return to + s.slice(from.length);
          return s;
        }) as ScanResult;
        expect(JSON.stringify(canonical(unmapped), null, 1), `permuted names ${JSON.stringify(perm)}`).toBe(JSON.stringify(canonical(a), null, 1));
      }),
      { numRuns: ORDER_RUNS },
    );
  });
});

beforeAll(() => {
  expect(realFiles.length).toBeGreaterThan(5);
  expect(relative(storefront, storefront)).toBe('');
});
