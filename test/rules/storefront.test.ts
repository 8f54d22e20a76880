/**
 * The storefront example (`fixtures/storefront/EXPECTED.md`): a mostly compliant shop with exactly three
 * planted violations, and its compliant variant, which must be silent. Runs the whole pipeline.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit.js';

async function audit(name: string) {
  const root = join(import.meta.dirname, '../../fixtures', name);
  return runAudit({ root, cwd: root, cache: false, ruleOverrides: {}, timing: false });
}

describe('storefront example', () => {
  it('reports exactly the three planted violations', async () => {
    const report = await audit('storefront');
    expect(report.findings.map((f) => `${f.ruleId} ${f.severity} ${f.file}:${f.line} ${f.flow ?? ''}`)).toEqual([
      'ccpa/deletion-gap error apps/api/src/privacy/erase.ts:19 jobs-worker->segment',
      'ccpa/deletion-gap error apps/api/src/privacy/erase.ts:19 storefront-api->segment',
      'ccpa/opt-out-gate error apps/web/src/app/checkout/CheckoutForm.tsx:39 storefront-web->meta-pixel',
      'ccpa/notice-sale-disclosure error datamap.yaml:377 ',
    ]);
    const disclosure = report.findings.find((f) => f.ruleId === 'ccpa/notice-sale-disclosure')!;
    expect(disclosure.message).toContain('does not list email as sold or shared');
    expect(disclosure.message).toContain('Meta Conversions API');
  });

  it('classifies the ad-tech flows as shares and the contracted vendors as disclosures', async () => {
    const report = await audit('storefront');
    const classes = Object.fromEntries(report.flows.map((f) => [f.id, f.class]));
    expect(classes['storefront-web->meta-pixel']).toBe('share');
    expect(classes['storefront-api->meta-capi']).toBe('share');
    expect(classes['storefront-api->stripe']).toBe('disclosure');
    expect(classes['storefront-api->signifyd']).toBe('disclosure');
  });

  it('the compliant variant reports nothing', async () => {
    const report = await audit('storefront-compliant');
    expect(report.findings).toEqual([]);
  });
});
