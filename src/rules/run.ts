/**
 * Runs the rule registry and turns rule reports into findings: severity (with --rule overrides and the
 * one-level reduction), location, fingerprint, suppression comments, baseline and --changed-since.
 */
import { createHash } from 'node:crypto';
import { compareLocations, compareText } from '../order.js';
import type { Finding, RuleMeta } from '../report/types.js';
import type { SuppressionComment } from '../scan/types.js';
import { ruleDocsUrl } from './docs.js';
import { rules as registry } from './index.js';
import type { Rule, RuleContext, RuleReport, Severity, SeveritySetting } from './types.js';

export interface EvaluateOptions {
  overrides: Record<string, SeveritySetting>;
  baseline?: ReadonlySet<string>;
  changedFiles?: ReadonlySet<string>;
  /** For tests: a different rule set. */
  rules?: readonly Rule[];
}

export interface Evaluation {
  findings: Finding[];
  suppressed: Finding[];
  ruleMeta: RuleMeta[];
  staleBaseline: string[];
}

export const SUPPRESSION_RULE_ID = 'tool/suppression';

const REDUCED: Record<Severity, Severity> = { error: 'warning', warning: 'info', info: 'info' };

function hash(parts: readonly (string | number | undefined)[]): string {
  return createHash('sha256').update(parts.map((p) => String(p ?? '')).join('\u0000')).digest('hex').slice(0, 32);
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareLocations(a, b) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message) ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

function toFinding(rule: Rule, severity: Severity, report: RuleReport, occurrence: Map<string, number>): Finding {
  const level = report.level === 'reduced' ? REDUCED[severity] : severity;
  const where = report.code ?? report.mapEntry;
  const identity = report.code
    ? [rule.id, report.flow, report.code.file, report.code.enclosingFunction, report.code.callText]
    : [rule.id, report.mapEntry?.path, report.flow, report.vendor, report.system];
  const key = identity.join('\u0000');
  const index = occurrence.get(key) ?? 0;
  occurrence.set(key, index + 1);
  return {
    ruleId: rule.id,
    severity: level,
    message: report.message,
    file: where?.file ?? '',
    line: where?.line ?? 1,
    column: where?.column ?? 1,
    ...(report.flow ? { flow: report.flow } : {}),
    ...(report.vendor ? { vendor: report.vendor } : {}),
    ...(report.system ? { system: report.system } : {}),
    citation: rule.citation,
    fingerprint: hash([...identity, index]),
  };
}

/** Does a comment suppress this finding? Next-line comments apply at the outermost call or the vendor call. */
function matches(comment: SuppressionComment, finding: Finding, vendorAt: { file: string; line: number } | undefined): boolean {
  if (comment.ruleId !== finding.ruleId && comment.ruleId !== '*') return false;
  if (comment.kind === 'file') return comment.file === finding.file || comment.file === vendorAt?.file;
  const at = comment.appliesToLine;
  return (comment.file === finding.file && at === finding.line) || (vendorAt !== undefined && comment.file === vendorAt.file && at === vendorAt.line);
}

function suppressionFindings(unused: SuppressionComment[], reasonless: SuppressionComment[], severity: Severity): Finding[] {
  const make = (c: SuppressionComment, message: string, tag: string): Finding => ({
    ruleId: SUPPRESSION_RULE_ID,
    severity,
    message,
    file: c.file,
    line: c.line,
    column: c.column,
    citation: '—',
    fingerprint: hash([SUPPRESSION_RULE_ID, tag, c.file, c.kind, c.ruleId, c.reason]),
  });
  return [
    ...reasonless.map((c) => make(c, `Suppression of ${c.ruleId} gives no reason; add "-- <reason>" so reviewers know why`, 'reason')),
    ...unused.map((c) => make(c, `Suppression of ${c.ruleId} suppresses nothing; remove it`, 'unused')),
  ];
}

