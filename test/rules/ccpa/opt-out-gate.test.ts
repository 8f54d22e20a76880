import { describe, expect, it } from 'vitest';
import { optOutGate } from '../../../src/rules/ccpa/opt-out-gate.js';
import { brief, callSite, dataMap, findings, flow, gated, mechanism, scanResult, serviceProvider, system, vendor } from '../builders.js';

const rules = [optOutGate];
const pixelShare = flow('web', 'meta-pixel', { categories: ['user.behavior.purchase_history'], purposes: ['advertising.cross_context'] });
const map = dataMap({
  systems: [system('web')],
  vendors: [vendor('meta-pixel', { name: 'Meta Pixel' })],
  flows: [pixelShare],
  mechanisms: [mechanism('dnss', 'link', { url: 'https://acme.example/dnss' }), mechanism('gpc', 'gpc')],
});

describe('ccpa/opt-out-gate', () => {
  it('fires at each ungated call site of a share flow, as an error', () => {
    const scan = scanResult({
      callSites: [
        callSite({ file: 'apps/web/src/checkout.ts', line: 42, column: 5, categories: ['user.behavior.purchase_history'] }),
        gated({ file: 'apps/web/src/checkout.ts', line: 50 }),
        callSite({ file: 'apps/web/src/home.tsx', line: 7, categories: ['user.device.cookie_id', 'user.device.ip_address'] }),
      ],
    });
    const result = findings(map, scan, rules);
    expect(brief(result)).toEqual(['ccpa/opt-out-gate apps/web/src/checkout.ts:42 error', 'ccpa/opt-out-gate apps/web/src/home.tsx:7 error']);
    expect(result[0]!.message).toBe(
      "Purchase history is shared with Meta Pixel without checking the consumer's opt-out; run the call only when an opt-out guard (opt_out.guards, GPC) allows it",
    );
    expect(result[0]!.citation).toBe('Cal. Civ. Code §1798.120(a); §1798.135(c)(4)');
    expect(result[0]!.column).toBe(5);
  });

  it('reports a wrapped call at its outermost caller, keeping the path to the vendor call', () => {
    const via = [{ file: 'apps/web/src/lib/track.ts', line: 9, column: 3, function: 'trackPurchase' }];
    const result = findings(map, scanResult({ callSites: [callSite({ file: 'apps/web/src/cart.ts', line: 14, via })] }), rules);
    expect(brief(result)).toEqual(['ccpa/opt-out-gate apps/web/src/cart.ts:14 error']);
    expect(result[0]!.via).toEqual(via);
  });

  it('fires at warning for a possible sale and for a GPC-only gate', () => {
    const m = dataMap({
      systems: [system('web')],
      vendors: [vendor('meta-pixel'), vendor('segment')],
      flows: [pixelShare, flow('web', 'segment', { categories: ['user.contact.email'], purposes: ['analytics'] })],
      mechanisms: [mechanism('dnss', 'link'), mechanism('gpc', 'gpc')],
    });
    const scan = scanResult({
      callSites: [
        callSite({ vendor: 'segment', file: 'apps/web/src/a.ts', line: 1, categories: ['user.contact.email'] }),
        callSite({ file: 'apps/web/src/b.ts', line: 2, gated: true, gate: 'gpc-only', guards: ['navigator.globalPrivacyControl'] }),
      ],
    });
    const result = findings(m, scan, rules);
    expect(brief(result)).toEqual(['ccpa/opt-out-gate apps/web/src/a.ts:1 warning', 'ccpa/opt-out-gate apps/web/src/b.ts:2 warning']);
    expect(result[0]!.message).toContain('Email is sent to segment without checking the consumer\'s opt-out (a possible sale: consideration unknown)');
    expect(result[1]!.message).toContain('checking only the Global Privacy Control signal');
  });

  it('does not fire for gated, restricted or vendor-opt-out call sites', () => {
    const scan = scanResult({
      callSites: [
        gated({ line: 1 }),
        callSite({ line: 2, gated: true, gate: 'restricted', guards: ["fbq('dataProcessingOptions', ['LDU'])"] }),
        callSite({ line: 3, gated: true, gate: 'vendor-opt-out', guards: ['opt_out_capturing_by_default'] }),
      ],
    });
    expect(findings(map, scan, rules)).toEqual([]);
  });

  it('accepts a GPC-only gate when frictionless GPC is the only opt-out mechanism', () => {
    const m = dataMap({ systems: [system('web')], vendors: [vendor('meta-pixel')], flows: [pixelShare], mechanisms: [mechanism('gpc', 'gpc', { frictionless: true }), mechanism('limit', 'limit_link')] });
    const scan = scanResult({ callSites: [callSite({ gated: true, gate: 'gpc-only', guards: ['navigator.globalPrivacyControl'] })] });
    expect(findings(m, scan, rules)).toEqual([]);
  });

  it('does not fire for ungated calls of a disclosure to a compliant service provider', () => {
    const m = dataMap({ systems: [system('web')], vendors: [serviceProvider('posthog')], flows: [flow('web', 'posthog', { categories: ['user.behavior.interaction'], purposes: ['analytics'] })] });
    const scan = scanResult({ callSites: [callSite({ vendor: 'posthog', api: 'posthog.capture' })] });
    expect(findings(m, scan, rules)).toEqual([]);
  });

  it("names the payload's categories before the ones the tag sends implicitly", () => {
    const scan = scanResult({ callSites: [callSite({ categories: ['user.device.ip_address', 'user.name'] })] });
    expect(findings(map, scan, rules)[0]!.message).toMatch(/^Name and IP address are shared with Meta Pixel without checking/);
  });

  it("an unmapped vendor's calls keep their own catalogue default: tracking at error, CRM API at warning", () => {
    const m = dataMap({ systems: [system('web')] });
    const scan = scanResult({
      callSites: [
        callSite({ vendor: 'hubspot', catalogId: undefined, declaredVendor: false, line: 5, api: '_hsq.push', defaultClass: 'share' }),
        callSite({ vendor: 'hubspot', catalogId: undefined, declaredVendor: false, line: 9, api: 'hubspot.crm.contacts.basicApi.create', defaultClass: 'possible_sale' }),
      ],
    });
    expect(brief(findings(m, scan, rules))).toEqual(['ccpa/opt-out-gate apps/web/src/app.ts:5 error', 'ccpa/opt-out-gate apps/web/src/app.ts:9 warning']);
  });

  it('fires for an undeclared ad pixel (share by default), at error', () => {
    const m = dataMap({ systems: [system('web')] });
    const scan = scanResult({ callSites: [callSite({ declaredVendor: false, line: 77 })] });
    expect(brief(findings(m, scan, rules))).toEqual(['ccpa/opt-out-gate apps/web/src/app.ts:77 error']);
  });
});
