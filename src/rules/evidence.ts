/** Shared vocabulary of the rules: where a finding points, and how vendors, systems and categories are named. */
import { isSaleOrShare, type Flow, type FlowClass } from '../flows/types.js';
import type { DataMap, Located, Mechanism } from '../data-map/types.js';
import type { CallSite } from '../scan/types.js';
import type { Taxonomy } from '../taxonomy/types.js';
import type { RuleContext, RuleReport } from './types.js';

type MapEntryEvidence = NonNullable<RuleReport['mapEntry']>;
type CodeEvidence = NonNullable<RuleReport['code']>;

/** Evidence at a map entry. `path` may name a part of the entry (`notices[0].links`) to keep fingerprints apart. */
export function mapEntryOf(entry: Located, path: string = entry.path): MapEntryEvidence {
  return { path, file: entry.loc.file, line: entry.loc.line, column: entry.loc.column };
}

/** Evidence at the map as a whole (a section the map lacks, such as `opt_out`). */
export function mapRootEntry(map: DataMap, path: string): MapEntryEvidence {
  return { path, file: map.rootLoc.file, line: map.rootLoc.line, column: map.rootLoc.column };
}

/** Evidence at a call site: its outermost call, with the vendor call at the end of `via`. */
export function codeOf(site: CallSite): CodeEvidence {
  const vendorFrame = site.via.at(-1);
  return {
    file: site.file,
    line: site.line,
    column: site.column,
    enclosingFunction: site.enclosingFunction,
    callText: site.callText,
    ...(vendorFrame ? { vendorFile: vendorFrame.file, vendorLine: vendorFrame.line } : {}),
  };
}

