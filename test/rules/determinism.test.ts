import { describe, expect, it } from 'vitest';
import { callSite, dataMap, findings, flow, gated, mechanism, notice, scanResult, serviceProvider, system, vendor } from './builders.js';

const map = dataMap({
  systems: [system('web', { collects: ['user.contact.email'], notices: ['privacy-policy'], deletion: undefined }), system('api', { paths: ['apps/api/**'] })],
  vendors: [vendor('meta-pixel', { deletion: undefined }), serviceProvider('posthog', { contract: { restricts_purposes: true } }), serviceProvider('openai', { trains_on_data: true })],
  flows: [
    flow('web', 'meta-pixel', { categories: ['user.device.cookie_id'], purposes: ['advertising.cross_context'] }),
    flow('web', 'posthog', { categories: ['user.behavior.interaction'], purposes: ['analytics'] }),
    flow('api', 'openai', { categories: ['user.content.private'] }),
  ],
  mechanisms: [mechanism('gpc', 'gpc')],
  notices: [notice('privacy-policy', 'privacy_policy', { collected: ['identifiers'] })],
});

const sites = [
  callSite({ file: 'apps/web/src/a.ts', line: 3, categories: ['user.contact.email'] }),
  callSite({ file: 'apps/web/src/a.ts', line: 3, column: 20, categories: ['user.contact.email'] }),
  gated({ file: 'apps/web/src/b.ts', line: 8 }),
  callSite({ vendor: 'posthog', file: 'apps/web/src/c.ts', line: 1, api: 'posthog.capture' }),
  callSite({ vendor: 'tiktok', declaredVendor: false, file: 'apps/web/src/d.ts', line: 2 }),
  callSite({ vendor: 'meta-pixel', system: 'unassigned', file: 'scripts/e.ts', line: 4 }),
];

describe('the rules together', () => {
  it('give byte-identical findings whatever the order of the call sites', () => {
    const forward = findings(map, scanResult({ callSites: sites }));
    const backward = findings(map, scanResult({ callSites: [...sites].reverse() }));
    expect(forward.length).toBeGreaterThan(10);
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
  });

  it('give distinct fingerprints to distinct findings', () => {
    const all = findings(map, scanResult({ callSites: sites }));
    expect(new Set(all.map((f) => f.fingerprint)).size).toBe(all.length);
  });

  it('report nothing for an empty map and an empty scan', () => {
    expect(findings(dataMap(), scanResult())).toEqual([]);
  });

  it('report only undeclared and unassigned code when the map declares nothing', () => {
    const ids = new Set(findings(dataMap(), scanResult({ callSites: sites.map((s) => ({ ...s, system: 'unassigned', declaredVendor: false })) })).map((f) => f.ruleId));
    expect([...ids].sort()).toEqual(['ccpa/gpc', 'ccpa/notice-sale-disclosure', 'ccpa/opt-out-gate', 'ccpa/opt-out-mechanism', 'map/unassigned-code', 'map/undeclared-vendor']);
  });

  it('report no ccpa finding for a business outside California, and still the map findings', () => {
    const elsewhere = { ...map, business: { ...map.business, jurisdictions: ['VA'] } };
    const ids = new Set(findings(elsewhere, scanResult({ callSites: sites })).map((f) => f.ruleId));
    expect([...ids].sort()).toEqual(['map/stale-flow', 'map/unassigned-code', 'map/undeclared-category', 'map/undeclared-flow', 'map/undeclared-vendor']);
    const california = new Set(findings(map, scanResult({ callSites: sites })).map((f) => f.ruleId));
    expect([...california].filter((id) => id.startsWith('ccpa/')).length).toBeGreaterThan(5);
  });
});
