/**
 * The data-flow diagram as inline SVG: positions from @dagrejs/dagre, shapes drawn here. Only presentation
 * attributes (no `style`), so it renders under the html report's strict Content-Security-Policy and as a
 * standalone file.
 */
import dagre from '@dagrejs/dagre';
import { buildDiagram, COLORS, nodeLabel, type DiagramEdge, type DiagramNode } from './diagram.js';
import { escapeHtmlText } from './text.js';
import type { AuditReport } from './types.js';

const FONT = 'ui-sans-serif, system-ui, -apple-system, &quot;Segoe UI&quot;, Helvetica, Arial, sans-serif';
const FONT_SIZE = 13;
const LABEL_FONT_SIZE = 11;
const NODE_HEIGHT = 36;
const NODE_PADDING_X = 16;

/** Width of a text without a browser: a generous per-character estimate (wide glyphs count double). */
function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) units += /[\u1100-\uffff]/.test(ch) ? 1.9 : /[A-Z@#%&MWmw]/.test(ch) ? 0.85 : 0.62;
  return Math.ceil(units * fontSize);
}

const num = (n: number): string => String(Math.round(n * 10) / 10);

type Point = { x: number; y: number };

/** A smooth path through dagre's edge points (the uniform B-spline d3's `curveBasis` draws). */
function basisPath(points: readonly Point[]): string {
  if (points.length === 0) return '';
  const [first] = points as [Point];
  let d = `M${num(first.x)},${num(first.y)}`;
  if (points.length === 1) return d;
  if (points.length === 2) return `${d}L${num(points[1]!.x)},${num(points[1]!.y)}`;
  let [x0, y0, x1, y1] = [first.x, first.y, points[1]!.x, points[1]!.y];
  d += `L${num((5 * x0 + x1) / 6)},${num((5 * y0 + y1) / 6)}`;
  const curveTo = (x: number, y: number): void => {
    d += `C${num((2 * x0 + x1) / 3)},${num((2 * y0 + y1) / 3)} ${num((x0 + 2 * x1) / 3)},${num((y0 + 2 * y1) / 3)} ${num((x0 + 4 * x1 + x) / 6)},${num((y0 + 4 * y1 + y) / 6)}`;
    [x0, y0, x1, y1] = [x1, y1, x, y];
  };
  for (const p of points.slice(2)) curveTo(p.x, p.y);
  curveTo(x1, y1);
  return `${d}L${num(x1)},${num(y1)}`;
}

export interface SvgOptions {
  /** Prefix for element ids (markers), unique within the page that embeds the SVG. */
  idPrefix?: string;
}

function nodeSvg(node: DiagramNode, x: number, y: number, width: number): string {
  const isSystem = node.kind === 'system';
  const stroke = node.problem ? COLORS.violation : isSystem ? COLORS.systemStroke : COLORS.vendorStroke;
  const label = nodeLabel(node);
  const problem = node.problem ? `; ${node.problem} findings` : '';
  return [
    `<g class="node ${node.kind}" data-id="${escapeHtmlText(node.id)}" data-kind="${node.kind}">`,
    `<title>${escapeHtmlText(`${isSystem ? 'system' : node.declared ? 'vendor' : 'undeclared vendor'} ${node.id}${problem}`)}</title>`,
    `<rect x="${num(x - width / 2)}" y="${num(y - NODE_HEIGHT / 2)}" width="${num(width)}" height="${NODE_HEIGHT}" rx="${isSystem ? 10 : 2}"`,
    ` fill="${isSystem ? COLORS.systemFill : COLORS.vendorFill}" stroke="${stroke}" stroke-width="${node.problem ? 2.5 : 1.2}"${node.declared ? '' : ' stroke-dasharray="5 3"'}/>`,
    `<text x="${num(x)}" y="${num(y)}" text-anchor="middle" dominant-baseline="central" font-size="${FONT_SIZE}" fill="${isSystem ? COLORS.systemText : COLORS.vendorText}">${escapeHtmlText(label)}</text>`,
    '</g>',
  ].join('');
}