export function evaluateRules(ctx: RuleContext, options: EvaluateOptions): Evaluation {
  const ruleSet = options.rules ?? registry;
  const active: Finding[] = [];
  const suppressed: Finding[] = [];
  const used = new Set<SuppressionComment>();
  const ruleMeta: RuleMeta[] = [];
  const callSiteByLocation = new Map(ctx.scan.callSites.map((c) => [`${c.file}:${c.line}:${c.column}`, c]));
  const mapFindings = new Set<Finding>();
  const suppressionsByFile = new Map<string, SuppressionComment[]>();
  for (const comment of ctx.scan.suppressions) {
    const list = suppressionsByFile.get(comment.file) ?? [];
    list.push(comment);
    suppressionsByFile.set(comment.file, list);
  }
  const suppressionFor = (finding: Finding, vendorAt: { file: string; line: number } | undefined): SuppressionComment | undefined =>
    (suppressionsByFile.get(finding.file) ?? []).find((c) => matches(c, finding, vendorAt)) ??
    (vendorAt && vendorAt.file !== finding.file ? (suppressionsByFile.get(vendorAt.file) ?? []).find((c) => matches(c, finding, vendorAt)) : undefined);

  for (const rule of ruleSet) {
    const setting = options.overrides[rule.id] ?? rule.defaultSeverity;
    ruleMeta.push({ id: rule.id, severity: setting, title: rule.title, citation: rule.citation, description: rule.description, docsUrl: ruleDocsUrl(rule.id) });
    if (setting === 'off' || rule.id === SUPPRESSION_RULE_ID) continue;
    const occurrence = new Map<string, number>();
    for (const report of rule.evaluate(ctx)) {
      const finding = toFinding(rule, setting, report, occurrence);
      const site = report.code ? callSiteByLocation.get(`${report.code.file}:${report.code.line}:${report.code.column}`) : undefined;
      const last = site?.via.at(-1);
      const vendorAt = last ? { file: last.file, line: last.line } : undefined;
      if (site && site.via.length > 0) finding.via = site.via;
      if (!report.code) mapFindings.add(finding);
      const comment = suppressionFor(finding, vendorAt);
      if (comment) {
        used.add(comment);
        suppressed.push({ ...finding, suppressed: { kind: 'comment', ...(comment.reason ? { reason: comment.reason } : {}) } });
      } else {
        active.push(finding);
      }
    }
  }

  const suppressionRule = ruleSet.find((r) => r.id === SUPPRESSION_RULE_ID);
  const suppressionSetting = options.overrides[SUPPRESSION_RULE_ID] ?? suppressionRule?.defaultSeverity ?? 'off';
  if (suppressionRule && suppressionSetting !== 'off') {
    const unused = ctx.scan.suppressions.filter((c) => !used.has(c));
    const reasonless = ctx.scan.suppressions.filter((c) => !c.reason);
    active.push(...suppressionFindings(unused, reasonless, suppressionSetting));
  }

  let reported = active;
  if (options.changedFiles) {
    const changed = options.changedFiles;
    const flowTouched = new Set(
      ctx.flows.filter((f) => f.callSites.some((s) => changed.has(s.file) || s.via.some((v) => changed.has(v.file)))).map((f) => f.id),
    );
    // Code findings follow their own call path; a map finding follows the call sites of its flow.
    reported = reported.filter((f) =>
      mapFindings.has(f) ? f.flow !== undefined && flowTouched.has(f.flow) : changed.has(f.file) || (f.via ?? []).some((v) => changed.has(v.file)),
    );
  }

  const findings: Finding[] = [];
  const seenBaseline = new Set<string>();
  for (const finding of reported) {
    if (options.baseline?.has(finding.fingerprint)) {
      seenBaseline.add(finding.fingerprint);
      suppressed.push({ ...finding, suppressed: { kind: 'baseline' } });
    } else {
      findings.push(finding);
    }
  }
  const staleBaseline = options.baseline ? [...options.baseline].filter((fp) => !seenBaseline.has(fp)).sort() : [];
  return { findings: findings.sort(compareFindings), suppressed: suppressed.sort(compareFindings), ruleMeta, staleBaseline };
}
