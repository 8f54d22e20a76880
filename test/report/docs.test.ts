import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readRepoFile } from './helpers.js';

const ciDoc = readRepoFile('docs/ci.md');

/** The fenced blocks of a markdown document with the given info string. */
function blocks(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)\\n```', 'g'))].map((m) => m[1]!);
}

/** Every `flowaudit …` command line in a text. */
function flowauditCommands(text: string): string[] {
  return [...text.matchAll(/flowaudit (audit[^\n"]*)/g)].map((m) => m[1]!.trim());
}

/** Options the CLI defines for `audit` (src/cli/main.ts), e.g. `--fail-on`, `--no-cache`. */
function cliOptions(): Set<string> {
  return new Set([...readRepoFile('src/cli/main.ts').matchAll(/['(]\s*(--[a-z-]+)/g)].map((m) => m[1]!));
}

type Step = { uses?: string; run?: string; if?: string; with?: Record<string, unknown> };

const yamlBlocks = blocks(ciDoc, 'yaml').map((text) => parse(text) as Record<string, unknown>);
const github = yamlBlocks.find((b) => 'jobs' in b) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
const gitlab = yamlBlocks.find((b) => 'flowaudit' in b) as { flowaudit: { script: string[]; artifacts: { when: string; paths: string[] } } };
const precommit = yamlBlocks.find((b) => 'repos' in b) as { repos: { repo: string; hooks: Record<string, unknown>[] }[] };

describe('docs/ci.md', () => {
  it('has three YAML examples that parse: GitHub Actions, GitLab CI, pre-commit', () => {
    expect(yamlBlocks).toHaveLength(3);
    expect(github).toBeDefined();
    expect(gitlab).toBeDefined();
    expect(precommit).toBeDefined();
  });

  it('GitHub Actions: writes SARIF, uploads that file with upload-sarif, writes the job summary, gates', () => {
    expect(Object.keys(github.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
    expect(github.permissions['security-events']).toBe('write');
    const steps = github.jobs.flowaudit!.steps;
    const sarifStep = steps.find((s) => s.run?.includes('--format sarif'))!;
    const output = /--output (\S+)/.exec(sarifStep.run!)![1];
    expect(sarifStep.run).toContain('--fail-on none');
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with!.sarif_file).toBe(output);
    expect(upload.if).toContain('!cancelled()');
    expect(steps.indexOf(upload)).toBeGreaterThan(steps.indexOf(sarifStep));
    const summary = steps.find((s) => s.run?.includes('$GITHUB_STEP_SUMMARY'))!;
    expect(summary.run).toContain('--format markdown');
    expect(summary.run).toContain('--fail-on error');
    expect(summary.run).toMatch(/exit "\$status"/);
  });

  it('GitLab CI: runs flowaudit as the gate and keeps the reports as artifacts even on failure', () => {
    const job = gitlab.flowaudit;
    expect(job.script.at(-1)).toMatch(/^npx flowaudit audit .*--fail-on error$/);
    expect(job.artifacts.when).toBe('always');
    const written = job.script.flatMap((line) => /--output (\S+)/.exec(line)?.[1] ?? []);
    expect([...job.artifacts.paths].sort()).toEqual([...written].sort());
  });

  it('pre-commit: a local hook that audits the whole project, reporting changed files', () => {
    const hook = precommit.repos[0]!.hooks[0]!;
    expect(precommit.repos[0]!.repo).toBe('local');
    expect(hook.entry).toBe('npx --no-install flowaudit audit --changed-since HEAD --fail-on error');
    expect(hook.pass_filenames).toBe(false);
    expect(hook.language).toBe('system');
    expect(new RegExp(hook.files as string).test('src/checkout.tsx')).toBe(true);
    expect(new RegExp(hook.files as string).test('datamap.yaml')).toBe(true);
  });

  it('uses only options and formats the CLI has', () => {
    const known = cliOptions();
    const commands = flowauditCommands(ciDoc);
    expect(commands.length).toBeGreaterThanOrEqual(10);
    for (const command of commands) {
      for (const flag of command.match(/--[a-z-]+/g) ?? []) expect(known, `${flag} in "${command}"`).toContain(flag);
      const format = /--format (\S+)/.exec(command)?.[1];
      if (format) expect(['stylish', 'json', 'sarif', 'markdown', 'html']).toContain(format);
    }
  });
});
