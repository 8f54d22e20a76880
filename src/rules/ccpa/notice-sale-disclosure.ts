/**
 * The privacy policy must disclose what is sold or shared, to which kinds of third parties, and link the
 * opt-out. One finding per policy and problem; missing categories are listed together in one finding.
 */
import type { Notice } from '../../data-map/types.js';
import type { Flow } from '../../flows/types.js';
import { defineRule } from '../define.js';
import { categoryList, hasFrictionlessGpc, isPlural, levelFor, listCovers, mapEntryOf, mapRootEntry, saleShareFlows, vendorNames } from '../evidence.js';
import type { RuleContext, RuleReport } from '../types.js';

/** The sale/share flows a policy speaks for: those of systems that list it, and of systems that list no policy. */
function flowsCoveredBy(ctx: RuleContext, policy: Notice, policies: readonly Notice[], flows: readonly Flow[]): Flow[] {
  const policyIds = new Set(policies.map((p) => p.id));
  return flows.filter((flow) => {
    const system = ctx.map.systems.find((s) => s.id === flow.from);
    const listed = system?.notices.filter((n) => policyIds.has(n)) ?? [];
    return listed.length === 0 || listed.includes(policy.id);
  });
}

function vendorsOf(ctx: RuleContext, flows: readonly Flow[]): string {
  return vendorNames(ctx, flows.map((f) => f.to));
}

export const noticeSaleDisclosure = defineRule({
  id: 'ccpa/notice-sale-disclosure',
  defaultSeverity: 'error',
  title: 'The privacy policy does not disclose what is sold or shared',
  citation: 'Cal. Civ. Code §1798.120(b); §1798.130(a)(5); §1798.135(a)',
  description:
    'Sale/share flows exist and the privacy policy omits a sold/shared category, names no third-party types, or links no opt-out (unless GPC is frictionless).',
  evaluate(ctx) {
    const flows = saleShareFlows(ctx.flows);
    if (flows.length === 0) return [];
    const policies = ctx.map.notices.filter((n) => n.type === 'privacy_policy');
    if (policies.length === 0) {
      return [
        {
          level: levelFor(flows),
          message: `Personal information is sold or shared (${vendorsOf(ctx, flows)}) but the data-map declares no privacy_policy notice; add one that discloses the categories sold or shared`,
          mapEntry: mapRootEntry(ctx.map, 'notices'),
        },
      ];
    }
    const reports: RuleReport[] = [];
    const linkIds = new Set(ctx.map.opt_out.mechanisms.filter((m) => m.type === 'link' || m.type === 'alternative_link').map((m) => m.id));
    for (const policy of policies) {
      const covered = flowsCoveredBy(ctx, policy, policies, flows);
      if (covered.length === 0) continue;
      const { sold, shared, third_parties } = policy.discloses;
      if (sold.length === 0 && shared.length === 0) {
        // §1798.130(a)(5)(C): the policy must list the categories sold or shared; an empty list says "we do not sell".
        reports.push({
          level: levelFor(covered),
          message:
            `Privacy policy ${policy.id} says nothing is sold or shared, but personal information is sold or shared with ${vendorsOf(ctx, covered)}; ` +
            `list the categories under discloses.sold / discloses.shared`,
          mapEntry: mapEntryOf(policy, `${policy.path}.discloses`),
        });
      } else {
        const disclosed = [...sold, ...shared];
        const missing = new Map<string, Flow[]>();
        for (const flow of covered) {
          for (const category of flow.categories) {
            if (listCovers(ctx.taxonomy, disclosed, category)) continue;
            missing.set(category, [...(missing.get(category) ?? []), flow]);
          }
        }
        if (missing.size > 0) {
          const keys = [...missing.keys()].sort();
          const missingFlows = [...new Set([...missing.values()].flat())];
          reports.push({
            level: levelFor(missingFlows),
            message:
              `Privacy policy ${policy.id} does not list ${categoryList(keys, 6)} as sold or shared, but ${isPlural(keys) ? 'they are' : 'it is'} ` +
              `sold or shared with ${vendorsOf(ctx, missingFlows)}; add ${keys.join(', ')} (or ${keys.length > 1 ? 'their statutory categories' : 'its statutory category'}) to discloses.sold or discloses.shared`,
            mapEntry: mapEntryOf(policy, `${policy.path}.discloses.sold`),
          });
        }
      }
      if (third_parties.length === 0) {
        // §1798.130(a)(5)(C): the categories of third parties to whom personal information is sold or shared.
        reports.push({
          level: levelFor(covered),
          message: `Privacy policy ${policy.id} names no categories of third parties, but personal information is sold or shared with ${vendorsOf(ctx, covered)}; list them under discloses.third_parties (e.g. advertising networks)`,
          mapEntry: mapEntryOf(policy, `${policy.path}.discloses.third_parties`),
        });
      }
      // §1798.135(a): a "Do Not Sell or Share" (or alternative) link, unless GPC is honoured frictionlessly (§1798.135(b)).
      if (!policy.links.some((id) => linkIds.has(id)) && !hasFrictionlessGpc(ctx.map)) {
        reports.push({
          level: levelFor(covered),
          message: `Privacy policy ${policy.id} links no "Do Not Sell or Share My Personal Information" link while personal information is sold or shared; add a link or alternative_link mechanism to its links`,
          mapEntry: mapEntryOf(policy, `${policy.path}.links`),
        });
      }
    }
    return reports;
  },
});
