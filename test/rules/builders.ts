/**
 * Small typed builders for flow and rule tests, independent of the loader and the scanner. Map entries get
 * predictable locations so tests can assert on them: systems at line 100+i, vendors 200+i, flows 300+i,
 * mechanisms 400+i, notices 500+i, guards 600+i of `datamap.yaml`.
 */
import type { Catalog, CatalogEntry } from '../../src/catalog/types.js';
import type {
  DataMap,
  DeclaredFlow,
  GuardSpec,
  Mechanism,
  Notice,
  NoticeDiscloses,
  System,
  Vendor,
} from '../../src/data-map/types.js';
import { buildFlows } from '../../src/flows/index.js';
import type { Flow } from '../../src/flows/types.js';
import type { Finding } from '../../src/report/types.js';
import { evaluateRules } from '../../src/rules/run.js';
import type { Rule, RuleContext } from '../../src/rules/types.js';
import type { CallSite, ScanResult } from '../../src/scan/types.js';
import { createTaxonomy } from '../../src/taxonomy/index.js';

export const MAP_FILE = 'datamap.yaml';

type Unlocated<T> = Omit<T, 'loc' | 'path'>;

export const LINE = { system: 100, vendor: 200, flow: 300, mechanism: 400, notice: 500, guard: 600 } as const;

export function system(id: string, fields: Partial<Unlocated<System>> = {}): Unlocated<System> {
  return { id, paths: [`apps/${id}/**`], collects: [], retention: {}, notices: [], deletion: { exempt: 'test default' }, ...fields };
}

export function vendor(id: string, fields: Partial<Unlocated<Vendor>> = {}): Unlocated<Vendor> {
  return { id, role: 'third_party', trains_on_data: false, deletion: { method: 'manual' }, ...fields };
}

/** A service provider with a complete contract. */
export function serviceProvider(id: string, fields: Partial<Unlocated<Vendor>> = {}): Unlocated<Vendor> {
  return vendor(id, {
    role: 'service_provider',
    contract: { restricts_sale_and_sharing: true, restricts_purposes: true, prohibits_combining: true, purposes: ['product analytics'] },
    ...fields,
  });
}

export function flow(from: string, to: string, fields: Partial<Unlocated<DeclaredFlow>> = {}): Unlocated<DeclaredFlow> {
  return { from, to, categories: [], purposes: [], consideration: 'unknown', consumer_directed: false, deidentified: false, ...fields };
}

export function mechanism(id: string, type: Mechanism['type'], fields: Partial<Unlocated<Mechanism>> = {}): Unlocated<Mechanism> {
  return { id, type, ...fields };
}

export function notice(id: string, type: Notice['type'], discloses: Partial<NoticeDiscloses> = {}, fields: Partial<Unlocated<Notice>> = {}): Unlocated<Notice> {
  return {
    id,
    type,
    links: [],
    discloses: { collected: [], sold: [], shared: [], purposes: [], third_parties: [], retention: false, ...discloses },
    ...fields,
  };
}

export interface MapInput {
  systems?: Unlocated<System>[];
  vendors?: Unlocated<Vendor>[];
  flows?: Unlocated<DeclaredFlow>[];
  mechanisms?: Unlocated<Mechanism>[];
  guards?: Unlocated<GuardSpec>[];
  notices?: Unlocated<Notice>[];
}

function locate<T>(items: Unlocated<T>[] | undefined, section: string, firstLine: number): T[] {
  return (items ?? []).map((item, i) => ({ ...item, path: `${section}[${i}]`, loc: { file: MAP_FILE, line: firstLine + i, column: 5 } }) as T);
}

export function dataMap(input: MapInput = {}): DataMap {
  return {
    version: 1,
    files: [MAP_FILE],
    business: { name: 'Acme Shop', jurisdictions: ['CA'], minors: 'none' },
    scan: { exclude: [], include: [] },
    categories: [],
    systems: locate<System>(input.systems, 'systems', LINE.system),
    vendors: locate<Vendor>(input.vendors, 'vendors', LINE.vendor),
    flows: locate<DeclaredFlow>(input.flows, 'flows', LINE.flow),
    opt_out: {
      mechanisms: locate<Mechanism>(input.mechanisms, 'opt_out.mechanisms', LINE.mechanism),
      guards: locate<GuardSpec>(input.guards, 'opt_out.guards', LINE.guard),
    },
    notices: locate<Notice>(input.notices, 'notices', LINE.notice),
    rootLoc: { file: MAP_FILE, line: 1, column: 1 },
  };
}

