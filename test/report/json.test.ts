import { describe, expect, it } from 'vitest';
import { formatJson, formatReport } from '../../src/report/index.js';
import type { AuditReport } from '../../src/report/types.js';
import { loadFixture, validatorFor } from './helpers.js';

const validate = validatorFor('schemas/report.schema.json');

/** The same value with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
  return value;
}

describe('json report', () => {
  it.each(['storefront', 'hostile', 'clean'] as const)('%s: the output validates against schemas/report.schema.json', (name) => {
    const output = JSON.parse(formatReport(loadFixture(name), 'json', { color: false }));
    expect(validate(output)).toEqual([]);
  });

  it('rejects a report that breaks the contract (the schema is not a rubber stamp)', () => {
    const report = JSON.parse(formatJson(loadFixture('storefront'), { color: false }));
    report.findings[0].severity = 'fatal';
    delete report.flows[0].class;
    report.summary.extra = 1;
    const errors = validate(report);
    expect(errors.some((e) => e.startsWith('/findings/0/severity'))).toBe(true);
    expect(errors.some((e) => e.startsWith('/flows/0') && e.includes('class'))).toBe(true);
    expect(errors.some((e) => e.startsWith('/summary') && e.includes('extra'))).toBe(true);
  });

  it('follows SPEC section 7: top-level keys in order, findings and flows with their fields', () => {
    const output = JSON.parse(formatJson(loadFixture('storefront'), { color: false }));
    expect(Object.keys(output)).toEqual(['schemaVersion', 'tool', 'root', 'dataMap', 'summary', 'flows', 'findings', 'suppressedFindings', 'unresolved', 'skipped', 'rules', 'staleBaseline']);
    expect(Object.keys(output.summary)).toEqual(['errors', 'warnings', 'infos', 'suppressed', 'baselined', 'flows', 'callSites', 'files', 'skipped', 'unresolved']);
    const gate = output.findings.find((f: { ruleId: string; file: string }) => f.ruleId === 'ccpa/opt-out-gate' && f.file === 'apps/web/src/checkout.ts');
    expect(Object.keys(gate)).toEqual(['ruleId', 'severity', 'message', 'file', 'line', 'column', 'flow', 'vendor', 'system', 'citation', 'fingerprint', 'via']);
    expect(gate.via).toEqual([
      { file: 'apps/web/src/lib/track.ts', line: 9, column: 3, function: 'trackPurchase' },
      { file: 'apps/web/src/lib/pixel.ts', line: 4, column: 5, function: 'sendPixelEvent' },
    ]);
    const meta = output.flows.find((f: { id: string }) => f.id === 'storefront->meta-pixel');
    expect(Object.keys(meta).slice(0, 4)).toEqual(['id', 'from', 'to', 'class']);
    expect(meta.callSites.map((s: { file: string; line: number }) => `${s.file}:${s.line}`)).toEqual(['apps/web/src/admin.ts:5', 'apps/web/src/checkout.ts:42', 'apps/web/src/consent.ts:18']);
  });

  it('is byte-identical for the same report whatever the order of its lists and keys', () => {
    const expected = formatJson(loadFixture('storefront'), { color: false });
    const report = reversedKeys(loadFixture('storefront')) as AuditReport;
    report.flows.reverse();
    report.flows.forEach((f) => f.callSites.reverse());
    report.findings.reverse();
    report.suppressedFindings.reverse();
    expect(formatJson(report, { color: false })).toBe(expected);
    expect(formatJson(loadFixture('storefront'), { color: false })).toBe(expected);
  });

  it('keeps optional keys added later, after the known ones, in alphabetical order', () => {
    const report = loadFixture('clean');
    (report.findings as unknown[]).push({ zeta: 1, ruleId: 'x', alpha: 2, severity: 'info', message: 'm', file: 'a.ts', line: 1, column: 1, citation: '—', fingerprint: 'f' });
    const finding = JSON.parse(formatJson(report, { color: false })).findings[0];
    expect(Object.keys(finding)).toEqual(['ruleId', 'severity', 'message', 'file', 'line', 'column', 'citation', 'fingerprint', 'alpha', 'zeta']);
  });

  it('includes timings only when the report has them', () => {
    const without = JSON.parse(formatJson(loadFixture('clean'), { color: false }));
    expect(without.timings).toBeUndefined();
    const report = { ...loadFixture('clean'), timings: { total: 12, scan: 8, load: 1 } };
    const output = JSON.parse(formatJson(report, { color: false }));
    expect(Object.keys(output.timings)).toEqual(['load', 'scan', 'total']);
    expect(validate(output)).toEqual([]);
  });
});
