/**
 * The outline lexer (src/scan/outline.ts): chunk boundaries and per-chunk facts on small named inputs, and a
 * property over every source file of the fixtures (and the bench corpus when present): keeping any subset of
 * chunks (imports and re-exports always kept) leaves a text whose lines up to the last kept one are as many as
 * the original's, the kept lines unchanged, that still parses when the original did.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { PRIMER_SAMPLES } from '../../src/scan/outline-primer.js';
import { chunksAt, outlineOf, type Outline } from '../../src/scan/outline.js';
import { focusedText, keptRanges } from '../../src/scan/plan.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

const src = (...lines: string[]): string => lines.join('\n') + '\n';

/** Each chunk's first line. */
function firsts(text: string, outline: Outline): string[] {
  return outline.chunks.map((c) => text.slice(c.start, c.end).split('\n')[0]!);
}

/** The outline with each chunk named by its first line. */
function outlined(text: string, jsx = false): { outline: Outline; chunks: Record<string, { kind: string; declares: string[]; exports: [string, string | null][]; refs: string[]; assigns: string[] }> } {
  const outline = outlineOf(text, jsx);
  const chunks: ReturnType<typeof outlined>['chunks'] = {};
  outline.chunks.forEach((c, k) => {
    const first = text.slice(c.start, c.end).split('\n')[0]!;
    chunks[first] = { kind: c.kind, declares: [...c.declares].sort(), exports: c.exports, refs: [...c.refs].sort(), assigns: [...c.assigns].sort() };
    expect(k === 0 || outline.chunks[k - 1]!.end === c.start).toBe(true);
  });
  expect(outline.chunks[0]!.start).toBe(0);
  expect(outline.chunks.at(-1)!.end).toBe(text.length);
  return { outline, chunks };
}

describe('outline: imports', () => {
  it('default, named with `as`, type-only, namespace and side-effect imports', () => {
    const text = src(
      `import React from 'react';`,
      `import { a, b as c, type D } from './ab';`,
      `import type { E, F as G } from './types';`,
      `import type H from './h';`,
      `import * as ns from './ns';`,
      `import def, * as all from './both';`,
      `import def2, { n } from './both2';`,
      `import './side-effect';`,
      `import {`,
      `  multi,`,
      `  line as ml,`,
      `} from './multi';`,
      `ns.go(a, c, multi);`,
    );
    const { outline, chunks } = outlined(text);
    expect(firsts(text, outline)).toEqual([
      `import React from 'react';`,
      `import { a, b as c, type D } from './ab';`,
      `import type { E, F as G } from './types';`,
      `import type H from './h';`,
      `import * as ns from './ns';`,
      `import def, * as all from './both';`,
      `import def2, { n } from './both2';`,
      `import './side-effect';`,
      `import {`,
      `ns.go(a, c, multi);`,
    ]);
    expect(outline.chunks.slice(0, 9).map((c) => c.kind)).toEqual(Array(9).fill('import'));
    expect(outline.imports.map((i) => [i.chunk, i.local, i.specifier, i.imported])).toEqual([
      [0, 'React', 'react', 'default'],
      [1, 'a', './ab', 'a'],
      [1, 'c', './ab', 'b'],
      [1, 'D', './ab', 'D'],
      [2, 'E', './types', 'E'],
      [2, 'G', './types', 'F'],
      [3, 'H', './h', 'default'],
      [4, 'ns', './ns', '*'],
      [5, 'def', './both', 'default'],
      [5, 'all', './both', '*'],
      [6, 'def2', './both2', 'default'],
      [6, 'n', './both2', 'n'],
      [8, 'multi', './multi', 'multi'],
      [8, 'ml', './multi', 'line'],
    ]);
    expect(chunks[`import './side-effect';`]!.declares).toEqual([]);
    expect(chunks[`import { a, b as c, type D } from './ab';`]!.declares).toEqual(['D', 'a', 'c']);
    expect(chunks[`ns.go(a, c, multi);`]).toEqual({ kind: 'code', declares: [], exports: [], refs: ['a', 'c', 'multi', 'ns'], assigns: [] });
    expect(outline).toMatchObject({ ok: true, cjs: false, whole: false, reexports: [], dynamic: [] });
  });

  it('`import x = require()` is an import chunk whose require is a dynamic use of the module', () => {
    // The binding itself (`q` from './q') is not recorded: see the report (the string sits inside the parentheses).
    const text = src(`import q = require('./q');`, `export const r = 1;`);
    const { outline, chunks } = outlined(text);
    expect(firsts(text, outline)).toEqual([`import q = require('./q');`, `export const r = 1;`]);
    expect(chunks[`import q = require('./q');`]!.kind).toBe('import');
    expect(outline.dynamic).toEqual([{ chunk: 0, specifier: './q' }]);
    expect(outline.cjs).toBe(false);
  });

  it('a column-0 expression statement after an import is its own chunk', () => {
    const text = src(`import { track } from './analytics';`, `track('a')`, `track('b');`, `const x = 1`);
    const { outline, chunks } = outlined(text);
    expect(firsts(text, outline)).toEqual([`import { track } from './analytics';`, `track('a')`, `track('b');`, `const x = 1`]);
    expect(chunks[`track('a')`]).toEqual({ kind: 'code', declares: [], exports: [], refs: ['track'], assigns: [] });
    expect(chunks[`const x = 1`]!.declares).toEqual(['x']);
  });

  it('`import(` and `import.meta` at a line start are code, not import chunks', () => {
    const text = src(`import('./lazy').then((m) => m.go());`, `import.meta.env;`);
    const { outline } = outlined(text);
    expect(outline.chunks.map((c) => c.kind)).toEqual(['code', 'code']);
    expect(outline.dynamic).toEqual([{ chunk: 0, specifier: './lazy' }]);
  });
});

