import { describe, expect, it } from 'vitest';
import { gpc } from '../../../src/rules/ccpa/gpc.js';
import { brief, callSite, dataMap, findings, flow, LINE, mechanism, scanResult, serviceProvider, system, vendor } from '../builders.js';

const rules = [gpc];
const share = flow('web', 'meta-pixel', { categories: ['user.device.cookie_id'], purposes: ['advertising.cross_context'] });
const systems = [system('web'), system('api', { paths: ['apps/api/**'] })];

describe('ccpa/gpc', () => {
  it('fires when sale/share flows exist and no gpc mechanism is declared', () => {
    const map = dataMap({ systems, vendors: [vendor('meta-pixel', { name: 'Meta Pixel' })], flows: [share], mechanisms: [mechanism('dnss', 'link')] });
    const result = findings(map, undefined, rules);
    expect(brief(result)).toEqual([`ccpa/gpc datamap.yaml:${LINE.mechanism} error`]);
    expect(result[0]!.message).toContain('declares no gpc opt-out mechanism');
  });

  it('fires at each system with such flows that never reads the signal', () => {
    const map = dataMap({
      systems,
      vendors: [vendor('meta-pixel'), vendor('broker')],
      flows: [share, flow('api', 'broker', { categories: ['user.contact.email'], consideration: 'monetary' })],
      mechanisms: [mechanism('dnss', 'link'), mechanism('gpc', 'gpc')],
    });
    const result = findings(map, scanResult({ callSites: [callSite()] }), rules);
    expect(brief(result)).toEqual([`ccpa/gpc datamap.yaml:${LINE.system} error`, `ccpa/gpc datamap.yaml:${LINE.system + 1} error`]);
    expect(result.map((f) => f.system)).toEqual(['web', 'api']);
  });

  it('does not fire for a system whose files read navigator.globalPrivacyControl or Sec-GPC', () => {
    const map = dataMap({ systems, vendors: [vendor('meta-pixel')], flows: [share], mechanisms: [mechanism('gpc', 'gpc')] });
    const scan = scanResult({ callSites: [callSite()], gpcReads: [{ file: 'apps/web/src/consent.ts', line: 3, column: 7, kind: 'navigator.globalPrivacyControl', system: 'web' }] });
    expect(findings(map, scan, rules)).toEqual([]);
  });

  it('does not fire when the signal is read in a shared library that belongs to no system', () => {
    const map = dataMap({ systems, vendors: [vendor('meta-pixel')], flows: [share], mechanisms: [mechanism('gpc', 'gpc')] });
    const scan = scanResult({ callSites: [callSite()], gpcReads: [{ file: 'packages/consent/src/gpc.ts', line: 3, column: 7, kind: 'navigator.globalPrivacyControl', system: 'unassigned' }] });
    expect(findings(map, scan, rules)).toEqual([]);
  });

  it('still fires when the only read is in another system', () => {
    const map = dataMap({ systems, vendors: [vendor('meta-pixel')], flows: [share], mechanisms: [mechanism('gpc', 'gpc')] });
    const scan = scanResult({ callSites: [callSite()], gpcReads: [{ file: 'apps/api/src/gpc.ts', line: 3, column: 7, kind: 'Sec-GPC', system: 'api' }] });
    expect(brief(findings(map, scan, rules))).toEqual([`ccpa/gpc datamap.yaml:${LINE.system} error`]);
  });

  it('does not fire when the calls are gated through a GPC read in shared code', () => {
    const map = dataMap({ systems, vendors: [vendor('meta-pixel')], flows: [share], mechanisms: [mechanism('gpc', 'gpc')] });
    const scan = scanResult({ callSites: [callSite({ gated: true, gate: 'guard', guards: ['canSellData()', 'navigator.globalPrivacyControl'] })] });
    expect(findings(map, scan, rules)).toEqual([]);
  });

  it('does not fire when nothing is sold or shared', () => {
    const map = dataMap({ systems, vendors: [serviceProvider('posthog')], flows: [flow('web', 'posthog', { categories: ['user.behavior.interaction'], purposes: ['analytics'] })] });
    expect(findings(map, undefined, rules)).toEqual([]);
  });
});
