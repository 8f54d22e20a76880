/**
 * `--format html`: one self-contained file — no network, no external script, style or font. The diagram is
 * inline SVG, findings are filterable by a small inline script, and a Content-Security-Policy admits only
 * that script and style, by hash, so nothing injected through a name from code or the map could run.
 */
import { createHash } from 'node:crypto';
import type { Flow } from '../flows/types.js';
import type { Severity } from '../rules/types.js';
import type { CallSite } from '../scan/types.js';
import { asideCounts, classLabel, findingFile, flowReason, pathFromWorkingDirectory, plural, problemCount, topRule, uriPath } from './common.js';
import { renderSvg } from './svg.js';
import { escapeHtmlText } from './text.js';
import type { AuditReport, Finding, FormatOptions, Formatter } from './types.js';

const STYLE = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --bg-soft: #f6f8fa; --error: #cf222e; --warning: #9a6700; --info: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.5 ui-sans-serif, system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg); background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
.headline { font-size: 16px; font-weight: 600; margin: 4px 0; }
.headline.error { color: var(--error); } .headline.warning { color: var(--warning); } .headline.clean { color: #1a7f37; }
.muted, .counts { color: var(--muted); }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg-soft); padding: 1px 4px; border-radius: 4px; word-break: break-word; }
.diagram { overflow: auto; border: 1px solid var(--border); border-radius: 6px; padding: 8px; background: #fff; }
.legend { font-size: 12px; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--border); }
th { background: var(--bg-soft); font-weight: 600; }
tr[hidden] { display: none; }
.sev { font-weight: 600; white-space: nowrap; }
.sev.error { color: var(--error); } .sev.warning { color: var(--warning); } .sev.info { color: var(--info); }
code.undeclared { color: var(--error); background: #ffebe9; }
td.rule, td.loc > code, td.loc > a > code { white-space: nowrap; }
svg.flowaudit-diagram g.edge { cursor: pointer; }
.via { font-size: 12px; color: var(--muted); margin-top: 2px; }
.filters { display: flex; flex-wrap: wrap; gap: 16px; align-items: center; margin: 8px 0; }
.filters label { white-space: nowrap; }
details { margin: 8px 0; } summary { cursor: pointer; font-weight: 600; }
footer { margin-top: 40px; font-size: 12px; color: var(--muted); }
`;

const SCRIPT = `
(function () {
  var table = document.getElementById('findings-table');
  if (!table) return;
  var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr'));
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-filter-severity]'));
  var rule = document.getElementById('rule-filter');
  var shown = document.getElementById('shown-count');
  var empty = document.getElementById('no-match');
  var flowFilter = document.getElementById('flow-filter');
  var flowName = document.getElementById('flow-filter-name');
  var flow = '';
  function apply() {
    var severities = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var visible = 0;
    rows.forEach(function (row) {
      var show = severities.indexOf(row.getAttribute('data-severity')) >= 0 &&
        (!rule.value || row.getAttribute('data-rule') === rule.value) &&
        (!flow || row.getAttribute('data-flow') === flow);
      row.hidden = !show;
      if (show) visible++;
    });
    shown.textContent = visible + ' of ' + rows.length + ' shown';
    empty.hidden = visible !== 0;
    flowFilter.hidden = !flow;
    flowName.textContent = flow;
  }
  boxes.concat([rule]).forEach(function (el) { el.addEventListener('change', apply); });
  // A click on a diagram edge shows that flow's findings; the button clears it.
  Array.prototype.slice.call(document.querySelectorAll('svg.flowaudit-diagram g.edge')).forEach(function (edge) {
    edge.addEventListener('click', function () {
      flow = edge.getAttribute('data-flow') || '';
      apply();
      table.scrollIntoView();
    });
  });
  document.getElementById('flow-filter-clear').addEventListener('click', function () { flow = ''; apply(); });
  apply();
})();
`;

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Only the inline script and style above, by hash; nothing may load from anywhere, not even this file's folder. */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; script-src ${sha256(SCRIPT)}; style-src ${sha256(STYLE)}; base-uri 'none'; form-action 'none'`;

const h = escapeHtmlText;
const code = (text: string): string => `<code>${h(text)}</code>`;

function location(report: AuditReport, file: string, line: number, column: number, options: FormatOptions): string {
  const path = pathFromWorkingDirectory(report, file);
  const text = code(`${path}:${line}:${column}`);
  // Without a base URL a relative link would resolve against wherever the html file is saved: show text only.
  return options.linkBase ? `<a href="${h(`${options.linkBase.replace(/\/+$/, '')}/${uriPath(path)}#L${line}`)}">${text}</a>` : text;
}

