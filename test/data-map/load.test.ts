import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkGlobs, loadDataMap, type LoadOptions } from '../../src/data-map/load.js';
import type { DataMap, LoadResult, MapProblem } from '../../src/data-map/types.js';

const repo = resolve(import.meta.dirname, '../..');
const maps = 'fixtures/maps';

function load(map: string | undefined, extra: Partial<LoadOptions> = {}): LoadResult {
  return loadDataMap({ map: map === undefined ? undefined : `${maps}/${map}`, root: repo, cwd: repo, catalogIds: new Set(), ...extra });
}

function problemsOf(map: string, extra: Partial<LoadOptions> = {}): MapProblem[] {
  const result = load(map, extra);
  if (result.ok) throw new Error(`expected ${map} to be invalid`);
  return result.problems;
}

function onlyProblem(map: string, extra: Partial<LoadOptions> = {}): MapProblem {
  const problems = problemsOf(map, extra);
  expect(problems).toHaveLength(1);
  return problems[0]!;
}

function mapOf(map: string, extra: Partial<LoadOptions> = {}): DataMap {
  const result = load(map, extra);
  if (!result.ok) throw new Error(`expected ${map} to load: ${result.problems.map((p) => p.message).join('; ')}`);
  return result.map;
}

const temporary: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowaudit-map-'));
  temporary.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe('loading a valid map', () => {
  it('normalises every section with locations and document paths', () => {
    const map = mapOf('valid-full.yaml');
    expect(map.files).toEqual(['fixtures/maps/valid-full.yaml']);
    expect(map.business).toEqual({ name: 'Acme Shop', jurisdictions: ['CA'], minors: 'none' });
    expect(map.scan).toEqual({ exclude: ['**/legacy/**'], include: [] });
    expect(map.systems[0]).toMatchObject({
      id: 'storefront',
      path: 'systems[0]',
      loc: { file: 'fixtures/maps/valid-full.yaml', line: 18, column: 5 },
      paths: ['apps/web/**'],
      retention: { default: 'P2Y', 'user.behavior.browsing_history': 'P90D' },
      deletion: { handler: 'apps/web/src/privacy/erase.ts#eraseUser' },
      notices: ['privacy-policy'],
    });
    expect(map.vendors.map((v) => [v.id, v.role, v.trains_on_data])).toEqual([
      ['meta-pixel', 'third_party', false],
      ['sendgrid', 'service_provider', false],
    ]);
    expect(map.vendors[1]!.contract).toEqual({
      restricts_sale_and_sharing: true,
      restricts_purposes: true,
      prohibits_combining: true,
      purposes: ['deliver transactional email'],
      reviewed: '2026-01-15',
    });
    expect(map.vendors[1]!.deletion).toEqual({ method: 'api', call: 'client.deleteContact' });
    expect(map.flows[1]).toMatchObject({ from: 'storefront', to: 'sendgrid', consideration: 'none', consumer_directed: false, deidentified: false, path: 'flows[1]' });
    expect(map.opt_out.mechanisms.map((m) => [m.id, m.type, m.frictionless])).toEqual([
      ['dnss-link', 'link', undefined],
      ['gpc', 'gpc', false],
    ]);
    expect(map.opt_out.guards.map((g) => [g.call, g.read, g.means, g.path])).toEqual([
      ['canSellData', undefined, undefined, 'opt_out.guards[0]'],
      [undefined, 'user.doNotSell', 'opted_out', 'opt_out.guards[1]'],
    ]);
    expect(map.notices[0]!.discloses.collected).toEqual(['identifiers', 'internet_activity', 'commercial']);
    expect(map.rootLoc).toEqual({ file: 'fixtures/maps/valid-full.yaml', line: 1, column: 1 });
    expect(map.locations?.get('flows[0].to')).toEqual({ file: 'fixtures/maps/valid-full.yaml', line: 53, column: 9 });
  });

  it('canonicalises fideslang purpose aliases and drops the duplicates they create', () => {
    const map = mapOf('fideslang-purpose-alias.yaml');
    expect(map.flows[0]!.purposes).toEqual(['advertising.cross_context', 'analytics']);
  });

  it('fills the documented defaults for a minimal map', () => {
    const map = mapOf('minimal.yaml');
    expect(map.business).toEqual({ name: '', jurisdictions: ['CA'], minors: 'unknown' });
    expect(map.scan).toEqual({ exclude: [], include: [] });
    expect([map.systems, map.vendors, map.flows, map.notices, map.opt_out.mechanisms, map.opt_out.guards]).toEqual([[], [], [], [], [], []]);
  });

  it('defaults consideration to unknown, the flags to false and purposes to none', () => {
    const [flow] = mapOf('flow-defaults.yaml').flows;
    expect(flow).toEqual({
      from: 'storefront',
      to: 'posthog',
      categories: ['user.unique_id'],
      purposes: [],
      consideration: 'unknown',
      consumer_directed: false,
      deidentified: false,
      path: 'flows[0]',
      loc: { file: 'fixtures/maps/flow-defaults.yaml', line: 8, column: 5 },
    });
  });

  it('accepts a JSON document and strips a byte-order mark', () => {
    expect(mapOf('json-document.yaml').systems.map((s) => s.id)).toEqual(['web']);
    expect(mapOf('bom.yaml').systems.map((s) => s.id)).toEqual(['web']);
  });

  it('makes custom categories valid in references, with their ancestors', () => {
    const map = mapOf('custom-category-used.yaml');
    expect(map.categories[0]).toMatchObject({ id: 'user.loyalty.member_id', ccpa: 'identifiers', sensitive: false, fields: ['loyaltyId', '/^member_?no$/i'] });
    expect(map.systems[0]!.collects).toEqual(['user.loyalty.member_id', 'user.loyalty']);
  });
});

