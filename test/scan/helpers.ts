/** Test helpers: a project written to a temporary folder, a small catalogue, and a scan with defaults. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Catalog, CatalogEntry } from '../../src/catalog/types.js';
import type { GuardSpec } from '../../src/data-map/types.js';
import { scanProject } from '../../src/scan/index.js';
import type { CallSite, ScanInput, ScanResult } from '../../src/scan/types.js';
import { createTaxonomy } from '../../src/taxonomy/index.js';

const BROWSER_IMPLICIT = ['user.device.ip_address', 'user.device.cookie_id'];

function entry(partial: Partial<CatalogEntry> & Pick<CatalogEntry, 'id'>): CatalogEntry {
  return {
    name: partial.id,
    kind: 'analytics',
    defaultClass: 'possible_sale',
    typicalRole: 'service_provider',
    packages: [],
    globals: [],
    hosts: [],
    deletes: [],
    implicitCategories: [],
    ...partial,
  };
}

export const TEST_ENTRIES: CatalogEntry[] = [
  entry({
    id: 'posthog',
    packages: [
      { name: 'posthog-js', browser: true, transmits: ['capture', 'identify'], components: ['PostHogProvider'], implicitCategories: BROWSER_IMPLICIT },
      { name: 'posthog-node', transmits: ['capture', 'identify'], implicitCategories: [] },
    ],
    hosts: ['us.i.posthog.com'],
    consent: [
      { kind: 'optOutOption', name: 'opt_out_capturing_by_default' },
      { kind: 'optOutCall', name: 'opt_out_capturing' },
    ],
  }),
  entry({
    id: 'segment',
    packages: [{ name: '@segment/analytics-node', transmits: ['track', 'identify'] }],
    globals: [{ name: 'analytics', transmits: ['analytics.track', 'analytics.identify', 'analytics.page'] }],
    hosts: ['api.segment.io', 'cdn.segment.com'],
  }),
  entry({
    id: 'meta-pixel',
    kind: 'advertising',
    defaultClass: 'share',
    typicalRole: 'third_party',
    packages: [{ name: 'react-facebook-pixel', browser: true, transmits: ['track'] }],
    globals: [{ name: 'fbq', transmits: ["fbq('init')", "fbq('track')"] }],
    hosts: ['connect.facebook.net'],
    implicitCategories: BROWSER_IMPLICIT,
    consent: [{ kind: 'restricted', name: "fbq('dataProcessingOptions')" }],
  }),
  entry({
    id: 'stripe',
    kind: 'payments',
    packages: [{ name: 'stripe', transmits: ['customers.create', 'customers.update', 'checkout.sessions.create'] }],
    hosts: ['api.stripe.com'],
    deletes: ['customers.del'],
  }),
  entry({ id: 'hubspot', kind: 'crm', hosts: ['api.hubapi.com'], globals: [{ name: '_hsq', transmits: ["_hsq.push('identify')", "_hsq.push('trackPageView')"] }] }),
  entry({
    id: 'google-tag-manager',
    packages: [{ name: '@next/third-parties/google', browser: true, transmits: ['sendGTMEvent'], components: ['GoogleTagManager'] }],
    globals: [{ name: 'dataLayer', transmits: ['dataLayer.push'] }],
    hosts: ['www.googletagmanager.com'],
  }),
  entry({
    id: 'google-analytics',
    packages: [{ name: '@next/third-parties/google', browser: true, transmits: ['sendGAEvent'], components: ['GoogleAnalytics'] }],
    globals: [{ name: 'gtag', transmits: ["gtag('event')", "gtag('config')"] }],
    hosts: ['www.google-analytics.com'],
    consent: [{ kind: 'restricted', name: 'restricted_data_processing' }],
  }),
  entry({ id: 'openai', kind: 'ai', packages: [{ name: 'openai', transmits: ['chat.completions.create'] }, { name: '@ai-sdk/openai', transmits: [] }], hosts: ['api.openai.com'] }),
  entry({ id: 'vercel-ai-sdk', kind: 'ai', packages: [{ name: 'ai', transmits: ['generateText'] }] }),
  entry({ id: 'mixpanel', packages: [{ name: 'mixpanel', transmits: ['track', 'people.set'] }], hosts: ['*.mixpanel.com'] }),
];

export const TEST_CATALOG: Catalog = { entries: TEST_ENTRIES, byId: new Map(TEST_ENTRIES.map((e) => [e.id, e])) };

const LOC = { loc: { file: 'datamap.yaml', line: 1, column: 1 }, path: 'opt_out.guards[0]' };

export function guard(spec: Omit<GuardSpec, 'loc' | 'path'>): GuardSpec {
  return { ...LOC, ...spec };
}

/** Writes `files` (relative path -> text) under a fresh temporary folder and returns its path. */
export function project(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'flowaudit-scan-'));
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

export function scan(root: string, overrides: Partial<ScanInput> = {}): Promise<ScanResult> {
  return scanProject({
    root,
    catalog: TEST_CATALOG,
    taxonomy: createTaxonomy([]),
    vendors: [],
    systems: [],
    guards: [guard({ call: 'canSellData' }), guard({ read: 'user.doNotSell', means: 'opted_out' })],
    deletionHandlers: [],
    exclude: [],
    include: [],
    ...overrides,
  });
}

/** The fields most tests compare, in a compact form. */
export function brief(site: CallSite): Record<string, unknown> {
  return {
    at: `${site.file}:${site.line}:${site.column}`,
    vendor: site.vendor,
    api: site.api,
    ...(site.categories.length ? { categories: site.categories } : {}),
    gate: site.gate,
    ...(site.via.length ? { via: site.via.map((v) => `${v.file}:${v.line}:${v.column} ${v.function}`) } : {}),
  };
}

/** Sites without implicit categories (the payload only), in brief form. */
export async function sitesOf(files: Record<string, string>, overrides: Partial<ScanInput> = {}): Promise<Record<string, unknown>[]> {
  const result = await scan(project(files), overrides);
  return result.callSites.map(brief);
}

/** A PostHog wrapper module with one function that reaches the vendor and one that does not. */
export const POSTHOG_LIB = [
  `import { PostHog } from 'posthog-node';`,
  `const client = new PostHog('key');`,
  `export function capture(event: string, properties: object) {`,
  `  client.capture({ distinctId: 'x', event, properties });`,
  `}`,
  `export function unrelated() {`,
  `  return 1;`,
  `}`,
  ``,
].join('\n');
