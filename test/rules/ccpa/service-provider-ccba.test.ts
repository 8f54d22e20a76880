import { describe, expect, it } from 'vitest';
import { serviceProviderCcba } from '../../../src/rules/ccpa/service-provider-ccba.js';
import { brief, dataMap, findings, flow, LINE, serviceProvider, system, vendor } from '../builders.js';

const rules = [serviceProviderCcba];
const ccba = (from: string, to: string) => flow(from, to, { categories: ['user.device.cookie_id'], purposes: ['advertising.cross_context'] });

describe('ccpa/service-provider-ccba', () => {
  it('fires at each cross-context flow to a declared service provider', () => {
    const map = dataMap({
      systems: [system('web'), system('app')],
      vendors: [serviceProvider('criteo', { name: 'Criteo' })],
      flows: [flow('web', 'criteo', { categories: ['user.behavior.browsing_history'], purposes: ['analytics'] }), ccba('web', 'criteo'), ccba('app', 'criteo')],
    });
    const result = findings(map, undefined, rules);
    expect(brief(result)).toEqual([`ccpa/service-provider-ccba datamap.yaml:${LINE.flow + 1} error`, `ccpa/service-provider-ccba datamap.yaml:${LINE.flow + 2} error`]);
    expect(result.find((f) => f.flow === 'app->criteo')!.message).toBe(
      'app sends data to Criteo for advertising.cross_context; cross-context behavioral advertising is never a business purpose, so the declared service provider acts as a third party and the flow is a share — honour opt-outs for it, or drop the purpose',
    );
  });

  it('fires for a contractor too', () => {
    const map = dataMap({ systems: [system('web')], vendors: [serviceProvider('agency', { role: 'contractor', contract: { restricts_sale_and_sharing: true, restricts_purposes: true, prohibits_combining: true, certification: true } })], flows: [ccba('web', 'agency')] });
    const result = findings(map, undefined, rules);
    expect(brief(result)).toEqual([`ccpa/service-provider-ccba datamap.yaml:${LINE.flow} error`]);
    expect(result[0]!.message).toContain('the declared contractor acts as a third party');
  });

  it('does not fire for a third party with a cross-context purpose (it is a plain share)', () => {
    const map = dataMap({ systems: [system('web')], vendors: [vendor('meta-pixel')], flows: [ccba('web', 'meta-pixel')] });
    expect(findings(map, undefined, rules)).toEqual([]);
  });

  it('does not fire for first-party or contextual advertising by a service provider', () => {
    const map = dataMap({
      systems: [system('web')],
      vendors: [serviceProvider('ads')],
      flows: [flow('web', 'ads', { categories: ['user.device.cookie_id'], purposes: ['advertising.first_party', 'advertising.contextual'] })],
    });
    expect(findings(map, undefined, rules)).toEqual([]);
  });
});
