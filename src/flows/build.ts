/**
 * SPEC section 4: declared flows from the map merged with flows observed in code (call sites grouped by
 * `system -> vendor`), each classified. Pure and deterministic: the result is sorted by flow id, call sites
 * by location, category lists alphabetically.
 */
import { compareCallSites, compareText } from '../order.js';
import type { Catalog } from '../catalog/types.js';
import type { Consideration, DataMap, DeclaredFlow, Vendor } from '../data-map/types.js';
import type { CallSite, ScanResult } from '../scan/types.js';
import type { Taxonomy } from '../taxonomy/types.js';
import { classifyByRole, classifyDeclared, mostSevere, roleDowngrades, type Classification } from './classify.js';
import type { Flow } from './types.js';

export function flowId(from: string, to: string): string {
  return `${from}->${to}`;
}

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

export { compareCallSites };

/** A map that declares the same `from -> to` twice is read as one flow: the union of what both entries say. */
interface MergedDeclaration {
  entries: DeclaredFlow[];
  mapIndex: number;
  categories: string[];
  purposes: string[];
  consideration: Consideration;
  consumerDirected: boolean;
  deidentified: boolean;
}

const CONSIDERATION_ORDER: readonly Consideration[] = ['monetary', 'other', 'unknown', 'none'];

function mergeDeclarations(map: DataMap): Map<string, MergedDeclaration> {
  const merged = new Map<string, MergedDeclaration>();
  map.flows.forEach((flow, index) => {
    const id = flowId(flow.from, flow.to);
    const existing = merged.get(id);
    if (!existing) {
      merged.set(id, {
        entries: [flow],
        mapIndex: index,
        categories: sortedUnique(flow.categories),
        purposes: sortedUnique(flow.purposes),
        consideration: flow.consideration,
        consumerDirected: flow.consumer_directed,
        deidentified: flow.deidentified,
      });
      return;
    }
    existing.entries.push(flow);
    existing.categories = sortedUnique([...existing.categories, ...flow.categories]);
    existing.purposes = sortedUnique([...existing.purposes, ...flow.purposes]);
    if (CONSIDERATION_ORDER.indexOf(flow.consideration) < CONSIDERATION_ORDER.indexOf(existing.consideration)) existing.consideration = flow.consideration;
    // An exclusion holds for the merged flow only when every entry claims it.
    existing.consumerDirected &&= flow.consumer_directed;
    existing.deidentified &&= flow.deidentified;
  });
  return merged;
}

function observedCategoriesOf(sites: readonly CallSite[]): string[] {
  return sortedUnique(sites.flatMap((s) => s.categories));
}

function uncovered(taxonomy: Taxonomy, declared: readonly string[], observed: readonly string[]): string[] {
  return observed.filter((key) => !declared.some((d) => taxonomy.covers(d, key)));
}

