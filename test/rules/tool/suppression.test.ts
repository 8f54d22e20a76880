import { describe, expect, it } from 'vitest';
import { optOutGate } from '../../../src/rules/ccpa/opt-out-gate.js';
import { suppression } from '../../../src/rules/tool/suppression.js';
import type { SuppressionComment } from '../../../src/scan/types.js';
import { brief, callSite, dataMap, findings, flow, mechanism, scanResult, system, vendor } from '../builders.js';

const rules = [optOutGate, suppression];
const map = dataMap({
  systems: [system('web')],
  vendors: [vendor('meta-pixel')],
  flows: [flow('web', 'meta-pixel', { categories: ['user.device.cookie_id'], purposes: ['advertising.cross_context'] })],
  mechanisms: [mechanism('dnss', 'link'), mechanism('gpc', 'gpc')],
});
const ungated = callSite({ file: 'apps/web/src/pixel.ts', line: 10 });

function comment(fields: Partial<SuppressionComment>): SuppressionComment {
  return { file: 'apps/web/src/pixel.ts', line: 9, column: 1, kind: 'next-line', ruleId: 'ccpa/opt-out-gate', reason: 'consent handled by the tag manager', appliesToLine: 10, ...fields };
}

describe('tool/suppression', () => {
  it('its own evaluate reports nothing: run.ts decides', () => {
    expect(suppression.evaluate({} as never)).toEqual([]);
  });

  it('fires at a suppression comment that gives no reason (the finding itself is still suppressed)', () => {
    const scan = scanResult({ callSites: [ungated], suppressions: [comment({ reason: undefined })] });
    expect(brief(findings(map, scan, rules))).toEqual(['tool/suppression apps/web/src/pixel.ts:9 warning']);
  });

  it('fires at a suppression comment that suppresses nothing', () => {
    const scan = scanResult({ callSites: [ungated], suppressions: [comment({ line: 30, appliesToLine: 31 })] });
    expect(brief(findings(map, scan, rules))).toEqual(['ccpa/opt-out-gate apps/web/src/pixel.ts:10 error', 'tool/suppression apps/web/src/pixel.ts:30 warning']);
  });

  it('does not fire for a used suppression with a reason', () => {
    const scan = scanResult({ callSites: [ungated], suppressions: [comment({})] });
    expect(findings(map, scan, rules)).toEqual([]);
  });

  it('does not fire for a file-level suppression that covers a finding', () => {
    const scan = scanResult({ callSites: [ungated], suppressions: [comment({ kind: 'file', line: 1, appliesToLine: undefined })] });
    expect(findings(map, scan, rules)).toEqual([]);
  });
});
