import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog, readCatalogDirectory, validateCatalogEntry } from '../../src/catalog/index.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const readFixture = (path: string): unknown => JSON.parse(readFileSync(join(fixtures, path), 'utf8'));

function problemsOf(path: string): string[] {
  return validateCatalogEntry(readFixture(path), path.split('/').pop() ?? path);
}

describe('validateCatalogEntry', () => {
  it('accepts a well-formed entry with wildcards, a first-argument filter and a one-label host wildcard', () => {
    expect(problemsOf('valid/acme-pixel.json')).toEqual([]);
  });

  it('reports a missing id, naming the file', () => {
    expect(problemsOf('malformed/missing-id.json')).toEqual(['missing-id.json: (entry): missing required property "id"']);
  });

  it('reports a call pattern that breaks the pattern syntax, naming the file, the place and the value', () => {
    const problems = problemsOf('malformed/bad-pattern.json');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^bad-pattern\.json: packages\[0\]\.transmits\[0\]: "track\(" is not a valid call pattern/);
  });

  it('rejects a pattern made only of wildcards, which would make every call a call site', () => {
    const problems = problemsOf('malformed/wildcard-only.json');
    expect(problems).toEqual([
      'wildcard-only.json: packages[0].transmits[0]: "*" names no segment: a pattern of only `*`/`**` would match every call',
    ]);
  });

  it('reports an unknown default class with the allowed values', () => {
    expect(problemsOf('malformed/unknown-class.json')).toEqual([
      'unknown-class.json: defaultClass: "sale" is not one of "share", "possible_sale"',
    ]);
  });

  it('requires a global pattern to start with the global name', () => {
    expect(problemsOf('malformed/global-pattern-wrong-name.json')).toEqual([
      'global-pattern-wrong-name.json: globals[0].transmits: "track" must start with the global\'s name "acmePx"',
    ]);
  });

  it('rejects a URL where a hostname belongs', () => {
    const problems = problemsOf('malformed/host-with-scheme.json');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^host-with-scheme\.json: hosts\[0\]: "https:\/\/api\.example\.com\/v1" is not a valid hostname/);
  });

  it('requires the id to equal the file name', () => {
    const entry = readFixture('valid/acme-pixel.json');
    expect(validateCatalogEntry(entry, 'acme.json')).toEqual(['acme.json: id: "acme-pixel" differs from the file name "acme.json"']);
  });

  it('reports several problems of one entry at once', () => {
    const entry = { ...(readFixture('valid/acme-pixel.json') as object), kind: 'adtech', typicalRole: 'vendor' };
    const problems = validateCatalogEntry(entry, 'acme-pixel.json');
    expect(problems).toHaveLength(2);
    expect(problems.every((p) => p.startsWith('acme-pixel.json: '))).toBe(true);
  });
});

describe('readCatalogDirectory', () => {
  it('throws an Error that names the malformed file and its problem', () => {
    expect(() => readCatalogDirectory(join(fixtures, 'directory-with-bad-entry'))).toThrowError(
      /invalid vendor catalogue entry renamed-vendor\.json:\n {2}renamed-vendor\.json: id: "other-name" differs from the file name "renamed-vendor\.json"/,
    );
  });

  it('reads a valid directory into entries and an id index', () => {
    const catalog = readCatalogDirectory(join(fixtures, 'valid'));
    expect(catalog.entries.map((e) => e.id)).toEqual(['acme-pixel']);
    expect(catalog.byId.get('acme-pixel')?.globals[0]?.name).toBe('acmePx');
  });
});

describe('loadCatalog', () => {
  it('returns the same cached catalogue on every call', () => {
    expect(loadCatalog()).toBe(loadCatalog());
  });

  it('lists entries sorted by id', () => {
    const ids = loadCatalog().entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort());
  });
});
