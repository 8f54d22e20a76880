/**
 * End-to-end rule cases: `fixtures/rules/<rule-id with / as ->/<case>/` holds a datamap.yaml, the code, and
 * expected.json (`rule`, `why`, `findings` as `file:line severity`). Each runs through the whole pipeline
 * (`runAudit`: loader, scanner, flows, rules) and must give exactly those findings of its rule.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/rules');

interface Expected {
  rule: string;
  why: string;
  findings: string[];
}

const cases = readdirSync(FIXTURES).flatMap((ruleDir) =>
  readdirSync(join(FIXTURES, ruleDir)).map((name) => {
    const root = join(FIXTURES, ruleDir, name);
    const expected = JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8')) as Expected;
    return { ruleDir, name, root, expected };
  }),
);

describe('rule fixtures through runAudit', () => {
  it('has a firing and a quiet case for every rule it covers, in a folder named for the rule', () => {
    for (const { ruleDir, expected } of cases) expect(ruleDir).toBe(expected.rule.replace('/', '-'));
    const byRule = new Map<string, typeof cases>();
    for (const c of cases) byRule.set(c.expected.rule, [...(byRule.get(c.expected.rule) ?? []), c]);
    for (const [rule, list] of byRule) {
      expect(list.some((c) => c.expected.findings.length > 0), `${rule} fires somewhere`).toBe(true);
      expect(list.some((c) => c.expected.findings.length === 0), `${rule} stays quiet somewhere`).toBe(true);
    }
  });

  for (const { ruleDir, name, root, expected } of cases) {
    it(`${ruleDir}/${name}: ${expected.why}`, async () => {
      const report = await runAudit({ root, cwd: root, cache: false, ruleOverrides: {}, timing: false });
      const actual = report.findings.filter((f) => f.ruleId === expected.rule).map((f) => `${f.file}:${f.line} ${f.severity}`);
      expect(actual).toEqual(expected.findings);
      if (expected.rule !== 'tool/skipped-file') expect(report.findings.filter((f) => f.ruleId === 'tool/skipped-file')).toEqual([]);
    });
  }
});
