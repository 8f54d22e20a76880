import { describe, expect, it } from 'vitest';
import { noticeSaleDisclosure } from '../../../src/rules/ccpa/notice-sale-disclosure.js';
import { brief, dataMap, findings, flow, LINE, mechanism, notice, serviceProvider, system, vendor } from '../builders.js';

const rules = [noticeSaleDisclosure];
const web = system('web', { notices: ['privacy-policy'] });
const share = flow('web', 'meta-pixel', { categories: ['user.device.cookie_id', 'user.behavior.browsing_history'], purposes: ['advertising.cross_context'] });
const dnss = mechanism('dnss', 'link');
const fullPolicy = notice('privacy-policy', 'privacy_policy', { shared: ['identifiers', 'internet_activity'], third_parties: ['advertising networks'] }, { links: ['dnss'] });

describe('ccpa/notice-sale-disclosure', () => {
  it('reports the worst case when the policy says nothing is sold or shared', () => {
    const map = dataMap({ systems: [web], vendors: [vendor('meta-pixel', { name: 'Meta Pixel' })], flows: [share], mechanisms: [dnss], notices: [notice('privacy-policy', 'privacy_policy', { third_parties: ['advertising networks'] }, { links: ['dnss'] })] });
    const result = findings(map, undefined, rules);
    expect(brief(result)).toEqual([`ccpa/notice-sale-disclosure datamap.yaml:${LINE.notice} error`]);
    expect(result[0]!.message).toBe(
      'Privacy policy privacy-policy says nothing is sold or shared, but personal information is sold or shared with Meta Pixel; list the categories under discloses.sold / discloses.shared',
    );
  });

  it('lists the sold or shared categories the policy omits in one finding', () => {
    const policy = notice('privacy-policy', 'privacy_policy', { shared: ['user.device'], third_parties: ['advertising networks'] }, { links: ['dnss'] });
    const map = dataMap({
      systems: [web],
      vendors: [vendor('meta-pixel'), vendor('broker')],
      flows: [share, flow('web', 'broker', { categories: ['user.contact.email'], consideration: 'monetary' })],
      mechanisms: [dnss],
      notices: [policy],
    });
    const result = findings(map, undefined, rules);
    expect(brief(result)).toEqual([`ccpa/notice-sale-disclosure datamap.yaml:${LINE.notice} error`]);
    expect(result[0]!.message).toContain('does not list browsing history and email as sold or shared');
  });

  it('fires when the policy names no third-party types and links no opt-out', () => {
    const policy = notice('privacy-policy', 'privacy_policy', { shared: ['identifiers', 'internet_activity'] });
    const map = dataMap({ systems: [web], vendors: [vendor('meta-pixel')], flows: [share], mechanisms: [dnss], notices: [policy] });
    const result = findings(map, undefined, rules);
    expect(brief(result)).toEqual([`ccpa/notice-sale-disclosure datamap.yaml:${LINE.notice} error`, `ccpa/notice-sale-disclosure datamap.yaml:${LINE.notice} error`]);
    expect(result.map((f) => f.message.split(' ').slice(3, 6).join(' ')).sort()).toEqual(['links no "Do', 'names no categories']);
    expect(new Set(result.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('is a warning when only possible sales exist', () => {
    const map = dataMap({ systems: [web], vendors: [vendor('segment')], flows: [flow('web', 'segment', { categories: ['user.contact.email'] })], mechanisms: [dnss], notices: [notice('privacy-policy', 'privacy_policy', {}, { links: ['dnss'] })] });
    expect(brief(findings(map, undefined, rules))).toEqual([`ccpa/notice-sale-disclosure datamap.yaml:${LINE.notice} warning`, `ccpa/notice-sale-disclosure datamap.yaml:${LINE.notice} warning`]);
  });

  it('does not fire for a complete policy; frictionless GPC replaces the link', () => {
    const map = dataMap({ systems: [web], vendors: [vendor('meta-pixel')], flows: [share], mechanisms: [dnss], notices: [fullPolicy] });
    expect(findings(map, undefined, rules)).toEqual([]);
    const noLink = dataMap({ systems: [web], vendors: [vendor('meta-pixel')], flows: [share], mechanisms: [mechanism('gpc', 'gpc', { frictionless: true })], notices: [{ ...fullPolicy, links: [] }] });
    expect(findings(noLink, undefined, rules)).toEqual([]);
  });

  it('does not fire when nothing is sold or shared, even with an empty policy', () => {
    const map = dataMap({ systems: [web], vendors: [serviceProvider('posthog')], flows: [flow('web', 'posthog', { categories: ['user.behavior.interaction'], purposes: ['analytics'] })], notices: [notice('privacy-policy', 'privacy_policy')] });
    expect(findings(map, undefined, rules)).toEqual([]);
  });
});
