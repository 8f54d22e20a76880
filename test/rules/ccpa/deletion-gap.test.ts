import { describe, expect, it } from 'vitest';
import { deletionGap } from '../../../src/rules/ccpa/deletion-gap.js';
import type { HandlerResolution } from '../../../src/scan/types.js';
import { brief, callSite, dataMap, findings, flow, LINE, scanResult, serviceProvider, system, vendor } from '../builders.js';

const rules = [deletionGap];
const handler = 'apps/web/src/privacy/erase.ts#eraseUser';

function resolution(fields: Partial<HandlerResolution> = {}): HandlerResolution {
  return { system: 'web', handler, resolved: true, file: 'apps/web/src/privacy/erase.ts', line: 12, column: 1, reaches: [], ...fields };
}

const posthog = serviceProvider('posthog', { name: 'PostHog', deletion: { method: 'api', call: 'client.deletePerson' } });
const toPosthog = flow('web', 'posthog', { categories: ['user.contact.email'], purposes: ['analytics'] });

describe('ccpa/deletion-gap', () => {
  it('fires at a system holding personal information with neither handler nor exemption', () => {
    const map = dataMap({ systems: [system('web', { collects: ['user.contact.email'], deletion: undefined })] });
    const result = findings(map, undefined, rules);
    expect(brief(result)).toEqual([`ccpa/deletion-gap datamap.yaml:${LINE.system} error`]);
  });

  it("fires at an internal system that only receives other systems' data", () => {
    const map = dataMap({ systems: [system('web'), system('warehouse', { deletion: undefined })], flows: [flow('web', 'warehouse', { categories: ['user.contact.email'] })] });
    expect(brief(findings(map, undefined, rules))).toEqual([`ccpa/deletion-gap datamap.yaml:${LINE.system + 1} error`]);
  });

  it('fires when the handler does not resolve to a function', () => {
    const map = dataMap({ systems: [system('web', { collects: ['user.contact.email'], deletion: { handler } })] });
    const scan = scanResult({ handlers: [resolution({ resolved: false, reason: 'function eraseUser not found', file: undefined, line: undefined, column: undefined })] });
    const result = findings(map, scan, rules);
    expect(brief(result)).toEqual([`ccpa/deletion-gap datamap.yaml:${LINE.system} error`]);
    expect(result[0]!.message).toContain('does not resolve to a function in code (function eraseUser not found)');
  });

  it('fires at a vendor receiving personal information with no deletion method', () => {
    const map = dataMap({ systems: [system('web')], vendors: [vendor('meta-pixel', { deletion: undefined }), vendor('crm', { deletion: { method: 'none' } })], flows: [flow('web', 'meta-pixel', { categories: ['user.device.cookie_id'] }), flow('web', 'crm', { categories: ['user.contact.email'] })] });
    expect(brief(findings(map, undefined, rules))).toEqual([`ccpa/deletion-gap datamap.yaml:${LINE.vendor} error`, `ccpa/deletion-gap datamap.yaml:${LINE.vendor + 1} error`]);
  });

  it("fires at the handler when it never reaches the vendor's deletion call", () => {
    const map = dataMap({ systems: [system('web', { deletion: { handler } })], vendors: [posthog], flows: [toPosthog] });
    const reaches = [{ vendor: 'posthog', api: 'posthog.capture', pattern: 'capture', file: 'apps/web/src/privacy/erase.ts', line: 20, column: 3 }];
    const result = findings(map, scanResult({ handlers: [resolution({ reaches })] }), rules);
    expect(brief(result)).toEqual(['ccpa/deletion-gap apps/web/src/privacy/erase.ts:12 error']);
    expect(result[0]!.message).toBe(
      "The deletion handler eraseUser of web never reaches PostHog's client.deletePerson, though that system sends PostHog personal information; call it from the handler so deletion requests reach PostHog",
    );
  });

  it('does not fire when the handler reaches the deletion call through any receiver', () => {
    const map = dataMap({ systems: [system('web', { deletion: { handler } })], vendors: [posthog], flows: [toPosthog] });
    const reaches = [{ vendor: 'posthog', api: 'ph.deletePerson', pattern: 'deletePerson', file: 'apps/web/src/privacy/posthog.ts', line: 4, column: 3 }];
    expect(findings(map, scanResult({ handlers: [resolution({ reaches })] }), rules)).toEqual([]);
  });

  it('trusts a reached call the scanner marked as a deletion', () => {
    const map = dataMap({ systems: [system('web', { deletion: { handler } })], vendors: [posthog], flows: [toPosthog] });
    const reaches = [{ vendor: 'posthog', api: 'fetch', pattern: 'DELETE /api/person', file: 'apps/web/src/privacy/erase.ts', line: 14, column: 3, deletes: true }];
    expect(findings(map, scanResult({ handlers: [resolution({ reaches })] }), rules)).toEqual([]);
  });

  it("uses the catalogue's deletes patterns when the map gives no call", () => {
    const stripe = serviceProvider('stripe', { deletion: { method: 'api' } });
    const map = dataMap({ systems: [system('web', { deletion: { handler } })], vendors: [stripe], flows: [flow('web', 'stripe', { categories: ['user.contact.email'], purposes: ['payments'] })] });
    const reach = (pattern: string) => [{ vendor: 'stripe', api: `stripe.${pattern}`, pattern, file: 'apps/web/src/privacy/erase.ts', line: 30, column: 3 }];
    expect(findings(map, scanResult({ handlers: [resolution({ reaches: reach('customers.del') })] }), rules)).toEqual([]);
    expect(brief(findings(map, scanResult({ handlers: [resolution({ reaches: reach('customers.retrieve') })] }), rules))).toEqual(['ccpa/deletion-gap apps/web/src/privacy/erase.ts:12 error']);
  });

  it('does not fire for documented exemptions, manual or not-applicable vendors, or exempt flows', () => {
    const map = dataMap({
      systems: [system('web', { collects: ['user.contact.email'], deletion: { exempt: '§1798.105(d)(8) legal obligation' } })],
      vendors: [vendor('shipper', { deletion: undefined }), vendor('cdn', { deletion: { method: 'not_applicable' } }), vendor('crm', { deletion: { method: 'manual' } })],
      flows: [
        flow('web', 'shipper', { categories: ['user.contact.address'], consumer_directed: true }),
        flow('web', 'cdn', { categories: ['user.device.ip_address'] }),
        flow('web', 'crm', { categories: ['user.contact.email'] }),
      ],
    });
    expect(findings(map, scanResult({ callSites: [callSite({ vendor: 'cdn' })] }), rules)).toEqual([]);
  });
});