describe('outline: exports', () => {
  const text = src(
    `export function f1() {}`,
    `export async function f2() {}`,
    `export function* gen() {}`,
    `export class C1 {}`,
    `export abstract class C2 {}`,
    `export const k1 = 1;`,
    `export let k2 = 2;`,
    `export var k3 = 3;`,
    `export enum E1 { A }`,
    `export const enum E2 { B }`,
    `export declare const k4: number;`,
    `export interface I {}`,
    `export type T = string;`,
    `const local = 1;`,
    `export { local as renamed, k1 as again };`,
    `export * from './star';`,
    `export * as space from './space';`,
    `export { x as y, default as z } from './pairs';`,
    `export type { TT } from './types';`,
  );
  const { outline, chunks } = outlined(text);

  it('one chunk per declaration, with its name declared and exported', () => {
    expect(firsts(text, outline)).toEqual(text.trimEnd().split('\n'));
    const expected: Record<string, string> = {
      'export function f1() {}': 'f1',
      'export async function f2() {}': 'f2',
      'export function* gen() {}': 'gen',
      'export class C1 {}': 'C1',
      'export abstract class C2 {}': 'C2',
      'export const k1 = 1;': 'k1',
      'export let k2 = 2;': 'k2',
      'export var k3 = 3;': 'k3',
      'export enum E1 { A }': 'E1',
      'export const enum E2 { B }': 'E2',
      'export declare const k4: number;': 'k4',
      'export interface I {}': 'I',
      'export type T = string;': 'T',
    };
    for (const [line, name] of Object.entries(expected)) {
      expect({ line, declares: chunks[line]!.declares, exports: chunks[line]!.exports }).toEqual({ line, declares: [name], exports: [[name, name]] });
    }
    expect(chunks['const local = 1;']).toMatchObject({ declares: ['local'], exports: [] });
  });

  it('export lists map exported names to local ones', () => {
    expect(chunks['export { local as renamed, k1 as again };']).toEqual({
      kind: 'code',
      declares: [],
      exports: [
        ['renamed', 'local'],
        ['again', 'k1'],
      ],
      refs: ['k1', 'local'],
      assigns: [],
    });
  });

  it('re-exports: `*`, `* as ns`, pairs and type-only lists', () => {
    const reexportChunks = outline.chunks.flatMap((c, k) => (c.kind === 'reexport' ? [k] : []));
    expect(reexportChunks).toEqual([15, 16, 17, 18]);
    expect(outline.reexports).toEqual([
      { chunk: 15, specifier: './star', pairs: '*' },
      { chunk: 16, specifier: './space', pairs: [['*', 'space']] },
      {
        chunk: 17,
        specifier: './pairs',
        pairs: [
          ['x', 'y'],
          ['default', 'z'],
        ],
      },
      { chunk: 18, specifier: './types', pairs: [['TT', 'TT']] },
    ]);
    expect(outline.imports).toEqual([]);
    expect(outline.cjs).toBe(false);
  });

  it('export default: functions and classes keep their names; an expression is anonymous; a name is its local', () => {
    const text = src(
      `export default function named() {}`,
      `export default async function asyncNamed() {}`,
      `export default class Klass {}`,
      `export default someName;`,
      `export default { a: 1 };`,
      `export default 42;`,
    );
    const { outline, chunks } = outlined(text);
    expect(outline.chunks).toHaveLength(6);
    expect(chunks['export default function named() {}']).toMatchObject({ declares: ['named'], exports: [['default', 'named']] });
    expect(chunks['export default async function asyncNamed() {}']).toMatchObject({ declares: ['asyncNamed'], exports: [['default', 'asyncNamed']] });
    expect(chunks['export default class Klass {}']).toMatchObject({ declares: ['Klass'], exports: [['default', 'Klass']] });
    expect(chunks['export default someName;']).toMatchObject({ declares: [], exports: [['default', 'someName']] });
    expect(chunks['export default { a: 1 };']).toMatchObject({ declares: [], exports: [['default', null]] });
    expect(chunks['export default 42;']).toMatchObject({ declares: [], exports: [['default', null]] });
  });

  it('`export =` is CommonJS', () => {
    const text = src(`class Api {}`, `export = Api;`);
    const { outline, chunks } = outlined(text);
    expect(firsts(text, outline)).toEqual(['class Api {}', 'export = Api;']);
    expect(chunks['export = Api;']).toEqual({ kind: 'code', declares: [], exports: [], refs: ['Api'], assigns: [] });
    expect(outline.cjs).toBe(true);
  });
});

