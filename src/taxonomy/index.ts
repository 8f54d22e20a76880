/**
 * The taxonomy (SPEC section 3): the built-in categories and purposes merged with a map's custom
 * categories, plus the field matcher the scanner calls on every payload key and member name.
 */
import type { CustomCategory } from '../data-map/types.js';
import { BUILTIN_CATEGORIES } from './categories.js';
import { BUILTIN_PURPOSES } from './purposes.js';
import type { CategoryDef, PurposeDef, StatutoryCategory, Taxonomy } from './types.js';

export { BUILTIN_CATEGORIES } from './categories.js';
export { BUILTIN_PURPOSES } from './purposes.js';

/** §1798.140(v)(1) (A)–(K), plus `sensitive` (§1798.140(ae)). */
export const STATUTORY_CATEGORIES: readonly StatutoryCategory[] = [
  'identifiers',
  'customer_records',
  'protected_classifications',
  'commercial',
  'biometric',
  'internet_activity',
  'geolocation',
  'sensory',
  'professional',
  'education',
  'inferences',
  'sensitive',
];

const STATUTORY_SET: ReadonlySet<string> = new Set(STATUTORY_CATEGORIES);

export function isStatutoryCategory(name: string): name is StatutoryCategory {
  return STATUTORY_SET.has(name);
}

/**
 * Leading words that say whose value a name holds, not what it is: `userEmail`, `billing_address`,
 * `customerPhone`, `newPassword` carry the same category as `email`, `address`, `phone`, `password`.
 * Words that name the business's own addresses (`support`, `from`, `sender`, `admin`, `noreply`) are
 * deliberately absent: `supportEmail` is not a consumer's email.
 */
const OWNER_WORDS: ReadonlySet<string> = new Set([
  'user', 'users', 'customer', 'customers', 'client', 'member', 'account', 'billing', 'shipping', 'delivery',
  'contact', 'primary', 'secondary', 'recipient', 'owner', 'buyer', 'person', 'profile', 'patient', 'employee',
  'visitor', 'guest', 'current', 'new', 'old', 'previous', 'my', 'lead', 'subscriber', 'consumer', 'player',
  'student', 'applicant', 'holder', 'home', 'work', 'personal', 'mobile', 'parent', 'guardian', 'child', 'your',
  'verified', 'confirmed', 'hashed', 'raw', 'plain', 'normalized', 'normalised', 'encrypted', 'sha256', 'md5', 'sha1',
  // Builder setters name what they set: Meta's `UserData.setEmail(…)`, `new Customer().withPhone(…)`.
  'set', 'with',
]);

/** Trailing words that keep the category (`emailHash`, `email_sha256`, `phoneE164`). */
const QUALIFIER_WORDS: ReadonlySet<string> = new Set(['hash', 'hashed', 'sha256', 'sha1', 'md5', 'encrypted', 'normalized', 'normalised', 'lower', 'lowercase', 'e164', 'raw']);

/** Lowercase, separators (`_ - .` and spaces) dropped: `emailAddress` = `email_address` = `EMAIL-ADDRESS`. */
export function normalizeFieldName(name: string): string {
  return name.toLowerCase().replace(/[_\-.\s]/g, '');
}

/** `userIPAddress` -> [user, ip, address]; `billing_email` -> [billing, email]. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/**
 * Why a pattern could backtrack catastrophically, or undefined when it cannot: an unbounded quantifier
 * (`*`, `+`, `{n,}`) applied to a group that itself contains one or an alternation — `(a+)+`, `(a|a)*`.
 * The scanner runs a map's patterns against every payload name, so such a pattern could hang an audit.
 */
