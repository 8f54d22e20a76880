import { describe, expect, it } from 'vitest';
import { undeclaredVendor } from '../../../src/rules/map/undeclared-vendor.js';
import { brief, callSite, dataMap, findings, flow, scanResult, system, vendor } from '../builders.js';

const rules = [undeclaredVendor];
const map = dataMap({ systems: [system('web')], vendors: [vendor('meta-pixel')], flows: [flow('web', 'meta-pixel', { categories: ['user.device.cookie_id'] })] });

describe('map/undeclared-vendor', () => {
  it('fires at each call site of a vendor the map does not declare', () => {
    const scan = scanResult({
      callSites: [
        callSite({ vendor: 'google-analytics', catalogId: 'google-analytics', declaredVendor: false, file: 'apps/web/src/ga.ts', line: 7, categories: ['user.device.ip_address'], defaultClass: 'possible_sale' }),
        callSite({ vendor: 'google-analytics', catalogId: 'google-analytics', declaredVendor: false, file: 'apps/web/src/ga.ts', line: 12, defaultClass: 'possible_sale' }),
      ],
    });
    const result = findings(map, scan, rules);
    expect(brief(result)).toEqual(['map/undeclared-vendor apps/web/src/ga.ts:7 error', 'map/undeclared-vendor apps/web/src/ga.ts:12 error']);
    expect(result[0]!.message).toBe(
      'IP address is sent to Google Analytics from web, but the data-map does not declare this vendor (treated as possible sale); add it under vendors with its role and contract, and a flow from web',
    );
  });

  it('fires for a host-only destination found by HTTP', () => {
    const scan = scanResult({ callSites: [callSite({ vendor: 'host:px.ads.example', catalogId: undefined, declaredVendor: false, file: 'apps/web/src/beacon.ts', line: 3, api: 'fetch', defaultClass: 'possible_sale' })] });
    const result = findings(map, scan, rules);
    expect(brief(result)).toEqual(['map/undeclared-vendor apps/web/src/beacon.ts:3 error']);
    expect(result[0]!.message).toContain('sent to px.ads.example');
  });

  it('does not fire for a declared vendor, even along an undeclared flow', () => {
    const scan = scanResult({ callSites: [callSite({ system: 'web' }), callSite({ system: 'unassigned', file: 'scripts/x.ts' })] });
    expect(findings(map, scan, rules)).toEqual([]);
  });

  it('does not fire without call sites', () => {
    expect(findings(map, scanResult(), rules)).toEqual([]);
  });
});
