/** Code sends personal information to a vendor the data-map does not declare. */
import { defineRule } from '../define.js';
import { be, capitalize, categoryList, codeOf, siteCategories, systemName, vendorName } from '../evidence.js';
import type { RuleReport } from '../types.js';

export const undeclaredVendor = defineRule({
  id: 'map/undeclared-vendor',
  defaultSeverity: 'error',
  title: 'Code sends data to a vendor the data-map does not declare',
  citation: 'Cal. Civ. Code §1798.100(a); §1798.130(a)(5)',
  description: 'A call site sends personal information to a vendor that is not in the data-map, so no notice, contract or opt-out covers it.',
  evaluate(ctx) {
    const reports: RuleReport[] = [];
    for (const flow of ctx.flows) {
      if (flow.recipientDeclared) continue;
      for (const site of flow.callSites) {
        if (site.declaredVendor) continue;
        // §1798.100(a), §1798.130(a)(5): the notices must name what is collected and to whom it goes; an
        // unmapped vendor is a recipient no notice or contract accounts for.
        reports.push({
          level: 'full',
          message:
            `${capitalize(categoryList(siteCategories(ctx, site)))} ${be(site.categories)} sent to ${vendorName(ctx, site.vendor)} ` +
            `from ${systemName(ctx, site.system)}, but the data-map does not declare this vendor (treated as ${flow.class.replace('_', ' ')}); ` +
            `add it under vendors with its role and contract, and a flow from ${site.system}`,
          code: codeOf(site),
          flow: flow.id,
          vendor: site.vendor,
          system: site.system,
        });
      }
    }
    return reports;
  },
});
