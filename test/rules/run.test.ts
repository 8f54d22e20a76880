import { describe, expect, it } from 'vitest';
import { evaluateRules, SUPPRESSION_RULE_ID } from '../../src/rules/run.js';
import type { Rule, RuleContext, RuleReport } from '../../src/rules/types.js';
import type { CallSite, ScanResult, SuppressionComment } from '../../src/scan/types.js';

function site(file: string, line: number, via: CallSite['via'] = []): CallSite {
  return {
    file, line, column: 3, vendor: 'meta-pixel', catalogId: 'meta-pixel', declaredVendor: true, api: 'fbq', pattern: "fbq('track')",
    detectedBy: 'global', matched: 'fbq', categories: [], gated: false, gate: 'none', guards: [], via, system: 'web',
    enclosingFunction: 'checkout', callText: "fbq('track', 'Purchase')", defaultClass: 'share',
  };
}

function context(callSites: CallSite[], suppressions: SuppressionComment[] = []): RuleContext {
  const scan: ScanResult = { files: 1, lines: 10, callSites, unresolved: [], skipped: [], suppressions, gpcReads: [], handlers: [], filesWithCallSites: [] };
  return { scan, flows: [], map: {} as RuleContext['map'], taxonomy: {} as RuleContext['taxonomy'], catalog: { entries: [], byId: new Map() } };
}

function codeRule(id: string, level: RuleReport['level'] = 'full'): Rule {
  return {
    id, defaultSeverity: 'error', title: id, citation: '§1', description: id,
    evaluate: (ctx) => ctx.scan.callSites.map((s) => ({
      level, message: `at ${s.line}`, flow: 'web->meta-pixel',
      code: { file: s.file, line: s.line, column: s.column, enclosingFunction: s.enclosingFunction, callText: s.callText },
    })),
  };
}

const suppressionRule: Rule = { id: SUPPRESSION_RULE_ID, defaultSeverity: 'warning', title: 's', citation: '—', description: 's', evaluate: () => [] };

describe('evaluateRules', () => {
  it('reduces a reduced-level report one severity below the configured one', () => {
    const result = evaluateRules(context([site('a.ts', 4)]), { overrides: {}, rules: [codeRule('x/reduced', 'reduced')] });
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([['x/reduced', 'warning', 4]]);
    const asWarning = evaluateRules(context([site('a.ts', 4)]), { overrides: { 'x/reduced': 'warning' }, rules: [codeRule('x/reduced', 'reduced')] });
    expect(asWarning.findings[0]?.severity).toBe('info');
  });

  it('drops a rule set to off and lists it as off', () => {
    const result = evaluateRules(context([site('a.ts', 4)]), { overrides: { 'x/a': 'off' }, rules: [codeRule('x/a')] });
    expect(result.findings).toEqual([]);
    expect(result.ruleMeta.map((r) => [r.id, r.severity])).toEqual([['x/a', 'off']]);
  });

  it('keeps the fingerprint when unrelated lines move, and tells identical calls apart', () => {
    const before = evaluateRules(context([site('a.ts', 4), site('a.ts', 9)]), { overrides: {}, rules: [codeRule('x/a')] });
    const after = evaluateRules(context([site('a.ts', 14), site('a.ts', 19)]), { overrides: {}, rules: [codeRule('x/a')] });
    expect(after.findings.map((f) => f.fingerprint)).toEqual(before.findings.map((f) => f.fingerprint));
    expect(new Set(before.findings.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('applies next-line suppressions at the outermost call and at the vendor call, and counts them', () => {
    const wrapped = site('page.ts', 7, [{ file: 'lib/track.ts', line: 3, column: 3, function: 'track' }]);
    const comments: SuppressionComment[] = [
      { file: 'a.ts', line: 3, column: 1, kind: 'next-line', ruleId: 'x/a', reason: 'consented flow', appliesToLine: 4 },
      { file: 'lib/track.ts', line: 2, column: 1, kind: 'next-line', ruleId: 'x/a', reason: 'restricted mode', appliesToLine: 3 },
    ];
    const result = evaluateRules(context([site('a.ts', 4), wrapped, site('b.ts', 5)], comments), { overrides: {}, rules: [codeRule('x/a'), suppressionRule] });
    expect(result.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['b.ts:5']);
    expect(result.suppressed.map((f) => [f.file, f.suppressed?.reason])).toEqual([
      ['a.ts', 'consented flow'],
      ['page.ts', 'restricted mode'],
    ]);
  });

  it('warns about a suppression without a reason and one that suppresses nothing', () => {
    const comments: SuppressionComment[] = [
      { file: 'a.ts', line: 3, column: 1, kind: 'next-line', ruleId: 'x/a', appliesToLine: 4 },
      { file: 'c.ts', line: 1, column: 1, kind: 'file', ruleId: 'x/a', reason: 'legacy' },
    ];
    const result = evaluateRules(context([site('a.ts', 4)], comments), { overrides: {}, rules: [codeRule('x/a'), suppressionRule] });
    expect(result.findings.map((f) => [f.ruleId, f.file, f.line, f.message.includes('no reason') ? 'reason' : 'unused'])).toEqual([
      [SUPPRESSION_RULE_ID, 'a.ts', 3, 'reason'],
      [SUPPRESSION_RULE_ID, 'c.ts', 1, 'unused'],
    ]);
  });

  it('reports only new findings against a baseline and lists baseline entries that no longer occur', () => {
    const first = evaluateRules(context([site('a.ts', 4)]), { overrides: {}, rules: [codeRule('x/a')] });
    const baseline = new Set([...first.findings.map((f) => f.fingerprint), 'gone-fingerprint']);
    const second = evaluateRules(context([site('a.ts', 4), site('b.ts', 8)]), { overrides: {}, baseline, rules: [codeRule('x/a')] });
    expect(second.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['b.ts:8']);
    expect(second.suppressed.map((f) => f.suppressed?.kind)).toEqual(['baseline']);
    expect(second.staleBaseline).toEqual(['gone-fingerprint']);
  });

  it('with changed files keeps findings in them and in wrappers they reach', () => {
    const wrapped = site('page.ts', 7, [{ file: 'lib/track.ts', line: 3, column: 3, function: 'track' }]);
    const result = evaluateRules(context([site('a.ts', 4), wrapped]), { overrides: {}, changedFiles: new Set(['lib/track.ts']), rules: [codeRule('x/a')] });
    expect(result.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['page.ts:7']);
  });
});
