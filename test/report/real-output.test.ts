/** The formats on a real audit (the storefront example through the whole pipeline), not only hand-made reports. */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit.js';
import { formatReport } from '../../src/report/index.js';
import type { AuditReport } from '../../src/report/types.js';
import { validatorFor } from './helpers.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
let report: AuditReport;

beforeAll(async () => {
  report = await runAudit({ root: `${repo}fixtures/storefront`, cwd: repo, cache: false, ruleOverrides: {}, timing: true, jobs: 1 });
});

describe('reports of a real audit', () => {
  it('json validates against schemas/report.schema.json, timings included', () => {
    const json = JSON.parse(formatReport(report, 'json', { color: false }));
    expect(validatorFor('schemas/report.schema.json')(json)).toEqual([]);
    expect(json.flows.length).toBeGreaterThan(0);
    expect(Object.keys(json.timings)).toContain('total');
    // The scan's own phases, each within the scan's time (a cold run: nothing comes from a cache).
    const phases = ['scan.discover', 'scan.describe', 'scan.resolve', 'scan.outline', 'scan.plan', 'scan.link', 'scan.save'];
    expect(Object.keys(json.timings)).toEqual(expect.arrayContaining(phases));
    expect(phases.reduce((sum, phase) => sum + json.timings[phase], 0)).toBeLessThanOrEqual(json.timings.scan + phases.length);
  });

  it('sarif validates against the official schema and points at files that exist under the root', () => {
    const sarif = JSON.parse(formatReport(report, 'sarif', { color: false }));
    expect(validatorFor('node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json')(sarif)).toEqual([]);
    const uris = sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris.length).toBe(report.findings.length + report.suppressedFindings.length);
    for (const uri of uris) expect(uri).toMatch(/^fixtures\/storefront\//);
  });

  it('every format is byte-identical for the same audit without timings', async () => {
    const again = await runAudit({ root: `${repo}fixtures/storefront`, cwd: repo, cache: false, ruleOverrides: {}, timing: false, jobs: 1 });
    const once = { ...report, timings: undefined };
    for (const format of ['json', 'sarif', 'markdown', 'html', 'stylish'] as const) {
      expect(formatReport(again, format, { color: false }), format).toBe(formatReport(once, format, { color: false }));
    }
  });
});
