import type { AuditReport, Formatter } from './types.js';

export type ReportFormat = 'stylish' | 'json' | 'sarif' | 'markdown' | 'html';

/** Canonical JSON: stable key order comes from construction; arrays are sorted upstream. */
export const formatJson: Formatter = (report) => `${JSON.stringify(report, null, 2)}\n`;

const formatters: Record<ReportFormat, Formatter> = {
  json: formatJson,
  stylish: formatJson,
  sarif: formatJson,
  markdown: formatJson,
  html: formatJson,
};

export function formatReport(report: AuditReport, format: ReportFormat, options: { color: boolean }): string {
  return formatters[format](report, options);
}
