import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/report/index.js';
import type { AuditReport } from '../../src/report/types.js';
import { loadFixture, validatorFor } from './helpers.js';

// The official SARIF 2.1.0 schema shipped with Microsoft's SARIF multitool.
const validateSarif = validatorFor('node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json');

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }[];
  codeFlows?: { threadFlows: { locations: { location: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; message?: { text: string } } }[] }[] }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; justification?: string }[];
}

function sarifOf(report: AuditReport) {
  const log = JSON.parse(formatReport(report, 'sarif', { color: false }));
  const run = log.runs[0];
  return { log, run, results: run.results as SarifResult[], rules: run.tool.driver.rules as { id: string; helpUri: string; help: { markdown: string }; defaultConfiguration: { level: string; enabled?: boolean }; properties: { tags: string[] } }[] };
}

describe('sarif report', () => {
  it.each(['storefront', 'hostile', 'clean'] as const)('%s: valid against the official SARIF 2.1.0 schema', (name) => {
    const { log } = sarifOf(loadFixture(name));
    expect(log.version).toBe('2.1.0');
    expect(validateSarif(log)).toEqual([]);
  });

  it('the schema check catches a broken log', () => {
    const { log } = sarifOf(loadFixture('storefront'));
    log.runs[0].results[0].level = 'fatal';
    delete log.runs[0].tool.driver.name;
    const errors = validateSarif(log);
    expect(errors.some((e) => e.includes('/results/0/level'))).toBe(true);
    expect(errors.some((e) => e.includes('name'))).toBe(true);
  });

  it('describes the tool and every rule with help URI, help markdown, default level and tags incl. the citation', () => {
    const { run, rules } = sarifOf(loadFixture('storefront'));
    expect(run.tool.driver).toMatchObject({ name: 'flowaudit', version: '0.1.0', informationUri: expect.stringMatching(/^https:\/\//) });
    const gate = rules.find((r) => r.id === 'ccpa/opt-out-gate')!;
    expect(gate.helpUri).toBe('https://github.com/flowaudit/flowaudit/blob/main/docs/rules/ccpa/opt-out-gate.md');
    expect(gate.help.markdown).toContain('Cal. Civ. Code §1798.120(a); §1798.135(c)(4)');
    expect(gate.defaultConfiguration.level).toBe('error');
    expect(gate.properties.tags).toEqual(expect.arrayContaining(['privacy', 'security', 'Cal. Civ. Code §1798.120(a); §1798.135(c)(4)']));
    expect(rules.find((r) => r.id === 'map/stale-flow')!.defaultConfiguration.level).toBe('warning');
  });

  it('gives each result its rule index, level, relative location under %SRCROOT% and fingerprint', () => {
    const { results, rules } = sarifOf(loadFixture('storefront'));
    for (const r of results) expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
    const gate = results.find((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'apps/web/src/checkout.ts')!;
    expect(gate).toMatchObject({ ruleId: 'ccpa/opt-out-gate', level: 'error' });
    expect(gate.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'apps/web/src/checkout.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 42, startColumn: 5 } });
    const fixture = loadFixture('storefront').findings.find((f) => f.file === 'apps/web/src/checkout.ts')!;
    expect(gate.partialFingerprints).toEqual({ 'flowaudit/v1': fixture.fingerprint });
    expect(results.find((r) => r.ruleId === 'map/undeclared-category')!.level).toBe('warning');
  });

  it('lists the via path of a wrapped call as a thread flow ending at the vendor call', () => {
    const { results } = sarifOf(loadFixture('storefront'));
    const gate = results.find((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'apps/web/src/checkout.ts')!;
    const steps = gate.codeFlows![0]!.threadFlows[0]!.locations.map((l) => `${l.location.physicalLocation.artifactLocation.uri}:${l.location.physicalLocation.region.startLine}`);
    expect(steps).toEqual(['apps/web/src/checkout.ts:42', 'apps/web/src/lib/track.ts:9', 'apps/web/src/lib/pixel.ts:4']);
    expect(results.filter((r) => r.codeFlows).length).toBe(1);
  });

  it('keeps suppressed and baselined findings, with inSource and external suppressions', () => {
    const { results } = sarifOf(loadFixture('storefront'));
    expect(results).toHaveLength(7 + 2);
    const comment = results.find((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'apps/web/src/admin.ts')!;
    expect(comment.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'admin pages are used by employees only' }]);
    const baselined = results.find((r) => r.ruleId === 'map/unassigned-code')!;
    expect(baselined.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'in the flowaudit baseline' }]);
    expect(results.filter((r) => r.suppressions).length).toBe(2);
  });

  it('sorts results by file, line and column, and is byte-identical across runs', () => {
    const { results } = sarifOf(loadFixture('storefront'));
    const where = results.map((r) => `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${String(r.locations[0]!.physicalLocation.region.startLine).padStart(4, '0')}`);
    expect(where).toEqual([...where].sort());
    expect(formatReport(loadFixture('storefront'), 'sarif', { color: false })).toBe(formatReport(loadFixture('storefront'), 'sarif', { color: false }));
  });

  it('prefixes code paths with the scanned root but not data-map paths, and percent-encodes URI characters', () => {
    const report = { ...loadFixture('storefront'), root: 'services/shop' };
    const uris = sarifOf(report).results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('services/shop/apps/web/src/checkout.ts');
    expect(uris).toContain('datamap.yaml');
    const hostile = sarifOf(loadFixture('hostile')).results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(hostile).toContain('src/%3Cimg%20src=x%20onerror=%22window.__pwned=1%22%3E%7Cx.ts');
  });

  it('keeps framework file names readable and unambiguous', () => {
    const report = loadFixture('clean');
    const finding = { ruleId: 'map/stale-flow', severity: 'warning' as const, message: 'm', line: 1, column: 1, citation: '—', fingerprint: 'f' };
    const files = ['app/[slug]/page.tsx', 'packages/@acme/ui/x.ts', 'src/routes/+page.svelte.ts', 'src/a#b?c d.ts', 'src/(group)/x.ts'];
    report.findings = files.map((file, i) => ({ ...finding, file, fingerprint: `f${i}` }));
    const uris = sarifOf(report).results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(['app/%5Bslug%5D/page.tsx', 'packages/@acme/ui/x.ts', 'src/%28group%29/x.ts', 'src/a%23b%3Fc%20d.ts', 'src/routes/+page.svelte.ts']);
    for (const uri of uris) expect(decodeURIComponent(uri)).toBe(files.find((f) => decodeURIComponent(uri) === f));
  });

  it('marks a rule switched off as disabled', () => {
    const report = loadFixture('clean');
    report.rules = report.rules.map((r) => (r.id === 'map/stale-flow' ? { ...r, severity: 'off' as const } : r));
    const { log, rules } = sarifOf(report);
    expect(rules.find((r) => r.id === 'map/stale-flow')!.defaultConfiguration).toEqual({ enabled: false, level: 'none' });
    expect(validateSarif(log)).toEqual([]);
  });
});

describe('sarif report, checked by Microsoft\'s SARIF multitool with the GitHub ingestion rules', () => {
  const outputDir = fileURLToPath(new URL('../../test-output/', import.meta.url));
  const multitool = fileURLToPath(new URL('../../node_modules/@microsoft/sarif-multitool-linux/bin.js', import.meta.url));

  it.each(['storefront', 'hostile'] as const)('%s: no error or warning from the Gh and Sarif rule sets', (name) => {
    mkdirSync(outputDir, { recursive: true });
    const input = `${outputDir}${name}.sarif`;
    const verdict = `${outputDir}${name}.validation.sarif`;
    writeFileSync(input, formatReport(loadFixture(name), 'sarif', { color: false }));
    const run = spawnSync('node', [multitool, 'validate', input, '--rule-kind', '"Gh;Sarif"', '--output', verdict, '--log', 'ForceOverwrite'], { encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const results = (JSON.parse(readFileSync(verdict, 'utf8')).runs[0].results ?? []) as { level: string; ruleId: string; message: { arguments?: string[] } }[];
    const problems = results.filter((r) => r.level === 'error' || r.level === 'warning').map((r) => `${r.ruleId} ${JSON.stringify(r.message.arguments)}`);
    expect(problems).toEqual([]);
  });

  it('the multitool does flag a result GitHub would reject (the check is live)', () => {
    mkdirSync(outputDir, { recursive: true });
    const log = JSON.parse(formatReport(loadFixture('storefront'), 'sarif', { color: false }));
    delete log.runs[0].results[0].locations;
    const input = `${outputDir}broken.sarif`;
    const verdict = `${outputDir}broken.validation.sarif`;
    writeFileSync(input, JSON.stringify(log));
    spawnSync('node', [multitool, 'validate', input, '--rule-kind', '"Gh;Sarif"', '--output', verdict, '--log', 'ForceOverwrite'], { encoding: 'utf8' });
    const results = (JSON.parse(readFileSync(verdict, 'utf8')).runs[0].results ?? []) as { level: string }[];
    expect(results.filter((r) => r.level === 'error').length).toBeGreaterThan(0);
  });
});
