/**
 * Each command: options in, report out, exit code back. Only this folder touches the process.
 *
 * Start-up time counts (a CI step runs flowaudit on every push): each command imports the pipeline and
 * the reporters it needs when it runs, so that `--version`, `rules`, `explain` and `validate` never load
 * the scanner and the TypeScript compiler. Only types and the small CLI helpers are imported statically.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AuditOptions } from '../audit.js';
import { didYouMean } from '../data-map/suggest.js';
import { UsageError } from '../errors.js';
import type { Rule, SeveritySetting } from '../rules/types.js';
import type { ReportFormat } from '../report/index.js';
import type { GraphFormat } from '../report/graph.js';
import { readBaseline, writeBaseline } from './baseline-file.js';
import { writeOutput } from './output.js';

export type CommandName = 'audit' | 'validate' | 'scan' | 'rules' | 'explain' | 'graph';

interface CliOptions {
  root?: string;
  ruleId?: string;
  map?: string;
  format?: string;
  output?: string;
  color?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  failOn?: 'error' | 'warning' | 'none';
  rule?: string[];
  baseline?: string;
  writeBaseline?: string;
  changedSince?: string;
  jobs?: string;
  timing?: boolean;
  cache?: boolean;
  linkBase?: string;
}

const LEVELS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

function useColor(options: CliOptions): boolean {
  if (options.color === false || process.env.NO_COLOR !== undefined) return false;
  if (options.output) return false;
  return Boolean(process.stdout.isTTY) || process.env.FORCE_COLOR !== undefined;
}

function resolveRoot(options: CliOptions): string {
  const root = resolve(process.cwd(), options.root ?? '.');
  if (!existsSync(root)) throw new UsageError(`root "${options.root}" does not exist`);
  if (!statSync(root).isDirectory()) throw new UsageError(`root "${options.root}" is a file; give the project folder`);
  return root;
}

function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--jobs takes a whole number from 1 to 64, not "${value}"`);
  return n;
}

/** The rule registry; it loads every rule module, so only the commands that need it ask. */
async function loadRules(): Promise<readonly Rule[]> {
  return (await import('../rules/index.js')).rules;
}

function parseRuleOverrides(rules: readonly Rule[], values: string[] = []): Record<string, SeveritySetting> {
  const known = new Set(rules.map((r) => r.id));
  const overrides: Record<string, SeveritySetting> = {};
  for (const value of values) {
    const eq = value.lastIndexOf('=');
    const id = eq > 0 ? value.slice(0, eq) : '';
    const level = eq > 0 ? value.slice(eq + 1) : '';
    if (!id || !LEVELS.includes(level as SeveritySetting)) {
      throw new UsageError(`--rule takes <rule-id>=off|info|warning|error, not "${value}"`);
    }
    if (!known.has(id)) throw new UsageError(`--rule: unknown rule "${id}"${ruleHint(id, [...known])}; flowaudit rules lists them`);
    overrides[id] = level as SeveritySetting;
  }
  return overrides;
}

function exitFor(report: { findings: { severity: string }[] }, failOn: CliOptions['failOn']): number {
  if (failOn === 'none') return 0;
  const failing = failOn === 'warning' ? ['error', 'warning'] : ['error'];
  return report.findings.some((f) => failing.includes(f.severity)) ? 1 : 0;
}


async function audit(options: CliOptions): Promise<number> {
  const root = resolveRoot(options);
  const [{ runAudit }, { loadFormatter }, rules] = await Promise.all([import('../audit.js'), import('../report/load-formatter.js'), loadRules()]);
  const format = (options.format ?? 'stylish') as ReportFormat;
  const auditOptions: AuditOptions = {
    root,
    cwd: process.cwd(),
    map: options.map,
    ruleOverrides: parseRuleOverrides(rules, options.rule),
    jobs: parseJobs(options.jobs),
    cache: options.cache !== false,
    timing: Boolean(options.timing),
    baseline: options.baseline ? readBaseline(resolve(process.cwd(), options.baseline)) : undefined,
    changedFiles: options.changedSince ? (await import('./git.js')).changedFilesSince(root, options.changedSince) : undefined,
    onProgress: progressReporter(options),
  };
  const report = await runAudit(auditOptions);
  if (options.writeBaseline) writeBaseline(resolve(process.cwd(), options.writeBaseline), report, options.writeBaseline);
  const linkBase = options.linkBase ?? githubLinkBase();
  const formatter = await loadFormatter(format);
  writeOutput(options.output, formatter(report, { color: useColor(options), ...(linkBase ? { linkBase } : {}) }));
  return exitFor(report, options.failOn);
}

