import { describe, expect, it } from 'vitest';
import { callSite, dataMap, flow, flowById, flowsOf, scanResult, serviceProvider, system, vendor } from '../rules/builders.js';

const web = system('web');
const browsing = ['user.behavior.browsing_history'];

describe('step 1: exempt', () => {
  it('a consumer-directed disclosure is exempt', () => {
    const map = dataMap({ systems: [web], vendors: [vendor('shipper')], flows: [flow('web', 'shipper', { categories: ['user.contact.address'], consumer_directed: true, consideration: 'monetary' })] });
    const f = flowById(map, scanResult(), 'web->shipper');
    expect([f.class, f.classStep, f.classReason]).toEqual(['exempt', 1, 'consumer-directed disclosure']);
  });

  it('a deidentified flow whose call sites send no identifier is exempt', () => {
    const map = dataMap({ systems: [web], vendors: [vendor('research')], flows: [flow('web', 'research', { categories: browsing, deidentified: true })] });
    const scan = scanResult({ callSites: [callSite({ vendor: 'research', categories: ['user.behavior.browsing_history'] })] });
    const f = flowById(map, scan, 'web->research');
    expect([f.class, f.classStep, f.classReason]).toEqual(['exempt', 1, 'deidentified data']);
  });

  it('a deidentified flow whose call sites send a (hashed) email is not exempt: §1798.140(m), (aj)', () => {
    const map = dataMap({ systems: [web], vendors: [vendor('meta-capi')], flows: [flow('web', 'meta-capi', { categories: browsing, deidentified: true })] });
    const scan = scanResult({ callSites: [callSite({ vendor: 'meta-capi', categories: ['user.contact.email'] })] });
    const f = flowById(map, scan, 'web->meta-capi');
    expect(f.class).toBe('possible_sale');
    expect(f.classStep).toBe(4);
    expect(f.classReason).toBe('marked deidentified but call sites send user.contact.email; consideration unknown');
  });

  it('a deidentified flow whose call sites send an IP address or cookie id (pixel implicit categories) is not exempt', () => {
    const map = dataMap({ systems: [web], vendors: [vendor('meta-pixel')], flows: [flow('web', 'meta-pixel', { categories: browsing, deidentified: true, purposes: ['advertising.cross_context'] })] });
    const scan = scanResult({ callSites: [callSite({ categories: ['user.device.cookie_id', 'user.device.ip_address'] })] });
    expect(flowById(map, scan, 'web->meta-pixel').class).toBe('share');
  });

  it('a deidentified flow that declares a (hashed) identifier is not exempt, even with no call site', () => {
    const map = dataMap({ systems: [web], vendors: [vendor('ad-network')], flows: [flow('web', 'ad-network', { categories: ['user.contact.email', 'user.behavior.purchase_history'], deidentified: true, consideration: 'monetary' })] });
    const f = flowById(map, scanResult(), 'web->ad-network');
    expect([f.class, f.classStep]).toEqual(['sale', 4]);
    expect(f.classReason).toBe('marked deidentified but it carries identifier user.contact.email; consideration monetary');
  });

  it("a map's own identifier category also defeats a deidentified claim", () => {
    const base = dataMap({ systems: [web], vendors: [vendor('partner')], flows: [flow('web', 'partner', { categories: ['user.loyalty.member_id'], deidentified: true })] });
    const map = { ...base, categories: [{ id: 'user.loyalty.member_id', ccpa: 'identifiers', sensitive: false, fields: ['loyaltyId'], path: 'categories[0]', loc: { file: 'datamap.yaml', line: 20, column: 5 } }] };
    expect(flowById(map, scanResult(), 'web->partner').class).toBe('possible_sale');
  });

  it('a deidentified flow of behavioural and demographic data stays exempt', () => {
    const map = dataMap({ systems: [web], vendors: [vendor('research')], flows: [flow('web', 'research', { categories: ['user.behavior.purchase_history', 'user.demographic.age', 'user.location.imprecise'], deidentified: true })] });
    expect(flowById(map, scanResult(), 'web->research').class).toBe('exempt');
  });

  it('a flow with no personal-information category is exempt', () => {
    const map = dataMap({ systems: [web], vendors: [vendor('status-page')], flows: [flow('web', 'status-page', { categories: [], consideration: 'monetary' })] });
    const f = flowById(map, scanResult(), 'web->status-page');
    expect([f.class, f.classStep, f.classReason]).toEqual(['exempt', 1, 'no personal information category']);
  });
});

