import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

function tempProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowaudit-usage-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'index.ts'), 'export const x = 1;\n');
  return dir;
}

describe('the CLI stops with exit code 2 and a one-line cause', () => {
  it('for an unknown --format', () => {
    const result = runCli(['audit', tempProject(), '--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("argument 'xml' is invalid");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('for a project without a data-map, pointing at scan', () => {
    const result = runCli(['audit', tempProject()]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^flowaudit: no data-map found: .*flowaudit scan lists what the code sends without a map\)\n$/);
  });

  it('for a root that does not exist', () => {
    const result = runCli(['audit', '/nonexistent/flowaudit-root']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('flowaudit: root "/nonexistent/flowaudit-root" does not exist\n');
  });

  it('for a root that is a file', () => {
    const dir = tempProject();
    const result = runCli(['scan', join(dir, 'src', 'index.ts')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is a file; give the project folder');
  });

  it('for a corrupt baseline', () => {
    const dir = tempProject();
    writeFileSync(join(dir, 'baseline.json'), '{ not json');
    const result = runCli(['audit', dir, '--baseline', join(dir, 'baseline.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not valid JSON; write a new one with --write-baseline');
  });

  it('for a baseline that is JSON but not a baseline', () => {
    const dir = tempProject();
    writeFileSync(join(dir, 'baseline.json'), '[1, 2, 3]');
    const result = runCli(['audit', dir, '--baseline', join(dir, 'baseline.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not a flowaudit baseline');
  });

  it('for --changed-since outside a git repository', () => {
    const dir = tempProject();
    const result = runCli(['audit', dir, '--changed-since', 'HEAD~1'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--changed-since needs a git repository');
  });

  it('for --changed-since with an unknown ref', () => {
    const result = runCli(['audit', '.', '--changed-since', 'no-such-ref-xyz']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown git ref "no-such-ref-xyz"');
  });

  it('for a malformed --rule', () => {
    const result = runCli(['audit', tempProject(), '--rule', 'ccpa/opt-out-gate=loud']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--rule takes <rule-id>=off|info|warning|error');
  });

  it('for --jobs that is not a whole number', () => {
    const result = runCli(['scan', tempProject(), '--jobs', 'many']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--jobs takes a whole number');
  });

  it('for an unknown command option', () => {
    const result = runCli(['rules', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--bogus'");
  });
});

describe('rule ids', () => {
  it('explain prints the rule documentation', () => {
    const result = runCli(['explain', 'ccpa/opt-out-gate']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('# ccpa/opt-out-gate');
    expect(result.stdout).toContain('§1798.120(a)');
  });

  it('explain suggests the full id for a rule named without its namespace', () => {
    const result = runCli(['explain', 'opt-out-gate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown rule "opt-out-gate" (did you mean "ccpa/opt-out-gate"?)');
  });

  it('--rule suggests the nearest id for a typo', () => {
    const result = runCli(['audit', tempProject(), '--rule', 'ccpa/gcp=off']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown rule "ccpa/gcp" (did you mean "ccpa/gpc"?)');
  });
});

describe('help and version exit 0', () => {
  it('prints the version', () => {
    const result = runCli(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });
  it('prints help listing every command', () => {
    const result = runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['audit', 'validate', 'scan', 'rules', 'explain', 'graph']) expect(result.stdout).toContain(command);
  });
});