/** In GitHub Actions, file links in markdown/html point at the commit being checked. */
function githubLinkBase(): string | undefined {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA } = process.env;
  return GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_SHA ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/blob/${GITHUB_SHA}` : undefined;
}

function progressReporter(options: CliOptions): ((done: number, total: number) => void) | undefined {
  if (options.quiet || !process.stderr.isTTY) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done !== total && now - last < 100) return;
    last = now;
    process.stderr.write(`\rflowaudit: scanning ${done}/${total} files${done === total ? '\n' : ''}`);
  };
}

async function validate(options: CliOptions): Promise<number> {
  // Without a root, a map given with --map is checked against its own folder, where its globs point.
  const mapFolder = options.map && existsSync(options.map) && statSync(options.map).isFile() ? dirname(options.map) : options.map;
  const root = resolveRoot({ ...options, root: options.root ?? mapFolder ?? '.' });
  const [{ loadDataMap, checkGlobs }, { formatProblems, formatValidation }] = await Promise.all([
    import('../data-map/load.js'),
    import('../report/problems.js'),
  ]);
  const result = loadDataMap({ map: options.map, root, cwd: process.cwd() });
  const color = useColor(options);
  const format = options.format === 'json' ? 'json' : 'stylish';
  if (!result.ok) {
    writeOutput(options.output, formatProblems(result.problems, format, color));
    return 2;
  }
  const warnings = [...result.warnings, ...checkGlobs(result.map, root)];
  writeOutput(options.output, formatValidation(result.map, warnings, format, color));
  return 0;
}

async function scan(options: CliOptions): Promise<number> {
  const root = resolveRoot(options);
  const [{ runScan }, { formatInventory }] = await Promise.all([import('../audit.js'), import('../report/inventory.js')]);
  const result = await runScan({
    root,
    cwd: process.cwd(),
    map: options.map,
    jobs: parseJobs(options.jobs),
    cache: options.cache !== false,
    onProgress: progressReporter(options),
  });
  const format = options.format === 'json' ? 'json' : 'stylish';
  writeOutput(options.output, formatInventory(result, format, useColor(options)));
  return 0;
}

async function graph(options: CliOptions): Promise<number> {
  const root = resolveRoot(options);
  const [{ runAudit }, { formatGraph }] = await Promise.all([import('../audit.js'), import('../report/graph.js')]);
  const report = await runAudit({
    root,
    cwd: process.cwd(),
    map: options.map,
    ruleOverrides: {},
    jobs: parseJobs(options.jobs),
    cache: options.cache !== false,
    timing: false,
    onProgress: progressReporter(options),
  });
  writeOutput(options.output, formatGraph(report, (options.format ?? 'mermaid') as GraphFormat));
  return 0;
}

async function rulesCommand(options: CliOptions): Promise<number> {
  const [rules, { formatRuleList }] = await Promise.all([loadRules(), import('../report/rule-list.js')]);
  writeOutput(options.output, formatRuleList(rules, options.format === 'json' ? 'json' : 'stylish', useColor(options)));
  return 0;
}

/** ` (did you mean "ccpa/opt-out-gate"?)` for a typo or for a rule named without its namespace. */
function ruleHint(id: string, ids: readonly string[]): string {
  const byName = ids.filter((known) => known.endsWith(`/${id}`));
  const hint = byName.length === 1 ? `did you mean "${byName[0]}"?` : didYouMean(id, ids);
  return hint ? ` (${hint})` : '';
}

async function explain(options: CliOptions): Promise<number> {
  const [rules, { ruleDocPath }] = await Promise.all([loadRules(), import('../rules/docs.js')]);
  const rule = rules.find((r) => r.id === options.ruleId);
  if (!rule) {
    const id = options.ruleId ?? '';
    throw new UsageError(`unknown rule "${id}"${ruleHint(id, rules.map((r) => r.id))}; known rules: ${rules.map((r) => r.id).join(', ')}`);
  }
  process.stdout.write(readFileSync(ruleDocPath(rule.id), 'utf8'));
  return 0;
}

export async function runCommand(name: CommandName, raw: Record<string, unknown>): Promise<number> {
  const options = raw as CliOptions;
  try {
    switch (name) {
      case 'audit':
        return await audit(options);
      case 'validate':
        return await validate(options);
      case 'scan':
        return await scan(options);
      case 'graph':
        return await graph(options);
      case 'rules':
        return await rulesCommand(options);
      case 'explain':
        return await explain(options);
    }
  } catch (error) {
    if (error instanceof UsageError && error.problems.length > 0) {
      const { formatProblems } = await import('../report/problems.js');
      process.stderr.write(formatProblems(error.problems, 'stylish', useColor(options)));
    }
    throw error;
  }
}

