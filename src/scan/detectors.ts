/**
 * Detector tables: the catalogue entries, extended by the map vendors' `detect`, keyed by package name,
 * global name and host, each attributed to the map vendor it belongs to (SPEC section 5: the vendor
 * whose `catalog` names the entry, else whose `id` equals it, else whose `detect` names the same
 * package, host or global).
 */
import type { Catalog, CatalogConsentSwitch, CatalogEntry, DefaultClass } from '../catalog/types.js';
import type { ScanInput } from './types.js';
import { compilePattern, hostMatches, type CallPattern } from './patterns.js';

export interface VendorRef {
  vendor: string;
  catalogId?: string;
  declared: boolean;
  entry?: CatalogEntry;
  /** Vendor-level deletion call from the map (`deletion.call`). */
  mapDeletion?: CallPattern;
}

export interface Detector {
  ref: VendorRef;
  /** Package, global or host that matched. */
  matched: string;
  transmits: CallPattern[];
  deletes: CallPattern[];
  components: string[];
  implicitCategories: string[];
  defaultClass: DefaultClass;
  /** A browser tag: loading or initialising it transmits. */
  browser: boolean;
  /** For a host or URL prefix: the catalogue's `httpPaths` (path globs of reads and deletions). */
  httpPaths?: { reads: string[]; deletes: string[] };
}