describe('finding the map', () => {
  it('uses <root>/datamap.yml when there is no datamap.yaml', () => {
    const root = resolve(repo, maps, 'root-with-yml');
    const result = loadDataMap({ root, cwd: repo, catalogIds: new Set() });
    expect(result.ok && result.map.files).toEqual(['fixtures/maps/root-with-yml/datamap.yml']);
  });

  it('falls back to <root>/.flowaudit/', () => {
    const root = resolve(repo, maps, 'root-with-dotdir');
    const result = loadDataMap({ root, cwd: repo, catalogIds: new Set() });
    expect(result.ok && result.map.files).toEqual(['fixtures/maps/root-with-dotdir/.flowaudit/map.yaml']);
  });

  it('says "no data-map found" when the root has none', () => {
    const root = resolve(repo, maps, 'root-without-map');
    const result = loadDataMap({ root, cwd: repo });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/^no data-map found: looked for datamap\.yaml, datamap\.yml and \.flowaudit\/ in fixtures\/maps\/root-without-map/);
  });

  it('says "no data-map found" for a --map that does not exist', () => {
    const problem = onlyProblem('nowhere.yaml');
    expect(problem).toMatchObject({ file: 'fixtures/maps/nowhere.yaml', line: 1, column: 1, message: 'no data-map found at fixtures/maps/nowhere.yaml' });
  });

  it('says "no data-map found" for a directory without YAML', () => {
    expect(onlyProblem('dir-without-yaml').message).toBe('no data-map found: the directory contains no *.yaml or *.yml file');
  });

  it('resolves --map against cwd, not root', () => {
    const result = loadDataMap({ map: `${maps}/minimal.yaml`, root: resolve(repo, maps, 'glob-root'), cwd: repo, catalogIds: new Set() });
    expect(result.ok && result.map.files).toEqual(['fixtures/maps/minimal.yaml']);
  });
});

describe('a directory of map files', () => {
  it('merges the files in name order, numbering entries across files', () => {
    const problems = problemsOf('dir-merge');
    expect(problems).toEqual([
      {
        severity: 'error',
        file: 'fixtures/maps/dir-merge/b-flows.yml',
        line: 10,
        column: 9,
        path: 'flows[1].to',
        message: 'unknown vendor or system "meta-pixl"; declared: storefront, meta-pixel, stripe',
        suggestion: 'did you mean "meta-pixel"?',
      },
    ]);
  });

  it('names both places of an id defined in two files', () => {
    const problem = onlyProblem('dir-duplicate-id');
    expect(problem).toMatchObject({ file: 'fixtures/maps/dir-duplicate-id/b.yaml', line: 4, column: 9, path: 'vendors[2].id' });
    expect(problem.message).toBe('duplicate vendor id "stripe": already defined at fixtures/maps/dir-duplicate-id/a.yaml:3:9; ids must be unique within vendors');
  });

  it('rejects a business section that two files define differently', () => {
    const problem = onlyProblem('dir-conflict');
    expect(problem).toMatchObject({ file: 'fixtures/maps/dir-conflict/b.yaml', line: 1, column: 1, path: 'business' });
    expect(problem.message).toBe('"business" is also defined at fixtures/maps/dir-conflict/a.yaml:2:1 with different content; define it in one file');
  });
});