function findingRow(report: AuditReport, f: Finding, options: FormatOptions, docs: Map<string, string>): string {
  const via =
    f.via && f.via.length > 0
      ? `<div class="via">via ${f.via.map((v) => `${code(v.function)} ${location(report, v.file, v.line, v.column, options)}`).join(' → ')}</div>`
      : '';
  const docsUrl = docs.get(f.ruleId);
  const rule = docsUrl ? `<a href="${h(docsUrl)}">${code(f.ruleId)}</a>` : code(f.ruleId);
  const aside = f.suppressed ? `<td>${f.suppressed.kind === 'baseline' ? 'baseline' : `comment${f.suppressed.reason ? `: ${h(f.suppressed.reason)}` : ''}`}</td>` : '';
  const related = f.flow ? `<div class="via">flow ${code(f.flow)}</div>` : '';
  return `<tr data-severity="${f.severity}" data-rule="${h(f.ruleId)}" data-flow="${h(f.flow ?? '')}"><td class="sev ${f.severity}">${f.severity}</td><td class="loc">${location(report, findingFile(report, f), f.line, f.column, options)}</td><td class="rule">${rule}</td><td>${h(f.message)}${via}${related}<div class="via">${h(f.citation)}</div></td>${aside}</tr>`;
}

function findingsSection(report: AuditReport, options: FormatOptions, docs: Map<string, string>): string {
  if (report.findings.length === 0) return '<h2 id="findings">Findings</h2><p class="muted">No problems found.</p>';
  const count = (s: Severity): number => report.findings.filter((f) => f.severity === s).length;
  const boxes = (['error', 'warning', 'info'] as const)
    .filter((s) => count(s) > 0)
    .map((s) => `<label><input type="checkbox" data-filter-severity value="${s}" checked> ${plural(count(s), s)}</label>`)
    .join('');
  const rules = [...new Set(report.findings.map((f) => f.ruleId))].sort();
  const select = `<label>Rule <select id="rule-filter"><option value="">all rules</option>${rules.map((r) => `<option value="${h(r)}">${h(r)}</option>`).join('')}</select></label>`;
  return [
    '<h2 id="findings">Findings</h2>',
    `<div class="filters">${boxes}${select}<span id="flow-filter" hidden>Flow <code id="flow-filter-name"></code> <button type="button" id="flow-filter-clear">show all flows</button></span><span id="shown-count" class="muted"></span></div>`,
    '<table id="findings-table"><thead><tr><th>Severity</th><th>Location</th><th>Rule</th><th>Message</th></tr></thead><tbody>',
    ...report.findings.map((f) => findingRow(report, f, options, docs)),
    '</tbody></table>',
    '<p id="no-match" class="muted" hidden>No finding matches the filters.</p>',
  ].join('\n');
}

const list = (items: readonly string[]): string => (items.length === 0 ? '—' : items.map(code).join(' '));

function flowRow(flow: Flow): string {
  const gated = flow.callSites.filter((s) => s.gated).length;
  const role = flow.role ? (flow.effectiveRole && flow.effectiveRole !== flow.role ? `${flow.role} → ${flow.effectiveRole}` : flow.role) : '—';
  const undeclared = new Set(flow.undeclaredCategories);
  const categories = flow.categories.map((c) => (undeclared.has(c) ? `<code class="undeclared" title="sent in code, not declared in the map">${h(c)}</code>` : code(c)));
  return `<tr data-flow="${h(flow.id)}"><td>${code(flow.id)}</td><td><strong>${h(classLabel(flow.class))}</strong></td><td>${h(flowReason(flow))}</td><td>${flow.declared ? 'yes' : '<strong>no</strong>'}</td><td>${h(role.replace(/_/g, ' '))}</td><td>${categories.join(' ') || '—'}</td><td>${list(flow.purposes)}</td><td>${flow.callSites.length} (${gated} gated)</td></tr>`;
}

function callSiteRow(report: AuditReport, flow: Flow, site: CallSite, options: FormatOptions): string {
  const via = site.via.length > 0 ? `<div class="via">via ${site.via.map((v) => code(v.function)).join(' → ')}</div>` : '';
  const gate = site.gated ? `${h(site.gate)}${site.guards.length > 0 ? `: ${site.guards.map(code).join(' ')}` : ''}` : '<strong>not gated</strong>';
  return `<tr><td>${code(flow.id)}</td><td>${location(report, site.file, site.line, site.column, options)}${via}</td><td>${code(site.api)}</td><td>${list(site.categories)}</td><td>${gate}</td></tr>`;
}

