import { describe, expect, it } from 'vitest';
import { aiVendorOwnUse } from '../../../src/rules/ccpa/ai-vendor-own-use.js';
import { brief, callSite, dataMap, findings, flow, LINE, scanResult, serviceProvider, system, vendor } from '../builders.js';

const rules = [aiVendorOwnUse];
const prompts = (to: string) => flow('web', to, { categories: ['user.content.private'], purposes: ['ai.inference'] });

describe('ccpa/ai-vendor-own-use', () => {
  it('fires as an error at a service provider that trains on the data', () => {
    const map = dataMap({ systems: [system('web')], vendors: [serviceProvider('openai', { name: 'OpenAI', trains_on_data: true })], flows: [prompts('openai')] });
    const result = findings(map, undefined, rules);
    expect(brief(result)).toEqual([`ccpa/ai-vendor-own-use datamap.yaml:${LINE.vendor} error`]);
    expect(result[0]!.message).toContain('OpenAI is declared a service provider but trains on or reuses the personal information it receives');
  });

  it('fires as a warning at a third party that trains on the data, also for observed-only flows', () => {
    const map = dataMap({ systems: [system('web')], vendors: [vendor('gemini-free', { trains_on_data: true })] });
    const scan = scanResult({ callSites: [callSite({ vendor: 'gemini-free', categories: ['user.content.private'] })] });
    expect(brief(findings(map, scan, rules))).toEqual([`ccpa/ai-vendor-own-use datamap.yaml:${LINE.vendor} warning`]);
  });

  it('does not fire for vendors with no-training terms', () => {
    const map = dataMap({ systems: [system('web')], vendors: [serviceProvider('anthropic'), vendor('openai')], flows: [prompts('anthropic'), prompts('openai')] });
    expect(findings(map, undefined, rules)).toEqual([]);
  });

  it('does not fire when no personal information reaches the vendor', () => {
    const map = dataMap({
      systems: [system('web')],
      vendors: [serviceProvider('openai', { trains_on_data: true }), serviceProvider('cohere', { trains_on_data: true })],
      flows: [flow('web', 'openai', { categories: ['user.content.private'], deidentified: true })],
    });
    expect(findings(map, undefined, rules)).toEqual([]);
  });
});
