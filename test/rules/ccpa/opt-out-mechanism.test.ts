import { describe, expect, it } from 'vitest';
import { optOutMechanism } from '../../../src/rules/ccpa/opt-out-mechanism.js';
import { brief, dataMap, findings, flow, LINE, mechanism, serviceProvider, system, vendor } from '../builders.js';

const rules = [optOutMechanism];
const share = flow('web', 'meta-pixel', { categories: ['user.device.cookie_id'], purposes: ['advertising.cross_context'] });

describe('ccpa/opt-out-mechanism', () => {
  it('fires at the map root when a share exists and no mechanism is declared', () => {
    const result = findings(dataMap({ systems: [system('web')], vendors: [vendor('meta-pixel', { name: 'Meta Pixel' })], flows: [share] }), undefined, rules);
    expect(brief(result)).toEqual(['ccpa/opt-out-mechanism datamap.yaml:1 error']);
    expect(result[0]!.message).toContain('sold or shared (Meta Pixel) but the data-map declares no "Do Not Sell or Share My Personal Information" link');
  });

  it('fires when GPC is declared but not frictionless and no link exists; a warning when only possible sales exist', () => {
    const map = dataMap({ systems: [system('web')], vendors: [vendor('segment')], flows: [flow('web', 'segment', { categories: ['user.contact.email'] })], mechanisms: [mechanism('gpc', 'gpc'), mechanism('limit', 'limit_link')] });
    expect(brief(findings(map, undefined, rules))).toEqual([`ccpa/opt-out-mechanism datamap.yaml:${LINE.mechanism} warning`]);
  });

  it('does not fire with a link, an alternative link or frictionless GPC', () => {
    for (const m of [mechanism('dnss', 'link'), mechanism('choices', 'alternative_link'), mechanism('gpc', 'gpc', { frictionless: true })]) {
      const map = dataMap({ systems: [system('web')], vendors: [vendor('meta-pixel')], flows: [share], mechanisms: [m] });
      expect(findings(map, undefined, rules)).toEqual([]);
    }
  });

  it('does not fire when nothing is sold or shared', () => {
    const map = dataMap({ systems: [system('web')], vendors: [serviceProvider('posthog')], flows: [flow('web', 'posthog', { categories: ['user.behavior.interaction'], purposes: ['analytics'] })] });
    expect(findings(map, undefined, rules)).toEqual([]);
  });
});