describe('outline: declarations', () => {
  it('destructuring and several declarators', () => {
    const text = src(
      `const config = load();`,
      `const { a, b: c } = config, [d, , e] = list;`,
      `const one = 1, two = 2, three = one + two;`,
      `let late;`,
      `function use() { return a + c + d + e + three + late; }`,
    );
    const { outline, chunks } = outlined(text);
    expect(outline.chunks).toHaveLength(5);
    const destructured = chunks['const { a, b: c } = config, [d, , e] = list;']!;
    // Patterns are over-approximated (the property key `b` may be counted); the bindings must be there.
    expect(destructured.declares).toEqual(expect.arrayContaining(['a', 'c', 'd', 'e']));
    expect(destructured.declares).not.toContain('config');
    expect(destructured.declares).not.toContain('list');
    expect(destructured.refs).toEqual(['config']);
    expect(chunks['const one = 1, two = 2, three = one + two;']!.declares).toEqual(['one', 'three', 'two']);
    expect(chunks['let late;']!.declares).toEqual(['late']);
    expect(chunks['function use() { return a + c + d + e + three + late; }']).toMatchObject({ declares: ['use'], refs: ['a', 'c', 'd', 'e', 'late', 'three'] });
  });

  it('decorators stay with the class they decorate', () => {
    const text = src(
      `import { Injectable, Inject } from './di';`,
      `@Injectable()`,
      `@Inject('x')`,
      `export class Service {`,
      `  run() {}`,
      `}`,
      `@Injectable()`,
      `class Other {}`,
      `const after = new Service();`,
    );
    const { outline, chunks } = outlined(text);
    expect(firsts(text, outline)).toEqual([`import { Injectable, Inject } from './di';`, '@Injectable()', '@Injectable()', 'const after = new Service();']);
    expect(text.slice(outline.chunks[1]!.start, outline.chunks[1]!.end)).toBe(`@Injectable()\n@Inject('x')\nexport class Service {\n  run() {}\n}\n`);
    expect(text.slice(outline.chunks[2]!.start, outline.chunks[2]!.end)).toBe(`@Injectable()\nclass Other {}\n`);
    expect(outline.chunks[1]!.refs.sort()).toEqual(['Inject', 'Injectable']);
    expect(chunks['const after = new Service();']!.declares).toEqual(['after']);
    // What a decorated class declares and exports is not asserted here: see the report (it records neither).
  });

  it('continuation words at column 0 do not start a chunk', () => {
    const text = src(`if (a)`, `{ go(); }`, `else`, `{ stop(); }`, `try { x(); }`, `catch { y(); }`, `finally { z(); }`, `type K = A`, `extends B ? 1 : 2;`, `next();`);
    const { outline } = outlined(text);
    expect(firsts(text, outline)).toEqual(['if (a)', 'try { x(); }', 'type K = A', 'next();']);
  });

  it('module-level assignments: `client = …` and `config.client = …` are assigns, comparisons are not', () => {
    const text = src(
      `let client;`,
      `const config = { client: null };`,
      `export function init() { client = create(); config.client = create(); }`,
      `export function check() { return client === null || config.client == null; }`,
      `export function use() { client.capture('x'); }`,
    );
    const { chunks } = outlined(text);
    expect(chunks['export function init() { client = create(); config.client = create(); }']).toMatchObject({ refs: ['client', 'config'], assigns: ['client', 'config'] });
    expect(chunks['export function check() { return client === null || config.client == null; }']).toMatchObject({ refs: ['client', 'config'], assigns: [] });
    expect(chunks["export function use() { client.capture('x'); }"]).toMatchObject({ refs: ['client'], assigns: [] });
  });

  it('property accesses do not count as mentions, spreads do', () => {
    const text = src(`const name = 1;`, `const rest = {};`, `export function f(o) { return o.name + o?.rest; }`, `export function g() { return { ...rest }; }`);
    const { chunks } = outlined(text);
    expect(chunks['export function f(o) { return o.name + o?.rest; }']!.refs).toEqual([]);
    expect(chunks['export function g() { return { ...rest }; }']!.refs).toEqual(['rest']);
  });
});

