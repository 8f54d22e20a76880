/**
 * The data-map after loading and validation (SPEC section 2). Field names keep the YAML spelling so a
 * reader can match code to the map format one to one. Every entry carries `loc` (where it stands in its
 * YAML file) and `path` (its document path, e.g. `flows[3]`) so findings can point at the map.
 */

export interface SourceLocation {
  /** Path of the map file, relative to the working directory, POSIX separators. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export interface Located {
  loc: SourceLocation;
  /** Document path inside the merged map, e.g. `vendors[2]` or `flows[0]`. */
  path: string;
}

export type Minors = 'none' | 'under_13' | 'under_16' | 'unknown';
export type Role = 'third_party' | 'service_provider' | 'contractor';
export type Consideration = 'monetary' | 'other' | 'none' | 'unknown';
export type DeletionMethod = 'api' | 'manual' | 'exempt' | 'not_applicable' | 'none';
export type MechanismType = 'link' | 'gpc' | 'limit_link' | 'alternative_link';
export type NoticeType = 'privacy_policy' | 'notice_at_collection' | 'opt_out_notice' | 'limit_notice';

export interface Business {
  name: string;
  jurisdictions: string[];
  minors: Minors;
}

export interface ScanSettings {
  exclude: string[];
  include: string[];
}

export interface CustomCategory extends Located {
  id: string;
  ccpa: string;
  sensitive: boolean;
  fields: string[];
}

export interface SystemDeletion {
  /** `file#function`, relative to the scanned root. */
  handler?: string;
  /** A documented §1798.105(d) exception. */
  exempt?: string;
}

export interface System extends Located {
  id: string;
  name?: string;
  paths: string[];
  collects: string[];
  /** Category key (or `default`) -> ISO-8601 duration. */
  retention: Record<string, string>;
  deletion?: SystemDeletion;
  notices: string[];
}

export interface VendorContract {
  restricts_sale_and_sharing?: boolean;
  restricts_purposes?: boolean;
  prohibits_combining?: boolean;
  certification?: boolean;
  purposes?: string[];
  reviewed?: string;
}

export interface VendorDetect {
  packages: string[];
  hosts: string[];
  globals: string[];
}

export interface VendorDeletion {
  method: DeletionMethod;
  call?: string;
  reason?: string;
}

export interface Vendor extends Located {
  id: string;
  name?: string;
  /** Catalogue entry id this vendor is detected by (defaults to `id` when such an entry exists). */
  catalog?: string;
  role: Role;
  contract?: VendorContract;
  trains_on_data: boolean;
  detect?: VendorDetect;
  deletion?: VendorDeletion;
}

export interface DeclaredFlow extends Located {
  from: string;
  to: string;
  categories: string[];
  /** Canonical purpose keys (fideslang aliases already resolved). */
  purposes: string[];
  consideration: Consideration;
  consumer_directed: boolean;
  deidentified: boolean;
}

export interface Mechanism extends Located {
  id: string;
  type: MechanismType;
  url?: string;
  frictionless?: boolean;
}

/** A code predicate that reads the consumer's opt-out / consent state. Exactly one of call/read is set. */
export interface GuardSpec extends Located {
  /** `canSellData` (any receiver) or `consent.allows` (member call). */
  call?: string;
  /** Property read such as `user.doNotSell`. */
  read?: string;
  /** `opted_out`: a truthy value means the consumer opted out. Default: truthy means allowed. */
  means?: 'opted_out' | 'allowed';
}

export interface NoticeDiscloses {
  collected: string[];
  sold: string[];
  shared: string[];
  purposes: string[];
  third_parties: string[];
  retention: boolean;
}

export interface Notice extends Located {
  id: string;
  type: NoticeType;
  url?: string;
  updated?: string;
  discloses: NoticeDiscloses;
  links: string[];
}

export interface DataMap {
  version: 1;
  /** The map files read, relative to the working directory, in load order. */
  files: string[];
  business: Business;
  scan: ScanSettings;
  categories: CustomCategory[];
  systems: System[];
  vendors: Vendor[];
  flows: DeclaredFlow[];
  opt_out: { mechanisms: Mechanism[]; guards: GuardSpec[] };
  notices: Notice[];
  /** Location of the document root of the first file, for findings about the map as a whole. */
  rootLoc: SourceLocation;
  /**
   * Where every node of the map stands, by document path in the merged map (`flows[3].to`,
   * `systems[0].paths[1]`), for problems and findings about part of an entry. Optional: maps built in
   * code (tests) may omit it; fall back to the entry's `loc`.
   */
  locations?: ReadonlyMap<string, SourceLocation>;
}

/** One problem found while loading or validating a map. */
export interface MapProblem {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  column: number;
  /** Document path, e.g. `flows[3].to`; empty for the document itself. */
  path: string;
  message: string;
  /** e.g. `did you mean "meta-pixel"?` */
  suggestion?: string;
}

export type LoadResult =
  | { ok: true; map: DataMap; warnings: MapProblem[] }
  | { ok: false; problems: MapProblem[] };