describe('step 2: internal', () => {
  it('a flow to one of the business systems is internal', () => {
    const map = dataMap({ systems: [web, system('warehouse')], flows: [flow('web', 'warehouse', { categories: ['user.contact.email'] })] });
    const f = flowById(map, scanResult(), 'web->warehouse');
    expect([f.class, f.classStep]).toEqual(['internal', 2]);
    expect(f.recipientDeclared).toBe(true);
  });
});

describe('step 3: effective role and its downgrades', () => {
  it('a service provider with a compliant contract receives a business-purpose disclosure (law.md 5.1)', () => {
    const map = dataMap({ systems: [web], vendors: [serviceProvider('posthog')], flows: [flow('web', 'posthog', { categories: browsing, purposes: ['analytics'], consideration: 'unknown' })] });
    const f = flowById(map, scanResult(), 'web->posthog');
    expect([f.class, f.classStep, f.role, f.effectiveRole]).toEqual(['disclosure', 5, 'service_provider', 'service_provider']);
    expect(f.downgrades).toEqual([]);
  });

  it('a service provider whose contract lacks terms is a third party: consideration unknown gives possible_sale', () => {
    const map = dataMap({
      systems: [web],
      vendors: [serviceProvider('posthog', { contract: { restricts_sale_and_sharing: true } })],
      flows: [flow('web', 'posthog', { categories: browsing, purposes: ['analytics'] })],
    });
    const f = flowById(map, scanResult(), 'web->posthog');
    expect([f.class, f.classStep, f.effectiveRole]).toEqual(['possible_sale', 4, 'third_party']);
    expect(f.downgrades).toEqual([{ trigger: 'contract', detail: 'contract lacks restricts_purposes, prohibits_combining' }]);
  });

  it('a service provider with no contract on record is a third party', () => {
    const map = dataMap({ systems: [web], vendors: [vendor('mailer', { role: 'service_provider' })], flows: [flow('web', 'mailer', { categories: ['user.contact.email'], consideration: 'monetary' })] });
    const f = flowById(map, scanResult(), 'web->mailer');
    expect(f.class).toBe('sale');
    expect(f.downgrades).toEqual([{ trigger: 'contract', detail: 'no contract on record' }]);
  });

  it('a contractor also needs the certification', () => {
    const map = dataMap({ systems: [web], vendors: [serviceProvider('agency', { role: 'contractor' })], flows: [flow('web', 'agency', { categories: ['user.contact.email'] })] });
    const f = flowById(map, scanResult(), 'web->agency');
    expect(f.downgrades).toEqual([{ trigger: 'contract', detail: 'contract lacks certification' }]);
    expect(f.class).toBe('possible_sale');
  });

  it('a service provider that trains on the data is a third party (§7050(a)(3))', () => {
    const map = dataMap({ systems: [web], vendors: [serviceProvider('openai', { trains_on_data: true })], flows: [flow('web', 'openai', { categories: ['user.content.private'], purposes: ['ai.inference'] })] });
    const f = flowById(map, scanResult(), 'web->openai');
    expect(f.downgrades.map((d) => d.trigger)).toEqual(['trains_on_data']);
    expect([f.class, f.effectiveRole]).toEqual(['possible_sale', 'third_party']);
  });

  it('a service provider used for cross-context advertising is a third party and the flow a share (§1798.140(e)(6))', () => {
    const map = dataMap({ systems: [web], vendors: [serviceProvider('ads-partner')], flows: [flow('web', 'ads-partner', { categories: browsing, purposes: ['advertising.cross_context'], consideration: 'none' })] });
    const f = flowById(map, scanResult(), 'web->ads-partner');
    expect([f.class, f.classStep]).toEqual(['share', 4]);
    expect(f.downgrades).toEqual([{ trigger: 'cross_context', detail: 'purpose advertising.cross_context' }]);
    expect(f.classReason).toBe('service provider treated as third party (purpose advertising.cross_context); purpose advertising.cross_context');
  });
});

