import { describe, expect, it } from 'vitest';
import { noticeAtCollection } from '../../../src/rules/ccpa/notice-at-collection.js';
import { brief, callSite, dataMap, findings, flow, LINE, notice, scanResult, system, vendor } from '../builders.js';

const rules = [noticeAtCollection];
const nac = notice('checkout-notice', 'notice_at_collection', { collected: ['identifiers'], purposes: ['payments'], retention: true });

describe('ccpa/notice-at-collection', () => {
  it('fires at a system that collects categories and lists no notice', () => {
    const map = dataMap({ systems: [system('web', { name: 'Storefront', collects: ['user.contact.email'] })] });
    const result = findings(map, undefined, rules);
    expect(brief(result)).toEqual([`ccpa/notice-at-collection datamap.yaml:${LINE.system} error`]);
    expect(result[0]!.message).toBe(
      'Storefront collects email but lists no notice at collection or privacy policy in its notices; add a notice that discloses these categories, their purposes and retention',
    );
  });

  it('fires for a category no listed notice discloses, including categories the code sends', () => {
    const map = dataMap({
      systems: [system('web', { collects: ['user.contact.email'], notices: ['checkout-notice'] })],
      vendors: [vendor('meta-pixel')],
      flows: [flow('web', 'meta-pixel', { categories: ['user.device.cookie_id'] })],
      notices: [nac],
    });
    const scan = scanResult({ callSites: [callSite({ categories: ['user.behavior.browsing_history'] })] });
    const result = findings(map, scan, rules);
    expect(brief(result)).toEqual([`ccpa/notice-at-collection datamap.yaml:${LINE.system} error`]);
    expect(result[0]!.message).toContain('web collects browsing history but no notice it lists discloses it with purposes and retention');
  });

  it('fires when the only notice that lists the category gives no purposes or retention', () => {
    const map = dataMap({
      systems: [system('web', { collects: ['user.contact.email'], notices: ['privacy-policy'] })],
      notices: [notice('privacy-policy', 'privacy_policy', { collected: ['identifiers'] })],
    });
    const result = findings(map, undefined, rules);
    expect(brief(result)).toEqual([`ccpa/notice-at-collection datamap.yaml:${LINE.system} error`]);
    expect(result[0]!.message).toContain('privacy-policy lists some of them but gives no purposes or retention');
  });

  it('does not fire when a notice at collection covers every category with purposes and retention', () => {
    const map = dataMap({ systems: [system('web', { collects: ['user.contact.email', 'user.device.ip_address'], notices: ['checkout-notice'] })], notices: [nac] });
    expect(findings(map, undefined, rules)).toEqual([]);
  });

  it('counts a privacy policy as the notice at collection (§7012(f)), and ignores systems that collect nothing', () => {
    const policy = notice('privacy-policy', 'privacy_policy', { collected: ['user.contact', 'internet_activity'], purposes: ['analytics'], retention: true });
    const map = dataMap({
      systems: [system('web', { collects: ['user.contact.email', 'user.behavior.browsing_history'], notices: ['privacy-policy'] }), system('status')],
      notices: [policy],
    });
    expect(findings(map, undefined, rules)).toEqual([]);
  });

  it('does not count an opt-out notice', () => {
    const map = dataMap({
      systems: [system('web', { collects: ['user.contact.email'], notices: ['dnss-notice'] })],
      notices: [notice('dnss-notice', 'opt_out_notice', { collected: ['identifiers'], purposes: ['analytics'], retention: true })],
    });
    expect(findings(map, undefined, rules)[0]!.message).toContain('lists no notice at collection');
  });
});

describe('ccpa/notice-at-collection: broad keys', () => {
  it('a broad key whose children span statutory categories is covered when every child is', () => {
    const covered = dataMap({
      systems: [system('web', { collects: ['user.device'], notices: ['privacy-policy'] })],
      notices: [notice('privacy-policy', 'privacy_policy', { collected: ['identifiers', 'internet_activity'], purposes: ['analytics'], retention: true })],
    });
    expect(findings(covered, undefined, rules)).toEqual([]);
    const partly = dataMap({
      systems: [system('web', { collects: ['user.device'], notices: ['privacy-policy'] })],
      notices: [notice('privacy-policy', 'privacy_policy', { collected: ['identifiers'], purposes: ['analytics'], retention: true })],
    });
    expect(brief(findings(partly, undefined, rules))).toEqual([`ccpa/notice-at-collection datamap.yaml:${LINE.system} error`]);
  });
});
