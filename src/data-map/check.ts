/**
 * Semantic checks at load (SPEC section 2), after the schema: every reference names something declared,
 * ids are unique, categories and purposes exist, and the fields that go together do. Each problem says
 * what is wrong, what would be valid, and the nearest valid id for a misspelling.
 */
import { isStatutoryCategory, parseFieldPattern, STATUTORY_CATEGORIES, unsafePatternReason } from '../taxonomy/index.js';
import type { Taxonomy } from '../taxonomy/types.js';
import { formatPath, type Locations, type Segment } from './locate.js';
import { didYouMean } from './suggest.js';
import type { DataMap, MapProblem, SourceLocation } from './types.js';

export interface CheckContext {
  map: DataMap;
  taxonomy: Taxonomy;
  locations: Locations;
  /** Built-in catalogue ids; the `catalog` check is skipped when empty (no catalogue to check against). */
  catalogIds: ReadonlySet<string>;
  /** Was `version` given in any file? */
  hasVersion: boolean;
}

/** `file#function` with a path on the left and a function (or `Class.method`) on the right. */
const HANDLER_FORM = /^[^#\s]+#[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

function listSome(values: readonly string[], max = 12): string {
  if (values.length === 0) return '(none declared)';
  const shown = values.slice(0, max).join(', ');
  return values.length > max ? `${shown}, …` : shown;
}

function where(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

export function semanticProblems(ctx: CheckContext): MapProblem[] {
  const { map, taxonomy, locations } = ctx;
  const problems: MapProblem[] = [];
  const report = (segments: Segment[], message: string, suggestion?: string, atKey = false, severity: MapProblem['severity'] = 'error'): void => {
    const loc = atKey ? locations.keyOf(segments, map.rootLoc) : locations.of(segments, map.rootLoc);
    problems.push({ severity, file: loc.file, line: loc.line, column: loc.column, path: formatPath(segments), message, ...(suggestion ? { suggestion } : {}) });
  };
  const warn = (segments: Segment[], message: string): void => report(segments, message, undefined, true, 'warning');

  if (!ctx.hasVersion) report([], 'missing "version: 1" (the data-map format version)');

  // ── ids: unique within their section; systems and vendors share the namespace of flow endpoints ──
  const uniqueIds = (label: string, entries: readonly { id: string; path: string; loc: SourceLocation }[], base: Segment[]): Map<string, SourceLocation> => {
    const first = new Map<string, SourceLocation>();
    entries.forEach((entry, i) => {
      if (!entry.id) return;
      const earlier = first.get(entry.id);
      if (earlier) report([...base, i, 'id'], `duplicate ${label} id "${entry.id}": already defined at ${where(earlier)}; ids must be unique within ${formatPath(base)}`);
      else first.set(entry.id, locations.of([...base, i, 'id'], entry.loc));
    });
    return first;
  };
  uniqueIds('category', map.categories, ['categories']);
  const systemIds = uniqueIds('system', map.systems, ['systems']);
  const vendorIds = uniqueIds('vendor', map.vendors, ['vendors']);
  const mechanismIds = uniqueIds('mechanism', map.opt_out.mechanisms, ['opt_out', 'mechanisms']);
  const noticeIds = uniqueIds('notice', map.notices, ['notices']);
  map.vendors.forEach((vendor, i) => {
    const system = systemIds.get(vendor.id);
    if (system) report(['vendors', i, 'id'], `"${vendor.id}" is both a system (${where(system)}) and a vendor; a flow's "to" would be ambiguous, so give them different ids`);
  });

  const categoryKeys = [...taxonomy.categories.keys()];
  const checkCategory = (segments: Segment[], key: string, statutoryAllowed: boolean, atKey = false): void => {
    if (taxonomy.isCategory(key)) return;
    if (statutoryAllowed && isStatutoryCategory(key)) return;
    if (isStatutoryCategory(key)) {
      report(segments, `"${key}" is a statutory category name, allowed only in a notice's discloses; here use category keys such as user.contact.email`, undefined, atKey);
      return;
    }
    const candidates = statutoryAllowed ? [...categoryKeys, ...STATUTORY_CATEGORIES] : categoryKeys;
    report(
      segments,
      `unknown data category "${key}"; use a built-in key (listed in docs/data-map.md)${statutoryAllowed ? ', a statutory category name' : ''} or declare it under categories`,
      didYouMean(key, candidates),
      atKey,
    );
  };

  const purposeNames = [...taxonomy.purposes.keys()];
  const purposeCandidates = [...taxonomy.purposes.values()].flatMap((p) => [p.key, ...p.aliases]);
  const checkPurpose = (segments: Segment[], value: string): void => {
    if (taxonomy.purpose(value)) return;
    report(segments, `unknown purpose "${value}"; use one of: ${purposeNames.join(', ')} (or a fideslang data-use alias)`, didYouMean(value, purposeCandidates));
  };

  const checkReference = (segments: Segment[], value: string, label: string, known: ReadonlyMap<string, unknown>): void => {
    if (known.has(value)) return;
    const ids = [...known.keys()];
    report(segments, `unknown ${label} "${value}"; declared ${label}s: ${listSome(ids)}`, didYouMean(value, ids));
  };

  // ── custom categories ──
  map.categories.forEach((category, i) => {
    if (isStatutoryCategory(category.id)) report(['categories', i, 'id'], `"${category.id}" is a statutory category name; a custom category needs a dot-key such as user.loyalty.member_id`);
    category.fields.forEach((field, j) => {
      const source = /^\/(.+)\/[a-z]*$/s.exec(field)?.[1];
      const unsafe = source === undefined ? undefined : unsafePatternReason(source);
      if (unsafe) report(['categories', i, 'fields', j], `"${field}" is refused: ${unsafe}; write it without nesting, e.g. /^member_?no$/i`);
      else if (source !== undefined && !parseFieldPattern(field)) report(['categories', i, 'fields', j], `"${field}" is not a valid regular expression; write /pattern/flags`);
    });
  });

  // ── systems ──
  map.systems.forEach((system, i) => {
    system.collects.forEach((key, j) => checkCategory(['systems', i, 'collects', j], key, false));
    for (const key of Object.keys(system.retention)) {
      if (key !== 'default') checkCategory(['systems', i, 'retention', key], key, false, true);
    }
    system.notices.forEach((id, j) => checkReference(['systems', i, 'notices', j], id, 'notice', noticeIds));
    const deletion = system.deletion;
    if (deletion?.handler !== undefined && deletion.exempt !== undefined) {
      report(['systems', i, 'deletion'], 'give either "handler" (the deletion entry point) or "exempt" (a documented §1798.105(d) exception), not both');
    }
    if (deletion?.handler !== undefined && !HANDLER_FORM.test(deletion.handler)) {
      report(['systems', i, 'deletion', 'handler'], `"${deletion.handler}" is not of the form file#function, e.g. apps/web/src/privacy/erase.ts#eraseUser`);
    }
  });

  // ── vendors ──
  map.vendors.forEach((vendor, i) => {
    if (vendor.catalog !== undefined && ctx.catalogIds.size > 0 && !ctx.catalogIds.has(vendor.catalog)) {
      report(
        ['vendors', i, 'catalog'],
        `"${vendor.catalog}" is not a built-in catalogue entry; remove "catalog" and describe the vendor under "detect", or use a catalogue id`,
        didYouMean(vendor.catalog, ctx.catalogIds),
      );
    }
    const detectable = vendor.catalog !== undefined || ctx.catalogIds.has(vendor.id) || (vendor.detect !== undefined && Object.values(vendor.detect).some((list) => list.length > 0));
    if (!detectable && ctx.catalogIds.size > 0 && vendor.id) {
      const near = didYouMean(vendor.id, ctx.catalogIds);
      report(
        ['vendors', i, 'id'],
        `vendor "${vendor.id}" is no catalogue entry and has no "detect": flowaudit cannot find its calls in code; add "catalog: <entry>" or "detect"`,
        near ? near.replace('did you mean', 'did you mean catalog') : undefined,
        false,
        'warning',
      );
    }
    const deletion = vendor.deletion;
    if (deletion?.method === 'api' && !deletion.call) {
      report(['vendors', i, 'deletion'], 'method "api" needs "call": the vendor method a deletion handler must reach, e.g. client.deletePerson');
    }
    if (deletion?.method === 'exempt' && !deletion.reason) {
      report(['vendors', i, 'deletion'], 'method "exempt" needs "reason": the §1798.105(d) exception that applies');
    }
    if (deletion?.call !== undefined && deletion.method !== 'api') warn(['vendors', i, 'deletion', 'call'], `"call" is used only with method "api"; this vendor's method is "${deletion.method}"`);
    if (vendor.contract?.certification !== undefined && vendor.role !== 'contractor') {
      warn(['vendors', i, 'contract', 'certification'], `"certification" applies to contractors (§1798.140(j)); this vendor's role is "${vendor.role}"`);
    }
  });

  // ── flows ──
  const endpoints = new Map<string, unknown>([...systemIds, ...vendorIds]);
  map.flows.forEach((flow, i) => {
    if (flow.from && !systemIds.has(flow.from)) {
      if (vendorIds.has(flow.from)) report(['flows', i, 'from'], `"${flow.from}" is a vendor; a flow's "from" must be one of the business's systems: ${listSome([...systemIds.keys()])}`);
      else checkReference(['flows', i, 'from'], flow.from, 'system', systemIds);
    }
    if (flow.to && !endpoints.has(flow.to)) {
      const ids = [...endpoints.keys()];
      report(['flows', i, 'to'], `unknown vendor or system "${flow.to}"; declared: ${listSome(ids)}`, didYouMean(flow.to, ids));
    }
    flow.categories.forEach((key, j) => checkCategory(['flows', i, 'categories', j], key, false));
    flow.purposes.forEach((purpose, j) => checkPurpose(['flows', i, 'purposes', j], purpose));
  });

  map.opt_out.mechanisms.forEach((mechanism, i) => {
    if (mechanism.frictionless !== undefined && mechanism.type !== 'gpc') {
      warn(['opt_out', 'mechanisms', i, 'frictionless'], `"frictionless" describes how a gpc mechanism is honoured (§1798.135(b)); it has no meaning for type "${mechanism.type}"`);
    }
  });

  // ── opt-out guards ──
  map.opt_out.guards.forEach((guard, i) => {
    if (guard.call === undefined && guard.read === undefined) report(['opt_out', 'guards', i], 'a guard needs "call" (a function such as canSellData) or "read" (a property such as user.doNotSell)');
    if (guard.call !== undefined && guard.read !== undefined) report(['opt_out', 'guards', i], 'a guard has either "call" or "read", not both; write two guards');
  });

  // ── notices ──
  map.notices.forEach((notice, i) => {
    for (const list of ['collected', 'sold', 'shared'] as const) {
      notice.discloses[list].forEach((key, j) => checkCategory(['notices', i, 'discloses', list, j], key, true));
    }
    notice.discloses.purposes.forEach((purpose, j) => checkPurpose(['notices', i, 'discloses', 'purposes', j], purpose));
    notice.links.forEach((id, j) => checkReference(['notices', i, 'links', j], id, 'mechanism', mechanismIds));
  });

  return problems;
}
