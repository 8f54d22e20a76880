/**
 * Starting flowaudit again in a child node with fewer V8 background threads, when that pays.
 *
 * V8 keeps a pool of four background threads (garbage collection, the optimising compiler), whatever the
 * machine. On one with two CPUs or fewer, they compete with the thread doing the scan: a cold audit of the
 * 500k-line benchmark corpus on a 2-vCPU machine took 15-18% less with one (`--v8-pool-size=1`, medians
 * of 6-8 interleaved runs). Node takes that option only when it starts, so a scanning command that has no
 * cache to start from, and so much to parse, runs in a child node started with it. The child costs about
 * 60-140 ms; a run with a cache gains nothing from fewer threads and is left alone, as is a run whose
 * node flags the user chose. FLOWAUDIT_RESPAWN=0 turns it off, and FLOWAUDIT_RESPAWN=1 does it for any
 * scanning command (to test it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const POOL_FLAG = '--v8-pool-size=1';
/** Set in the child, so that it never starts another. */
const RESPAWNED = 'FLOWAUDIT_RESPAWNED';
/** Commands that do not scan. */
const LIGHT_COMMANDS = new Set(['validate', 'rules', 'explain', 'help']);
const HELP_OR_VERSION = new Set(['--help', '-h', '--version', '-V']);

export interface LaunchContext {
  /** The arguments after the script (`process.argv.slice(2)`). */
  args: readonly string[];
  execArgv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  cpus: number;
  cwd: string;
}

const isDirectory = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};
const scanCacheIn = (dir: string): boolean => existsSync(join(dir, '.flowaudit-cache', 'scan-files.json'));

/**
 * Whether to run in a child with `POOL_FLAG`: a scanning command (audit, the default, scan or graph), with
 * node's default flags, on at most two CPUs, and no cache to start from (`--no-cache`, or a folder named
 * in the arguments, else the working directory, without one). A wrong guess costs only speed.
 */
export function shouldRespawn(context: LaunchContext): boolean {
  const { args, env } = context;
  if (env.FLOWAUDIT_RESPAWN === '0' || env[RESPAWNED] || context.execArgv.length > 0 || (env.NODE_OPTIONS ?? '').includes('v8-pool-size')) return false;
  const command = args.find((a) => !a.startsWith('-'));
  if ((command !== undefined && LIGHT_COMMANDS.has(command)) || args.some((a) => HELP_OR_VERSION.has(a))) return false;
  if (env.FLOWAUDIT_RESPAWN === '1') return true;
  if (context.cpus > 2) return false;
  if (args.includes('--no-cache')) return true;
  const folders = args.filter((a) => !a.startsWith('-')).map((a) => resolve(context.cwd, a)).filter(isDirectory);
  return (folders.length > 0 ? folders : [context.cwd]).some((dir) => !scanCacheIn(dir));
}

/**
 * Runs the same command in a child node with `POOL_FLAG` and ends this process as the child ended.
 * Returns only when the child could not be started: the command then runs in this process.
 */
export function runInChild(script: string, args: readonly string[]): void {
  const child = spawnSync(process.execPath, [POOL_FLAG, script, ...args], { stdio: 'inherit', env: { ...process.env, [RESPAWNED]: '1' } });
  if (child.error) return;
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status ?? 2);
}
