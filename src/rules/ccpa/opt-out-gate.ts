/** A call site of a sale/share flow that does not depend on the consumer's opt-out state. */
import type { DataMap } from '../../data-map/types.js';
import { defineRule } from '../define.js';
import { be, capitalize, categoryList, codeOf, optOutMechanisms, saleShareFlows, siteCategories, transferVerb, vendorName } from '../evidence.js';
import type { RuleReport } from '../types.js';

/**
 * A GPC-only gate honours the signal but not a consumer who opted out through the link; it is enough only
 * when the map's sole opt-out mechanism is frictionless GPC (§1798.135(b)), with no link to honour.
 */
function gpcOnlySuffices(map: DataMap): boolean {
  const mechanisms = optOutMechanisms(map);
  return mechanisms.length > 0 && mechanisms.every((m) => m.type === 'gpc' && m.frictionless === true);
}

export const optOutGate = defineRule({
  id: 'ccpa/opt-out-gate',
  defaultSeverity: 'error',
  title: "A sale or share call site does not check the consumer's opt-out",
  citation: 'Cal. Civ. Code §1798.120(a); §1798.135(c)(4)',
  description:
    "A call that sells or shares personal information runs without a check of the consumer's opt-out state (warning for possible sales and GPC-only checks).",
  evaluate(ctx) {
    const reports: RuleReport[] = [];
    const gpcOnlyOk = gpcOnlySuffices(ctx.map);
    for (const flow of saleShareFlows(ctx.flows)) {
      const vendor = vendorName(ctx, flow.to);
      for (const site of flow.callSites) {
        const gpcOnly = site.gate === 'gpc-only';
        // 'guard', 'restricted' (LDU / RDP: processed as a service provider, §1798.135(f)) and
        // 'vendor-opt-out' gates stop the transfer for an opted-out consumer.
        if (gpcOnly ? gpcOnlyOk : site.gated && site.gate !== 'none') continue;
        // An unmapped vendor's flow has no declared facts: each call keeps its own catalogue default, so
        // HubSpot's CRM API stays a possible sale while its tracking code is a share (SPEC section 5).
        const siteClass = flow.recipientDeclared ? flow.class : site.defaultClass;
        const keys = site.categories.length > 0 ? siteCategories(ctx, site) : flow.categories;
        const what = `${capitalize(categoryList(keys))} ${be(keys)}`;
        const verb = transferVerb(siteClass);
        // §1798.120(a), §1798.135(c)(4): after an opt-out the business must refrain from selling or sharing.
        const message = gpcOnly
          ? `${what} ${verb} ${vendor} checking only the Global Privacy Control signal; a consumer who opted out ` +
            `through the "Do Not Sell or Share" link is still sent — also check the stored opt-out state (opt_out.guards)`
          : `${what} ${verb} ${vendor} without checking the consumer's opt-out` +
            (siteClass !== 'possible_sale'
              ? ''
              : flow.recipientDeclared
                ? ' (a possible sale: consideration unknown)'
                : ' (a possible sale: the vendor is not in the data-map, so no contract is on record)') +
            `; run the call only when an opt-out guard (opt_out.guards, GPC) allows it`;
        reports.push({
          level: siteClass === 'possible_sale' || gpcOnly ? 'reduced' : 'full',
          message,
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
