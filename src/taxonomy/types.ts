/** SPEC section 3: data categories and purposes. */

/** Statutory categories of §1798.140(v)(1), plus `sensitive` (§1798.140(ae)). */
export type StatutoryCategory =
  | 'identifiers'
  | 'customer_records'
  | 'protected_classifications'
  | 'commercial'
  | 'biometric'
  | 'internet_activity'
  | 'geolocation'
  | 'sensory'
  | 'professional'
  | 'education'
  | 'inferences'
  | 'sensitive';

export interface CategoryDef {
  /** Dot-key, e.g. `user.contact.email`. A key covers its children. */
  key: string;
  ccpa: StatutoryCategory;
  sensitive: boolean;
  description: string;
  /**
   * Identifier names in code that carry it: exact names (compared after normalising case and
   * separators: `emailAddress`, `email_address` and `EMAIL-ADDRESS` are one name) or `/regex/flags`.
   */
  fields: string[];
  /** Names that look like a field but are not personal information (`emailVerified`, `isEmail`). */
  exclude: string[];
  /** True for identifiers that stay personal information when hashed (§1798.140(aj)). */
  identifying?: boolean;
}

export interface PurposeDef {
  key: string;
  description: string;
  /** Cross-context behavioral advertising: makes a third-party flow a share (§1798.140(ah), (k)). */
  crossContext: boolean;
  /** fideslang data-use keys accepted as aliases. */
  aliases: string[];
}

/** The built-in taxonomy merged with a map's custom categories. */
export interface Taxonomy {
  categories: ReadonlyMap<string, CategoryDef>;
  purposes: ReadonlyMap<string, PurposeDef>;
  /** Known category key (or its ancestor prefix)? */
  isCategory(key: string): boolean;
  /** Canonical purpose key for a key or alias, or undefined. */
  purpose(keyOrAlias: string): PurposeDef | undefined;
  /** `parent` covers `child` when equal or `child` starts with `parent + '.'`. */
  covers(parent: string, child: string): boolean;
  /** Statutory category of a key (walking up to the nearest defined ancestor/descendant). */
  statutoryOf(key: string): StatutoryCategory | undefined;
  isSensitive(key: string): boolean;
  /** Category key carried by an identifier name in code, or undefined. Fast: called in the scanner's hot loop. */
  categoryForField(name: string): string | undefined;
  /**
   * Does a notice list entry (a category key, or a statutory name such as `identifiers`) cover `key`?
   */
  disclosureCovers(entry: string, key: string): boolean;
}
