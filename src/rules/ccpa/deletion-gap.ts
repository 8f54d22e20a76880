/**
 * Deletion requests must reach every copy: each system holding personal information has a deletion handler
 * (or a documented exception), each vendor receiving it has a deletion method, and a handler reaches the
 * API deletion call of every vendor its system sends to.
 */
import type { Catalog } from '../../catalog/types.js';
import type { System, Vendor } from '../../data-map/types.js';
import type { Flow } from '../../flows/types.js';
import type { HandlerResolution, ReachedCall } from '../../scan/types.js';
import { defineRule } from '../define.js';
import { mapEntryOf, systemName, vendorName } from '../evidence.js';
import type { RuleReport } from '../types.js';

/** A flow that puts personal information at its recipient. */
function carriesPersonalInformation(flow: Flow): boolean {
  return flow.class !== 'exempt' && (flow.categories.length > 0 || flow.callSites.length > 0);
}

function stripArgumentFilter(pattern: string): string {
  const paren = pattern.indexOf('(');
  return paren === -1 ? pattern : pattern.slice(0, paren);
}

/** `client.deletePerson` matches `posthog.deletePerson`, `deletePerson`, and `customers.del` matches `stripe.customers.del`. */
function sameCall(spec: string, seen: string): boolean {
  const a = stripArgumentFilter(spec);
  const b = stripArgumentFilter(seen);
  if (a === '' || b === '') return false;
  return a === b || b.endsWith(`.${a}`) || a.endsWith(`.${b}`);
}

/** Catalogue `deletes` patterns: segments with `*` (one segment) and `**` (any number). */
function globMatches(pattern: string, path: string): boolean {
  const want = stripArgumentFilter(pattern).split('.');
  const have = stripArgumentFilter(path).split('.');
  const match = (i: number, j: number): boolean => {
    if (i === want.length) return j === have.length;
    if (want[i] === '**') return match(i + 1, j) || (j < have.length && match(i, j + 1));
    return j < have.length && (want[i] === '*' || want[i] === have[j]) && match(i + 1, j + 1);
  };
  return match(0, 0);
}

function reachesDeletion(vendor: Vendor, reaches: readonly ReachedCall[], catalog: Catalog): boolean {
  const calls = reaches.filter((r) => r.vendor === vendor.id);
  // The scanner already marks calls that match the catalogue's `deletes` patterns or the map's `deletion.call`.
  if (calls.some((r) => r.deletes === true)) return true;
  const spec = vendor.deletion?.call;
  if (spec) return calls.some((r) => sameCall(spec, r.api) || sameCall(spec, r.pattern));
  const patterns = catalog.byId.get(vendor.catalog ?? vendor.id)?.deletes ?? [];
  // Without a known deletion call the best evidence available is that the handler talks to the vendor at all.
  if (patterns.length === 0) return calls.length > 0;
  return calls.some((r) => patterns.some((p) => globMatches(p, r.pattern) || sameCall(p, r.api)));
}

/** It collects, sends, or receives from another of the business's systems (a warehouse, a CRM). */
function holdsPersonalInformation(system: System, flows: readonly Flow[]): boolean {
  return system.collects.length > 0 || flows.some((f) => (f.from === system.id || f.to === system.id) && carriesPersonalInformation(f));
}

function handlerFunction(handler: string): string {
  return handler.slice(handler.indexOf('#') + 1);
}

export const deletionGap = defineRule({
  id: 'ccpa/deletion-gap',
  defaultSeverity: 'error',
  title: 'A deletion request does not reach every copy of the data',
  citation: 'Cal. Civ. Code §1798.105(c), (d); 11 CCR §7022(b)',
  description:
    'A system holding personal information has no resolvable deletion handler or documented exception, a vendor receiving it has no deletion method, or a handler never calls a vendor\'s deletion API.',
  evaluate(ctx) {
    const reports: RuleReport[] = [];
    const resolutions = new Map<string, HandlerResolution>(ctx.scan.handlers.map((h) => [h.system, h]));
    const workingHandlers = new Map<string, HandlerResolution>();

    for (const system of ctx.map.systems) {
      if (!holdsPersonalInformation(system, ctx.flows)) continue;
      const name = systemName(ctx, system.id);
      const deletion = system.deletion;
      if (deletion?.exempt) continue;
      if (!deletion?.handler) {
        // §1798.105(c)(1): the business deletes the consumer's data from its records.
        reports.push({
          level: 'full',
          message: `${name} holds personal information but declares no deletion handler and no documented exception; set deletion.handler to the function that erases a consumer, or deletion.exempt with the §1798.105(d) reason`,
          mapEntry: mapEntryOf(system, `${system.path}.deletion`),
          system: system.id,
        });
        continue;
      }
      const resolution = resolutions.get(system.id);
      if (!resolution?.resolved) {
        reports.push({
          level: 'full',
          message: `The deletion handler of ${name}, ${deletion.handler}, does not resolve to a function in code (${resolution?.reason ?? 'not found by the scanner'}); point deletion.handler at file#function of the erasure entry point`,
          mapEntry: mapEntryOf(system, `${system.path}.deletion.handler`),
          system: system.id,
        });
        continue;
      }
      workingHandlers.set(system.id, resolution);
    }

    for (const vendor of ctx.map.vendors) {
      const received = ctx.flows.filter((f) => f.to === vendor.id && carriesPersonalInformation(f));
      if (received.length === 0) continue;
      const name = vendorName(ctx, vendor.id);
      const method = vendor.deletion?.method ?? 'none';
      if (method === 'none' || (method === 'exempt' && !vendor.deletion?.reason)) {
        // §1798.105(c)(1): service providers, contractors and third parties must be told to delete.
        reports.push({
          level: 'full',
          message:
            method === 'none'
              ? `${name} receives personal information but has no deletion method; set deletion.method to api (with the call), manual, exempt (with a reason) or not_applicable if it keeps nothing`
              : `${name} is marked exempt from deletion without a reason; give the §1798.105(d) exception in deletion.reason`,
          mapEntry: mapEntryOf(vendor, `${vendor.path}.deletion`),
          vendor: vendor.id,
        });
        continue;
      }
      if (method !== 'api') continue;
      const senders = [...new Set(received.map((f) => f.from))].sort();
      for (const systemId of senders) {
        const resolution = workingHandlers.get(systemId);
        if (!resolution || reachesDeletion(vendor, resolution.reaches, ctx.catalog)) continue;
        const call = vendor.deletion?.call ?? 'its deletion API';
        // §1798.105(c)(1), §7022(b): the deletion path must notify the vendor holding the data.
        reports.push({
          level: 'full',
          message:
            `The deletion handler ${handlerFunction(resolution.handler)} of ${systemName(ctx, systemId)} never reaches ${name}'s ${call}, though that system sends ` +
            `${name} personal information; call it from the handler so deletion requests reach ${name}`,
          ...(resolution.file !== undefined
            ? {
                code: {
                  file: resolution.file,
                  line: resolution.line ?? 1,
                  column: resolution.column ?? 1,
                  enclosingFunction: handlerFunction(resolution.handler),
                  callText: `${vendor.id}:${call}`,
                },
              }
            : { mapEntry: mapEntryOf(vendor, `${vendor.path}.deletion.call`) }),
          flow: `${systemId}->${vendor.id}`,
          vendor: vendor.id,
          system: systemId,
        });
      }
    }
    return reports;
  },
});
