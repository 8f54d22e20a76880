import { canonicalReport } from './common.js';
import { formatHtml } from './html.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import type { AuditReport, FormatOptions, Formatter } from './types.js';

export type ReportFormat = 'stylish' | 'json' | 'sarif' | 'markdown' | 'html';

/** Canonical JSON (SPEC section 7): sorted arrays, fixed key order, byte-identical for the same input. */
export const formatJson: Formatter = (report) => `${JSON.stringify(canonicalReport(report), null, 2)}\n`;

const formatters: Record<ReportFormat, Formatter> = {
  json: formatJson,
  stylish: (report, options) => formatStylish(canonicalReport(report), options),
  sarif: formatSarif,
  markdown: (report, options) => formatMarkdown(canonicalReport(report), options),
  html: (report, options) => formatHtml(canonicalReport(report), options),
};

export function formatReport(report: AuditReport, format: ReportFormat, options: FormatOptions): string {
  return formatters[format](report, options);
}