describe('bad input is a located one-line problem, never an exception', () => {
  const cases: [string, Partial<MapProblem> & { message: string | RegExp }][] = [
    ['invalid-yaml.yaml', { line: 3, column: 3, message: /^invalid YAML: Block collections are not allowed within flow collections$/ }],
    ['tabs.yaml', { line: 4, column: 1, message: 'invalid YAML: Tabs are not allowed as indentation (YAML indents with spaces, not tabs)' }],
    ['duplicate-key.yaml', { line: 4, column: 3, message: 'invalid YAML: duplicate key "name" (each key may appear once in a mapping)' }],
    ['empty.yaml', { line: 1, column: 1, message: 'the data-map file is empty; it needs at least "version: 1"' }],
    ['list-document.yaml', { line: 1, column: 1, message: 'the data-map must be a mapping of sections (version, systems, vendors, …), not a list' }],
    ['scalar-document.yaml', { line: 1, column: 1, message: 'the data-map must be a mapping of sections (version, systems, vendors, …), not a single value' }],
    ['invalid-utf8.yaml', { line: 3, column: 12, message: 'the file is not valid UTF-8 text (save it as UTF-8)' }],
    ['multiple-documents.yaml', { line: 2, column: 1, message: 'invalid YAML: the file holds several YAML documents (---); a map file holds one: put the others in files of a map directory' }],
    ['alias-bomb.yaml', { line: 1, column: 1, message: 'too many alias references (more than 1000); refusing to expand a possible alias bomb' }],
  ];
  for (const [fixture, expected] of cases) {
    it(fixture, () => {
      const problem = onlyProblem(fixture);
      expect(problem.file).toBe(`fixtures/maps/${fixture}`);
      expect(problem.severity).toBe('error');
      expect([problem.line, problem.column]).toEqual([expected.line, expected.column]);
      if (typeof expected.message === 'string') expect(problem.message).toBe(expected.message);
      else expect(problem.message).toMatch(expected.message);
      expect(problem.message).not.toContain('\n');
    });
  }

  it('a file over 10 MB', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'huge.yaml'), `version: 1\n# ${'x'.repeat(10 * 1024 * 1024)}\n`);
    const result = loadDataMap({ map: 'huge.yaml', root: dir, cwd: dir });
    expect(result.ok ? [] : result.problems).toEqual([
      { severity: 'error', file: 'huge.yaml', line: 1, column: 1, path: '', message: 'the file is 10.0 MB; a data-map may be at most 10 MB' },
    ]);
  });

  it('an unreadable path (a symbolic-link loop)', () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'b.yaml'), join(dir, 'a.yaml'));
    symlinkSync(join(dir, 'a.yaml'), join(dir, 'b.yaml'));
    const result = loadDataMap({ map: 'a.yaml', root: dir, cwd: dir });
    expect(result.ok ? [] : result.problems.map((p) => [p.file, p.message])).toEqual([['a.yaml', 'cannot read a.yaml: too many symbolic links']]);
  });

  it('a path through a file', () => {
    const problem = onlyProblem('minimal.yaml/datamap.yaml');
    expect(problem.message).toBe('cannot read fixtures/maps/minimal.yaml/datamap.yaml: a part of the path is not a directory');
  });

  it('keeps loading the other files of a directory and reports every broken one', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), 'version: 1\nsystems: [\n');
    writeFileSync(join(dir, 'b.yaml'), '');
    writeFileSync(join(dir, 'c.yaml'), 'vendors:\n  - id: x\n');
    const result = loadDataMap({ map: '.', root: dir, cwd: dir, catalogIds: new Set() });
    const problems = result.ok ? [] : result.problems;
    expect(problems.map((p) => `${p.file}:${p.line} ${p.path} ${p.message.split(';')[0]}`)).toEqual([
      'a.yaml:3  invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'b.yaml:1  the data-map file is empty',
      'c.yaml:2 vendors[0] missing required property "role"',
    ]);
  });
});

describe('globs', () => {
  it('warns for system paths and scan globs that match nothing under root', () => {
    const map = mapOf('bad-globs.yaml');
    const warnings = checkGlobs(map, resolve(repo, maps, 'glob-root'));
    expect(warnings).toEqual([
      { severity: 'warning', file: 'fixtures/maps/bad-globs.yaml', line: 6, column: 23, path: 'systems[0].paths[1]', message: 'glob "apps/missing/**" matches no file under the scanned root' },
      { severity: 'warning', file: 'fixtures/maps/bad-globs.yaml', line: 3, column: 13, path: 'scan.exclude[0]', message: 'glob "legacy/**" matches no file under the scanned root' },
    ]);
  });

  it('is quiet when every glob matches', () => {
    const map = mapOf('bad-globs.yaml');
    const fixed: DataMap = { ...map, scan: { exclude: [], include: [] }, systems: [{ ...map.systems[0]!, paths: ['src/**', 'src'] }] };
    expect(checkGlobs(fixed, resolve(repo, maps, 'glob-root'))).toEqual([]);
  });
});
