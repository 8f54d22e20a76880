/** Sale/share flows without Global Privacy Control handling. */
import type { Flow } from '../../flows/types.js';
import { defineRule } from '../define.js';
import { levelFor, mapEntryOf, mapRootEntry, saleShareFlows, systemName, vendorNames } from '../evidence.js';
import type { RuleReport } from '../types.js';

const GPC_GUARD = /globalPrivacyControl|sec-gpc/i;

/**
 * The system's code reads the signal: a GPC read in its files, a call site gated through one, or a read in
 * shared code that belongs to no system (a `packages/consent` library every app imports).
 */
function readsGpc(system: string, flows: readonly Flow[], gpcReadSystems: ReadonlySet<string>): boolean {
  if (gpcReadSystems.has(system) || gpcReadSystems.has('unassigned')) return true;
  return flows.some((f) => f.callSites.some((s) => s.gate === 'gpc-only' || s.guards.some((g) => GPC_GUARD.test(g))));
}

export const gpc = defineRule({
  id: 'ccpa/gpc',
  defaultSeverity: 'error',
  title: 'Global Privacy Control is not honoured',
  citation: '11 CCR §7025; §7026(a)(1); People v. Sephora (2022)',
  description:
    'Sale/share flows exist and no GPC mechanism is declared, or a system with such flows never reads navigator.globalPrivacyControl or the Sec-GPC header.',
  evaluate(ctx) {
    const flows = saleShareFlows(ctx.flows);
    if (flows.length === 0) return [];
    const mechanism = ctx.map.opt_out.mechanisms.find((m) => m.type === 'gpc');
    if (!mechanism) {
      const vendors = vendorNames(ctx, flows.map((f) => f.to));
      // §7025(b), §7026(a)(1): an online business that sells or shares must process opt-out preference signals.
      return [
        {
          level: levelFor(flows),
          message:
            `Personal information is sold or shared (${vendors}) but the data-map declares no gpc opt-out mechanism; ` +
            `treat navigator.globalPrivacyControl / Sec-GPC: 1 as an opt-out and declare it under opt_out.mechanisms`,
          mapEntry: ctx.map.opt_out.mechanisms[0] ? mapEntryOf(ctx.map.opt_out.mechanisms[0], 'opt_out.mechanisms') : mapRootEntry(ctx.map, 'opt_out'),
        },
      ];
    }
    const reports: RuleReport[] = [];
    const gpcReadSystems = new Set(ctx.scan.gpcReads.map((r) => r.system));
    const bySystem = new Map<string, Flow[]>();
    for (const flow of flows) bySystem.set(flow.from, [...(bySystem.get(flow.from) ?? []), flow]);
    for (const [systemId, systemFlows] of [...bySystem].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (readsGpc(systemId, systemFlows, gpcReadSystems)) continue;
      const system = ctx.map.systems.find((s) => s.id === systemId);
      const vendors = vendorNames(ctx, systemFlows.map((f) => f.to));
      // §7025(c)(1), (e): a declared GPC mechanism must actually be processed — Sephora's site ignored the signal.
      reports.push({
        level: levelFor(systemFlows),
        message:
          `GPC is declared as an opt-out mechanism, but ${systemName(ctx, systemId)} never reads navigator.globalPrivacyControl or the Sec-GPC header ` +
          `while it sells or shares data with ${vendors}; read the signal and treat it as an opt-out before those calls`,
        mapEntry: system ? mapEntryOf(system) : mapEntryOf(mechanism),
        system: systemId,
      });
    }
    return reports;
  },
});
