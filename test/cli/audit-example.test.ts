import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/report/types.js';
import { projectRoot, runCli } from './run-cli.js';

const example = join(projectRoot, 'fixtures', 'storefront');
const compliant = join(projectRoot, 'fixtures', 'storefront-compliant');

function auditJson(root: string, extra: string[] = [], cwd = projectRoot): { code: number | null; report: AuditReport; stderr: string } {
  const result = runCli(['audit', root, '--format', 'json', '--no-cache', ...extra], { cwd });
  if (!result.stdout) throw new Error(`no report (exit ${result.code}): ${result.stderr}`);
  return { code: result.code, report: JSON.parse(result.stdout) as AuditReport, stderr: result.stderr };
}

const where = (report: AuditReport): string[] => report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`);

function copyExample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowaudit-example-'));
  cpSync(example, dir, { recursive: true });
  return dir;
}

describe('flowaudit audit on the bundled example', () => {
  it('exits 1 with each planted violation at its file and line, and nothing else', () => {
    const { code, report } = auditJson('fixtures/storefront');
    expect(code).toBe(1);
    expect(where(report)).toEqual([
      'ccpa/deletion-gap apps/api/src/privacy/erase.ts:19',
      'ccpa/deletion-gap apps/api/src/privacy/erase.ts:19',
      'ccpa/opt-out-gate apps/web/src/app/checkout/CheckoutForm.tsx:39',
      'ccpa/notice-sale-disclosure fixtures/storefront/datamap.yaml:377',
    ]);
    expect(report.findings.map((f) => f.flow ?? f.vendor)).toContain('storefront-web->meta-pixel');
    expect(report.summary).toMatchObject({ errors: 4, warnings: 0 });
  });

  it('prints the stylish report grouped by file with rule ids and a summary', () => {
    const result = runCli(['audit', 'fixtures/storefront', '--no-cache']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/CheckoutForm\.tsx\n\s+39:5\s+error\s+.*Meta Pixel.*ccpa\/opt-out-gate/);
    expect(result.stdout).toContain('4 problems (4 errors, 0 warnings)');
  });

  it('exits 0 with no finding on the compliant variant', () => {
    const { code, report } = auditJson('fixtures/storefront-compliant');
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.summary.flows).toBeGreaterThan(5);
  });

  it('writes JSON that validates against schemas/report.schema.json and is byte-identical across runs', () => {
    const first = runCli(['audit', 'fixtures/storefront', '--format', 'json', '--no-cache']).stdout;
    const second = runCli(['audit', 'fixtures/storefront', '--format', 'json']).stdout;
    const third = runCli(['audit', 'fixtures/storefront', '--format', 'json']).stdout;
    expect(second).toBe(first);
    expect(third).toBe(first);
    const schema = JSON.parse(readFileSync(join(projectRoot, 'schemas', 'report.schema.json'), 'utf8')) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const valid = validate(JSON.parse(first));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('--fail-on none exits 0 and --fail-on warning still exits 1 on errors', () => {
    expect(runCli(['audit', 'fixtures/storefront', '--fail-on', 'none', '--no-cache']).code).toBe(0);
    expect(runCli(['audit', 'fixtures/storefront', '--fail-on', 'warning', '--no-cache']).code).toBe(1);
  });

  it('--rule turns a rule off and changes a severity', () => {
    const { report } = auditJson('fixtures/storefront', ['--rule', 'ccpa/deletion-gap=off', '--rule', 'ccpa/opt-out-gate=warning']);
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['ccpa/opt-out-gate', 'warning'],
      ['ccpa/notice-sale-disclosure', 'error'],
    ]);
  });

  it('--output writes the report to a file and leaves stdout empty', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'flowaudit-out-')), 'report.json');
    const result = runCli(['audit', 'fixtures/storefront', '--format', 'json', '--output', out, '--no-cache']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as AuditReport).findings).toHaveLength(4);
  });
});

describe('baselines', () => {
  it('after a baseline, one new planted violation is reported alone', () => {
    const dir = copyExample();
    const baseline = join(dir, 'flowaudit-baseline.json');
    const first = runCli(['audit', '.', '--write-baseline', baseline, '--no-cache'], { cwd: dir });
    expect(first.code).toBe(1);
    expect((JSON.parse(readFileSync(baseline, 'utf8')) as { findings: unknown[] }).findings).toHaveLength(4);

    // Unrelated edits move lines above the baselined call; then one new ungated pixel call is planted.
    const checkout = join(dir, 'apps/web/src/app/checkout/CheckoutForm.tsx');
    writeFileSync(checkout, `// reviewed 2026-11\n// (no behaviour change)\n${readFileSync(checkout, 'utf8')}`);
    appendFileSync(
      join(dir, 'apps/web/src/components/AddToCartButton.tsx'),
      "\nexport function trackWishlist(productId: string) {\n  window.fbq('track', 'AddToWishlist', { content_ids: [productId] });\n}\n",
    );
    const { code, report } = auditJson('.', ['--baseline', baseline], dir);
    expect(code).toBe(1);
    expect(where(report)).toEqual([expect.stringMatching(/^ccpa\/opt-out-gate apps\/web\/src\/components\/AddToCartButton\.tsx:\d+$/)]);
    expect(report.summary.baselined).toBe(4);
    expect(report.staleBaseline).toEqual([]);
  });
});

describe('--changed-since', () => {
  function gitRepo(): string {
    const dir = copyExample();
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'base');
    return dir;
  }

  it('reports only the finding in the changed file', () => {
    const dir = gitRepo();
    const searchBox = join(dir, 'apps/web/src/components/SearchBox.tsx');
    const pixelLine = readFileSync(searchBox, 'utf8').split('\n').length + 2;
    appendFileSync(searchBox, "\nexport function pixelSearch(q: string) {\n  window.fbq('track', 'Search', { search_string: q });\n}\n");
    const { report } = auditJson('.', ['--changed-since', 'HEAD'], dir);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.file === 'apps/web/src/components/SearchBox.tsx')).toBe(true);
    expect(where(report)).toContain(`ccpa/opt-out-gate apps/web/src/components/SearchBox.tsx:${pixelLine}`);
  });

  it('reports findings in other files when a wrapper they call changed', () => {
    const dir = gitRepo();
    // The analytics wrapper starts sending to Meta too: every caller in unchanged files is now a share.
    const wrapper = join(dir, 'apps/web/src/lib/analytics.ts');
    writeFileSync(wrapper, readFileSync(wrapper, 'utf8').replace(/(export function track\([^)]*\)[^{]*\{)/, "$1\n  window.fbq('trackCustom', 'AppEvent');"));
    const { report } = auditJson('.', ['--changed-since', 'HEAD'], dir);
    const files = new Set(report.findings.filter((f) => f.ruleId === 'ccpa/opt-out-gate').map((f) => f.file));
    expect(files.size).toBeGreaterThan(1);
    expect([...files].every((f) => !f.startsWith('apps/web/src/lib/analytics.ts'))).toBe(true);
    expect(report.findings.every((f) => f.via?.some((v) => v.file === 'apps/web/src/lib/analytics.ts') ?? false)).toBe(true);
  });
});
