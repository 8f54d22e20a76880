import { describe, expect, it } from 'vitest';
import { staleFlow } from '../../../src/rules/map/stale-flow.js';
import { brief, callSite, dataMap, findings, flow, LINE, scanResult, system, vendor } from '../builders.js';

const rules = [staleFlow];

describe('map/stale-flow', () => {
  it('fires at a declared flow to a catalogued vendor with no call sites', () => {
    const map = dataMap({ systems: [system('web')], vendors: [vendor('meta-pixel')], flows: [flow('web', 'meta-pixel', { categories: ['user.device.cookie_id'] })] });
    const result = findings(map, scanResult(), rules);
    expect(brief(result)).toEqual([`map/stale-flow datamap.yaml:${LINE.flow} warning`]);
    expect(result[0]!.flow).toBe('web->meta-pixel');
  });

  it('fires for a vendor detected through its own detect settings', () => {
    const map = dataMap({
      systems: [system('web')],
      vendors: [vendor('acme-pixel', { detect: { packages: ['@acme/pixel'], hosts: [], globals: [] } }), vendor('meta-pixel')],
      flows: [flow('web', 'meta-pixel'), flow('web', 'acme-pixel', { categories: ['user.device.cookie_id'] })],
    });
    const scan = scanResult({ callSites: [callSite()] });
    expect(brief(findings(map, scan, rules))).toEqual([`map/stale-flow datamap.yaml:${LINE.flow + 1} warning`]);
  });

  it('does not fire for a vendor the scanner cannot detect (a manual CSV export)', () => {
    const map = dataMap({ systems: [system('web')], vendors: [vendor('broker-csv')], flows: [flow('web', 'broker-csv', { categories: ['user.contact.email'] })] });
    expect(findings(map, scanResult(), rules)).toEqual([]);
  });

  it('does not fire when the flow has a call site, nor for internal flows', () => {
    const map = dataMap({
      systems: [system('web'), system('warehouse')],
      vendors: [vendor('meta-pixel')],
      flows: [flow('web', 'meta-pixel', { categories: ['user.device.cookie_id'] }), flow('web', 'warehouse', { categories: ['user.contact.email'] })],
    });
    expect(findings(map, scanResult({ callSites: [callSite()] }), rules)).toEqual([]);
  });
});