export interface Detectors {
  /** Several catalogue entries may share a package or global (`@next/third-parties/google`): each call picks its own. */
  packages: Map<string, Detector[]>;
  globals: Map<string, Detector[]>;
  hosts: { pattern: string; detector: Detector }[];
  /** Host-plus-path prefixes (`www.facebook.com/tr`): more specific than a bare host. */
  urlPrefixes: { prefix: string; detector: Detector }[];
  /** Catalogue consent switches per catalogue id. */
  consent: Map<string, CatalogConsentSwitch[]>;
  /** Every name worth a look in the text pre-filter. */
  tokens: string[];
  fingerprint: string;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type MapVendor = ScanInput['vendors'][number];

/** Loading or initialising a browser tag transmits the page view, IP address and cookie id (SPEC section 5). */
const BROWSER_LOAD_PATTERNS = ['init', 'load', 'initialize', '*.init', '*.load', '*.initialize'].map(compilePattern);
const ANY_CALL = [compilePattern('**')];

function attribute(entry: CatalogEntry | undefined, vendors: readonly MapVendor[], kind: 'packages' | 'hosts' | 'globals', name: string): VendorRef {
  const byCatalog = entry ? vendors.find((v) => v.catalog === entry.id) : undefined;
  const byId = entry && !byCatalog ? vendors.find((v) => v.id === entry.id && (v.catalog === undefined || v.catalog === entry.id)) : undefined;
  const byDetect = byCatalog ?? byId ? undefined : vendors.find((v) => v.detect?.[kind].includes(name));
  const mapVendor = byCatalog ?? byId ?? byDetect;
  const deletionCall = mapVendor?.deletion?.call;
  return {
    vendor: mapVendor?.id ?? entry?.id ?? name,
    ...(entry ? { catalogId: entry.id } : {}),
    declared: mapVendor !== undefined,
    ...(entry ? { entry } : {}),
    ...(deletionCall ? { mapDeletion: compilePattern(deletionCall) } : {}),
  };
}

export function buildDetectors(catalog: Catalog, vendors: readonly MapVendor[]): Detectors {
  const packages = new Map<string, Detector[]>();
  const globals = new Map<string, Detector[]>();
  const push = (map: Map<string, Detector[]>, key: string, det: Detector): void => {
    const list = map.get(key) ?? [];
    list.push(det);
    map.set(key, list);
  };
  const hosts: { pattern: string; detector: Detector }[] = [];
  const urlPrefixes: { prefix: string; detector: Detector }[] = [];
  const consent = new Map<string, CatalogConsentSwitch[]>();
  const entries = [...catalog.entries].sort((a, b) => cmp(a.id, b.id));

  for (const entry of entries) {
    if (entry.consent?.length) consent.set(entry.id, entry.consent);
    const deletes = entry.deletes.map(compilePattern);
    const httpPaths = entry.httpPaths ? { httpPaths: { reads: entry.httpPaths.reads ?? [], deletes: entry.httpPaths.deletes ?? [] } } : {};
    for (const pkg of entry.packages) {
      const browser = pkg.browser === true;
      push(packages, pkg.name, {
        ref: attribute(entry, vendors, 'packages', pkg.name),
        matched: pkg.name,
        transmits: [...pkg.transmits.map(compilePattern), ...(browser ? BROWSER_LOAD_PATTERNS : [])],
        deletes,
        components: pkg.components ?? [],
        implicitCategories: pkg.implicitCategories ?? entry.implicitCategories,
        defaultClass: pkg.defaultClass ?? entry.defaultClass,
        browser,
      });
    }
    for (const global of entry.globals) {
      push(globals, global.name, {
        ref: attribute(entry, vendors, 'globals', global.name),
        matched: global.name,
        transmits: global.transmits.map(compilePattern),
        deletes,
        components: [],
        implicitCategories: entry.implicitCategories,
        defaultClass: global.defaultClass ?? entry.defaultClass,
        browser: true,
      });
    }
    // An HTTP destination (a URL prefix such as www.facebook.com/tr, or a host): what is sent is the request body.
    const httpDetector = (host: string, matched: string) => ({
      ref: attribute(entry, vendors, 'hosts', host),
      matched,
      transmits: [],
      deletes,
      components: [],
      implicitCategories: entry.implicitCategories,
      defaultClass: entry.defaultClass,
      browser: false,
      ...httpPaths,
    });
    for (const prefix of entry.urlPrefixes ?? []) {
      urlPrefixes.push({ prefix: prefix.toLowerCase(), detector: httpDetector(prefix.split('/')[0]!, prefix) });
    }
    for (const host of entry.hosts) hosts.push({ pattern: host, detector: httpDetector(host, host) });
  }

  // Map vendors' `detect` names what the catalogue lacks: every call on such a value transmits.
  for (const vendor of [...vendors].sort((a, b) => cmp(a.id, b.id))) {
    const entry = vendor.catalog ? catalog.byId.get(vendor.catalog) : catalog.byId.get(vendor.id);
    const ref: VendorRef = {
      vendor: vendor.id,
      ...(entry ? { catalogId: entry.id, entry } : {}),
      declared: true,
      ...(vendor.deletion?.call ? { mapDeletion: compilePattern(vendor.deletion.call) } : {}),
    };
    const base = (matched: string): Detector => ({
      ref,
      matched,
      transmits: ANY_CALL,
      deletes: entry ? entry.deletes.map(compilePattern) : [],
      components: [],
      implicitCategories: entry?.implicitCategories ?? [],
      defaultClass: entry?.defaultClass ?? 'possible_sale',
      browser: false,
    });
    for (const name of vendor.detect?.packages ?? []) if (!packages.has(name)) push(packages, name, base(name));
    for (const name of vendor.detect?.globals ?? []) if (!globals.has(name)) push(globals, name, { ...base(name), browser: true });
    for (const host of vendor.detect?.hosts ?? []) if (!hosts.some((h) => h.pattern === host)) hosts.push({ pattern: host, detector: base(host) });
  }

  const tokens = [...packages.keys(), ...globals.keys(), ...hosts.map((h) => h.pattern.replace(/^\*\./, '')), ...urlPrefixes.map((u) => u.prefix.split('/')[0]!)];
  const fingerprint = JSON.stringify([[...packages.keys()].sort(), [...globals.keys()].sort()]);
  return { packages, globals, hosts, urlPrefixes, consent, tokens, fingerprint };
}

/** The detector of a package specifier: exact name or a subpath import (`@next/third-parties/google`). */
export function packageDetector(detectors: Detectors, specifier: string): Detector[] | undefined {
  const exact = detectors.packages.get(specifier);
  if (exact) return exact;
  let cut = specifier.lastIndexOf('/');
  while (cut > 0) {
    const found = detectors.packages.get(specifier.slice(0, cut));
    if (found) return found;
    cut = specifier.lastIndexOf('/', cut - 1);
  }
  return undefined;
}

/** The vendor of a request URL: the longest URL prefix, else the most specific host pattern. */
export function hostDetector(detectors: Detectors, host: string, path = ''): Detector | undefined {
  const url = `${host.toLowerCase()}${path}`;
  let prefixMatch: { prefix: string; detector: Detector } | undefined;
  for (const candidate of detectors.urlPrefixes) {
    if (url.startsWith(candidate.prefix) && (!prefixMatch || candidate.prefix.length > prefixMatch.prefix.length)) prefixMatch = candidate;
  }
  if (prefixMatch) return prefixMatch.detector;
  // The most specific pattern wins (`api.hubapi.com` before `hubapi.com`).
  let best: { pattern: string; detector: Detector } | undefined;
  for (const candidate of detectors.hosts) {
    if (hostMatches(candidate.pattern, host) && (!best || candidate.pattern.length > best.pattern.length)) best = candidate;
  }
  return best?.detector;
}
