/** `flowaudit graph`: the data-flow diagram as Mermaid, Graphviz DOT or SVG — the same graph in each. */
import { buildDiagram, COLORS, nodeLabel } from './diagram.js';
import { formatMermaid } from './mermaid.js';
import { renderSvg } from './svg.js';
import type { AuditReport } from './types.js';

export type GraphFormat = 'mermaid' | 'dot' | 'svg';

/** A DOT double-quoted string: `\` and `"` escaped (so `\N`, `\G`, `\l` lose their meaning), no line breaks. */
export function dotString(text: string): string {
  return `"${text.replace(/[\\"]/g, (ch) => `\\${ch}`).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')}"`;
}

export function formatDot(report: AuditReport): string {
  const { nodes, edges } = buildDiagram(report);
  const lines = [
    'digraph flowaudit {',
    '  rankdir=LR;',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (const node of nodes) {
    const system = node.kind === 'system';
    const style = [system ? 'rounded' : '', 'filled', node.declared ? '' : 'dashed'].filter(Boolean).join(',');
    const stroke = node.problem ? COLORS.violation : system ? COLORS.systemStroke : COLORS.vendorStroke;
    lines.push(
      `  ${dotString(node.key)} [label=${dotString(nodeLabel(node))}, style=${dotString(style)}, fillcolor="${system ? COLORS.systemFill : COLORS.vendorFill}", color="${stroke}", fontcolor="${system ? COLORS.systemText : COLORS.vendorText}"${node.problem ? ', penwidth=2.5' : ''}];`,
    );
  }
  for (const edge of edges) {
    const color = edge.violation ? COLORS.violation : COLORS.edge;
    lines.push(
      `  ${dotString(edge.from)} -> ${dotString(edge.to)} [label=${dotString(edge.label)}, tooltip=${dotString(edge.flowId)}, color="${color}", fontcolor="${color}"${edge.violation ? ', penwidth=2.5' : ''}${edge.declared ? '' : ', style=dashed'}];`,
    );
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

export function formatGraph(report: AuditReport, format: GraphFormat): string {
  switch (format) {
    case 'mermaid':
      return formatMermaid(report);
    case 'dot':
      return formatDot(report);
    case 'svg':
      return renderSvg(report);
  }
}