/** Sorted, distinct vendor names of flows: `Meta Pixel, Segment and 3 more`. */
export function vendorNames(ctx: RuleContext, ids: Iterable<string>, max = 4): string {
  const names = [...new Set([...ids].map((id) => vendorName(ctx, id)))].sort();
  if (names.length <= max) return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, max - 1).join(', ')} and ${names.length - max + 1} more`;
}

export function vendorName(ctx: RuleContext, id: string): string {
  const declared = ctx.map.vendors.find((v) => v.id === id);
  if (declared?.name) return declared.name;
  const entry = ctx.catalog.byId.get(declared?.catalog ?? id);
  if (entry) return entry.name;
  return id.startsWith('host:') ? id.slice('host:'.length) : id;
}

export function systemName(ctx: RuleContext, id: string): string {
  if (id === 'unassigned') return 'code outside every system';
  return ctx.map.systems.find((s) => s.id === id)?.name ?? id;
}

const WORDS: Record<string, string> = { ip: 'IP', id: 'ID', ssn: 'SSN', dob: 'date of birth' };

/** Keys whose last segment does not read as a noun on its own. */
const LABELS: Record<string, string> = {
  'user.unique_id': 'user ID',
  'user.content.private': 'private message contents',
  'user.biometric': 'biometric data',
  'user.genetic': 'genetic data',
  'user.neural': 'neural data',
  'user.health_and_medical': 'health data',
  'user.authentication.credentials': 'account credentials',
  'user.location.precise': 'precise location',
  'user.location.imprecise': 'approximate location',
  'user.behavior.interaction': 'product interactions',
  'user.financial.transaction': 'payment transactions',
  'user.commercial.cart': 'cart contents',
  'user.inferences.profile': 'inferred profile',
  'user.inferences.segment': 'audience segments',
  'user.education.records': 'education records',
  'user.sensory.audio': 'audio recordings',
  'user.sensory.photo': 'photos',
  'user.sensory.video': 'video recordings',
  'user.demographic.race_ethnicity': 'race or ethnicity',
};

/** `user.device.ip_address` -> `IP address`; `user.unique_id` -> `user ID`. */
export function categoryLabel(key: string): string {
  const label = LABELS[key];
  if (label) return label;
  const last = key.split('.').at(-1) ?? key;
  return last
    .split('_')
    .map((w) => WORDS[w] ?? w)
    .join(' ');
}

/** `email, IP address and browsing history`; long lists end with `and N more`. */
export function categoryList(keys: readonly string[], max = 4): string {
  const labels = [...new Set(keys.map(categoryLabel))];
  if (labels.length === 0) return 'personal information';
  const shown = labels.length > max ? [...labels.slice(0, max - 1), `${labels.length - max + 1} more categories`] : labels;
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** Labels that are plural nouns on their own ("private message contents are"). */
const PLURAL_LABELS = new Set([
  'private message contents',
  'product interactions',
  'payment transactions',
  'cart contents',
  'audience segments',
  'education records',
  'audio recordings',
  'photos',
  'video recordings',
  'account credentials',
]);

/** Does the phrase `categoryList(keys)` take a plural verb? */
export function isPlural(keys: readonly string[]): boolean {
  const labels = new Set(keys.map(categoryLabel));
  return labels.size !== 1 || PLURAL_LABELS.has([...labels][0]!);
}

/** `is` or `are` for the phrase `categoryList(keys)`. */
export function be(keys: readonly string[]): string {
  return isPlural(keys) && keys.length > 0 ? 'are' : 'is';
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** How a sale/share flow's class reads in a sentence: `shared with`, `sold to`, `possibly sold to`. */
export function transferVerb(c: FlowClass): string {
  switch (c) {
    case 'share':
      return 'shared with';
    case 'sale':
      return 'sold to';
    case 'possible_sale':
      return 'sent to';
    default:
      return 'disclosed to';
  }
}

/** Flows the sale/share rules look at: sale, share and possible_sale (SPEC section 4, "possible_sale everywhere"). */
export function saleShareFlows(flows: readonly Flow[]): Flow[] {
  return flows.filter((f) => isSaleOrShare(f.class));
}

/** Full severity when one flow is a definite sale or share; reduced when all are only possible sales. */
export function levelFor(flows: readonly Flow[]): RuleReport['level'] {
  return flows.some((f) => f.class === 'sale' || f.class === 'share') ? 'full' : 'reduced';
}

/** Mechanisms that let a consumer opt out of sale/sharing (a `limit_link` is for sensitive PI only). */
export function optOutMechanisms(map: DataMap): Mechanism[] {
  return map.opt_out.mechanisms.filter((m) => m.type === 'link' || m.type === 'alternative_link' || m.type === 'gpc');
}

/** §1798.135(b): a business that honours the signal frictionlessly need not post the link. */
export function hasFrictionlessGpc(map: DataMap): boolean {
  return map.opt_out.mechanisms.some((m) => m.type === 'gpc' && m.frictionless === true);
}

export function possibleSaleNote(flows: readonly Flow[]): string {
  return levelFor(flows) === 'reduced' ? ' (consideration unknown: a possible sale until someone decides)' : '';
}

/**
 * Does a notice list (`discloses.collected`, `sold` + `shared`) cover `key`? An entry covers it directly
 * (a statutory name covers the keys that map to it, a key its children); a broad key such as `user.device`,
 * whose children fall under several statutory categories, is covered when each of its children is.
 */
export function listCovers(taxonomy: Taxonomy, entries: readonly string[], key: string): boolean {
  if (entries.some((entry) => taxonomy.disclosureCovers(entry, key))) return true;
  const children = [...taxonomy.categories.keys()].filter((k) => k.startsWith(`${key}.`));
  return children.length > 0 && children.every((child) => entries.some((entry) => taxonomy.disclosureCovers(entry, child)));
}

/**
 * A call site's categories for a message: what the payload carries first, then what the vendor's tag
 * sends implicitly (IP address, cookie id), so "Email, IP address and …" leads with what the code chose.
 */
export function siteCategories(ctx: RuleContext, site: CallSite): string[] {
  const implicit = new Set(site.catalogId ? (ctx.catalog.byId.get(site.catalogId)?.implicitCategories ?? []) : []);
  return [...site.categories.filter((c) => !implicit.has(c)), ...site.categories.filter((c) => implicit.has(c))];
}
