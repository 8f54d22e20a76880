/** A declared flow to a vendor the scanner can detect has no call site in code. */
import type { DataMap, Vendor } from '../../data-map/types.js';
import type { Catalog } from '../../catalog/types.js';
import { defineRule } from '../define.js';
import { mapEntryOf, systemName, vendorName } from '../evidence.js';
import type { RuleReport } from '../types.js';

/** The scanner can find this vendor's calls: it has a catalogue entry or its own `detect`. */
export function isDetectable(vendor: Vendor, catalog: Catalog): boolean {
  if (catalog.byId.has(vendor.catalog ?? vendor.id)) return true;
  const detect = vendor.detect;
  return detect !== undefined && detect.packages.length + detect.hosts.length + detect.globals.length > 0;
}

function declaredEntry(map: DataMap, index: number | undefined) {
  return index === undefined ? undefined : map.flows[index];
}

export const staleFlow = defineRule({
  id: 'map/stale-flow',
  defaultSeverity: 'warning',
  title: 'A declared flow has no call site in code',
  citation: '—',
  description: 'The data-map declares a flow to a vendor the scanner can detect, but no code sends data to it from that system.',
  evaluate(ctx) {
    const reports: RuleReport[] = [];
    for (const flow of ctx.flows) {
      if (!flow.declared || flow.callSites.length > 0) continue;
      const vendor = ctx.map.vendors.find((v) => v.id === flow.to);
      const entry = declaredEntry(ctx.map, flow.mapIndex);
      if (!vendor || !entry || !isDetectable(vendor, ctx.catalog)) continue;
      reports.push({
        level: 'full',
        message:
          `The data-map declares that ${systemName(ctx, flow.from)} sends data to ${vendorName(ctx, flow.to)} (${flow.id}), but no call site was found ` +
          `in that system's code; remove the flow if the integration is gone, or check the system's paths and the vendor's detect settings`,
        mapEntry: mapEntryOf(entry),
        flow: flow.id,
        vendor: flow.to,
        system: flow.from,
      });
    }
    return reports;
  },
});