export function callSite(fields: Partial<CallSite> = {}): CallSite {
  return {
    file: 'apps/web/src/app.ts',
    line: 10,
    column: 3,
    vendor: 'meta-pixel',
    catalogId: 'meta-pixel',
    declaredVendor: true,
    api: 'fbq',
    pattern: "fbq('track')",
    detectedBy: 'global',
    matched: 'fbq',
    categories: [],
    gated: false,
    gate: 'none',
    guards: [],
    via: [],
    system: 'web',
    enclosingFunction: 'trackPurchase',
    callText: "fbq('track', 'Purchase')",
    defaultClass: 'share',
    ...fields,
  };
}

/** A gated call site (a map guard decides). */
export function gated(fields: Partial<CallSite> = {}): CallSite {
  return callSite({ gated: true, gate: 'guard', guards: ['canSellData()'], ...fields });
}

export function scanResult(fields: Partial<ScanResult> = {}): ScanResult {
  const callSites = fields.callSites ?? [];
  const files = new Map(callSites.map((s) => [s.file, s.system]));
  return {
    files: files.size,
    lines: 0,
    callSites,
    unresolved: [],
    skipped: [],
    suppressions: [],
    gpcReads: [],
    handlers: [],
    filesWithCallSites: [...files].map(([file, sys]) => ({ file, system: sys })).sort((a, b) => a.file.localeCompare(b.file)),
    ...fields,
  };
}

function entry(id: string, name: string, kind: CatalogEntry['kind'], defaultClass: CatalogEntry['defaultClass'], extra: Partial<CatalogEntry> = {}): CatalogEntry {
  return { id, name, kind, defaultClass, typicalRole: defaultClass === 'share' ? 'third_party' : 'service_provider', packages: [], globals: [], hosts: [], deletes: [], implicitCategories: [], ...extra };
}

/** A few catalogue entries, enough for classification and naming; the real catalogue is tested elsewhere. */
export const testCatalog: Catalog = (() => {
  const entries = [
    entry('meta-pixel', 'Meta Pixel', 'advertising', 'share', { implicitCategories: ['user.device.ip_address', 'user.device.cookie_id'] }),
    entry('google-analytics', 'Google Analytics', 'analytics', 'possible_sale'),
    entry('posthog', 'PostHog', 'analytics', 'possible_sale', { deletes: ['deletePerson'] }),
    entry('stripe', 'Stripe', 'payments', 'possible_sale', { deletes: ['customers.del'] }),
    entry('openai', 'OpenAI', 'ai', 'possible_sale'),
  ];
  return { entries, byId: new Map(entries.map((e) => [e.id, e])) };
})();

export function context(map: DataMap, scan: ScanResult = scanResult()): RuleContext {
  const taxonomy = createTaxonomy(map.categories);
  return { map, scan, taxonomy, catalog: testCatalog, flows: buildFlows(map, scan, taxonomy, testCatalog) };
}

export function flowsOf(map: DataMap, scan: ScanResult = scanResult()): Flow[] {
  return context(map, scan).flows;
}

export function flowById(map: DataMap, scan: ScanResult, id: string): Flow {
  const found = flowsOf(map, scan).find((f) => f.id === id);
  if (!found) throw new Error(`no flow ${id}`);
  return found;
}

/** Findings of the given rules (default: all) through the real findings pipeline (`run.ts`). */
export function findings(map: DataMap, scan: ScanResult = scanResult(), rules?: readonly Rule[]): Finding[] {
  return evaluateRules(context(map, scan), { overrides: {}, ...(rules ? { rules } : {}) }).findings;
}

/** `ruleId file:line severity` — compact and exact, for assertions. */
export function brief(list: readonly Finding[], ruleId?: string): string[] {
  return list.filter((f) => ruleId === undefined || f.ruleId === ruleId).map((f) => `${f.ruleId} ${f.file}:${f.line} ${f.severity}`);
}
