import { describe, expect, it } from 'vitest';
import { unassignedCode } from '../../../src/rules/map/unassigned-code.js';
import { brief, callSite, dataMap, findings, scanResult, system, vendor } from '../builders.js';

const rules = [unassignedCode];
const map = dataMap({ systems: [system('web')], vendors: [vendor('meta-pixel', { name: 'Meta Pixel' })] });

describe('map/unassigned-code', () => {
  it('fires once per unassigned file, at its first call site', () => {
    const scan = scanResult({
      callSites: [
        callSite({ system: 'unassigned', file: 'scripts/sync.ts', line: 40 }),
        callSite({ system: 'unassigned', file: 'scripts/sync.ts', line: 12 }),
        callSite({ system: 'unassigned', file: 'tools/ping.ts', line: 3, vendor: 'posthog', declaredVendor: false }),
      ],
    });
    const result = findings(map, scan, rules);
    expect(brief(result)).toEqual(['map/unassigned-code scripts/sync.ts:12 warning', 'map/unassigned-code tools/ping.ts:3 warning']);
    expect(result[0]!.message).toBe(
      "scripts/sync.ts sends data to Meta Pixel but matches no system's paths; add it to a system's paths in the data-map so its flows can be declared and checked",
    );
  });

  it('keeps its fingerprint when the call moves to another line', () => {
    const at = (line: number) => findings(map, scanResult({ callSites: [callSite({ system: 'unassigned', file: 'a.ts', line })] }), rules)[0]!.fingerprint;
    expect(at(5)).toBe(at(50));
  });

  it('does not fire for files that belong to a system', () => {
    expect(findings(map, scanResult({ callSites: [callSite({ system: 'web' })] }), rules)).toEqual([]);
  });

  it('does not fire without call sites', () => {
    expect(findings(map, scanResult(), rules)).toEqual([]);
  });
});
