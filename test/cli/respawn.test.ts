/**
 * On two CPUs or fewer, a scan with no cache runs in a child node with one V8 background thread
 * (src/cli/respawn.ts). The decision, and that the child's output and exit code are the command's own.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shouldRespawn, type LaunchContext } from '../../src/cli/respawn.js';
import { projectRoot, runCli } from './run-cli.js';

describe('respawning with one V8 background thread', () => {
  const withCache = mkdtempSync(join(tmpdir(), 'flowaudit-respawn-'));
  mkdirSync(join(withCache, '.flowaudit-cache'));
  writeFileSync(join(withCache, '.flowaudit-cache', 'scan-files.json'), '{}');
  const withoutCache = mkdtempSync(join(tmpdir(), 'flowaudit-respawn-'));
  const decide = (args: string[], overrides: Partial<LaunchContext> = {}): boolean =>
    shouldRespawn({ args, execArgv: [], env: {}, cpus: 2, cwd: withCache, ...overrides });

  it('respawns a scanning command with no cache to start from, on two CPUs or fewer', () => {
    expect(decide(['audit', withoutCache])).toBe(true);
    expect(decide([withoutCache, '--format', 'json'])).toBe(true); // audit is the default command
    expect(decide(['scan', withoutCache])).toBe(true);
    expect(decide(['graph'], { cwd: withoutCache })).toBe(true);
    expect(decide(['audit', withCache, '--no-cache'])).toBe(true);
    expect(decide(['audit', withoutCache], { cpus: 1 })).toBe(true);
  });

  it('leaves alone a run with a cache, more CPUs, other commands, and flags or settings the user chose', () => {
    expect(decide(['audit', withCache])).toBe(false);
    expect(decide(['audit'])).toBe(false); // the working directory has a cache
    expect(decide(['audit', withoutCache], { cpus: 4 })).toBe(false);
    expect(decide(['validate', withoutCache])).toBe(false);
    expect(decide(['rules'])).toBe(false);
    expect(decide(['explain', 'ccpa/opt-out-gate'])).toBe(false);
    expect(decide(['audit', withoutCache, '--help'])).toBe(false);
    expect(decide(['--version'])).toBe(false);
    expect(decide(['audit', withoutCache], { execArgv: ['--inspect'] })).toBe(false);
    expect(decide(['audit', withoutCache], { env: { NODE_OPTIONS: '--v8-pool-size=2' } })).toBe(false);
    expect(decide(['audit', withoutCache], { env: { FLOWAUDIT_RESPAWN: '0' } })).toBe(false);
    expect(decide(['audit', withoutCache], { env: { FLOWAUDIT_RESPAWNED: '1' } })).toBe(false);
    expect(decide(['audit', withCache], { cpus: 8, env: { FLOWAUDIT_RESPAWN: '1' } })).toBe(true);
  });

  it('gives the child’s report and exit code as its own', () => {
    const storefront = join(projectRoot, 'fixtures', 'storefront');
    const args = ['audit', storefront, '--format', 'json', '--no-cache'];
    const inProcess = runCli(args, { env: { FLOWAUDIT_RESPAWN: '0' } });
    const inChild = runCli(args, { env: { FLOWAUDIT_RESPAWN: '1' } });
    expect(inProcess.code).toBe(1);
    expect(inChild.code).toBe(1);
    expect(inChild.stdout).toBe(inProcess.stdout);
    const missing = ['audit', join(withoutCache, 'nowhere'), '--no-cache'];
    const badInProcess = runCli(missing, { env: { FLOWAUDIT_RESPAWN: '0' } });
    const badInChild = runCli(missing, { env: { FLOWAUDIT_RESPAWN: '1' } });
    expect(badInProcess.code).toBe(2);
    expect(badInChild.code).toBe(2);
    expect(badInChild.stderr).toBe(badInProcess.stderr);
  });
});
