import { describe, expect, it } from 'vitest';
import { serviceProviderContract } from '../../../src/rules/ccpa/service-provider-contract.js';
import { brief, dataMap, findings, flow, LINE, serviceProvider, system, vendor } from '../builders.js';

const rules = [serviceProviderContract];
const analytics = (to: string) => flow('web', to, { categories: ['user.behavior.interaction'], purposes: ['analytics'] });

describe('ccpa/service-provider-contract', () => {
  it('fires once at a service provider whose contract lacks terms, however many flows', () => {
    const map = dataMap({
      systems: [system('web'), system('admin')],
      vendors: [serviceProvider('posthog', { name: 'PostHog', contract: { restricts_sale_and_sharing: true, restricts_purposes: true } })],
      flows: [analytics('posthog'), flow('admin', 'posthog', { categories: ['user.contact.email'] })],
    });
    const result = findings(map, undefined, rules);
    expect(brief(result)).toEqual([`ccpa/service-provider-contract datamap.yaml:${LINE.vendor} error`]);
    expect(result[0]!.message).toBe(
      'PostHog is declared a service provider, but its contract lacks prohibits_combining, so it counts as a third party and its flows are a possible sale; put the terms in the contract and record them under contract',
    );
  });

  it('fires for a contractor without certification and for a service provider with no contract', () => {
    const map = dataMap({
      systems: [system('web')],
      vendors: [serviceProvider('agency', { role: 'contractor' }), vendor('mailer', { role: 'service_provider' })],
      flows: [analytics('agency'), analytics('mailer')],
    });
    const result = findings(map, undefined, rules);
    expect(brief(result)).toEqual([`ccpa/service-provider-contract datamap.yaml:${LINE.vendor} error`, `ccpa/service-provider-contract datamap.yaml:${LINE.vendor + 1} error`]);
    expect(result[0]!.message).toContain('lacks certification');
    expect(result[1]!.message).toContain('no contract is on record');
  });

  it('does not fire for a complete contract, nor for other downgrade triggers', () => {
    const map = dataMap({
      systems: [system('web')],
      vendors: [serviceProvider('posthog'), serviceProvider('openai', { trains_on_data: true }), serviceProvider('ads')],
      flows: [analytics('posthog'), analytics('openai'), flow('web', 'ads', { categories: ['user.device.cookie_id'], purposes: ['advertising.cross_context'] })],
    });
    expect(findings(map, undefined, rules)).toEqual([]);
  });

  it('does not fire for third parties or vendors with only exempt flows', () => {
    const map = dataMap({
      systems: [system('web')],
      vendors: [vendor('meta-pixel'), vendor('shipper', { role: 'service_provider' })],
      flows: [analytics('meta-pixel'), flow('web', 'shipper', { categories: ['user.contact.address'], consumer_directed: true })],
    });
    expect(findings(map, undefined, rules)).toEqual([]);
  });
});