describe('step 4: third parties', () => {
  const classOf = (fields: Parameters<typeof flow>[2]) => {
    const map = dataMap({ systems: [web], vendors: [vendor('partner')], flows: [flow('web', 'partner', { categories: browsing, ...fields })] });
    const f = flowById(map, scanResult(), 'web->partner');
    return [f.class, f.classStep, f.classReason];
  };

  it('a cross-context purpose makes a share, paid or not', () => {
    expect(classOf({ purposes: ['advertising.cross_context'], consideration: 'none' })).toEqual(['share', 4, 'purpose advertising.cross_context']);
  });

  it('monetary or other consideration makes a sale', () => {
    expect(classOf({ purposes: ['analytics'], consideration: 'monetary' })).toEqual(['sale', 4, 'consideration monetary']);
    expect(classOf({ purposes: ['analytics'], consideration: 'other' })).toEqual(['sale', 4, 'consideration other']);
  });

  it('unknown consideration makes a possible sale', () => {
    expect(classOf({ purposes: ['analytics'], consideration: 'unknown' })).toEqual(['possible_sale', 4, 'consideration unknown']);
  });

  it('consideration none without a cross-context purpose is a disclosure', () => {
    expect(classOf({ purposes: ['analytics'], consideration: 'none' })).toEqual(['disclosure', 4, 'consideration none']);
  });
});

describe('observed flows', () => {
  it('an undeclared ad-tech vendor takes its catalogue default: share (step 0)', () => {
    const scan = scanResult({ callSites: [callSite({ declaredVendor: false, categories: ['user.device.cookie_id'] })] });
    const f = flowById(dataMap({ systems: [web] }), scan, 'web->meta-pixel');
    expect([f.class, f.classStep, f.declared, f.recipientDeclared]).toEqual(['share', 0, false, false]);
    expect(f.classReason).toBe('vendor not in the data-map; catalogue default for Meta Pixel (advertising)');
  });

  it('an undeclared payments SDK takes possible_sale: no contract on record (§1798.140(ag))', () => {
    const scan = scanResult({ callSites: [callSite({ vendor: 'stripe', catalogId: 'stripe', declaredVendor: false, api: 'stripe.customers.create', defaultClass: 'possible_sale', categories: ['user.contact.email'] })] });
    const f = flowById(dataMap({ systems: [web] }), scan, 'web->stripe');
    expect([f.class, f.classStep]).toEqual(['possible_sale', 0]);
  });

  it('an undeclared flow to a declared vendor takes the most severe class of its declared flows', () => {
    const map = dataMap({
      systems: [web, system('admin'), system('mobile')],
      vendors: [vendor('partner')],
      flows: [
        flow('admin', 'partner', { categories: browsing, consideration: 'none' }),
        flow('mobile', 'partner', { categories: browsing, purposes: ['advertising.cross_context'] }),
      ],
    });
    const scan = scanResult({ callSites: [callSite({ vendor: 'partner', system: 'web' })] });
    const f = flowById(map, scan, 'web->partner');
    expect([f.class, f.declared, f.recipientDeclared]).toEqual(['share', false, true]);
    expect(f.classReason).toBe('undeclared flow; takes the class of mobile->partner (purpose advertising.cross_context)');
  });

  it('an undeclared flow to a declared vendor with no declared flows is classified by the vendor role', () => {
    const map = dataMap({ systems: [web], vendors: [serviceProvider('stripe')] });
    const scan = scanResult({ callSites: [callSite({ vendor: 'stripe', system: 'web', defaultClass: 'possible_sale' })] });
    expect(flowById(map, scan, 'web->stripe').class).toBe('disclosure');
  });

  it("an exempt declared flow does not lend its exemption to another system's traffic", () => {
    const map = dataMap({ systems: [web, system('admin')], vendors: [vendor('shipper')], flows: [flow('admin', 'shipper', { categories: browsing, consumer_directed: true })] });
    const scan = scanResult({ callSites: [callSite({ vendor: 'shipper', system: 'web' })] });
    expect(flowById(map, scan, 'web->shipper').class).toBe('possible_sale');
  });
});

