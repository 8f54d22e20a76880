import { describe, expect, it } from 'vitest';
import { skippedFile } from '../../../src/rules/tool/skipped-file.js';
import { brief, dataMap, findings, scanResult } from '../builders.js';

const rules = [skippedFile];

describe('tool/skipped-file', () => {
  it('fires once per skipped file, at its first line, saying why', () => {
    const scan = scanResult({ skipped: [{ file: 'src/vendor.min.js', reason: 'larger than 2 MB' }, { file: 'src/broken.ts', reason: 'syntax error at 3:14' }] });
    const result = findings(dataMap(), scan, rules);
    expect(brief(result)).toEqual(['tool/skipped-file src/broken.ts:1 warning', 'tool/skipped-file src/vendor.min.js:1 warning']);
    expect(result[0]!.message).toBe(
      "src/broken.ts was not scanned (syntax error at 3:14); any vendor calls in it are not audited — fix the file or exclude it in the data-map's scan.exclude",
    );
  });

  it('can be suppressed per file', () => {
    const scan = scanResult({
      skipped: [{ file: 'src/broken.ts', reason: 'syntax error' }],
      suppressions: [{ file: 'src/broken.ts', line: 1, column: 1, kind: 'file', ruleId: 'tool/skipped-file', reason: 'generated' }],
    });
    expect(findings(dataMap(), scan, rules)).toEqual([]);
  });

  it('does not fire when every file was read', () => {
    expect(findings(dataMap(), scanResult(), rules)).toEqual([]);
  });

  it('does not fire for unresolved HTTP destinations (they are listed, not findings)', () => {
    const scan = scanResult({ unresolved: [{ file: 'src/hook.ts', line: 3, column: 1, call: 'fetch', reason: 'URL from process.env.WEBHOOK_URL' }] });
    expect(findings(dataMap(), scan, rules)).toEqual([]);
  });
});
