/** A file the scanner could not read: its vendor calls are a blind spot. */
import { defineRule } from '../define.js';
import type { RuleReport } from '../types.js';

export const skippedFile = defineRule({
  id: 'tool/skipped-file',
  defaultSeverity: 'warning',
  title: 'A file could not be scanned',
  citation: '—',
  description: 'The scanner skipped a file (syntax error, too large, binary, unreadable), so its vendor calls are not audited.',
  evaluate(ctx) {
    const reports: RuleReport[] = [];
    const skipped = [...ctx.scan.skipped].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    for (const { file, reason } of skipped) {
      reports.push({
        level: 'full',
        message: `${file} was not scanned (${reason}); any vendor calls in it are not audited — fix the file or exclude it in the data-map's scan.exclude`,
        code: { file, line: 1, column: 1, enclosingFunction: '<file>', callText: '' },
      });
    }
    return reports;
  },
});
