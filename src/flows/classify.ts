/**
 * SPEC section 4: the class of one flow, decided by the first step that applies. Pure: map facts and the
 * categories observed in code in, class + reason + step out.
 */
import type { Consideration, Role, Vendor } from '../data-map/types.js';
import type { Taxonomy } from '../taxonomy/types.js';
import type { FlowClass, RoleDowngrade } from './types.js';

/** The facts of a flow the steps read. For an undeclared flow to a declared vendor only the vendor is known. */
export interface FlowFacts {
  to: string;
  /** Declared ∪ observed categories. */
  categories: readonly string[];
  /** Categories the flow's call sites send (payload fields and the vendor's implicit categories). */
  observedCategories: readonly string[];
  purposes: readonly string[];
  consideration: Consideration;
  consumerDirected: boolean;
  deidentified: boolean;
}

export interface Classification {
  class: FlowClass;
  classReason: string;
  classStep: number;
  role?: Role;
  effectiveRole?: Role;
  downgrades: RoleDowngrade[];
}

/**
 * Identifiers that stay personal information when hashed or pseudonymised (§1798.140(m), (aj)): a key the
 * taxonomy marks `identifying`, any key of the statutory category `identifiers` (§1798.140(v)(1)(A)) —
 * which takes in a map's own categories such as a loyalty member number — and, should a taxonomy lack
 * both, the identifiers SPEC section 4 names.
 */
const IDENTIFYING_FALLBACK = [
  'user.contact.email',
  'user.contact.phone_number',
  'user.unique_id',
  'user.account.username',
  'user.device.ip_address',
  'user.device.cookie_id',
  'user.device.device_id',
  'user.device.advertising_id',
  'user.government_id',
];

export function isIdentifying(taxonomy: Taxonomy, key: string): boolean {
  for (let k = key; ; k = k.slice(0, k.lastIndexOf('.'))) {
    if (taxonomy.categories.get(k)?.identifying === true) return true;
    if (!k.includes('.')) break;
  }
  if (taxonomy.statutoryOf(key) === 'identifiers') return true;
  return IDENTIFYING_FALLBACK.some((id) => taxonomy.covers(id, key));
}

export function isCrossContext(taxonomy: Taxonomy, purpose: string): boolean {
  return taxonomy.purpose(purpose)?.crossContext ?? purpose === 'advertising.cross_context';
}

const SERVICE_PROVIDER_TERMS = ['restricts_sale_and_sharing', 'restricts_purposes', 'prohibits_combining'] as const;

/** Contract terms §1798.140(ag)(1), (j)(1) and §7051 require that the vendor's recorded contract lacks. */
export function missingContractTerms(vendor: Vendor): string[] {
  if (vendor.role === 'third_party') return [];
  const terms: string[] = [...SERVICE_PROVIDER_TERMS];
  if (vendor.role === 'contractor') terms.push('certification');
  const contract = vendor.contract ?? {};
  return terms.filter((term) => contract[term as keyof typeof contract] !== true);
}

/** SPEC section 4, step 3: why a declared service provider or contractor is treated as a third party. */
export function roleDowngrades(vendor: Vendor, purposes: readonly string[], taxonomy: Taxonomy): RoleDowngrade[] {
  if (vendor.role === 'third_party') return [];
  const downgrades: RoleDowngrade[] = [];
  const missing = missingContractTerms(vendor);
  // §1798.140(ag)(1), (j)(1); §7051: the status exists only under a written contract with these terms.
  if (missing.length > 0) {
    downgrades.push({ trigger: 'contract', detail: vendor.contract ? `contract lacks ${missing.join(', ')}` : 'no contract on record' });
  }
  // §7050(a)(3): a vendor using the data for its own purposes (model training, other clients) is a third party.
  if (vendor.trains_on_data) downgrades.push({ trigger: 'trains_on_data', detail: 'vendor trains on or reuses the data for its own purposes' });
  // §1798.140(e)(6): cross-context behavioral advertising is never a business purpose.
  const ccba = purposes.filter((p) => isCrossContext(taxonomy, p));
  if (ccba.length > 0) downgrades.push({ trigger: 'cross_context', detail: `purpose ${ccba.join(', ')}` });
  return downgrades;
}

const ROLE_WORDS: Record<Role, string> = { third_party: 'third party', service_provider: 'service provider', contractor: 'contractor' };