describe('outline: strings, templates, regular expressions, comments, JSX', () => {
  it('JSX text with apostrophes, `//` and `{` expressions across lines', () => {
    const text = src(
      `import React from 'react';`,
      `const label = 'x';`,
      `export function Page() {`,
      `  return (`,
      `    <div title="it's">`,
      `      Don't // not a comment {label}`,
      `function notADeclaration() {}`,
      `      {label.length > 1 ? (`,
      `<span>it's ok</span>`,
      `) : null}`,
      `<>fragment's text</>`,
      `    </div>`,
      `  );`,
      `}`,
      `export const after = 1;`,
    );
    const { outline, chunks } = outlined(text, true);
    expect(firsts(text, outline)).toEqual([`import React from 'react';`, `const label = 'x';`, 'export function Page() {', 'export const after = 1;']);
    expect(chunks['export function Page() {']).toMatchObject({ declares: ['Page'], exports: [['Page', 'Page']], refs: ['label'] });
    expect(outline.ok).toBe(true);
  });

  it('template literals with `${}` holding braces and nested templates', () => {
    const text = src(
      'const base = 1;',
      'const t = `a ${ { k: `inner ${base}` }.k } b ${`x${`y`}`}',
      'function fake() {}',
      '}`;',
      'export const done = t;',
    );
    const { outline, chunks } = outlined(text);
    expect(firsts(text, outline)).toEqual(['const base = 1;', 'const t = `a ${ { k: `inner ${base}` }.k } b ${`x${`y`}`}', 'export const done = t;']);
    expect(chunks['const t = `a ${ { k: `inner ${base}` }.k } b ${`x${`y`}`}']).toMatchObject({ declares: ['t'], refs: ['base'] });
    expect(outline.ok).toBe(true);
  });

  it('regular expressions with quotes, braces and slashes in classes', () => {
    const text = src(
      `const re = /[/'"{]/g;`,
      `const re2 = /\\/}[}]/;`,
      `export function test(s) { return re.test(s) && s.split(/['"]/).length > 1 / 2; }`,
      `export const after = 1;`,
    );
    const { outline, chunks } = outlined(text);
    expect(firsts(text, outline)).toEqual([`const re = /[/'"{]/g;`, `const re2 = /\\/}[}]/;`, `export function test(s) { return re.test(s) && s.split(/['"]/).length > 1 / 2; }`, 'export const after = 1;']);
    expect(chunks[`export function test(s) { return re.test(s) && s.split(/['"]/).length > 1 / 2; }`]!.declares).toEqual(['test']);
    expect(outline.ok).toBe(true);
  });

  it('comments holding code-like column-0 lines stay in the chunk before them', () => {
    const text = src(
      `export function first() {`,
      `/*`,
      `function commented() {}`,
      `export const fake = 1;`,
      `*/`,
      `// function lineComment() {}`,
      `}`,
      `/**`,
      ` * docs`,
      `import x from 'nowhere';`,
      ` */`,
      `export function second() {}`,
    );
    const { outline } = outlined(text);
    expect(firsts(text, outline)).toEqual(['export function first() {', 'export function second() {}']);
    expect(outline.chunks.map((c) => c.declares)).toEqual([['first'], ['second']]);
    expect(outline.imports).toEqual([]);
  });

  it('strings holding code-like text and brackets', () => {
    const text = src(`const a = "}{'\\"";`, `const b = '){"';`, `export const c = a + b;`);
    const { outline, chunks } = outlined(text);
    expect(firsts(text, outline)).toEqual([`const a = "}{'\\"";`, `const b = '){"';`, 'export const c = a + b;']);
    expect(chunks['export const c = a + b;']!.refs).toEqual(['a', 'b']);
    expect(outline.ok).toBe(true);
  });

  it('a `use client` directive and a shebang', () => {
    const text = src('#!/usr/bin/env node', `'use client';`, `import { x } from './x';`, `x();`);
    const { outline } = outlined(text);
    expect(firsts(text, outline)).toEqual(['#!/usr/bin/env node', `import { x } from './x';`, 'x();']);
    expect(text.slice(outline.chunks[0]!.start, outline.chunks[0]!.end)).toBe(`#!/usr/bin/env node\n'use client';\n`);
    expect(outline.chunks.map((c) => c.kind)).toEqual(['code', 'import', 'code']);
    expect(outline.imports).toEqual([{ chunk: 1, local: 'x', specifier: './x', imported: 'x' }]);

    const directive = src(`'use client';`, `import { y } from './y';`);
    expect(firsts(directive, outlineOf(directive, true))).toEqual([`'use client';`, `import { y } from './y';`]);
  });
});

