/** Personal information reaches a vendor that trains on it or uses it for other clients. */
import { defineRule } from '../define.js';
import { mapEntryOf, vendorName } from '../evidence.js';
import type { RuleReport } from '../types.js';

export const aiVendorOwnUse = defineRule({
  id: 'ccpa/ai-vendor-own-use',
  defaultSeverity: 'error',
  title: 'A vendor trains on or reuses the personal information it receives',
  citation: '11 CCR §7050(a)(3)',
  description:
    'Personal information reaches a vendor marked trains_on_data (error for a declared service provider or contractor, warning for a third party).',
  evaluate(ctx) {
    const reports: RuleReport[] = [];
    for (const vendor of ctx.map.vendors) {
      if (!vendor.trains_on_data) continue;
      const received = ctx.flows.filter((f) => f.to === vendor.id && f.class !== 'exempt');
      if (received.length === 0) continue;
      const name = vendorName(ctx, vendor.id);
      const serviceProvider = vendor.role !== 'third_party';
      // §7050(a)(3): a service provider may not use the data to serve another person; doing so makes it a third party.
      reports.push({
        level: serviceProvider ? 'full' : 'reduced',
        message: serviceProvider
          ? `${name} is declared a ${vendor.role === 'contractor' ? 'contractor' : 'service provider'} but trains on or reuses the personal information it receives, ` +
            `so it is a third party and its flows are sales or possible sales; use zero-retention, no-training terms or stop sending personal information`
          : `${name} trains on or reuses the personal information it receives; its flows are sales or possible sales, so check that opt-outs, ` +
            `notices and a third-party contract cover them, or switch to no-training terms`,
        mapEntry: mapEntryOf(vendor, `${vendor.path}.trains_on_data`),
        vendor: vendor.id,
      });
    }
    return reports;
  },
});
