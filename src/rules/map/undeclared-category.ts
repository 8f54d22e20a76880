/** Code sends a category that the declared flow does not list. */
import { defineRule } from '../define.js';
import { be, capitalize, categoryList, codeOf, isPlural, vendorName } from '../evidence.js';
import type { RuleReport } from '../types.js';

export const undeclaredCategory = defineRule({
  id: 'map/undeclared-category',
  defaultSeverity: 'warning',
  title: 'Code sends a category the declared flow does not list',
  citation: 'Cal. Civ. Code §1798.100(c); 11 CCR §7002',
  description: 'A call site of a declared flow sends a data category that the flow in the data-map does not declare.',
  evaluate(ctx) {
    const reports: RuleReport[] = [];
    for (const flow of ctx.flows) {
      if (!flow.declared || flow.undeclaredCategories.length === 0) continue;
      const undeclared = new Set(flow.undeclaredCategories);
      for (const site of flow.callSites) {
        const extra = site.categories.filter((c) => undeclared.has(c));
        if (extra.length === 0) continue;
        // §1798.100(c), §7002: collection and use must stay within what was disclosed and is necessary.
        reports.push({
          level: 'full',
          message:
            `${capitalize(categoryList(extra))} ${be(extra)} sent to ${vendorName(ctx, flow.to)}, but flow ${flow.id} does not declare ` +
            `${extra.join(', ')}; add ${isPlural(extra) ? 'them' : 'it'} to the flow's categories or stop sending ${isPlural(extra) ? 'them' : 'it'}`,
          code: codeOf(site),
          flow: flow.id,
          vendor: flow.to,
          system: flow.from,
        });
      }
    }
    return reports;
  },
});