export function buildFlows(map: DataMap, scan: ScanResult, taxonomy: Taxonomy, catalog: Catalog): Flow[] {
  const vendors = new Map<string, Vendor>(map.vendors.map((v) => [v.id, v]));
  const systems = new Set(map.systems.map((s) => s.id));
  const declarations = mergeDeclarations(map);

  const sitesByFlow = new Map<string, CallSite[]>();
  for (const site of scan.callSites) {
    const id = flowId(site.system, site.vendor);
    const list = sitesByFlow.get(id);
    if (list) list.push(site);
    else sitesByFlow.set(id, [site]);
  }
  for (const list of sitesByFlow.values()) list.sort(compareCallSites);

  const flows: Flow[] = [];
  for (const [id, declaration] of declarations) {
    const first = declaration.entries[0]!;
    const sites = sitesByFlow.get(id) ?? [];
    const observed = observedCategoriesOf(sites);
    const categories = sortedUnique([...declaration.categories, ...observed]);
    const vendor = vendors.get(first.to);
    const isSystem = !vendor && systems.has(first.to);
    const classification = classifyDeclared(
      {
        to: first.to,
        categories,
        observedCategories: observed,
        purposes: declaration.purposes,
        consideration: declaration.consideration,
        consumerDirected: declaration.consumerDirected,
        deidentified: declaration.deidentified,
      },
      vendor,
      isSystem,
      taxonomy,
    );
    flows.push({
      id,
      from: first.from,
      to: first.to,
      ...classificationFields(classification),
      declared: true,
      categories,
      undeclaredCategories: uncovered(taxonomy, declaration.categories, observed),
      purposes: declaration.purposes,
      recipientDeclared: vendor !== undefined || isSystem,
      mapIndex: declaration.mapIndex,
      callSites: sites,
    });
  }

  const declaredFlows = [...flows];
  for (const [id, sites] of sitesByFlow) {
    if (declarations.has(id)) continue;
    const { system, vendor: to } = sites[0]!;
    const vendor = vendors.get(to);
    const classification = vendor
      ? classifyUndeclaredToDeclaredVendor(vendor, declaredFlows.filter((f) => f.to === to), taxonomy)
      : classifyUndeclaredVendor(sites, catalog);
    flows.push({
      id,
      from: system,
      to,
      ...classificationFields(classification),
      declared: false,
      categories: observedCategoriesOf(sites),
      undeclaredCategories: [],
      purposes: [],
      recipientDeclared: vendor !== undefined,
      callSites: sites,
    });
  }

  return flows.sort((a, b) => compareText(a.id, b.id));
}

function classificationFields(c: Classification): Pick<Flow, 'class' | 'classReason' | 'classStep' | 'role' | 'effectiveRole' | 'downgrades'> {
  return {
    class: c.class,
    classReason: c.classReason,
    classStep: c.classStep,
    ...(c.role ? { role: c.role } : {}),
    ...(c.effectiveRole ? { effectiveRole: c.effectiveRole } : {}),
    downgrades: c.downgrades,
  };
}

/**
 * SPEC section 4: an observed flow the map does not declare takes the most severe class of the declared
 * flows to the same vendor. With none declared, the vendor's role decides as for a flow with no purposes
 * and unknown consideration. Vendor-wide downgrades (contract, training) still apply to it.
 */
function classifyUndeclaredToDeclaredVendor(vendor: Vendor, declaredToVendor: readonly Flow[], taxonomy: Taxonomy): Classification {
  const vendorDowngrades = roleDowngrades(vendor, [], taxonomy);
  const effectiveRole = vendorDowngrades.length > 0 ? 'third_party' : vendor.role;
  // An exclusion (consumer-directed, deidentified) belongs to the declared flow it is written on, not to
  // other systems' traffic to the same vendor.
  const worst = mostSevere(declaredToVendor.filter((f) => f.class !== 'exempt'));
  if (worst) {
    return {
      class: worst.class,
      classStep: worst.classStep,
      classReason: `undeclared flow; takes the class of ${worst.id} (${worst.classReason})`,
      role: vendor.role,
      effectiveRole,
      downgrades: vendorDowngrades,
    };
  }
  const byRole = classifyByRole(vendor, { purposes: [], consideration: 'unknown' }, taxonomy);
  return { ...byRole, classReason: `undeclared flow, no declared flow to ${vendor.id}; ${byRole.classReason}` };
}

/**
 * SPEC section 4: a vendor the map does not declare at all has no contract on record, so it cannot be
 * presumed a service provider (§1798.140(ag)): it takes the catalogue's default class, `share` for ad-tech
 * and `possible_sale` for everything else. Step 0 in the report.
 */
function classifyUndeclaredVendor(sites: readonly CallSite[], catalog: Catalog): Classification {
  const share = sites.find((s) => s.defaultClass === 'share');
  const site = share ?? sites[0]!;
  const entry = site.catalogId ? catalog.byId.get(site.catalogId) : undefined;
  const source = entry ? `catalogue default for ${entry.name} (${entry.kind})` : `default for an uncatalogued vendor`;
  return { class: site.defaultClass, classStep: 0, classReason: `vendor not in the data-map; ${source}`, downgrades: [] };
}
