import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/report/index.js';
import { loadFixture } from './helpers.js';

const stylish = (name: 'storefront' | 'hostile' | 'clean', color = false): string => formatReport(loadFixture(name), 'stylish', { color });

describe('stylish report', () => {
  it('groups findings by file, one line each, columns aligned across files: line:col, severity, message, rule id: line:col, severity, message, rule id', () => {
    const lines = stylish('storefront').split('\n');
    const checkout = lines.indexOf('apps/web/src/checkout.ts');
    expect(checkout).toBeGreaterThanOrEqual(0);
    expect(lines[checkout + 1]).toMatch(/^ {2}42:5 {3}error {4}Purchase data is shared with Meta Pixel without checking the consumer's opt-out +ccpa\/opt-out-gate$/);
    const map = lines.indexOf('datamap.yaml');
    expect(lines.slice(map + 1, map + 4).map((l) => l.trim().split(/\s+/)[0])).toEqual(['58:5', '96:3', '112:5']);
    // Files appear once each, in sorted order.
    const files = lines.filter((l) => /^\S/.test(l) && !l.startsWith('✖') && !l.startsWith('Most'));
    expect(files).toEqual(['apps/api/src/billing.ts', 'apps/web/src/checkout.ts', 'apps/web/src/layout.tsx', 'apps/web/src/pages/home.tsx', 'datamap.yaml']);
  });

  it('shows the via path below a wrapped call site, from the outermost caller to the vendor call', () => {
    const lines = stylish('storefront').split('\n');
    const at = lines.findIndex((l) => l.includes('42:5'));
    expect(lines[at + 1]?.trim()).toBe('via trackPurchase (apps/web/src/lib/track.ts:9:3) → sendPixelEvent (apps/web/src/lib/pixel.ts:4:5)');
  });

  it('ends with the problem count, what was set aside, and a hint for the top rule', () => {
    const text = stylish('storefront');
    expect(text).toContain('✖ 7 problems (5 errors, 2 warnings)');
    expect(text).toContain('1 suppressed, 1 baselined, 1 baseline entry no longer found, 1 file skipped, 1 unresolved destination');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Most important: ccpa/opt-out-gate (2 findings). Run flowaudit explain ccpa/opt-out-gate for the law and the fix.');
  });

  it('says a clean report in one line with the counts of flows and call sites', () => {
    expect(stylish('clean')).toBe('✔ No problems: 1 flow, 1 call site in 12 files\n');
  });

  it('colours severities only when asked: red errors, yellow warnings, dim via', () => {
    const plain = stylish('storefront');
    expect(plain).not.toContain('\u001b[');
    const coloured = stylish('storefront', true);
    expect(coloured).toContain('\u001b[31merror  \u001b[39m');
    expect(coloured).toContain('\u001b[33mwarning\u001b[39m');
    expect(coloured).toMatch(/\u001b\[2m {10,}via trackPurchase/);
    // Stripped of its colours, it says the same thing.
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });

  it('escapes terminal control sequences and bidi overrides from code and the map, keeping one line per finding', () => {
    const text = stylish('hostile', true);
    const withoutOurColours = text.replace(/\u001b\[(\d+)m/g, '');
    expect(withoutOurColours).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('\\x1b[31mRED\\x1b[0m');
    expect(text).toContain('\\u202eeman');
    const finding = withoutOurColours.split('\n').find((l) => l.includes('Shared with'));
    expect(finding).toMatch(/'single' second line +ccpa\/opt-out-gate$/);
  });
});

describe('stylish paths', () => {
  it('are relative to the working directory, so a terminal can open them: code under the root, the map as given', () => {
    const report = { ...loadFixture('storefront'), root: 'services/shop', dataMap: ['services/shop/datamap.yaml'] };
    report.findings = report.findings.map((f) => (f.file === 'datamap.yaml' ? { ...f, file: 'services/shop/datamap.yaml' } : f));
    const lines = formatReport(report, 'stylish', { color: false }).split('\n');
    expect(lines).toContain('services/shop/apps/web/src/checkout.ts');
    expect(lines).toContain('services/shop/datamap.yaml');
    expect(lines.find((l) => l.trim().startsWith('via'))).toContain('(services/shop/apps/web/src/lib/track.ts:9:3)');
  });
});
