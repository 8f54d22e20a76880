/** Baseline files: the fingerprints of accepted findings, so only new ones fail the build. */
import { UsageError } from '../errors.js';
import { compareText } from '../order.js';
import { readBoundedFile } from '../read-file.js';

const MAX_BASELINE_BYTES = 100 * 1024 * 1024;
import type { AuditReport } from '../report/types.js';
import { writeFileAtomic } from './output.js';

interface BaselineFile {
  flowaudit: 'baseline';
  version: 1;
  findings: { fingerprint: string; ruleId: string; file: string; message: string }[];
}

export function readBaseline(path: string): Set<string> {
  let text: string;
  try {
    text = readBoundedFile(path, MAX_BASELINE_BYTES).toString('utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new UsageError(`cannot read baseline ${path}: ${reason}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`baseline ${path} is not valid JSON; write a new one with --write-baseline`);
  }
  const file = data as Partial<BaselineFile>;
  if (file?.flowaudit !== 'baseline' || !Array.isArray(file.findings) || !file.findings.every((f) => typeof f?.fingerprint === 'string')) {
    throw new UsageError(`baseline ${path} is not a flowaudit baseline (expected {"flowaudit":"baseline","version":1,"findings":[{"fingerprint":…}]})`);
  }
  return new Set(file.findings.map((f) => f.fingerprint));
}

/** Records active and already-baselined findings (not comment-suppressed ones). */
export function writeBaseline(path: string, report: AuditReport, shownAs: string = path): void {
  const kept = [...report.findings, ...report.suppressedFindings.filter((f) => f.suppressed?.kind === 'baseline')];
  const file: BaselineFile = {
    flowaudit: 'baseline',
    version: 1,
    findings: kept
      .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file, message: f.message }))
      .sort((a, b) => compareText(a.fingerprint, b.fingerprint)),
  };
  writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`, shownAs);
}
