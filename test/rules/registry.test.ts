import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/rules/index.js';
import { ruleDocPath } from '../../src/rules/docs.js';

const DOC_HEADINGS = [
  '## What it checks',
  '## Why the law requires it',
  '## Example that fires',
  '## Example that does not fire',
  '## How to fix it',
  '## How to suppress it',
  '## Related rules',
];

const RULES_DIR = join(import.meta.dirname, '../../src/rules');
const SHARED_MODULES = new Set(['index.ts', 'run.ts', 'types.ts', 'docs.ts', 'define.ts', 'evidence.ts']);

function ruleModules(dir = RULES_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ruleModules(path);
    return dir === RULES_DIR && SHARED_MODULES.has(entry.name) ? [] : [relative(RULES_DIR, path).split('\\').join('/')];
  });
}

describe('rule registry', () => {
  it('has the 14 core rules of SPEC section 6 and the two tool rules', () => {
    expect(rules.map((r) => r.id)).toEqual([
      'ccpa/ai-vendor-own-use',
      'ccpa/deletion-gap',
      'ccpa/gpc',
      'ccpa/notice-at-collection',
      'ccpa/notice-sale-disclosure',
      'ccpa/opt-out-gate',
      'ccpa/opt-out-mechanism',
      'ccpa/service-provider-ccba',
      'ccpa/service-provider-contract',
      'map/stale-flow',
      'map/unassigned-code',
      'map/undeclared-category',
      'map/undeclared-flow',
      'map/undeclared-vendor',
      'tool/skipped-file',
      'tool/suppression',
    ]);
  });

  it('ids are unique and sorted', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it("each rule module's path is its id, and every module is registered", () => {
    const modules = ruleModules().sort();
    expect(modules).toEqual(rules.map((r) => `${r.id}.ts`));
    for (const rule of rules) {
      const source = readFileSync(join(RULES_DIR, `${rule.id}.ts`), 'utf8');
      expect(source, rule.id).toContain(`id: '${rule.id}'`);
    }
  });

  it('every rule has a citation, a title, a description and a default severity', () => {
    for (const rule of rules) {
      expect(rule.citation.trim(), rule.id).not.toBe('');
      expect(rule.title.trim(), rule.id).not.toBe('');
      expect(rule.description.trim(), rule.id).not.toBe('');
      expect(['error', 'warning', 'info'], rule.id).toContain(rule.defaultSeverity);
    }
  });

  it('ccpa rules cite the statute or the regulations; map and tool rules are hygiene', () => {
    for (const rule of rules) {
      if (rule.id.startsWith('ccpa/')) expect(rule.citation, rule.id).toMatch(/§\d/);
      else if (!['map/undeclared-vendor', 'map/undeclared-flow', 'map/undeclared-category'].includes(rule.id)) expect(rule.citation, rule.id).toBe('—');
    }
  });

  it('severities follow SPEC section 6', () => {
    const warnings = rules.filter((r) => r.defaultSeverity === 'warning').map((r) => r.id);
    expect(warnings).toEqual(['map/stale-flow', 'map/unassigned-code', 'map/undeclared-category', 'tool/skipped-file', 'tool/suppression']);
  });

  it('every rule has a doc with the fixed headings, in order, titled with its id', () => {
    for (const rule of rules) {
      const path = ruleDocPath(rule.id);
      expect(existsSync(path), path).toBe(true);
      const doc = readFileSync(path, 'utf8');
      expect(doc.split('\n')[0], rule.id).toBe(`# ${rule.id}`);
      const positions = DOC_HEADINGS.map((h) => doc.split('\n').indexOf(h));
      expect(positions.every((p) => p > 0), `${rule.id}: ${DOC_HEADINGS.filter((_, i) => positions[i]! < 0).join(', ')}`).toBe(true);
      expect([...positions].sort((a, b) => a - b), rule.id).toEqual(positions);
    }
  });

  it('every rule doc shows the suppression syntax or says how to silence the rule otherwise', () => {
    for (const rule of rules) {
      const doc = readFileSync(ruleDocPath(rule.id), 'utf8');
      const section = doc.slice(doc.indexOf('## How to suppress it'), doc.indexOf('## Related rules'));
      expect(section, rule.id).toMatch(/flowaudit-ignore|--rule /);
    }
  });
});
