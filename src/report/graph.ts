import type { AuditReport } from './types.js';

export type GraphFormat = 'mermaid' | 'dot' | 'svg';

/** `flowaudit graph`. (Stub: replaced by the report work.) */
export function formatGraph(_report: AuditReport, _format: GraphFormat): string {
  return '';
}
