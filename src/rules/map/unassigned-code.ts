/** A file with vendor call sites matches no system's paths. */
import type { CallSite } from '../../scan/types.js';
import { defineRule } from '../define.js';
import { vendorNames } from '../evidence.js';
import type { RuleReport } from '../types.js';

export const unassignedCode = defineRule({
  id: 'map/unassigned-code',
  defaultSeverity: 'warning',
  title: 'A file with call sites belongs to no system',
  citation: '—',
  description: "A file that sends data to vendors matches no system's paths, so its flows cannot be declared.",
  evaluate(ctx) {
    const reports: RuleReport[] = [];
    const files = [...new Set(ctx.scan.filesWithCallSites.filter((f) => f.system === 'unassigned').map((f) => f.file))].sort();
    const sitesByFile = new Map<string, CallSite[]>();
    for (const site of ctx.scan.callSites) {
      const list = sitesByFile.get(site.file);
      if (list) list.push(site);
      else sitesByFile.set(site.file, [site]);
    }
    for (const file of files) {
      const sites = (sitesByFile.get(file) ?? []).sort((a, b) => a.line - b.line || a.column - b.column);
      const first = sites[0];
      reports.push({
        level: 'full',
        message:
          `${file} sends data to ${sites.length > 0 ? vendorNames(ctx, sites.map((s) => s.vendor)) : 'vendors'} but matches no system's paths; ` +
          `add it to a system's paths in the data-map so its flows can be declared and checked`,
        // Stable fingerprint per file: not tied to the line of the first call.
        code: { file, line: first?.line ?? 1, column: first?.column ?? 1, enclosingFunction: '<file>', callText: '' },
        system: 'unassigned',
      });
    }
    return reports;
  },
});
