/** SPEC section 7: the canonical audit result (`--format json`), described by schemas/report.schema.json. */
import type { Flow } from '../flows/types.js';
import type { Severity } from '../rules/types.js';
import type { SkippedFile, UnresolvedDestination } from '../scan/types.js';

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  flow?: string;
  vendor?: string;
  system?: string;
  citation: string;
  fingerprint: string;
  /** Present when a suppression comment or the baseline covers it. */
  suppressed?: { kind: 'comment' | 'baseline'; reason?: string };
  /** For code findings of wrapped calls: the path to the vendor call. */
  via?: { file: string; line: number; column: number; function: string }[];
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  suppressed: number;
  baselined: number;
  flows: number;
  callSites: number;
  files: number;
  skipped: number;
  unresolved: number;
}

export interface RuleMeta {
  id: string;
  severity: Severity | 'off';
  title: string;
  citation: string;
  description: string;
  docsUrl: string;
}

export interface AuditReport {
  schemaVersion: 1;
  tool: { name: 'flowaudit'; version: string };
  root: string;
  dataMap: string[];
  summary: Summary;
  flows: Flow[];
  /** Active findings (not suppressed or baselined), sorted by file, line, column, ruleId. */
  findings: Finding[];
  /** Findings covered by a suppression comment or the baseline (SARIF lists them with `suppressions`). */
  suppressedFindings: Finding[];
  unresolved: UnresolvedDestination[];
  skipped: SkippedFile[];
  rules: RuleMeta[];
  /** Baseline entries that no longer occur (with --baseline). */
  staleBaseline?: string[];
  timings?: Record<string, number>;
}

export interface FormatOptions {
  color: boolean;
  /**
   * Base URL that file links in markdown and html reports start from, e.g.
   * `https://github.com/<owner>/<repo>/blob/<sha>`; without it, links are relative to the working directory.
   */
  linkBase?: string;
}

/** A formatter: pure, result -> text. */
export type Formatter = (report: AuditReport, options: FormatOptions) => string;
