import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataMap } from '../../src/data-map/load.js';
import type { LoadResult } from '../../src/data-map/types.js';

const dir = mkdtempSync(join(tmpdir(), 'flowaudit-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loadText(text: string | Uint8Array): LoadResult {
  writeFileSync(join(dir, 'datamap.yaml'), text);
  return loadDataMap({ root: dir, cwd: dir, catalogIds: new Set(['meta-pixel']) });
}

function expectWellFormed(result: LoadResult): void {
  const problems = result.ok ? result.warnings : result.problems;
  if (!result.ok) expect(problems.some((p) => p.severity === 'error')).toBe(true);
  for (const p of problems) {
    expect(p.file).toBe('datamap.yaml');
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.column).toBeGreaterThanOrEqual(1);
    expect(p.message.length).toBeGreaterThan(0);
    expect(p.message).not.toContain('\n');
    expect(p.message).not.toMatch(/internal error/);
  }
}

const section = fc.constantFrom('version', 'business', 'scan', 'categories', 'systems', 'vendors', 'flows', 'opt_out', 'notices', 'extra');
const field = fc.constantFrom('id', 'name', 'role', 'from', 'to', 'categories', 'purposes', 'paths', 'retention', 'deletion', 'method', 'call', 'read', 'type', 'discloses', 'links', 'ccpa', 'fields', 'mechanisms', 'guards');
const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('meta-pixel', 'storefront', 'user.contact.email', 'P90D', 'analytics', 'api', 'gpc'));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(field, tie('node'), { maxKeys: 4 })),
})).node;

describe('the loader on arbitrary input', () => {
  it('answers every map-shaped document with well-formed problems, never an exception', () => {
    fc.assert(
      fc.property(fc.dictionary(section, value, { maxKeys: 6 }), (doc) => {
        expectWellFormed(loadText(stringify(doc)));
      }),
      { numRuns: 150 },
    );
  });

  it('answers arbitrary text and bytes the same way', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 })), (input) => {
        expectWellFormed(loadText(input));
      }),
      { numRuns: 150 },
    );
  });
});
