/**
 * People v. Sephora (Cal. AG, 2022): analytics and advertising trackers received browsing data with no
 * opt-out, GPC was ignored, and the privacy policy said nothing was sold. The same facts as a data-map and
 * call sites must produce the opt-out-gate, gpc and notice-sale-disclosure findings; once the analytics
 * vendor holds a compliant service-provider contract for analytics, its flow produces none of them.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/report/types.js';
import { callSite, dataMap, findings, flow, mechanism, notice, scanResult, serviceProvider, system, vendor, type MapInput } from './builders.js';

const browsing = ['user.behavior.browsing_history', 'user.device.cookie_id', 'user.device.ip_address'];
const SALE_SHARE_RULES = ['ccpa/opt-out-gate', 'ccpa/gpc', 'ccpa/notice-sale-disclosure'];

function scenario(analyticsVendor: MapInput['vendors']): MapInput {
  return {
    systems: [system('storefront', { name: 'Storefront', paths: ['apps/web/**'], collects: browsing, notices: ['privacy-policy'] })],
    vendors: [vendor('meta-pixel', { name: 'Meta Pixel' }), ...(analyticsVendor ?? [])],
    flows: [
      flow('storefront', 'meta-pixel', { categories: browsing, purposes: ['advertising.cross_context'] }),
      // "in exchange for advertising or analytic services": other valuable consideration.
      flow('storefront', 'analytics-co', { categories: browsing, purposes: ['analytics'], consideration: 'other' }),
    ],
    mechanisms: [mechanism('dnss', 'link'), mechanism('gpc', 'gpc')],
    notices: [
      notice('privacy-policy', 'privacy_policy', { collected: ['identifiers', 'internet_activity'], purposes: ['analytics'], retention: true, sold: [], shared: [], third_parties: ['analytics providers'] }, { links: ['dnss'] }),
    ],
  };
}

const scan = scanResult({
  callSites: [
    callSite({ vendor: 'meta-pixel', system: 'storefront', file: 'apps/web/src/layout.tsx', line: 12, api: 'fbq', categories: browsing }),
    callSite({ vendor: 'analytics-co', catalogId: undefined, system: 'storefront', file: 'apps/web/src/track.ts', line: 5, api: 'analytics.track', categories: browsing }),
  ],
});

const relevant = (list: Finding[]) => list.filter((f) => SALE_SHARE_RULES.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.file}:${f.line} ${f.severity} ${f.flow ?? ''}`);

describe('Sephora scenario', () => {
  it('a third-party analytics vendor paid in services: both trackers are ungated, GPC unread, the policy says nothing is sold', () => {
    const result = findings(dataMap(scenario([vendor('analytics-co', { name: 'Analytics Co' })])), scan);
    expect(relevant(result)).toEqual([
      'ccpa/opt-out-gate apps/web/src/layout.tsx:12 error storefront->meta-pixel',
      'ccpa/opt-out-gate apps/web/src/track.ts:5 error storefront->analytics-co',
      'ccpa/gpc datamap.yaml:100 error ',
      'ccpa/notice-sale-disclosure datamap.yaml:500 error ',
    ]);
    const disclosure = result.find((f) => f.ruleId === 'ccpa/notice-sale-disclosure')!;
    expect(disclosure.message).toBe(
      'Privacy policy privacy-policy says nothing is sold or shared, but personal information is sold or shared with Analytics Co and Meta Pixel; list the categories under discloses.sold / discloses.shared',
    );
  });

  it('with a compliant service-provider contract for analytics, only the ad pixel is reported', () => {
    const result = findings(dataMap(scenario([serviceProvider('analytics-co', { name: 'Analytics Co' })])), scan);
    expect(relevant(result)).toEqual([
      'ccpa/opt-out-gate apps/web/src/layout.tsx:12 error storefront->meta-pixel',
      'ccpa/gpc datamap.yaml:100 error ',
      'ccpa/notice-sale-disclosure datamap.yaml:500 error ',
    ]);
    expect(result.every((f) => !f.message.includes('Analytics Co') || !SALE_SHARE_RULES.includes(f.ruleId))).toBe(true);
  });
});
