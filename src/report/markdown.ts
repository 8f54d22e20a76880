/**
 * `--format markdown`: for a pull-request comment or `$GITHUB_STEP_SUMMARY`. Every string from code or the
 * map goes through `escapeMarkdown`; tables are capped so a comment stays under GitHub's size limit.
 */
import type { Flow } from '../flows/types.js';
import type { Severity } from '../rules/types.js';
import { asideCounts, classLabel, findingFile, flowReason, pathFromWorkingDirectory, plural, problemCount, topRule, uriPath } from './common.js';
import { formatMermaid } from './mermaid.js';
import { escapeMarkdown } from './text.js';
import type { AuditReport, Finding, FormatOptions, Formatter } from './types.js';

export const REPORT_MARKER = '<!-- flowaudit-report -->';

/** Rows per table: GitHub comments hold 65,536 characters. */
export const MAX_TABLE_ROWS = 100;
/** Mermaid's defaults (`maxTextSize` 50,000, `maxEdges` 500), which GitHub keeps: beyond them it renders an error. */
const MERMAID_MAX_TEXT = 50_000;
const MERMAID_MAX_EDGES = 500;
/** Findings tables longer than this are folded into `<details>`. */
const OPEN_FINDINGS_ROWS = 15;

const SEVERITY_MARK: Record<Severity, string> = { error: '🔴 error', warning: '🟡 warning', info: '🔵 info' };

const md = escapeMarkdown;
const code = (text: string): string => `<code>${md(text)}</code>`;

/** A link to `file#Lline`: relative to the working directory, or under `linkBase` when given. */
function fileLink(report: AuditReport, file: string, line: number, options: FormatOptions): string {
  const path = pathFromWorkingDirectory(report, file);
  const target = `${options.linkBase ? `${options.linkBase.replace(/\/+$/, '')}/` : ''}${uriPath(path)}#L${line}`;
  return `[${md(`${path}:${line}`)}](${safeUrl(target)})`;
}