/** Steps 3–5 for a flow to a declared vendor. */
export function classifyByRole(vendor: Vendor, facts: Pick<FlowFacts, 'purposes' | 'consideration'>, taxonomy: Taxonomy): Classification {
  const downgrades = roleDowngrades(vendor, facts.purposes, taxonomy);
  const effectiveRole: Role = downgrades.length > 0 ? 'third_party' : vendor.role;
  const base = { role: vendor.role, effectiveRole, downgrades };
  if (effectiveRole !== 'third_party') {
    return { ...base, class: 'disclosure', classStep: 5, classReason: `business-purpose disclosure to a ${ROLE_WORDS[vendor.role]} with a compliant contract` };
  }
  // SPEC section 7 spells a plain third party's reason as the deciding fact alone: `purpose advertising.cross_context`.
  const why = downgrades.length > 0 ? `${ROLE_WORDS[vendor.role]} treated as third party (${downgrades.map((d) => d.detail).join('; ')}); ` : '';
  const ccba = facts.purposes.filter((p) => isCrossContext(taxonomy, p));
  // §1798.140(ah)(1): disclosure for cross-context behavioral advertising is sharing, paid or not.
  if (ccba.length > 0) return { ...base, class: 'share', classStep: 4, classReason: `${why}purpose ${ccba.join(', ')}` };
  // §1798.140(ad)(1): monetary or other valuable consideration makes it a sale.
  if (facts.consideration === 'monetary' || facts.consideration === 'other') {
    return { ...base, class: 'sale', classStep: 4, classReason: `${why}consideration ${facts.consideration}` };
  }
  if (facts.consideration === 'none') return { ...base, class: 'disclosure', classStep: 4, classReason: `${why}consideration none` };
  return { ...base, class: 'possible_sale', classStep: 4, classReason: `${why}consideration unknown` };
}

/** Steps 1–5 for a declared flow. `vendor` is undefined when the recipient is one of the business's systems. */
export function classifyDeclared(facts: FlowFacts, vendor: Vendor | undefined, isSystem: boolean, taxonomy: Taxonomy): Classification {
  // Step 1. §1798.140(ad)(2)(A), (ah)(2)(A): the consumer directed the disclosure.
  if (facts.consumerDirected) return { class: 'exempt', classStep: 1, classReason: 'consumer-directed disclosure', downgrades: [], ...roleOf(vendor) };
  if (facts.deidentified) {
    // §1798.140(m), (aj): hashed or pseudonymous identifiers are still personal information, whether the
    // code is seen sending them or the map itself lists them on the "deidentified" flow.
    const sent = facts.observedCategories.filter((c) => isIdentifying(taxonomy, c));
    const declared = facts.categories.filter((c) => !facts.observedCategories.includes(c) && isIdentifying(taxonomy, c));
    if (sent.length === 0 && declared.length === 0) {
      return { class: 'exempt', classStep: 1, classReason: 'deidentified data', downgrades: [], ...roleOf(vendor) };
    }
    const why = sent.length > 0 ? `call sites send ${sent.join(', ')}` : `it carries identifier ${declared.join(', ')}`;
    const rest = isSystem || !vendor ? internal(facts.to) : classifyByRole(vendor, facts, taxonomy);
    return { ...rest, classReason: `marked deidentified but ${why}; ${rest.classReason}` };
  }
  // §1798.140(v)(3): information that is not personal information is outside the Act.
  if (!facts.categories.some((c) => taxonomy.isCategory(c))) {
    return { class: 'exempt', classStep: 1, classReason: 'no personal information category', downgrades: [], ...roleOf(vendor) };
  }
  if (isSystem || !vendor) return internal(facts.to);
  return classifyByRole(vendor, facts, taxonomy);
}

function internal(to: string): Classification {
  return { class: 'internal', classStep: 2, classReason: `recipient ${to} is one of the business's own systems`, downgrades: [] };
}

function roleOf(vendor: Vendor | undefined): Pick<Classification, 'role' | 'effectiveRole'> {
  return vendor ? { role: vendor.role, effectiveRole: vendor.role } : {};
}

/** Most severe first: an undeclared flow to a declared vendor takes the most severe declared class. */
const SEVERITY_ORDER: readonly FlowClass[] = ['share', 'sale', 'possible_sale', 'disclosure', 'internal', 'exempt'];

export function classRank(c: FlowClass): number {
  return SEVERITY_ORDER.indexOf(c);
}

export function mostSevere<T extends { class: FlowClass }>(items: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const item of items) if (!best || classRank(item.class) < classRank(best.class)) best = item;
  return best;
}