describe('outline: CommonJS, dynamic imports, suppression, balance', () => {
  it('`module.exports` and `exports.x =` are CommonJS', () => {
    expect(outlineOf(src(`function f() {}`, `module.exports = { f };`), false).cjs).toBe(true);
    expect(outlineOf(src(`exports.y = 1;`), false).cjs).toBe(true);
    expect(outlineOf(src(`module.exports.z = 2;`), false).cjs).toBe(true);
    expect(outlineOf(src(`const o = { exports: 1 };`, `o.exports = 2;`), false).cjs).toBe(false);
  });

  it('`require()` and `await import()` inside functions are dynamic uses in their chunk', () => {
    const text = src(
      `let client;`,
      `export function init() {`,
      `  client = require('posthog-node');`,
      `}`,
      `export async function load() {`,
      `  const m = await import('./mod');`,
      `  const n = await import(\`./tpl\`);`,
      `  return m;`,
      `}`,
      `const notDynamic = obj.require('x');`,
    );
    const { outline, chunks } = outlined(text);
    expect(firsts(text, outline)).toEqual(['let client;', 'export function init() {', 'export async function load() {', `const notDynamic = obj.require('x');`]);
    expect(outline.dynamic).toEqual([
      { chunk: 1, specifier: 'posthog-node' },
      { chunk: 2, specifier: './mod' },
      { chunk: 2, specifier: './tpl' },
    ]);
    expect(chunks['export function init() {']).toMatchObject({ refs: ['client'], assigns: ['client'] });
    expect(outline.cjs).toBe(false);
  });

  it('`flowaudit-ignore` marks the file whole', () => {
    expect(outlineOf(src(`// flowaudit-ignore-next-line some-rule`, `x();`), false).whole).toBe(true);
    expect(outlineOf(src(`x();`), false).whole).toBe(false);
  });

  it('an unbalanced file is not ok', () => {
    expect(outlineOf(src(`function broken() {`, `  if (x {`, `}`), false).ok).toBe(false);
    expect(outlineOf(src(`const s = \`never closed`), false).ok).toBe(false);
    expect(outlineOf(src(`/* never closed`), false).ok).toBe(false);
    expect(outlineOf(src(`}`), false).ok).toBe(false);
    expect(outlineOf(src(`function fine() {}`), false).ok).toBe(true);
  });

  it('chunksAt: the chunks holding positions, in order, each once', () => {
    const text = src(`const a = 1;`, `const b = 2;`, `const c = 3;`);
    const outline = outlineOf(text, false);
    expect(chunksAt(outline, [text.indexOf('c ='), text.indexOf('a'), text.indexOf('1'), text.indexOf('c =') + 2])).toEqual([0, 2]);
  });
});

