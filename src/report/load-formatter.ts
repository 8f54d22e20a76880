import { canonicalFormatter, formatJson } from './common.js';
import type { ReportFormat } from './index.js';
import type { Formatter } from './types.js';

/** Each format's module is loaded only when asked for: html alone pulls in the graph layout. */
const loaders: Record<ReportFormat, () => Promise<Formatter>> = {
  json: async () => formatJson,
  stylish: async () => canonicalFormatter((await import('./stylish.js')).formatStylish),
  sarif: async () => (await import('./sarif.js')).formatSarif,
  markdown: async () => canonicalFormatter((await import('./markdown.js')).formatMarkdown),
  html: async () => canonicalFormatter((await import('./html.js')).formatHtml),
};

export function loadFormatter(format: ReportFormat): Promise<Formatter> {
  return loaders[format]();
}
