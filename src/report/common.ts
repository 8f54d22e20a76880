/** Helpers shared by the report formatters: canonical order, paths, counts, labels. */
import { compareCallSites, compareText, compareUnresolved } from '../order.js';
import { posix } from 'node:path';
import type { Flow, FlowClass } from '../flows/types.js';
import { compareFindings } from '../rules/run.js';
import type { Severity } from '../rules/types.js';
import type { AuditReport, Finding, Formatter } from './types.js';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}

/** The most severe of some severities, or undefined for none. */
export function worstSeverity(severities: Iterable<Severity>): Severity | undefined {
  let worst: Severity | undefined;
  for (const s of severities) if (worst === undefined || SEVERITY_RANK[s] < SEVERITY_RANK[worst]) worst = s;
  return worst;
}

export { compareText };

/**
 * Key orders for the canonical JSON (SPEC section 7). Keys not listed here (optional fields added later)
 * follow the listed ones in alphabetical order, so the output stays byte-identical for the same input.
 */
const KEY_ORDER = {
  report: ['schemaVersion', 'tool', 'root', 'dataMap', 'summary', 'flows', 'findings', 'suppressedFindings', 'unresolved', 'skipped', 'rules', 'staleBaseline', 'timings'],
  tool: ['name', 'version'],
  summary: ['errors', 'warnings', 'infos', 'suppressed', 'baselined', 'flows', 'callSites', 'files', 'skipped', 'unresolved'],
  flow: ['id', 'from', 'to', 'class', 'classReason', 'classStep', 'declared', 'recipientDeclared', 'role', 'effectiveRole', 'downgrades', 'categories', 'undeclaredCategories', 'purposes', 'mapIndex', 'callSites'],
  downgrade: ['trigger', 'detail'],
  callSite: ['file', 'line', 'column', 'vendor', 'catalogId', 'declaredVendor', 'api', 'pattern', 'detectedBy', 'matched', 'categories', 'gated', 'gate', 'guards', 'via', 'system', 'enclosingFunction', 'callText', 'defaultClass'],
  frame: ['file', 'line', 'column', 'function'],
  finding: ['ruleId', 'severity', 'message', 'file', 'line', 'column', 'flow', 'vendor', 'system', 'citation', 'fingerprint', 'suppressed', 'via'],
  suppression: ['kind', 'reason'],
  unresolved: ['file', 'line', 'column', 'call', 'reason'],
  skipped: ['file', 'reason'],
  rule: ['id', 'severity', 'title', 'citation', 'description', 'docsUrl'],
} as const;

/** A shape gives back its input itself when it is already in shape (no copy to make). */
type Shape = (value: unknown) => unknown;

function ordered(order: readonly string[], nested: Record<string, Shape> = {}): Shape {
  const listed = new Set(order);
  const rank = new Map(order.map((key, i) => [key, i]));
  const put = (result: Record<string, unknown>, source: Record<string, unknown>, key: string): void => {
    const value = source[key];
    if (value === undefined) return;
    const shape = nested[key];
    result[key] = shape ? shape(value) : value;
  };
  /** A plain object whose keys already stand in the canonical order, none undefined, nested values in shape. */
  const inShape = (source: Record<string, unknown>): boolean => {
    if (Object.getPrototypeOf(source) !== Object.prototype) return false;
    let lastRank = -1;
    let lastOther: string | undefined;
    for (const key of Object.keys(source)) {
      const value = source[key];
      if (value === undefined) return false;
      const at = rank.get(key);
      if (at !== undefined) {
        if (lastOther !== undefined || at <= lastRank) return false;
        lastRank = at;
      } else {
        if (lastOther !== undefined && !(lastOther < key)) return false;
        lastOther = key;
      }
      const shape = nested[key];
      if (shape && shape(value) !== value) return false;
    }
    return true;
  };
  return (value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const source = value as Record<string, unknown>;
    if (inShape(source)) return source;
    const result: Record<string, unknown> = {};
    for (const key of order) if (key in source) put(result, source, key);
    let others: string[] | undefined;
    for (const key of Object.keys(source)) if (!listed.has(key)) (others ??= []).push(key);
    if (others) for (const key of others.sort()) put(result, source, key);
    return result;
  };
}

/** The shape applied to each item; the array itself when every item already is in shape. */
const each =
  (shape: Shape): Shape =>
  (value) => {
    if (!Array.isArray(value)) return value;
    const items = value as unknown[];
    for (let i = 0; i < items.length; i++) {
      if (!(i in items) || shape(items[i]) !== items[i]) return items.map(shape);
    }
    return items;
  };

const frameShape = ordered(KEY_ORDER.frame);
const callSiteShape = ordered(KEY_ORDER.callSite, { via: each(frameShape) });
const flowShape = ordered(KEY_ORDER.flow, { downgrades: each(ordered(KEY_ORDER.downgrade)), callSites: each(callSiteShape) });
const findingShape = ordered(KEY_ORDER.finding, { suppressed: ordered(KEY_ORDER.suppression), via: each(frameShape) });
const sortedKeys: Shape = (value) =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? ordered([])(value) : value;
const reportShape = ordered(KEY_ORDER.report, {
  tool: ordered(KEY_ORDER.tool),
  summary: ordered(KEY_ORDER.summary),
  flows: each(flowShape),
  findings: each(findingShape),
  suppressedFindings: each(findingShape),
  unresolved: each(ordered(KEY_ORDER.unresolved)),
  skipped: each(ordered(KEY_ORDER.skipped)),
  rules: each(ordered(KEY_ORDER.rule)),
  timings: sortedKeys,
});

