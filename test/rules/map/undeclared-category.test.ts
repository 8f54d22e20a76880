import { describe, expect, it } from 'vitest';
import { undeclaredCategory } from '../../../src/rules/map/undeclared-category.js';
import { brief, callSite, dataMap, findings, flow, scanResult, system, vendor } from '../builders.js';

const rules = [undeclaredCategory];
const map = dataMap({
  systems: [system('web')],
  vendors: [vendor('meta-pixel', { name: 'Meta Pixel' })],
  flows: [flow('web', 'meta-pixel', { categories: ['user.device', 'user.behavior.browsing_history'], purposes: ['advertising.cross_context'] })],
});

describe('map/undeclared-category', () => {
  it('fires at each call site that sends a category the flow does not declare', () => {
    const scan = scanResult({
      callSites: [
        callSite({ file: 'apps/web/src/checkout.ts', line: 42, categories: ['user.contact.email', 'user.device.cookie_id'] }),
        callSite({ file: 'apps/web/src/profile.ts', line: 8, categories: ['user.demographic.date_of_birth'] }),
      ],
    });
    const result = findings(map, scan, rules);
    expect(brief(result)).toEqual(['map/undeclared-category apps/web/src/checkout.ts:42 warning', 'map/undeclared-category apps/web/src/profile.ts:8 warning']);
    expect(result[0]!.message).toBe(
      'Email is sent to Meta Pixel, but flow web->meta-pixel does not declare user.contact.email; add it to the flow\'s categories or stop sending it',
    );
  });

  it('names several missing categories in one finding', () => {
    const scan = scanResult({ callSites: [callSite({ line: 3, categories: ['user.contact.email', 'user.contact.phone_number'] })] });
    const result = findings(map, scan, rules);
    expect(brief(result)).toEqual(['map/undeclared-category apps/web/src/app.ts:3 warning']);
    expect(result[0]!.message).toContain('Email and phone number are sent to Meta Pixel');
  });

  it('does not fire when a declared parent covers the category', () => {
    const scan = scanResult({ callSites: [callSite({ categories: ['user.device.cookie_id', 'user.device.ip_address'] })] });
    expect(findings(map, scan, rules)).toEqual([]);
  });

  it('does not fire for an undeclared flow (map/undeclared-flow reports it)', () => {
    const scan = scanResult({ callSites: [callSite({ system: 'unassigned', file: 'x.ts', categories: ['user.contact.email'] })] });
    expect(findings(map, scan, rules)).toEqual([]);
  });
});
