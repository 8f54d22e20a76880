/** The business sells or shares but offers no "Do Not Sell or Share" link and no frictionless GPC. */
import { defineRule } from '../define.js';
import { hasFrictionlessGpc, levelFor, mapEntryOf, mapRootEntry, saleShareFlows, vendorNames } from '../evidence.js';

export const optOutMechanism = defineRule({
  id: 'ccpa/opt-out-mechanism',
  defaultSeverity: 'error',
  title: 'Sales or sharing without an opt-out link or frictionless GPC',
  citation: 'Cal. Civ. Code §1798.135(a), (b); 11 CCR §7026(a)',
  description: 'Sale/share flows exist but the data-map declares neither a "Do Not Sell or Share" link nor frictionless processing of GPC.',
  evaluate(ctx) {
    const flows = saleShareFlows(ctx.flows);
    if (flows.length === 0) return [];
    // §1798.135(a): a link (or the alternative "Your Privacy Choices" link); §1798.135(b): or honour the
    // preference signal frictionlessly instead.
    const link = ctx.map.opt_out.mechanisms.some((m) => m.type === 'link' || m.type === 'alternative_link');
    if (link || hasFrictionlessGpc(ctx.map)) return [];
    const vendors = vendorNames(ctx, flows.map((f) => f.to));
    const first = ctx.map.opt_out.mechanisms[0];
    return [
      {
        level: levelFor(flows),
        message:
          `Personal information is sold or shared (${vendors}) but the data-map declares no "Do Not Sell or Share My Personal Information" ` +
          `link and no frictionless GPC; add a mechanism of type link or alternative_link, or a gpc mechanism with frictionless: true`,
        mapEntry: first ? mapEntryOf(first, 'opt_out.mechanisms') : mapRootEntry(ctx.map, 'opt_out'),
      },
    ];
  },
});
