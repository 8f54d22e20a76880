import { canonicalFormatter, formatJson } from './common.js';
import { formatHtml } from './html.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import type { AuditReport, FormatOptions, Formatter } from './types.js';

export type ReportFormat = 'stylish' | 'json' | 'sarif' | 'markdown' | 'html';
export { formatJson };

/** Every formatter, loaded at once (library and test use; the CLI loads one through `load-formatter.ts`). */
const formatters: Record<ReportFormat, Formatter> = {
  json: formatJson,
  stylish: canonicalFormatter(formatStylish),
  sarif: formatSarif,
  markdown: canonicalFormatter(formatMarkdown),
  html: canonicalFormatter(formatHtml),
};

export function formatReport(report: AuditReport, format: ReportFormat, options: FormatOptions): string {
  return formatters[format](report, options);
}
