/**
 * The merged map as plain data -> the `DataMap` type, with the documented defaults (docs/data-map.md):
 * jurisdictions [CA], minors `unknown`, consideration `unknown`, booleans false, lists empty. Defensive
 * about shapes the schema already rejected, so the semantic checks can still run and report everything
 * at once. Purposes are canonicalised later, after the checks have seen what was written.
 */
import { formatPath, type Locations, type Segment } from './locate.js';
import type {
  Consideration,
  CustomCategory,
  DataMap,
  DeclaredFlow,
  DeletionMethod,
  GuardSpec,
  Mechanism,
  MechanismType,
  Minors,
  Notice,
  NoticeType,
  Role,
  SourceLocation,
  System,
  Vendor,
  VendorContract,
} from './types.js';

export type Raw = Record<string, unknown>;

export function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function records(value: unknown): Raw[] {
  return Array.isArray(value) ? value.map((v) => (isRecord(v) ? v : {})) : [];
}

const MINORS: readonly Minors[] = ['none', 'under_13', 'under_16', 'unknown'];
const ROLES: readonly Role[] = ['third_party', 'service_provider', 'contractor'];
const CONSIDERATIONS: readonly Consideration[] = ['monetary', 'other', 'none', 'unknown'];
const DELETION_METHODS: readonly DeletionMethod[] = ['api', 'manual', 'exempt', 'not_applicable', 'none'];
const MECHANISM_TYPES: readonly MechanismType[] = ['link', 'gpc', 'limit_link', 'alternative_link'];
const NOTICE_TYPES: readonly NoticeType[] = ['privacy_policy', 'notice_at_collection', 'opt_out_notice', 'limit_notice'];

/** Drop undefined values so the normalised map carries only what the file (or a default) says. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function normalizeMap(merged: Raw, files: string[], locations: Locations, rootLoc: SourceLocation): DataMap {
  const located = (segments: Segment[]) => ({ loc: locations.of(segments, rootLoc), path: formatPath(segments) });
  const business = isRecord(merged.business) ? merged.business : {};
  const scan = isRecord(merged.scan) ? merged.scan : {};
  const optOut = isRecord(merged.opt_out) ? merged.opt_out : {};

  const categories: CustomCategory[] = records(merged.categories).map((c, i) => ({
    ...located(['categories', i]),
    id: str(c.id) ?? '',
    ccpa: str(c.ccpa) ?? '',
    sensitive: bool(c.sensitive, false),
    fields: strings(c.fields),
  }));

  const systems: System[] = records(merged.systems).map((s, i) => {
    const deletion = isRecord(s.deletion) ? s.deletion : undefined;
    const retention = isRecord(s.retention) ? Object.fromEntries(Object.entries(s.retention).filter(([, v]) => typeof v === 'string')) : {};
    return defined({
      ...located(['systems', i]),
      id: str(s.id) ?? '',
      name: str(s.name),
      paths: strings(s.paths),
      collects: strings(s.collects),
      retention: retention as Record<string, string>,
      deletion: deletion ? defined({ handler: str(deletion.handler), exempt: str(deletion.exempt) }) : undefined,
      notices: strings(s.notices),
    });
  });

  const vendors: Vendor[] = records(merged.vendors).map((v, i) => {
    const contract = isRecord(v.contract) ? v.contract : undefined;
    const detect = isRecord(v.detect) ? v.detect : undefined;
    const deletion = isRecord(v.deletion) ? v.deletion : undefined;
    return defined({
      ...located(['vendors', i]),
      id: str(v.id) ?? '',
      name: str(v.name),
      catalog: str(v.catalog),
      role: oneOf(v.role, ROLES, 'third_party'),
      contract: contract
        ? defined<VendorContract>({
            restricts_sale_and_sharing: typeof contract.restricts_sale_and_sharing === 'boolean' ? contract.restricts_sale_and_sharing : undefined,
            restricts_purposes: typeof contract.restricts_purposes === 'boolean' ? contract.restricts_purposes : undefined,
            prohibits_combining: typeof contract.prohibits_combining === 'boolean' ? contract.prohibits_combining : undefined,
            certification: typeof contract.certification === 'boolean' ? contract.certification : undefined,
            purposes: Array.isArray(contract.purposes) ? strings(contract.purposes) : undefined,
            reviewed: str(contract.reviewed),
          })
        : undefined,
      trains_on_data: bool(v.trains_on_data, false),
      detect: detect ? { packages: strings(detect.packages), hosts: strings(detect.hosts), globals: strings(detect.globals) } : undefined,
      deletion: deletion
        ? defined({ method: oneOf(deletion.method, DELETION_METHODS, 'none'), call: str(deletion.call), reason: str(deletion.reason) })
        : undefined,
    });
  });

  const flows: DeclaredFlow[] = records(merged.flows).map((f, i) => ({
    ...located(['flows', i]),
    from: str(f.from) ?? '',
    to: str(f.to) ?? '',
    categories: strings(f.categories),
    purposes: strings(f.purposes),
    consideration: oneOf(f.consideration, CONSIDERATIONS, 'unknown'),
    consumer_directed: bool(f.consumer_directed, false),
    deidentified: bool(f.deidentified, false),
  }));

  const mechanisms: Mechanism[] = records(optOut.mechanisms).map((m, i) =>
    defined({
      ...located(['opt_out', 'mechanisms', i]),
      id: str(m.id) ?? '',
      type: oneOf(m.type, MECHANISM_TYPES, 'link'),
      url: str(m.url),
      frictionless: typeof m.frictionless === 'boolean' ? m.frictionless : undefined,
    }),
  );

  const guards: GuardSpec[] = records(optOut.guards).map((g, i) =>
    defined({
      ...located(['opt_out', 'guards', i]),
      call: str(g.call),
      read: str(g.read),
      means: g.means === 'opted_out' || g.means === 'allowed' ? g.means : undefined,
    }),
  );

  const notices: Notice[] = records(merged.notices).map((n, i) => {
    const discloses = isRecord(n.discloses) ? n.discloses : {};
    return defined({
      ...located(['notices', i]),
      id: str(n.id) ?? '',
      type: oneOf(n.type, NOTICE_TYPES, 'privacy_policy'),
      url: str(n.url),
      updated: str(n.updated),
      discloses: {
        collected: strings(discloses.collected),
        sold: strings(discloses.sold),
        shared: strings(discloses.shared),
        purposes: strings(discloses.purposes),
        third_parties: strings(discloses.third_parties),
        retention: bool(discloses.retention, false),
      },
      links: strings(n.links),
    });
  });

  const jurisdictions = strings(business.jurisdictions);
  return {
    version: 1,
    files,
    business: {
      name: str(business.name) ?? '',
      jurisdictions: jurisdictions.length > 0 ? jurisdictions : ['CA'],
      minors: oneOf(business.minors, MINORS, 'unknown'),
    },
    scan: { exclude: strings(scan.exclude), include: strings(scan.include) },
    categories,
    systems,
    vendors,
    flows,
    opt_out: { mechanisms, guards },
    notices,
    rootLoc,
    locations: locations.all(),
  };
}
