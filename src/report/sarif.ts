/**
 * `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it — rule metadata with help, results with
 * relative locations under %SRCROOT%, code flows for wrapped calls, partial fingerprints, and suppressed or
 * baselined findings listed with `suppressions` rather than dropped.
 */
import { compareFindings } from '../rules/run.js';
import type { Severity } from '../rules/types.js';
import { canonicalReport, findingFile, pathFromWorkingDirectory, uriPath } from './common.js';
import type { AuditReport, Finding, Formatter, RuleMeta } from './types.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/flowaudit/flowaudit';
export const FINGERPRINT_KEY = 'flowaudit/v1';

type Level = 'error' | 'warning' | 'note' | 'none';

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub's `problem.severity` for rules that are not scored as security vulnerabilities. */
const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation' };

function ruleDescriptor(rule: RuleMeta): Record<string, unknown> {
  const enabled = rule.severity !== 'off';
  const lawTag = rule.citation && rule.citation !== '—' ? [rule.citation] : [];
  return {
    id: rule.id,
    name: rule.id.replace(/(^|[/-])([a-z])/g, (_m, _sep: string, ch: string) => ch.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description || rule.title },
    helpUri: rule.docsUrl,
    help: {
      text: `${rule.description || rule.title}\nLaw: ${rule.citation}\nDocumentation: ${rule.docsUrl}`,
      markdown: `**${rule.title}**\n\n${rule.description || rule.title}\n\nLaw: ${rule.citation}\n\n[Documentation](${rule.docsUrl}) · \`flowaudit explain ${rule.id}\``,
    },
    defaultConfiguration: enabled ? { level: LEVEL[rule.severity as Severity] } : { enabled: false, level: 'none' },
    properties: {
      tags: ['privacy', 'security', rule.id.split('/')[0]!, ...lawTag],
      precision: 'high',
      ...(enabled ? { 'problem.severity': PROBLEM_SEVERITY[rule.severity as Severity] } : {}),
    },
  };
}

/** Rules the report knows, plus any rule a finding names that the list lacks (so every ruleIndex resolves). */
function allRules(report: AuditReport, findings: readonly Finding[]): RuleMeta[] {
  const rules = [...report.rules];
  const known = new Set(rules.map((r) => r.id));
  for (const f of findings) {
    if (known.has(f.ruleId)) continue;
    known.add(f.ruleId);
    rules.push({ id: f.ruleId, severity: f.severity, title: f.ruleId, citation: f.citation, description: '', docsUrl: `${INFORMATION_URI}#rules` });
  }
  return rules;
}

function location(report: AuditReport, file: string, line: number, column: number, message?: string): Record<string, unknown> {
  return {
    physicalLocation: {
      artifactLocation: { uri: uriPath(pathFromWorkingDirectory(report, file)), uriBaseId: '%SRCROOT%' },
      region: { startLine: Math.max(1, line), startColumn: Math.max(1, column) },
    },
    ...(message ? { message: { text: message } } : {}),
  };
}

function codeFlow(report: AuditReport, finding: Finding): Record<string, unknown>[] {
  const via = finding.via ?? [];
  if (via.length === 0) return [];
  const steps = [
    { location: location(report, finding.file, finding.line, finding.column, `calls ${via[0]!.function}`), nestingLevel: 0 },
    ...via.map((frame, i) => ({
      location: location(report, frame.file, frame.line, frame.column, i === via.length - 1 ? `vendor call in ${frame.function}` : `in ${frame.function}, calls ${via[i + 1]!.function}`),
      nestingLevel: i + 1,
    })),
  ];
  return [{ message: { text: 'Path from the call in project code to the vendor call' }, threadFlows: [{ locations: steps }] }];
}

function suppressions(finding: Finding): Record<string, unknown>[] {
  if (!finding.suppressed) return [];
  if (finding.suppressed.kind === 'baseline') return [{ kind: 'external', status: 'accepted', justification: 'in the flowaudit baseline' }];
  return [{ kind: 'inSource', status: 'accepted', ...(finding.suppressed.reason ? { justification: finding.suppressed.reason } : {}) }];
}

export const formatSarif: Formatter = (input) => {
  const report = canonicalReport(input);
  const findings = [...report.findings, ...report.suppressedFindings].sort(compareFindings);
  const rules = allRules(report, findings);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = findings.map((f) => {
    const flows = codeFlow(report, f);
    const related = [f.flow ? `flow ${f.flow}` : '', f.vendor ? `vendor ${f.vendor}` : '', f.system ? `system ${f.system}` : ''].filter(Boolean);
    return {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId)!,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [location(report, findingFile(report, f), f.line, f.column)],
      ...(flows.length > 0 ? { codeFlows: flows } : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      ...(f.suppressed ? { suppressions: suppressions(f) } : {}),
      properties: { citation: f.citation, ...(related.length > 0 ? { related } : {}) },
    };
  });
  const notifications = [
    ...report.skipped.map((s) => ({ level: 'warning', message: { text: `Skipped ${s.file}: ${s.reason}` }, locations: [location(report, s.file, 1, 1)] })),
    ...report.unresolved.map((u) => ({
      level: 'note',
      message: { text: `Destination of ${u.call} not resolved statically: ${u.reason}` },
      locations: [location(report, u.file, u.line, u.column)],
    })),
  ];
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules: rules.map(ruleDescriptor),
          },
        },
        invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
};
