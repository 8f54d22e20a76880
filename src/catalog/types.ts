/**
 * The vendor catalogue (SPEC section 5): one JSON data file per vendor in `src/catalog/vendors/`,
 * validated by `schemas/vendor.schema.json`.
 *
 * Call patterns. A vendor value is anything derived from a vendor package binding, a browser global, or
 * an instance made from one. Its "api" is the member path from the last call or `new` in the chain to
 * the call being made:
 *   import posthog from 'posthog-js'; posthog.capture(...)          -> "capture"
 *   const stripe = new Stripe(k); stripe.customers.create(...)      -> "customers.create"
 *   new Mailgun(FormData).client(o).messages.create(...)           -> "messages.create"
 *   import { generateText } from 'ai'; generateText(...)           -> "generateText"
 *   import * as Sentry from '@sentry/node'; Sentry.setUser(...)     -> "setUser"
 * For a global the path starts with the global's name: `fbq(...)` -> "fbq", `window.dataLayer.push()`
 * -> "dataLayer.push", `window.analytics.track()` -> "analytics.track".
 * A pattern is such a path; a segment may be `*` (any one segment) or `**` (any number of segments,
 * including none); an optional first-argument filter follows in parentheses: `fbq('track')`,
 * `gtag('config')`, `fbq('init')`.
 */

export type DefaultClass = 'share' | 'possible_sale';

export type VendorKind =
  | 'advertising'
  | 'analytics'
  | 'cdp'
  | 'crm'
  | 'marketing'
  | 'support'
  | 'email'
  | 'payments'
  | 'monitoring'
  | 'session_replay'
  | 'ai'
  | 'warehouse'
  | 'messaging'
  | 'feature_flags'
  | 'identity'
  | 'other';

export interface CatalogPackage {
  /** npm package name; also matches subpath imports (`@next/third-parties/google`). */
  name: string;
  /** Overrides the vendor's default class for calls through this package. */
  defaultClass?: DefaultClass;
  /** Browser tag: loading or initialising it transmits (page view, IP, cookie id). */
  browser?: boolean;
  /** Call patterns that send personal information. */
  transmits: string[];
  /** JSX components exported by the package that load the vendor's tag (`GoogleTagManager`). */
  components?: string[];
  /** Implicit categories for calls through this package (replace the vendor's when set). */
  implicitCategories?: string[];
}

export interface CatalogGlobal {
  /** Global name as it appears in code: `fbq`, `gtag`, `dataLayer`, `analytics`, `_hsq`, `ttq`. */
  name: string;
  defaultClass?: DefaultClass;
  /** Patterns (starting with the global's name) that send data. */
  transmits: string[];
}

/** A vendor-specific opt-out switch or restricted-processing setting (SPEC section 5). */
export interface CatalogConsentSwitch {
  /** `optOutOption`: an init option that, set from a guard, gates all calls (`opt_out_capturing_by_default`).
   *  `optOutCall`: a call that, made under a guard before any transmission, gates later calls (`opt_out_capturing`).
   *  `restricted`: an option/call that puts the vendor in service-provider mode (LDU, RDP). */
  kind: 'optOutOption' | 'optOutCall' | 'restricted';
  /** Option key or call pattern: `opt_out_capturing_by_default`, `opt_out_capturing`, `dataProcessingOptions`,
   *  `restricted_data_processing`, `fbq('dataProcessingOptions')`. */
  name: string;
}

export interface CatalogEntry {
  /** Lowercase kebab name: `meta-pixel`, `google-analytics`, `stripe`. */
  id: string;
  name: string;
  kind: VendorKind;
  /** Class of an observed flow to this vendor when the map does not declare it (SPEC section 4). */
  defaultClass: DefaultClass;
  /** The vendor's usual role when properly contracted, a hint for `init`, never used to classify. */
  typicalRole: 'third_party' | 'service_provider';
  packages: CatalogPackage[];
  globals: CatalogGlobal[];
  /** Hostnames; a host matches itself and its subdomains. `*` may stand for one label (`*.ingest.sentry.io`). */
  hosts: string[];
  /**
   * Host-plus-path prefixes (`www.googletagmanager.com/gtag/js`, `www.facebook.com/tr`) for a vendor whose
   * traffic shares a host with another vendor or with non-tracking uses of that host. A URL matching a
   * prefix belongs to this vendor even where another entry claims the bare host: the longest match wins.
   */
  urlPrefixes?: string[];
  /**
   * Requests to the vendor's hosts that send no personal information although they may use POST: stats
   * queries and lookups (`reads`), and deletions (`deletes`). Globs over the URL path (`/v0/pipes/**`);
   * see `httpIntent` in src/scan/link.ts for the general rule.
   */
  httpPaths?: { reads?: string[]; deletes?: string[] };
  /** Call patterns that delete a person at the vendor (`customers.del`, `deletePerson`). */
  deletes: string[];
  /** Categories every transmitting call sends (a browser pixel: IP, cookie id, page URL). */
  implicitCategories: string[];
  consent?: CatalogConsentSwitch[];
  /** Short free text: where the data came from ([docs]/[std]) and caveats. */
  notes?: string;
}

export interface Catalog {
  entries: readonly CatalogEntry[];
  byId: ReadonlyMap<string, CatalogEntry>;
}