describe('merging', () => {
  it('attaches call sites to the declared flow, sorted by location, and unites the categories', () => {
    const map = dataMap({ systems: [web], vendors: [vendor('meta-pixel')], flows: [flow('web', 'meta-pixel', { categories: ['user.device.cookie_id'], purposes: ['advertising.cross_context'] })] });
    const scan = scanResult({
      callSites: [
        callSite({ file: 'apps/web/src/z.ts', line: 4, categories: ['user.device.cookie_id'] }),
        callSite({ file: 'apps/web/src/a.ts', line: 9, categories: ['user.contact.email'] }),
        callSite({ file: 'apps/web/src/a.ts', line: 2, categories: [] }),
      ],
    });
    const flows = flowsOf(map, scan);
    expect(flows.map((f) => f.id)).toEqual(['web->meta-pixel']);
    const [f] = flows;
    expect(f!.callSites.map((s) => `${s.file}:${s.line}`)).toEqual(['apps/web/src/a.ts:2', 'apps/web/src/a.ts:9', 'apps/web/src/z.ts:4']);
    expect(f!.categories).toEqual(['user.contact.email', 'user.device.cookie_id']);
    expect(f!.undeclaredCategories).toEqual(['user.contact.email']);
    expect(f!.mapIndex).toBe(0);
  });

  it('a declared parent category covers the children seen in code', () => {
    const map = dataMap({ systems: [web], vendors: [vendor('kyc')], flows: [flow('web', 'kyc', { categories: ['user.biometric', 'user.government_id'] })] });
    const scan = scanResult({ callSites: [callSite({ vendor: 'kyc', categories: ['user.biometric.face', 'user.government_id.passport', 'user.name'] })] });
    expect(flowById(map, scan, 'web->kyc').undeclaredCategories).toEqual(['user.name']);
  });

  it('sorts flows by id and is deterministic whatever the input order', () => {
    const sites = [
      callSite({ vendor: 'zeta', system: 'web', declaredVendor: false, defaultClass: 'possible_sale' }),
      callSite({ vendor: 'alpha', system: 'web', declaredVendor: false, defaultClass: 'possible_sale' }),
      callSite({ vendor: 'meta-pixel', system: 'admin' }),
    ];
    const map = dataMap({ systems: [web, system('admin')], vendors: [vendor('meta-pixel')], flows: [flow('web', 'meta-pixel', { categories: browsing })] });
    const forward = flowsOf(map, scanResult({ callSites: sites }));
    const backward = flowsOf(map, scanResult({ callSites: [...sites].reverse() }));
    expect(forward.map((f) => f.id)).toEqual(['admin->meta-pixel', 'web->alpha', 'web->meta-pixel', 'web->zeta']);
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
  });

  it('reads two declarations of the same flow as one, uniting purposes and taking the weightier consideration', () => {
    const map = dataMap({
      systems: [web],
      vendors: [vendor('partner')],
      flows: [flow('web', 'partner', { categories: browsing, consideration: 'none' }), flow('web', 'partner', { categories: ['user.contact.email'], consideration: 'other' })],
    });
    const flows = flowsOf(map);
    expect(flows).toHaveLength(1);
    expect([flows[0]!.class, flows[0]!.mapIndex, flows[0]!.categories.join(',')]).toEqual(['sale', 0, 'user.behavior.browsing_history,user.contact.email']);
  });
});
