import { describe, expect, it } from 'vitest';
import { undeclaredFlow } from '../../../src/rules/map/undeclared-flow.js';
import { brief, callSite, dataMap, findings, flow, scanResult, system, vendor } from '../builders.js';

const rules = [undeclaredFlow];
const map = dataMap({
  systems: [system('web'), system('admin', { paths: ['apps/admin/**'] })],
  vendors: [vendor('meta-pixel')],
  flows: [flow('web', 'meta-pixel', { categories: ['user.device.cookie_id'], purposes: ['advertising.cross_context'] })],
});

describe('map/undeclared-flow', () => {
  it('fires at a call site that sends to a declared vendor from a system without that flow', () => {
    const scan = scanResult({ callSites: [callSite({ system: 'admin', file: 'apps/admin/src/track.ts', line: 21, categories: ['user.contact.email'] })] });
    const result = findings(map, scan, rules);
    expect(brief(result)).toEqual(['map/undeclared-flow apps/admin/src/track.ts:21 error']);
    expect(result[0]!.message).toBe(
      'Email is sent to Meta Pixel from admin, but the data-map declares no flow admin->meta-pixel; add it under flows with its categories, purposes and consideration',
    );
    expect(result[0]!.flow).toBe('admin->meta-pixel');
  });

  it('fires for unassigned code that sends to a declared vendor', () => {
    const scan = scanResult({ callSites: [callSite({ system: 'unassigned', file: 'scripts/backfill.ts', line: 5 })] });
    expect(brief(findings(map, scan, rules))).toEqual(['map/undeclared-flow scripts/backfill.ts:5 error']);
  });

  it('does not fire for a declared flow', () => {
    const scan = scanResult({ callSites: [callSite({ system: 'web', line: 30 })] });
    expect(findings(map, scan, rules)).toEqual([]);
  });

  it('does not fire for an undeclared vendor (map/undeclared-vendor reports it)', () => {
    const scan = scanResult({ callSites: [callSite({ system: 'admin', vendor: 'tiktok', declaredVendor: false })] });
    expect(findings(map, scan, rules)).toEqual([]);
  });
});