/**
 * The report every formatter works from: arrays sorted (upstream sorts them already; sorting again is
 * idempotent and guards determinism) and object keys in the canonical order.
 */
export function canonicalReport(report: AuditReport): AuditReport {
  const sorted: AuditReport = {
    ...report,
    flows: [...report.flows]
      .sort((a, b) => compareText(a.id, b.id))
      .map((f) => ({ ...f, callSites: [...f.callSites].sort(compareCallSites) })),
    findings: [...report.findings].sort(compareFindings),
    suppressedFindings: [...report.suppressedFindings].sort(compareFindings),
    unresolved: [...report.unresolved].sort(compareUnresolved),
    skipped: [...report.skipped].sort((a, b) => compareText(a.file, b.file) || compareText(a.reason, b.reason)),
    ...(report.staleBaseline ? { staleBaseline: [...report.staleBaseline].sort() } : {}),
  };
  return reportShape(sorted) as AuditReport;
}

/**
 * A finding's file as a path from the working directory (where CI runs and where the repository
 * usually starts): code paths are relative to the scanned root, data-map paths to the working directory.
 */
export function pathFromWorkingDirectory(report: AuditReport, file: string): string {
  if (report.dataMap.includes(file) || report.root === '.' || report.root === '') return file;
  return posix.normalize(posix.join(report.root, file));
}

/**
 * A relative path as a URI reference: each segment percent-encoded, so `#`, `?`, spaces and brackets
 * (`app/[slug]/page.tsx`) stay in the path; `@`, `+`, `$`, `,`, `;`, `=`, `&` are legal in a path segment
 * (RFC 3986 pchar) and stay readable (`packages/@acme`, `routes/+page.svelte`); parentheses are encoded so a
 * Markdown link destination cannot end early.
 */
export function uriPath(path: string): string {
  return path
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment)
        .replace(/%(40|2B|24|2C|3B|3D|26)/g, (escape) => decodeURIComponent(escape))
        .replace(/[()'*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');
}

/** Where a finding without any location points: the first data-map file. */
export function findingFile(report: AuditReport, finding: Finding): string {
  return finding.file !== '' ? finding.file : (report.dataMap[0] ?? '');
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function classLabel(flowClass: FlowClass): string {
  return flowClass.replace(/_/g, ' ');
}

/** `✖ 3 problems (2 errors, 1 warning)` without the mark; infos are named only when there are some. */
export function problemCount(report: AuditReport): string {
  const { errors, warnings, infos } = report.summary;
  const parts = [plural(errors, 'error'), plural(warnings, 'warning'), ...(infos > 0 ? [plural(infos, 'info')] : [])];
  return `${plural(errors + warnings + infos, 'problem')} (${parts.join(', ')})`;
}

/** Counts a reader should not miss: what was set aside and what the scanner could not see. */
export function asideCounts(report: AuditReport): string[] {
  const { suppressed, baselined, skipped, unresolved } = report.summary;
  const stale = report.staleBaseline?.length ?? 0;
  return [
    ...(suppressed > 0 ? [`${suppressed} suppressed`] : []),
    ...(baselined > 0 ? [`${baselined} baselined`] : []),
    ...(stale > 0 ? [`${plural(stale, 'baseline entry', 'baseline entries')} no longer found`] : []),
    ...(skipped > 0 ? [`${plural(skipped, 'file')} skipped`] : []),
    ...(unresolved > 0 ? [`${plural(unresolved, 'unresolved destination')}`] : []),
  ];
}

/** The rule to explain first: the most severe, then the one with most active findings, then by id. */
export function topRule(findings: readonly Finding[]): { ruleId: string; count: number } | undefined {
  const counts = new Map<string, { count: number; worst: number }>();
  for (const f of findings) {
    const entry = counts.get(f.ruleId) ?? { count: 0, worst: 2 };
    entry.count += 1;
    entry.worst = Math.min(entry.worst, severityRank(f.severity));
    counts.set(f.ruleId, entry);
  }
  const best = [...counts].sort(([idA, a], [idB, b]) => a.worst - b.worst || b.count - a.count || compareText(idA, idB))[0];
  return best ? { ruleId: best[0], count: best[1].count } : undefined;
}

/** Why a flow has its class, with any role downgrade (SPEC section 4, step 3) spelled out. */
export function flowReason(flow: Flow): string {
  const downgrades = flow.downgrades.map((d) => `${d.trigger.replace(/_/g, ' ')}: ${d.detail}`);
  return downgrades.length > 0 ? `${flow.classReason}; treated as a third party (${downgrades.join('; ')})` : flow.classReason;
}

/** Canonical JSON (SPEC section 7): sorted arrays, fixed key order, byte-identical for the same input. */
export const formatJson: Formatter = (report) => `${JSON.stringify(canonicalReport(report), null, 2)}\n`;

/** A formatter that is handed the report in canonical order. */
export function canonicalFormatter(format: Formatter): Formatter {
  return (report, options) => format(canonicalReport(report), options);
}