/** A link destination that cannot end early: parentheses, angle brackets and spaces percent-encoded. */
function safeUrl(url: string): string {
  return url.replace(/[()<>\s"']/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A table of at most MAX_TABLE_ROWS rows; only the rows shown are rendered. */
function table<T>(header: string[], items: readonly T[], toRow: (item: T) => string[], noun: string): string[] {
  const shown = items.slice(0, MAX_TABLE_ROWS);
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...shown.map((item) => `| ${toRow(item).join(' | ')} |`)];
  if (items.length > shown.length) lines.push('', `… and ${plural(items.length - shown.length, noun)} more: see the SARIF or JSON report.`);
  return lines;
}

function details(summary: string, body: string[], open = false): string[] {
  return [`<details${open ? ' open' : ''}><summary>${summary}</summary>`, '', ...body, '', '</details>', ''];
}

function findingRow(report: AuditReport, options: FormatOptions, withSuppression: boolean): (f: Finding) => string[] {
  const docs = new Map(report.rules.map((r) => [r.id, r.docsUrl]));
  return (f) => {
    const via = f.via && f.via.length > 0 ? `<br><sub>via ${f.via.map((v) => `${code(v.function)} ${fileLink(report, v.file, v.line, options)}`).join(' → ')}</sub>` : '';
    const docsUrl = docs.get(f.ruleId);
    const rule = docsUrl ? `[${code(f.ruleId)}](${safeUrl(docsUrl)})` : code(f.ruleId);
    const suppression = f.suppressed ? [f.suppressed.kind === 'baseline' ? 'baseline' : `comment${f.suppressed.reason ? `: ${md(f.suppressed.reason)}` : ''}`] : [];
    return [SEVERITY_MARK[f.severity], fileLink(report, findingFile(report, f), f.line, options), rule, `${md(f.message)}${via}`, ...(withSuppression ? suppression : [])];
  };
}

function flowRow(flow: Flow): string[] {
  const gated = flow.callSites.filter((s) => s.gated).length;
  const sites = flow.callSites.length === 0 ? '0' : `${flow.callSites.length} (${gated} gated)`;
  const list = (items: readonly string[]): string => (items.length === 0 ? '—' : items.map(code).join(' '));
  const undeclared = new Set(flow.undeclaredCategories);
  const categories = flow.categories.filter((c) => !undeclared.has(c));
  const notInMap = flow.undeclaredCategories.length > 0 ? ` · **not in the map:** ${list(flow.undeclaredCategories)}` : '';
  return [
    code(flow.id),
    `**${md(classLabel(flow.class))}**`,
    md(flowReason(flow)),
    flow.declared ? 'yes' : '**no**',
    `${list(categories)}${notInMap}`,
    list(flow.purposes),
    sites,
  ];
}

export const formatMarkdown: Formatter = (report, options) => {
  const { summary } = report;
  const clean = report.findings.length === 0;
  const headline = clean ? '✔ flowaudit: no problems' : `${summary.errors > 0 ? '✖' : '⚠'} flowaudit: ${problemCount(report)}`;
  const counts = [plural(summary.flows, 'flow'), plural(summary.callSites, 'call site'), plural(summary.files, 'file'), ...asideCounts(report)];
  // The marker lets a comment action find and update its previous comment instead of adding one per push.
  const out = [REPORT_MARKER, `### ${headline}`, '', counts.join(' · '), ''];
  const top = topRule(report.findings);
  if (top) out.push(`Start with ${code(top.ruleId)} (${plural(top.count, 'finding')}): run ${code(`flowaudit explain ${top.ruleId}`)}.`, '');

  const diagram = formatMermaid(report).trimEnd();
  out.push('#### Data flows', '');
  if (diagram.length > MERMAID_MAX_TEXT || report.flows.length > MERMAID_MAX_EDGES) {
    out.push(`The diagram of ${plural(report.flows.length, 'flow')} is too large for Mermaid; ${code('flowaudit graph --format svg')} draws it.`, '');
  } else {
    out.push('```mermaid', diagram, '```', '');
    if (report.flows.length > 0) out.push('Edges show the class of each flow; red edges carry a finding, dashed ones are not in the data-map.', '');
  }

  if (!clean) {
    const rows = table(['Severity', 'Location', 'Rule', 'Message'], report.findings, findingRow(report, options, false), 'finding');
    if (report.findings.length <= OPEN_FINDINGS_ROWS) out.push('#### Findings', '', ...rows, '');
    else out.push(...details(`Findings (${report.findings.length})`, rows, true));
  }
  if (report.flows.length > 0) {
    out.push(...details(`Flow inventory (${plural(report.flows.length, 'flow')})`, table(['Flow', 'Class', 'Why', 'Declared', 'Categories', 'Purposes', 'Call sites'], report.flows, flowRow, 'flow')));
  }
  if (report.suppressedFindings.length > 0) {
    const rows = table(['Severity', 'Location', 'Rule', 'Message', 'Set aside by'], report.suppressedFindings, findingRow(report, options, true), 'finding');
    out.push(...details(`Suppressed and baselined (${report.suppressedFindings.length})`, rows));
  }
  if (report.unresolved.length > 0) {
    const rows = table(['Location', 'Call', 'Why'], report.unresolved, (u) => [fileLink(report, u.file, u.line, options), code(u.call), md(u.reason)], 'destination');
    out.push(...details(`Unresolved destinations (${report.unresolved.length})`, rows));
  }
  if (report.skipped.length > 0) {
    const rows = table(['File', 'Why'], report.skipped, (s) => [code(pathFromWorkingDirectory(report, s.file)), md(s.reason)], 'file');
    out.push(...details(`Skipped files (${report.skipped.length})`, rows));
  }
  out.push(`<sub>${md(`${report.tool.name} ${report.tool.version}`)} · data-map ${report.dataMap.map(code).join(', ') || '—'}</sub>`);
  return `${out.join('\n')}\n`;
};