function inventorySection(report: AuditReport, options: FormatOptions): string {
  if (report.flows.length === 0) return '<h2 id="inventory">Flow inventory</h2><p class="muted">No flows.</p>';
  const sites = report.flows.flatMap((flow) => flow.callSites.map((site) => callSiteRow(report, flow, site, options)));
  return [
    '<h2 id="inventory">Flow inventory</h2>',
    '<table id="flows-table"><thead><tr><th>Flow</th><th>Class</th><th>Why</th><th>Declared</th><th>Role</th><th>Categories</th><th>Purposes</th><th>Call sites</th></tr></thead><tbody>',
    ...report.flows.map(flowRow),
    '</tbody></table>',
    ...(sites.length > 0
      ? [
          `<details><summary>Call sites (${sites.length})</summary>`,
          '<table id="call-sites-table"><thead><tr><th>Flow</th><th>Location</th><th>Call</th><th>Categories</th><th>Gate</th></tr></thead><tbody>',
          ...sites,
          '</tbody></table></details>',
        ]
      : []),
  ].join('\n');
}

function asideSections(report: AuditReport, options: FormatOptions, docs: Map<string, string>): string {
  const parts: string[] = [];
  if (report.suppressedFindings.length > 0) {
    parts.push(
      `<details id="suppressed"><summary>Suppressed and baselined (${report.suppressedFindings.length})</summary>`,
      '<table><thead><tr><th>Severity</th><th>Location</th><th>Rule</th><th>Message</th><th>Set aside by</th></tr></thead><tbody>',
      ...report.suppressedFindings.map((f) => findingRow(report, f, options, docs)),
      '</tbody></table></details>',
    );
  }
  if (report.unresolved.length > 0) {
    parts.push(
      `<details id="unresolved"><summary>Unresolved destinations (${report.unresolved.length})</summary>`,
      '<table><thead><tr><th>Location</th><th>Call</th><th>Why</th></tr></thead><tbody>',
      ...report.unresolved.map((u) => `<tr><td>${location(report, u.file, u.line, u.column, options)}</td><td>${code(u.call)}</td><td>${h(u.reason)}</td></tr>`),
      '</tbody></table></details>',
    );
  }
  if (report.skipped.length > 0) {
    parts.push(
      `<details id="skipped"><summary>Skipped files (${report.skipped.length})</summary>`,
      '<table><thead><tr><th>File</th><th>Why</th></tr></thead><tbody>',
      ...report.skipped.map((s) => `<tr><td>${code(pathFromWorkingDirectory(report, s.file))}</td><td>${h(s.reason)}</td></tr>`),
      '</tbody></table></details>',
    );
  }
  const active = report.rules.filter((r) => r.severity !== 'off');
  if (active.length > 0) {
    parts.push(
      `<details id="rules"><summary>Rules (${active.length})</summary>`,
      '<table><thead><tr><th>Rule</th><th>Severity</th><th>Title</th><th>Law</th></tr></thead><tbody>',
      ...active.map((r) => `<tr><td><a href="${h(r.docsUrl)}">${code(r.id)}</a></td><td>${h(r.severity)}</td><td>${h(r.title)}</td><td>${h(r.citation)}</td></tr>`),
      '</tbody></table></details>',
    );
  }
  return parts.join('\n');
}

export const formatHtml: Formatter = (report, options) => {
  const { summary } = report;
  const docs = new Map(report.rules.map((r) => [r.id, r.docsUrl]));
  const headlineClass = summary.errors > 0 ? 'error' : summary.warnings > 0 ? 'warning' : report.findings.length > 0 ? '' : 'clean';
  const headline = report.findings.length === 0 ? '✔ No problems' : `${summary.errors > 0 ? '✖' : '⚠'} ${problemCount(report)}`;
  const counts = [plural(summary.flows, 'flow'), plural(summary.callSites, 'call site'), plural(summary.files, 'file'), ...asideCounts(report)].join(' · ');
  const top = topRule(report.findings);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${h(CONTENT_SECURITY_POLICY)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>flowaudit report: ${h(headline)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    '<h1>flowaudit report</h1>',
    `<p class="headline ${headlineClass}">${h(headline)}</p>`,
    `<p class="counts">${h(counts)}</p>`,
    top ? `<p>Start with ${code(top.ruleId)}: <code>flowaudit explain ${h(top.ruleId)}</code> explains the law and the fix.</p>` : '',
    '</header>',
    '<h2 id="diagram">Data flows</h2>',
    `<div class="diagram">${renderSvg(report, { idPrefix: 'flowaudit-' }).trimEnd()}</div>`,
    '<p class="legend">Rounded boxes are the business’s systems, square boxes vendors; dashed means not in the data-map. Edges show each flow’s class; red edges and outlines carry an error or warning. Click an edge to see its findings.</p>',
    findingsSection(report, options, docs),
    inventorySection(report, options),
    asideSections(report, options, docs),
    `<footer>${h(`${report.tool.name} ${report.tool.version}`)} · root ${code(report.root)} · data-map ${report.dataMap.map(code).join(', ') || '—'}</footer>`,
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
};