export function unsafePatternReason(source: string): string | undefined {
  const groups: { quantified: boolean; alternation: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    const unbounded = (at: number): boolean => source[at] === '*' || source[at] === '+' || (source[at] === '{' && /^\{\d*,\}/.test(source.slice(at)));
    if (ch === '[') inClass = true;
    else if (ch === '(') groups.push({ quantified: false, alternation: false });
    else if (ch === '|' && groups.length > 0) groups[groups.length - 1]!.alternation = true;
    else if (ch === ')') {
      const group = groups.pop();
      if (group && unbounded(i + 1) && (group.quantified || group.alternation)) {
        return 'a repeated group contains a repetition or an alternation, which can take exponential time';
      }
      if (group && groups.length > 0 && (group.quantified || unbounded(i + 1))) groups[groups.length - 1]!.quantified = true;
    } else if (unbounded(i) && groups.length > 0) groups[groups.length - 1]!.quantified = true;
  }
  return undefined;
}

/** `/^member_?no$/i` -> RegExp; anything else (or an unsafe pattern) -> undefined (an exact name). */
export function parseFieldPattern(field: string): RegExp | undefined {
  const match = /^\/(.+)\/([a-z]*)$/s.exec(field);
  if (!match || unsafePatternReason(match[1]!)) return undefined;
  try {
    return new RegExp(match[1]!, match[2]!.replace(/[gy]/g, ''));
  } catch {
    return undefined;
  }
}

interface FieldMatcher {
  exact: Map<string, string>;
  patterns: { pattern: RegExp; key: string }[];
  excluded: Set<string>;
}

function addFields(matcher: FieldMatcher, def: { key: string; fields: readonly string[]; exclude?: readonly string[] }, override: boolean): void {
  for (const field of def.fields) {
    const pattern = parseFieldPattern(field);
    if (pattern) {
      matcher.patterns.push({ pattern, key: def.key });
      continue;
    }
    const normalized = normalizeFieldName(field);
    if (override || !matcher.exact.has(normalized)) matcher.exact.set(normalized, def.key);
  }
  for (const name of def.exclude ?? []) matcher.excluded.add(normalizeFieldName(name));
}

/** The bound on memoised field names: a real codebase has far fewer distinct payload keys. */
const FIELD_CACHE_LIMIT = 200_000;

