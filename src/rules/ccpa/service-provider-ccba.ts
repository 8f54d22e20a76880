/** A service provider or contractor used for cross-context behavioral advertising. */
import { isCrossContext } from '../../flows/classify.js';
import { defineRule } from '../define.js';
import { mapEntryOf, systemName, vendorName } from '../evidence.js';
import type { RuleReport } from '../types.js';

export const serviceProviderCcba = defineRule({
  id: 'ccpa/service-provider-ccba',
  defaultSeverity: 'error',
  title: 'A service provider or contractor is used for cross-context behavioral advertising',
  citation: 'Cal. Civ. Code §1798.140(e)(6); 11 CCR §7050(b)',
  description:
    'A flow to a vendor declared service_provider or contractor has a cross-context advertising purpose, which no service-provider contract can cover.',
  evaluate(ctx) {
    const reports: RuleReport[] = [];
    for (const flow of ctx.flows) {
      if (!flow.downgrades.some((d) => d.trigger === 'cross_context')) continue;
      // The map entry that names the purpose (a map may declare the same from -> to more than once).
      const entry =
        ctx.map.flows.find((f) => f.from === flow.from && f.to === flow.to && f.purposes.some((p) => isCrossContext(ctx.taxonomy, p))) ??
        (flow.mapIndex !== undefined ? ctx.map.flows[flow.mapIndex] : undefined);
      const vendor = ctx.map.vendors.find((v) => v.id === flow.to);
      const at = entry ?? vendor;
      if (!at) continue;
      const purposes = flow.purposes.filter((p) => isCrossContext(ctx.taxonomy, p));
      const role = flow.role === 'contractor' ? 'contractor' : 'service provider';
      // §1798.140(e)(6): advertising is a business purpose "except for cross-context behavioral advertising".
      reports.push({
        level: 'full',
        message:
          `${systemName(ctx, flow.from)} sends data to ${vendorName(ctx, flow.to)} for ${purposes.join(', ')}; cross-context behavioral advertising is never a ` +
          `business purpose, so the declared ${role} acts as a third party and the flow is a share — honour opt-outs for it, or drop the purpose`,
        mapEntry: mapEntryOf(at),
        flow: flow.id,
        vendor: flow.to,
        system: flow.from,
      });
    }
    return reports;
  },
});
