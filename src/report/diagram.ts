/**
 * The data-flow diagram as a graph model (systems -> vendors, one edge per flow), shared by the Mermaid,
 * Graphviz and SVG renderings so that all three show the same thing.
 */
import type { FlowClass } from '../flows/types.js';
import type { Severity } from '../rules/types.js';
import { classLabel, compareText, worstSeverity } from './common.js';
import type { AuditReport } from './types.js';

export type NodeKind = 'system' | 'vendor';

export interface DiagramNode {
  /** `system:<id>` or `vendor:<id>`: a system and a vendor may share an id. */
  key: string;
  id: string;
  kind: NodeKind;
  /** The vendor is declared in the map (always true for systems). */
  declared: boolean;
  /** Worst active finding about this system or vendor that names no flow. */
  problem?: Severity;
}

export interface DiagramEdge {
  flowId: string;
  from: string;
  to: string;
  flowClass: FlowClass;
  label: string;
  declared: boolean;
  callSites: number;
  /** Worst active error or warning on this flow: either draws the edge red. */
  violation?: Severity;
}

export interface Diagram {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

const systemKey = (id: string): string => `system:${id}`;
const vendorKey = (id: string): string => `vendor:${id}`;

export function buildDiagram(report: AuditReport): Diagram {
  const systemIds = new Set(report.flows.map((f) => f.from));
  for (const f of report.flows) if (f.class === 'internal') systemIds.add(f.to);
  const nodes = new Map<string, DiagramNode>();
  const addNode = (node: DiagramNode): void => {
    if (!nodes.has(node.key)) nodes.set(node.key, node);
  };

  // Active errors and warnings, by the flow they concern or, for those without a flow, by vendor or system.
  const byFlow = new Map<string, Severity[]>();
  const byNode = new Map<string, Severity[]>();
  const note = (map: Map<string, Severity[]>, key: string, severity: Severity): void => {
    const list = map.get(key);
    if (list) list.push(severity);
    else map.set(key, [severity]);
  };
  for (const f of report.findings) {
    if (f.severity === 'info') continue;
    if (f.flow !== undefined) note(byFlow, f.flow, f.severity);
    else if (f.vendor !== undefined) note(byNode, vendorKey(f.vendor), f.severity);
    else if (f.system !== undefined) note(byNode, systemKey(f.system), f.severity);
  }

  const edges: DiagramEdge[] = [];
  for (const flow of report.flows) {
    // The recipient is one of the business's systems for internal flows, and for any flow whose recipient
    // has no vendor role but is a known system (e.g. an exempt flow between two systems).
    const toSystem = flow.class === 'internal' || (flow.role === undefined && flow.recipientDeclared && systemIds.has(flow.to));
    addNode({ key: systemKey(flow.from), id: flow.from, kind: 'system', declared: true });
    const toKey = toSystem ? systemKey(flow.to) : vendorKey(flow.to);
    addNode({ key: toKey, id: flow.to, kind: toSystem ? 'system' : 'vendor', declared: toSystem || flow.recipientDeclared });
    const violation = worstSeverity(byFlow.get(flow.id) ?? []);
    edges.push({
      flowId: flow.id,
      from: systemKey(flow.from),
      to: toKey,
      flowClass: flow.class,
      label: classLabel(flow.class),
      declared: flow.declared,
      callSites: flow.callSites.length,
      ...(violation ? { violation } : {}),
    });
  }

  for (const node of nodes.values()) {
    const problem = worstSeverity(byNode.get(node.key) ?? []);
    if (problem) node.problem = problem;
  }

  const sortedNodes = [...nodes.values()].sort((a, b) => (a.kind === b.kind ? compareText(a.id, b.id) : a.kind === 'system' ? -1 : 1));
  edges.sort((a, b) => compareText(a.flowId, b.flowId) || compareText(a.to, b.to));
  return { nodes: sortedNodes, edges };
}

/** Longest id a diagram node shows in full; the whole id stays in the tooltip and the tables. */
const MAX_LABEL_ID = 48;

/** The label shown in a node: the id (shortened when very long), marked when the map does not declare the vendor. */
export function nodeLabel(node: DiagramNode): string {
  const chars = [...node.id];
  const id = chars.length > MAX_LABEL_ID ? `${chars.slice(0, MAX_LABEL_ID - 1).join('')}…` : node.id;
  return node.declared ? id : `${id} (undeclared)`;
}

/** Colours shared by the renderings (GitHub Primer palette: readable on light and dark backgrounds). */
export const COLORS = {
  violation: '#cf222e',
  edge: '#57606a',
  systemFill: '#ddf4ff',
  systemStroke: '#0969da',
  systemText: '#0a3069',
  vendorFill: '#fff8c5',
  vendorStroke: '#9a6700',
  vendorText: '#3d2e00',
} as const;