export function createTaxonomy(custom: readonly CustomCategory[] = []): Taxonomy {
  const categories = new Map<string, CategoryDef>(BUILTIN_CATEGORIES.map((c) => [c.key, c]));
  const builtinMatcher: FieldMatcher = { exact: new Map(), patterns: [], excluded: new Set() };
  for (const def of BUILTIN_CATEGORIES) addFields(builtinMatcher, def, false);

  // A map's own field names win over the built-in ones: the business knows what `member_no` holds.
  const customMatcher: FieldMatcher = { exact: new Map(), patterns: [], excluded: new Set() };
  for (const entry of custom) {
    const existing = categories.get(entry.id);
    categories.set(entry.id, {
      key: entry.id,
      ccpa: (isStatutoryCategory(entry.ccpa) ? entry.ccpa : existing?.ccpa ?? 'identifiers') as StatutoryCategory,
      // A category whose statutory class is `sensitive` is sensitive whatever the flag says.
      sensitive: entry.sensitive || entry.ccpa === 'sensitive',
      description: existing?.description ?? `Custom category declared in ${entry.loc.file}:${entry.loc.line}`,
      fields: [...(existing?.fields ?? []), ...entry.fields],
      exclude: existing?.exclude ?? [],
      ...(existing?.identifying !== undefined ? { identifying: existing.identifying } : {}),
    });
    addFields(customMatcher, { key: entry.id, fields: entry.fields }, true);
  }
  // A name the business declares as a field is not excluded any more.
  for (const name of customMatcher.exact.keys()) builtinMatcher.excluded.delete(name);

  const purposes = new Map<string, PurposeDef>(BUILTIN_PURPOSES.map((p) => [p.key, p]));
  const purposeLookup = new Map<string, PurposeDef>();
  for (const p of BUILTIN_PURPOSES) {
    purposeLookup.set(p.key, p);
    for (const alias of p.aliases) purposeLookup.set(alias, p);
  }

  // Ancestor prefixes (`user.contact` for `user.contact.email`) are valid keys: they cover their children.
  const descendantsOf = new Map<string, CategoryDef[]>();
  for (const def of categories.values()) {
    const parts = def.key.split('.');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      if (categories.has(prefix)) continue;
      const list = descendantsOf.get(prefix) ?? [];
      list.push(def);
      descendantsOf.set(prefix, list);
    }
  }

  const nearestDefined = (key: string): CategoryDef | undefined => {
    let current = key;
    for (;;) {
      const def = categories.get(current);
      if (def) return def;
      const dot = current.lastIndexOf('.');
      if (dot < 0) return undefined;
      current = current.slice(0, dot);
    }
  };

  const statutoryOf = (key: string): StatutoryCategory | undefined => {
    const def = nearestDefined(key);
    if (def) return def.ccpa;
    const descendants = descendantsOf.get(key);
    if (!descendants) return undefined;
    const kinds = new Set(descendants.map((d) => d.ccpa));
    return kinds.size === 1 ? descendants[0]!.ccpa : undefined;
  };

  const isSensitive = (key: string): boolean => {
    const def = nearestDefined(key);
    if (def) return def.sensitive;
    // A broad prefix (`user.location`) is sensitive only when everything under it is.
    const descendants = descendantsOf.get(key);
    return descendants !== undefined && descendants.every((d) => d.sensitive);
  };

  const covers = (parent: string, child: string): boolean => child === parent || child.startsWith(`${parent}.`);

  const isExcluded = (normalized: string): boolean => customMatcher.excluded.has(normalized) || builtinMatcher.excluded.has(normalized);

  const lookupExact = (normalized: string): string | undefined => customMatcher.exact.get(normalized) ?? builtinMatcher.exact.get(normalized);

  const matchField = (name: string): string | undefined => {
    const normalized = normalizeFieldName(name);
    if (normalized.length === 0 || isExcluded(normalized)) return undefined;
    const exact = lookupExact(normalized);
    if (exact) return exact;
    for (const { pattern, key } of customMatcher.patterns) if (pattern.test(name)) return key;
    for (const { pattern, key } of builtinMatcher.patterns) if (pattern.test(name)) return key;

    // `billingEmail`, `user_ip`, `emailSha256`: owner words before, qualifiers after a known field.
    const parts = words(name);
    if (parts.length < 2) return undefined;
    let leading = 0;
    while (leading < parts.length - 1 && OWNER_WORDS.has(parts[leading]!)) leading++;
    let trailing = 0;
    while (trailing < parts.length - 1 && QUALIFIER_WORDS.has(parts[parts.length - 1 - trailing]!)) trailing++;
    for (let start = 0; start <= leading; start++) {
      for (let drop = 0; drop <= trailing; drop++) {
        const end = parts.length - drop;
        if (end <= start || (start === 0 && drop === 0)) continue;
        const core = parts.slice(start, end).join('');
        if (isExcluded(core)) return undefined;
        const key = lookupExact(core);
        if (key) return key;
      }
    }
    return undefined;
  };

  const fieldCache = new Map<string, string | undefined>();
  const categoryForField = (name: string): string | undefined => {
    if (fieldCache.has(name)) return fieldCache.get(name);
    const key = matchField(name);
    if (fieldCache.size >= FIELD_CACHE_LIMIT) fieldCache.clear();
    fieldCache.set(name, key);
    return key;
  };

  return {
    categories,
    purposes,
    isCategory: (key) => categories.has(key) || descendantsOf.has(key),
    purpose: (keyOrAlias) => purposeLookup.get(keyOrAlias),
    covers,
    statutoryOf,
    isSensitive,
    categoryForField,
    disclosureCovers(entry, key) {
      if (entry === 'sensitive') return isSensitive(key);
      if (isStatutoryCategory(entry)) return statutoryOf(key) === entry;
      return covers(entry, key);
    },
  };
}