// ── property: cutting chunks keeps a valid, line-aligned module ──────────────────────────────────────

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

function scriptKind(file: string): ts.ScriptKind {
  if (/\.[cm]?tsx$/.test(file) || file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(file)) return ts.ScriptKind.TS;
  if (/\.jsx$/.test(file)) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

function parseErrors(file: string, text: string): number {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, scriptKind(file));
  return (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
}

const lineSplit = (text: string): string[] => text.split(/\r\n|\n|\r|\u2028|\u2029/);

/** Problems with one focused text (empty when fine). */
function checkFocus(file: string, text: string, outline: Outline, subset: number[], originalParses: boolean): string[] {
  const focus = [...new Set([...subset, ...outline.chunks.flatMap((c, k) => (c.kind === 'code' ? [] : [k]))])].sort((a, b) => a - b);
  const focused = focusedText(text, keptRanges(outline, focus));
  const problems: string[] = [];
  const original = lineSplit(text);
  const cut = lineSplit(focused);
  const keptLines = new Set<number>();
  for (const k of focus) {
    const { start, end } = outline.chunks[k]!;
    const first = lineSplit(text.slice(0, start)).length - 1;
    const last = lineSplit(text.slice(0, end)).length - 1;
    for (let line = first; line < last || (line === last && end === text.length); line++) keptLines.add(line);
  }
  // Nothing after the last kept line; every kept line where it was (trailing white space aside, which the
  // focused text drops at its end).
  const lastKept = Math.max(-1, ...keptLines);
  if (cut.length > lastKept + 2) problems.push(`${file}: ${cut.length} lines for a last kept line ${lastKept + 1}`);
  for (const line of keptLines) {
    if (line >= original.length) continue;
    const expected = line >= cut.length - 1 ? original[line]!.trimEnd() : original[line];
    if ((cut[line] ?? '') !== expected && !(line >= cut.length && original[line]!.trim() === '')) problems.push(`${file}:${line + 1} kept line changed`);
  }
  if (originalParses && parseErrors(file, focused) > 0) problems.push(`${file}: chunks [${focus.join(',')}] of ${outline.chunks.length} do not parse`);
  return problems;
}

function corpusFolders(): string[] {
  const folders = [join(REPO, 'fixtures')];
  const bench = join(REPO, 'bench/corpus/100k');
  if (existsSync(bench)) folders.push(bench);
  return folders;
}

describe('outline property: kept chunks form a valid module with unchanged lines', () => {
  const files = corpusFolders().flatMap(sourceFiles);

  it('the check itself fails on a cut inside a statement or a shifted line', () => {
    const text = src(`import { a } from './a';`, `export function f() {`, `  return a;`, `}`, `export const b = 2;`);
    const outline = outlineOf(text, false);
    expect(checkFocus('x.ts', text, outline, [1, 2], true)).toEqual([]);
    // A chunk boundary in the middle of the function: the kept text no longer parses.
    const split: Outline = { ...outline, chunks: [outline.chunks[0]!, { ...outline.chunks[1]!, end: text.indexOf('  return') }, { ...outline.chunks[1]!, start: text.indexOf('  return') }, outline.chunks[2]!] };
    expect(checkFocus('x.ts', text, split, [1], true)).toEqual(['x.ts: chunks [0,1] of 4 do not parse']);
    // A range that does not start at a line start changes a kept line.
    const shifted: Outline = { ...outline, chunks: [outline.chunks[0]!, { ...outline.chunks[1]!, start: outline.chunks[1]!.start + 7 }, outline.chunks[2]!] };
    expect(checkFocus('x.ts', text, shifted, [1], true)).toContain('x.ts:2 kept line changed');
  });

  it('finds the source files to check', () => {
    expect(files.filter((f) => f.startsWith(join(REPO, 'fixtures'))).length).toBeGreaterThan(100);
  });

  it('every fixture (and bench) file, with random subsets of its chunks', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const full of files) {
      const file = relative(REPO, full);
      const text = readFileSync(full, 'utf8');
      const outline = outlineOf(text, !/\.[cm]?ts$/.test(file));
      if (!outline.ok) continue;
      const originalParses = parseErrors(file, text) === 0;
      const n = outline.chunks.length;
      // None, all, each chunk alone in small files, and random subsets.
      const subsets: number[][] = [[], [...Array(n).keys()]];
      if (n <= 12) for (let k = 0; k < n; k++) subsets.push([k]);
      subsets.push(...fc.sample(fc.subarray([...Array(n).keys()]), { numRuns: 8, seed: file.length * 7919 + n }));
      for (const subset of subsets) {
        checked++;
        const found = checkFocus(file, text, outline, subset, originalParses);
        if (found.length) {
          problems.push(...found);
          break;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(problems).toEqual([]);
  });
});

// ── property: generated modules of awkward statements ─────────────────────────────────────────────────

// Statements that are hard to lex (regular expressions, templates, JSX, comments with code in them). A
// regular expression holding a backtick right after `)` (`if (a) /`/.test(b);`) is left out: see the report.
const POOL = [
  "import { a } from './a';",
  "const re = /[/'\"{`]/g;",
  "const s = `\nfunction inTemplate() {}\n${ { k: `x${'}'}` }.k }\nexport const t = 1;\n`;",
  'export function f(x: number) {\n  return x / 2 / 3;\n}',
  '/*\nfunction c() {}\n*/',
  "// const c = '\nexport const d = 1;",
  'if (a) {\n  go();\n}\nelse {\n  stop();\n}',
  'export default function () {\n  return `${`${`a`}`}`;\n}',
  'let x = 1\n;[1, 2].forEach((v) => v)',
  "const o = {\n  a: 1,\n  'b': \"}\",\n};",
  "class K {\n  m() { return /}/.test('{'); }\n}",
  'export const q = a\n  ? 1\n  : 2;',
  "const str = 'it\\'s';",
  'function g() {\n  const r = x => /[)]/.exec(x);\n  return r;\n}',
  'label: for (const i of [1]) {\n  break label;\n}',
  'const div = 10 / 2 /* c */ / 1;',
  "export type T<U> = U extends string\n  ? 'a'\n  : 'b';",
  "const arrow = async () => {\n  await import('./x');\n};",
  'enum E {\n  A = 1,\n}',
  'declare global {\n  interface Window { x: 1 }\n}',
  'namespace N {\n  export const y = 1;\n}',
  "const tpl = tag`\nimport fake from 'x';\n`;",
  "x = a ? /re'/ : b;",
  "const v = typeof /a'/;",
  "if (b) /'/.test(c);",
  'const sql = `\nSELECT 1\nfunction x() {}\n`;',
  'const w = (a) / 2; const z = (b) / 3;',
  'const y = a++ / 2;',
  'const u = x.default / 2 / 1;',
  'const ob = { default: 1 }.default / 2;',
  "async function* agen() {\n  yield /'/;\n}",
  'const k = `${a}` / 2; const m = 3 / 4;',
  'const n = a! / 2 / 3;',
  'x = [1] / 2 / 3;',
];
const POOL_TSX = [
  "export function P() {\n  return <div title=\"'\" data-x='\"'>\nDon't {`${1}`} // x\n<b>it's</b>\n{[1].map((i) => <i key={i}>{i}</i>)}\n</div>;\n}",
  "const el = (\n<>\n<br />\nfoo's\n</>\n);",
  'const cmp = a < b && c > d;',
  "const gen = useState<string>('');",
  "const el2 = <a href='//x'>{'}'}</a>;",
  "const el3 = <C render={() => <div>'</div>} />;",
  'const ga = <T,>(x: T) => x;',
];

function parsesAs(kind: ts.ScriptKind, text: string): number {
  return (ts.createSourceFile('gen', text, ts.ScriptTarget.Latest, false, kind) as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
}

describe('outline property: generated modules', () => {
  for (const tsx of [false, true]) {
    it(`random sequences of awkward statements (${tsx ? 'tsx' : 'ts'}), random chunks kept`, () => {
      const pool = tsx ? [...POOL, ...POOL_TSX] : POOL;
      const kind = tsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
      let checked = 0;
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 8 }), fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }), (parts, pick) => {
          const text = parts.join('\n') + '\n';
          if (parsesAs(kind, text) > 0) return;
          const outline = outlineOf(text, tsx);
          // Out of balance (a generic arrow `<T,>` read as JSX): the file is parsed whole, nothing to check.
          if (!outline.ok) return;
          checked++;
          const subset = outline.chunks.flatMap((_, k) => (pick[k % 16] ? [k] : []));
          expect(checkFocus(tsx ? 'gen.tsx' : 'gen.ts', text, outline, subset, true)).toEqual([]);
        }),
        { numRuns: 800, seed: 20261122 },
      );
      expect(checked).toBeGreaterThan(200);
    });
  }
});

describe('the outline primer', () => {
  it('lexes its samples through to the end, so that every construct in them gets type feedback', () => {
    const outlines = PRIMER_SAMPLES.map(([text, jsx]) => outlineOf(text, jsx));
    expect(outlines.map((o) => o.ok)).toEqual([true, true, true]);
    const [ts] = outlines;
    expect(ts!.imports.map((i) => i.specifier)).toEqual(['react', 'react', 'react', './ns', './def']);
    expect(ts!.reexports.map((r) => r.specifier)).toEqual(['./all', './named', './ab', './t']);
    expect(ts!.dynamic.map((d) => d.specifier)).toEqual(['./lazy', './req']);
    expect(ts!.cjs).toBe(true);
    expect(outlines[2]!.chunks.flatMap((c) => c.declares)).toEqual(['React', 'C', 'G']);
  });
});
