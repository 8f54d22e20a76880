/** The data-flow diagram as a Mermaid flowchart (markdown reports and `flowaudit graph --format mermaid`). */
import { buildDiagram, COLORS, nodeLabel, type DiagramNode } from './diagram.js';
import { neutralizeBidi, sanitizeTerminal } from './text.js';
import type { AuditReport } from './types.js';

/**
 * A label for inside `"..."`: every character outside a small safe set becomes a Mermaid entity code
 * (`#60;`), so a name from code or the map can neither end the label or the code fence (backticks) nor
 * inject markup into the rendered SVG; control and bidi characters are shown, not obeyed.
 */
export function mermaidLabel(text: string): string {
  let out = '';
  for (const ch of neutralizeBidi(sanitizeTerminal(text))) out += /[A-Za-z0-9 _.,:/()+-]/.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return `"${out}"`;
}

/** Node ids: letters, digits and `_` only, prefixed by kind so no id is a keyword (`end`) or edge syntax. */
function nodeIds(nodes: readonly DiagramNode[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const node of nodes) {
    const base = `${node.kind === 'system' ? 's' : 'v'}_${node.id.replace(/[^A-Za-z0-9]/g, '_').slice(0, 40)}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(node.key, id);
  }
  return ids;
}

export function formatMermaid(report: AuditReport): string {
  const { nodes, edges } = buildDiagram(report);
  const lines = ['flowchart LR'];
  if (nodes.length === 0) {
    lines.push(`  empty[${mermaidLabel('no data flows found')}]`);
    return `${lines.join('\n')}\n`;
  }
  const ids = nodeIds(nodes);
  for (const node of nodes) {
    const label = mermaidLabel(nodeLabel(node));
    lines.push(`  ${ids.get(node.key)}${node.kind === 'system' ? `(${label})` : `[${label}]`}`);
  }
  for (const edge of edges) {
    const arrow = edge.declared ? '-->' : '-.->';
    lines.push(`  ${ids.get(edge.from)} ${arrow}|${mermaidLabel(edge.label)}| ${ids.get(edge.to)}`);
  }
  lines.push(
    `  classDef system fill:${COLORS.systemFill},stroke:${COLORS.systemStroke},color:${COLORS.systemText}`,
    `  classDef vendor fill:${COLORS.vendorFill},stroke:${COLORS.vendorStroke},color:${COLORS.vendorText}`,
    '  classDef undeclared stroke-dasharray:5 3',
    `  classDef problem stroke:${COLORS.violation},stroke-width:3px`,
  );
  const byClass = (name: string, members: DiagramNode[]): void => {
    if (members.length > 0) lines.push(`  class ${members.map((n) => ids.get(n.key)).join(',')} ${name}`);
  };
  byClass('system', nodes.filter((n) => n.kind === 'system'));
  byClass('vendor', nodes.filter((n) => n.kind === 'vendor'));
  byClass('undeclared', nodes.filter((n) => !n.declared));
  byClass('problem', nodes.filter((n) => n.problem !== undefined));
  const violating = edges.flatMap((e, index) => (e.violation ? [index] : []));
  if (violating.length > 0) lines.push(`  linkStyle ${violating.join(',')} stroke:${COLORS.violation},stroke-width:3px,color:${COLORS.violation}`);
  return `${lines.join('\n')}\n`;
}
