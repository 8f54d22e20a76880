import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataMap } from '../../src/data-map/load.js';
import { BUILTIN_CATEGORIES, BUILTIN_PURPOSES } from '../../src/taxonomy/index.js';

const repo = resolve(import.meta.dirname, '../..');
const docs = readFileSync(resolve(repo, 'docs/data-map.md'), 'utf8');

describe('docs/data-map.md', () => {
  it('has a complete example that loads without problems', () => {
    const section = docs.slice(docs.indexOf('## A complete example'));
    const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'flowaudit-docs-'));
    try {
      writeFileSync(join(dir, 'datamap.yaml'), example!);
      const result = loadDataMap({ root: dir, cwd: dir, catalogIds: new Set() });
      expect(result.ok ? [] : result.problems).toEqual([]);
      if (!result.ok) return;
      const sections = ['categories', 'systems', 'vendors', 'flows', 'notices'] as const;
      for (const s of sections) expect(result.map[s].length, s).toBeGreaterThan(0);
      expect(result.map.opt_out.mechanisms.map((m) => m.type)).toEqual(['link', 'gpc', 'limit_link', 'alternative_link']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists every built-in category and purpose', () => {
    for (const c of BUILTIN_CATEGORIES) expect(docs, c.key).toContain(`| \`${c.key}\` |`);
    for (const p of BUILTIN_PURPOSES) expect(docs, p.key).toContain(`| \`${p.key}\` |`);
  });
});
