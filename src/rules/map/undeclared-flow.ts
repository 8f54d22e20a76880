/** Code sends to a declared vendor from a system that has no declared flow to it. */
import { defineRule } from '../define.js';
import { be, capitalize, categoryList, codeOf, siteCategories, systemName, vendorName } from '../evidence.js';
import type { RuleReport } from '../types.js';

export const undeclaredFlow = defineRule({
  id: 'map/undeclared-flow',
  defaultSeverity: 'error',
  title: 'Code sends data to a declared vendor along an undeclared flow',
  citation: 'Cal. Civ. Code §1798.100(a)',
  description: 'A call site sends personal information to a vendor the map declares, from a system with no declared flow to that vendor.',
  evaluate(ctx) {
    const reports: RuleReport[] = [];
    for (const flow of ctx.flows) {
      if (flow.declared || !flow.recipientDeclared) continue;
      for (const site of flow.callSites) {
        // §1798.100(a): what is collected and for which purposes must be disclosed; an unmapped flow has
        // neither purposes nor categories on record.
        reports.push({
          level: 'full',
          message:
            `${capitalize(categoryList(siteCategories(ctx, site)))} ${be(site.categories)} sent to ${vendorName(ctx, flow.to)} from ` +
            `${systemName(ctx, flow.from)}, but the data-map declares no flow ${flow.id}; add it under flows with its categories, purposes and consideration`,
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
