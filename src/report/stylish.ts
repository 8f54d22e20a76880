/** `--format stylish`: ESLint-style terminal output, grouped by file, then a summary and a hint. */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Severity } from '../rules/types.js';
import { asideCounts, findingFile, pathFromWorkingDirectory, plural, problemCount, topRule } from './common.js';
import { neutralizeBidi, sanitizeTerminal } from './text.js';
import type { AuditReport, Finding, Formatter } from './types.js';

/** Text from code or the map, made inert for a terminal: one line, no control sequences, no bidi reordering. */
const inert = (text: string): string => neutralizeBidi(sanitizeTerminal(text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ')));

function paintSeverity(c: ChalkInstance, severity: Severity, text: string): string {
  return severity === 'error' ? c.red(text) : severity === 'warning' ? c.yellow(text) : c.blue(text);
}

/** Findings by file, each path from the working directory so that a terminal can open it. */
function groupByFile(report: AuditReport): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const file = pathFromWorkingDirectory(report, findingFile(report, f));
    const group = groups.get(file);
    if (group) group.push(f);
    else groups.set(file, [f]);
  }
  return groups;
}

export const formatStylish: Formatter = (report, { color }) => {
  const c = new Chalk({ level: color ? 1 : 0 });
  const aside = asideCounts(report);
  if (report.findings.length === 0) {
    const seen = `${plural(report.summary.flows, 'flow')}, ${plural(report.summary.callSites, 'call site')} in ${plural(report.summary.files, 'file')}`;
    return `${c.green('✔')} No problems: ${seen}${aside.length > 0 ? ` (${aside.join(', ')})` : ''}\n`;
  }

  const locationWidth = Math.max(...report.findings.map((f) => `${f.line}:${f.column}`.length));
  const severityWidth = Math.max(...report.findings.map((f) => f.severity.length));
  const messageWidth = Math.min(100, Math.max(...report.findings.map((f) => inert(f.message).length)));
  const indent = ' '.repeat(2 + locationWidth + 2 + severityWidth + 2);
  const lines: string[] = [];
  for (const [file, findings] of groupByFile(report)) {
    lines.push(c.underline(inert(file)));
    for (const f of findings) {
      const message = inert(f.message);
      lines.push(
        `  ${c.dim(`${f.line}:${f.column}`.padEnd(locationWidth))}  ${paintSeverity(c, f.severity, f.severity.padEnd(severityWidth))}  ${message.padEnd(messageWidth)}  ${c.dim(inert(f.ruleId))}`,
      );
      if (f.via && f.via.length > 0) {
        const path = f.via.map((v) => `${inert(v.function)} (${inert(pathFromWorkingDirectory(report, v.file))}:${v.line}:${v.column})`).join(' → ');
        lines.push(c.dim(`${indent}via ${path}`));
      }
    }
    lines.push('');
  }

  const { errors, warnings } = report.summary;
  const mark = errors > 0 ? c.red.bold : warnings > 0 ? c.yellow.bold : c.blue.bold;
  lines.push(mark(`✖ ${problemCount(report)}`));
  if (aside.length > 0) lines.push(c.dim(`  ${aside.join(', ')}`));
  const top = topRule(report.findings);
  if (top) lines.push('', `Most important: ${inert(top.ruleId)} (${plural(top.count, 'finding')}). Run ${c.bold(`flowaudit explain ${inert(top.ruleId)}`)} for the law and the fix.`);
  return `${lines.join('\n')}\n`;
};
