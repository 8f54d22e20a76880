/** SPEC section 5: what the scanner takes and what it finds. */
import type { Catalog, DefaultClass } from '../catalog/types.js';
import type { GuardSpec } from '../data-map/types.js';
import type { Taxonomy } from '../taxonomy/types.js';

/** A vendor the scanner detects: a catalogue entry, possibly extended by a map vendor's `detect`. */
export interface Detector {
  /** The map vendor id when the map declares this vendor, else the catalogue entry id. */
  vendor: string;
  /** Catalogue entry id, when detected through the catalogue. */
  catalogId?: string;
  declared: boolean;
}

export interface ScanInput {
  /** Absolute path of the root to scan. */
  root: string;
  catalog: Catalog;
  taxonomy: Taxonomy;
  /**
   * Map vendors, used to (1) extend catalogue entries with `detect` and (2) attribute call sites found
   * through a catalogue entry to the map vendor (SPEC section 5: `catalog`, then `id`, then `detect`).
   */
  vendors: {
    id: string;
    catalog?: string;
    detect?: { packages: string[]; hosts: string[]; globals: string[] };
    /** The map's `deletion.call`: a vendor method that deletes a person (matched like a catalogue `deletes` pattern). */
    deletion?: { call?: string };
  }[];
  /** Systems for attribution: first match of `paths` wins; else `unassigned`. */
  systems: { id: string; paths: string[] }[];
  /** The map's `opt_out.guards`; the built-in GPC / consent-platform guards are added by the scanner. */
  guards: GuardSpec[];
  /** Deletion handlers to resolve (`file#function`), keyed by system id. */
  deletionHandlers: { system: string; handler: string }[];
  /** Extra excludes / force-includes (globs relative to root), added to the defaults. */
  exclude: string[];
  include: string[];
  /** Worker threads; 1 = in-process. */
  jobs?: number;
  /** Directory for the per-file cache, or undefined for none. */
  cacheDir?: string;
  /**
   * Parse every planned file whole instead of only the chunks that can matter (plan.ts). The result is
   * the same; tests compare the two.
   */
  wholeFiles?: boolean;
  /** Called as files are scanned (for a progress line). */
  onProgress?: (done: number, total: number) => void;
  /** Receives the milliseconds each scan phase took (`--timing`), by phase name. */
  timings?: Record<string, number>;
}

export interface ViaFrame {
  file: string;
  line: number;
  column: number;
  /** Name of the function the frame's call is in (the callee of the previous frame). */
  function: string;
}

export type GateKind = 'none' | 'guard' | 'gpc-only' | 'restricted' | 'vendor-opt-out';

export type DetectedBy = 'package' | 'global' | 'http' | 'script' | 'snippet' | 'component';

export interface CallSite {
  /** Outermost call in the project's code; path relative to root, POSIX. */
  file: string;
  line: number;
  column: number;
  /** Map vendor id if declared, else catalogue id (or `host:<hostname>` for a map-less host). */
  vendor: string;
  catalogId?: string;
  declaredVendor: boolean;
  /** The vendor call itself, as written: `fbq`, `posthog.capture`, `stripe.customers.create`, `fetch`. */
  api: string;
  /** The matched pattern path (`customers.create`, `fbq('track')`). */
  pattern: string;
  detectedBy: DetectedBy;
  /** Which package / global / host matched. */
  matched: string;
  /** Sorted, deduplicated category keys: payload fields plus the vendor's implicit categories. */
  categories: string[];
  gated: boolean;
  gate: GateKind;
  /** Human-readable guard descriptions, e.g. `canSellData()`, `navigator.globalPrivacyControl`. */
  guards: string[];
  /** Frames from the outermost caller's callee down to the vendor call; empty for a direct call. */
  via: ViaFrame[];
  /** System id from the map's `paths`, or `unassigned`. */
  system: string;
  /** Name of the function enclosing the outermost call (`<module>` at top level). For fingerprints. */
  enclosingFunction: string;
  /** Normalised text of the outermost call expression (whitespace folded, at most 200 chars). */
  callText: string;
  defaultClass: DefaultClass;
}

/** A call of a vendor's deletion method, or any vendor call reachable from a deletion handler. */
export interface ReachedCall {
  vendor: string;
  api: string;
  pattern: string;
  file: string;
  line: number;
  column: number;
  /** The call matches a catalogue `deletes` pattern or the map vendor's `deletion.call`. */
  deletes?: boolean;
}

export interface HandlerResolution {
  system: string;
  handler: string;
  /** The file exists and declares/exports the named function. */
  resolved: boolean;
  /** Why it did not resolve (file missing, function missing). */
  reason?: string;
  /** Handler location when resolved. */
  file?: string;
  line?: number;
  column?: number;
  /** Vendor calls (any api, not only transmitting ones) reachable from the handler across files. */
  reaches: ReachedCall[];
}

export interface UnresolvedDestination {
  file: string;
  line: number;
  column: number;
  /** `fetch`, `axios.post`, `navigator.sendBeacon`, … */
  call: string;
  reason: string;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

/** A `flowaudit-ignore-*` comment. */
export interface SuppressionComment {
  file: string;
  line: number;
  column: number;
  kind: 'next-line' | 'file';
  ruleId: string;
  reason?: string;
  /** For next-line: the line it applies to. */
  appliesToLine?: number;
}

export interface GpcRead {
  file: string;
  line: number;
  column: number;
  kind: 'navigator.globalPrivacyControl' | 'Sec-GPC';
  system: string;
}

export interface ScanResult {
  /** Files considered (after excludes). */
  files: number;
  /** Total lines of the files considered. */
  lines: number;
  callSites: CallSite[];
  unresolved: UnresolvedDestination[];
  skipped: SkippedFile[];
  suppressions: SuppressionComment[];
  gpcReads: GpcRead[];
  handlers: HandlerResolution[];
  /** Files (relative) that contain at least one call site, with the system they belong to. */
  filesWithCallSites: { file: string; system: string }[];
}