function edgeSvg(edge: DiagramEdge, points: readonly Point[], labelAt: Point, labelWidth: number, prefix: string): string {
  const color = edge.violation ? COLORS.violation : COLORS.edge;
  const marker = edge.violation ? `${prefix}arrow-violation` : `${prefix}arrow`;
  const title = `${edge.flowId}: ${edge.label}${edge.declared ? '' : ' (undeclared flow)'}${edge.violation ? `; ${edge.violation} findings` : ''}; ${edge.callSites} call sites`;
  return [
    `<g class="edge${edge.violation ? ' violation' : ''}" data-flow="${escapeHtmlText(edge.flowId)}" data-class="${edge.flowClass}">`,
    `<title>${escapeHtmlText(title)}</title>`,
    `<path d="${basisPath(points)}" fill="none" stroke="${color}" stroke-width="${edge.violation ? 2.5 : 1.4}"${edge.declared ? '' : ' stroke-dasharray="6 4"'} marker-end="url(#${marker})"/>`,
    `<rect x="${num(labelAt.x - labelWidth / 2)}" y="${num(labelAt.y - 9)}" width="${num(labelWidth)}" height="18" rx="3" fill="#ffffff" fill-opacity="0.9"/>`,
    `<text x="${num(labelAt.x)}" y="${num(labelAt.y)}" text-anchor="middle" dominant-baseline="central" font-size="${LABEL_FONT_SIZE}" fill="${color}">${escapeHtmlText(edge.label)}</text>`,
    '</g>',
  ].join('');
}

export function renderSvg(report: AuditReport, options: SvgOptions = {}): string {
  const prefix = options.idPrefix ?? 'flowaudit-';
  const { nodes, edges } = buildDiagram(report);
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 110, edgesep: 14, marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));
  const widths = new Map(nodes.map((n) => [n.key, Math.max(80, textWidth(nodeLabel(n), FONT_SIZE) + 2 * NODE_PADDING_X)]));
  for (const node of nodes) graph.setNode(node.key, { width: widths.get(node.key)!, height: NODE_HEIGHT });
  const labelWidth = (e: DiagramEdge): number => textWidth(e.label, LABEL_FONT_SIZE) + 10;
  for (const edge of edges) graph.setEdge(edge.from, edge.to, { width: labelWidth(edge), height: 18, labelpos: 'c' }, edge.flowId);
  if (nodes.length > 0) dagre.layout(graph);

  const layout = graph.graph();
  const width = nodes.length > 0 ? Math.ceil(layout.width ?? 0) : 240;
  const height = nodes.length > 0 ? Math.ceil(layout.height ?? 0) : 40;
  const marker = (id: string, color: string): string =>
    `<marker id="${prefix}${id}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${color}"/></marker>`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="flowaudit-diagram" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Data-flow diagram: ${nodes.length} systems and vendors, ${edges.length} flows" font-family="${FONT}">`,
    `<defs>${marker('arrow', COLORS.edge)}${marker('arrow-violation', COLORS.violation)}</defs>`,
    // An opaque background: the colours are chosen for white, also in a dark-themed viewer.
    `<rect class="background" width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  if (nodes.length === 0) {
    parts.push(`<text x="${width / 2}" y="${height / 2}" text-anchor="middle" dominant-baseline="central" font-size="${FONT_SIZE}" fill="${COLORS.edge}">no data flows found</text>`);
  }
  // Edges first so that nodes are drawn over the arrow ends.
  for (const edge of edges) {
    const laid = graph.edge({ v: edge.from, w: edge.to, name: edge.flowId }) as { points?: Point[]; x?: number; y?: number };
    const points = laid.points ?? [];
    const middle = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
    parts.push(edgeSvg(edge, points, { x: laid.x ?? middle.x, y: laid.y ?? middle.y }, labelWidth(edge), prefix));
  }
  for (const node of nodes) {
    const laid = graph.node(node.key) as { x: number; y: number };
    parts.push(nodeSvg(node, laid.x, laid.y, widths.get(node.key)!));
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
