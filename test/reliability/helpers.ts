/** Shared helpers of the reliability suite: run the built CLI in a temporary folder, copy fixtures. */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../cli/run-cli.js';

export { projectRoot };
export const bin = join(projectRoot, 'bin', 'flowaudit.js');
export const badDir = join(projectRoot, 'fixtures', 'bad');
export const storefront = join(projectRoot, 'fixtures', 'storefront');

/** A stack trace or a raw Node error in user-facing output. */
export const STACK = /\n\s+at |node:internal|\bTypeError\b|\bReferenceError\b|\bSyntaxError\b|internal error/;

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Run the CLI as this user (root ignores file permissions). */
  uid?: number;
  gid?: number;
  /** Extra node flags, e.g. `--import` of a preload. */
  nodeArgs?: string[];
  timeoutMs?: number;
}

export function ensureBuilt(): void {
  if (!existsSync(join(projectRoot, 'dist', 'cli', 'main.js'))) execFileSync('npx', ['tsc', '-p', '.'], { cwd: projectRoot, stdio: 'ignore' });
}

export function cli(args: string[], options: RunOptions): Run {
  const start = performance.now();
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), bin, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, FLOWAUDIT_DEBUG: undefined, ...options.env } as NodeJS.ProcessEnv,
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeoutMs ?? 60_000,
    killSignal: 'SIGKILL',
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout ?? '', stderr: result.stderr ?? '', ms: performance.now() - start };
}

/** `cli`, without blocking: lets vitest run several CLI cases at once on a loaded machine. */
export function cliAsync(args: string[], options: RunOptions): Promise<Run> {
  const start = performance.now();
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), bin, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, FLOWAUDIT_DEBUG: undefined, ...options.env } as NodeJS.ProcessEnv,
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, stdout, stderr, ms: performance.now() - start });
    });
  });
}

const made: string[] = [];

/** A fresh temporary folder, world-readable so an unprivileged child can enter it; removed by `cleanTemp`. */
export function tempDir(prefix = 'flowaudit-rel-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  made.push(dir);
  return dir;
}

export function cleanTemp(): void {
  for (const dir of made.splice(0)) {
    try {
      execFileSync('chmod', ['-R', 'u+rwX', dir], { stdio: 'ignore' });
    } catch {
      // best effort
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Copies a fixture, leaving out a `.flowaudit-cache/` someone's local run may have left in it. */
export function copyInto(from: string, to: string, options: { keepCache?: boolean } = {}): void {
  cpSync(from, to, { recursive: true, verbatimSymlinks: true, filter: (src) => options.keepCache === true || !/[\\/]\.flowaudit-cache([\\/]|$)/.test(src.slice(from.length)) });
}

/** Tests run as root in CI containers, where chmod 000 does not stop reads: run such cases as `nobody`. */
export const unprivileged: { uid: number; gid: number } | undefined =
  typeof process.getuid === 'function' && process.getuid() === 0 ? { uid: 65534, gid: 65534 } : undefined;
