/** A declared service provider or contractor whose recorded contract lacks the statutory terms. */
import { missingContractTerms } from '../../flows/classify.js';
import { defineRule } from '../define.js';
import { mapEntryOf, vendorName } from '../evidence.js';
import type { RuleReport } from '../types.js';

export const serviceProviderContract = defineRule({
  id: 'ccpa/service-provider-contract',
  defaultSeverity: 'error',
  title: 'A service provider or contractor lacks the required contract terms',
  citation: 'Cal. Civ. Code §1798.140(ag), (j); 11 CCR §7051',
  description:
    'A vendor declared service_provider or contractor is treated as a third party because its contract lacks a term the statute requires.',
  evaluate(ctx) {
    const reports: RuleReport[] = [];
    for (const vendor of ctx.map.vendors) {
      if (vendor.role === 'third_party') continue;
      const affected = ctx.flows.filter((f) => f.to === vendor.id && f.downgrades.some((d) => d.trigger === 'contract'));
      if (affected.length === 0) continue;
      const missing = missingContractTerms(vendor);
      const role = vendor.role === 'contractor' ? 'contractor' : 'service provider';
      const classes = [...new Set(affected.map((f) => f.class.replace('_', ' ')))].sort().join(' / ');
      // §1798.140(ag)(1), (j)(1): the status exists only pursuant to a written contract with these terms.
      reports.push({
        level: 'full',
        message:
          `${vendorName(ctx, vendor.id)} is declared a ${role}, but ${vendor.contract ? `its contract lacks ${missing.join(', ')}` : 'no contract is on record'}, ` +
          `so it counts as a third party and its flows are a ${classes}; put the terms in the contract and record them under contract`,
        mapEntry: mapEntryOf(vendor, `${vendor.path}.contract`),
        vendor: vendor.id,
      });
    }
    return reports;
  },
});
