/**
 * The command line: the only module that reads argv, writes stdout/stderr and sets the exit code.
 * Exit codes (SPEC section 1): 0 clean, 1 findings at or above --fail-on, 2 could not run.
 */
import { Command, CommanderError, Option } from 'commander';
import { toolVersion } from '../package-root.js';
import { UsageError } from '../errors.js';
import { runCommand, type CommandName } from './commands.js';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_CANNOT_RUN = 2;

function buildProgram(setExit: (code: number) => void): Command {
  const run = (name: CommandName, opts: Record<string, unknown>): Promise<void> => runCommand(name, opts).then(setExit);
  const program = new Command('flowaudit')
    .description('Audit personal-data flows to vendors against a data-map and California privacy law (CCPA/CPRA).')
    .version(toolVersion, '-V, --version')
    .showHelpAfterError('(run flowaudit --help for usage)')
    .exitOverride();

  const common = (cmd: Command, formats: string[]): Command =>
    cmd
      .option('--map <file|dir>', 'data-map file or directory (default: <root>/datamap.yaml, then <root>/.flowaudit/)')
      .addOption(new Option('--format <format>', 'output format').choices(formats))
      .option('--output <file>', 'write the report to a file instead of stdout')
      .option('--no-color', 'disable colours')
      .option('--quiet', 'print nothing but the report')
      .option('--verbose', 'explain more on stderr');

  const auditOptions = (cmd: Command): Command =>
    cmd
      .addOption(new Option('--fail-on <level>', 'lowest severity that makes the exit code 1').choices(['error', 'warning', 'none']).default('error'))
      .option('--rule <id=level>', 'set a rule to off|info|warning|error (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
      .option('--baseline <file>', 'only findings not in this baseline count')
      .option('--write-baseline <file>', 'record the current findings as a baseline')
      .option('--changed-since <git-ref>', 'report only findings in files changed since the ref')
      .option('--jobs <n>', 'threads for the scan, the main one included (default: one per physical core)')
      .option('--timing', 'include stage timings in the report')
      .option('--no-cache', 'do not read or write .flowaudit-cache/')
      .option('--link-base <url>', 'prefix for file links in markdown/html (default in GitHub Actions: the commit on github)');

  auditOptions(common(program.command('audit', { isDefault: true }).argument('[root]', 'project root', '.'), ['stylish', 'json', 'sarif', 'markdown', 'html']))
    .description('scan the code, evaluate the rules and report (the default command)')
    .action((root: string, opts: Record<string, unknown>) => run('audit', { root, ...opts }));

  common(program.command('validate').argument('[root]', "project root for checking the map's globs (default: the map's folder with --map, else .)"), ['stylish', 'json'])
    .description('load and validate the data-map only')
    .action((root: string, opts: Record<string, unknown>) => run('validate', { root, ...opts }));

  common(program.command('scan').argument('[root]', 'project root', '.'), ['stylish', 'json'])
    .option('--jobs <n>', 'threads for the scan, the main one included (default: one per physical core)')
    .option('--no-cache', 'do not read or write .flowaudit-cache/')
    .description('list the vendor call sites found in code (no rules; works without a data-map)')
    .action((root: string, opts: Record<string, unknown>) => run('scan', { root, ...opts }));

  common(program.command('rules'), ['stylish', 'json'])
    .description('list the rules: id, severity, title, citation')
    .action((opts: Record<string, unknown>) => run('rules', opts));

  program
    .command('explain')
    .argument('<rule-id>', 'a rule id, e.g. ccpa/opt-out-gate')
    .option('--no-color', 'disable colours')
    .description("print the rule's documentation")
    .action((ruleId: string, opts: Record<string, unknown>) => run('explain', { ruleId, ...opts }));

  common(program.command('graph').argument('[root]', 'project root', '.'), ['mermaid', 'dot', 'svg'])
    .option('--jobs <n>', 'threads for the scan, the main one included (default: one per physical core)')
    .option('--no-cache', 'do not read or write .flowaudit-cache/')
    .description('print the data-flow diagram (systems -> vendors)')
    .action((root: string, opts: Record<string, unknown>) => run('graph', { root, ...opts }));

  return program;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = EXIT_CLEAN;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_CLEAN;
      return EXIT_CANNOT_RUN; // commander already printed the message
    }
    if (error instanceof UsageError) {
      process.stderr.write(`flowaudit: ${error.message}\n`);
      return EXIT_CANNOT_RUN;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`flowaudit: internal error: ${message}\n`);
    if (process.env.FLOWAUDIT_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    return EXIT_CANNOT_RUN;
  }
}

process.exitCode = await main(process.argv);
