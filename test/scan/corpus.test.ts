/**
 * The scanner measured against the labelled corpus in fixtures/scanner/ (SPEC section 8). The first block
 * checks the oracle itself (labels and scoring); the last runs the real scanner and expects it to find
 * exactly the labelled call sites.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CorpusEvaluation,
  type CorpusLabels,
  corpusFiles,
  evaluateCorpus,
  parseFileLabels,
  readCorpusLabels,
  scoreCorpus,
} from '../../scripts/lib/corpus-eval.js';
import type { Catalog, CatalogEntry } from '../../src/catalog/types.js';
import type { CallSite, ScanResult } from '../../src/scan/types.js';
import type { Taxonomy } from '../../src/taxonomy/types.js';

describe('corpus labels', () => {
  it('parse stacked labels, JSX labels and traps onto the line beneath them', () => {
    const text = [
      "// @expect vendor=meta-pixel gated=true gate=guard categories=user.contact.email,user.unique_id",
      '// @expect vendor=google-analytics gated=false via=2',
      "if (ok) fbq('track', 'Lead', { email }); gtag('event', 'x');",
      '{/* @expect vendor=tiktok-pixel gated=false */}',
      '<Script src="https://analytics.tiktok.com/i18n/pixel/events.js" />',
      '// @expect-none unresolved destination: URL from a parameter',
      'fetch(url);',
    ].join('\n');
    const labels = parseFileLabels('a.tsx', text);
    expect(labels.problems).toEqual([]);
    expect(labels.sites).toEqual([
      { file: 'a.tsx', line: 3, vendor: 'meta-pixel', gated: true, gate: 'guard', categories: ['user.contact.email', 'user.unique_id'], via: 0 },
      { file: 'a.tsx', line: 3, vendor: 'google-analytics', gated: false, gate: 'none', categories: [], via: 2 },
      { file: 'a.tsx', line: 5, vendor: 'tiktok-pixel', gated: false, gate: 'none', categories: [], via: 0 },
    ]);
    expect(labels.nonSites).toEqual([{ file: 'a.tsx', line: 7, reason: 'unresolved destination: URL from a parameter', unresolved: true }]);
  });

  it('reports malformed labels instead of guessing', () => {
    const text = ['// @expect vendor=posthog gated=true', 'capture();', '// @expect gated=maybe', 'x();', '// @expect-none', 'y();', '// @expect vendor=a gated=false', ''].join('\n');
    const { problems } = parseFileLabels('b.ts', text);
    expect(problems).toEqual([
      'b.ts:1 a gated label must name its gate',
      'b.ts:3 a label needs vendor=',
      'b.ts:3 a label needs gated=true|false',
      'b.ts:5 @expect-none needs a reason',
      'b.ts:8 a label must sit directly above its line',
    ]);
  });

  it('the corpus is well formed and large enough: at least 80 call sites and 30 traps', () => {
    const labels = readCorpusLabels();
    expect(labels.problems).toEqual([]);
    expect(labels.sites.length).toBeGreaterThanOrEqual(80);
    expect(labels.nonSites.length).toBeGreaterThanOrEqual(30);
    expect(corpusFiles()).toContain('apps/api/jobs/nightly-sync.cjs');
    expect(corpusFiles()).not.toContain('apps/web/types/globals.d.ts');
  });

  it('covers every gate kind, wrapper depths 1 to 4 and payload categories', () => {
    const { sites } = readCorpusLabels();
    const gates = new Set(sites.map((s) => s.gate));
    expect([...gates].sort()).toEqual(['gpc-only', 'guard', 'none', 'restricted', 'vendor-opt-out']);
    expect([...new Set(sites.map((s) => s.via))].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(sites.filter((s) => s.categories.length > 0).length).toBeGreaterThanOrEqual(40);
    expect(sites.filter((s) => !s.gated).length).toBeGreaterThanOrEqual(20);
  });
});

// ── scoring, on a hand-built scan ──────────────────────────────────────────────────────────────────────

const pixelEntry: CatalogEntry = {
  id: 'meta-pixel',
  name: 'Meta Pixel',
  kind: 'advertising',
  defaultClass: 'share',
  typicalRole: 'third_party',
  packages: [{ name: 'react-facebook-pixel', browser: true, transmits: ['track'], implicitCategories: ['user.device.cookie_id'] }],
  globals: [{ name: 'fbq', transmits: ["fbq('track')"] }],
  hosts: ['connect.facebook.net'],
  deletes: [],
  implicitCategories: ['user.device.ip_address', 'user.device.cookie_id'],
};
const catalog: Catalog = { entries: [pixelEntry], byId: new Map([[pixelEntry.id, pixelEntry]]) };
const taxonomy = { covers: (parent: string, child: string) => child === parent || child.startsWith(`${parent}.`) } as Taxonomy;

function predicted(overrides: Partial<CallSite>): CallSite {
  return {
    file: 'a.ts', line: 1, column: 1, vendor: 'meta-pixel', catalogId: 'meta-pixel', declaredVendor: false, api: 'fbq', pattern: "fbq('track')",
    detectedBy: 'global', matched: 'fbq', categories: [], gated: false, gate: 'none', guards: [], via: [], system: 'unassigned',
    enclosingFunction: '<module>', callText: 'fbq()', defaultClass: 'share', ...overrides,
  };
}

function scan(callSites: CallSite[], unresolved: ScanResult['unresolved'] = []): ScanResult {
  return { files: 1, lines: 10, callSites, unresolved, skipped: [], suppressions: [], gpcReads: [], handlers: [], filesWithCallSites: [] };
}

const frame = { file: 'lib.ts', line: 3, column: 1, function: 'track' };

describe('scoreCorpus', () => {
  const labels: CorpusLabels = {
    sites: [
      { file: 'a.ts', line: 3, vendor: 'meta-pixel', gated: true, gate: 'guard', categories: ['user.contact.email'], via: 0 },
      { file: 'a.ts', line: 9, vendor: 'meta-pixel', gated: false, gate: 'none', categories: [], via: 1 },
      { file: 'b.ts', line: 4, vendor: 'meta-pixel', gated: false, gate: 'none', categories: [], via: 0 },
    ],
    nonSites: [
      { file: 'a.ts', line: 12, reason: 'a local function named fbq', unresolved: false },
      { file: 'a.ts', line: 20, reason: 'unresolved destination: env', unresolved: true },
    ],
    problems: [],
  };

  it('matches by file, line and vendor; lists misses and false positives, marking those on traps', () => {
    const result = scoreCorpus(
      labels,
      scan([
        predicted({ line: 3, categories: ['user.contact.email', 'user.device.ip_address'], gated: true, gate: 'guard' }),
        predicted({ line: 9, via: [frame] }),
        predicted({ line: 12 }),
        predicted({ file: 'b.ts', line: 4, vendor: 'google-analytics', catalogId: 'google-analytics' }),
      ]),
      catalog,
      taxonomy,
    );
    expect(result.recall).toEqual({ correct: 2, total: 3, value: 2 / 3 });
    expect(result.precision).toEqual({ correct: 2, total: 4, value: 0.5 });
    expect(result.misses).toEqual([{ file: 'b.ts', line: 4, vendor: 'meta-pixel' }]);
    expect(result.falsePositives).toEqual([
      { file: 'a.ts', line: 12, vendor: 'meta-pixel', api: 'fbq', onTrap: 'a local function named fbq' },
      { file: 'b.ts', line: 4, vendor: 'google-analytics', api: 'fbq' },
    ]);
    expect(result.categoryAccuracy.value).toBe(1);
    expect(result.guardAccuracy.value).toBe(1);
    expect(result.viaAccuracy.value).toBe(1);
    expect(result.unresolved).toEqual({ correct: 0, total: 1, value: 0 });
    expect(result.unresolvedMisses).toEqual([{ file: 'a.ts', line: 20 }]);
  });

  it('compares payload categories without the implicit ones, and gate kind and via depth exactly', () => {
    const result = scoreCorpus(
      labels,
      scan(
        [
          // Through the package: its own implicit list (cookie id only) replaces the vendor's, so the IP counts as payload.
          predicted({ line: 3, matched: 'react-facebook-pixel', detectedBy: 'package', categories: ['user.contact.email', 'user.device.ip_address'], gated: true, gate: 'gpc-only' }),
          predicted({ line: 9 }),
          predicted({ file: 'b.ts', line: 4 }),
        ],
        [{ file: 'a.ts', line: 20, column: 3, call: 'fetch', reason: 'URL from process.env.X' }],
      ),
      catalog,
      taxonomy,
    );
    expect(result.recall.value).toBe(1);
    expect(result.precision.value).toBe(1);
    expect(result.categoryMismatches).toEqual([{ file: 'a.ts', line: 3, vendor: 'meta-pixel', expected: 'user.contact.email', actual: 'user.contact.email,user.device.ip_address' }]);
    expect(result.guardMismatches).toEqual([{ file: 'a.ts', line: 3, vendor: 'meta-pixel', expected: 'gated=true gate=guard', actual: 'gated=true gate=gpc-only' }]);
    expect(result.viaMismatches).toEqual([{ file: 'a.ts', line: 9, vendor: 'meta-pixel', expected: '1', actual: '0' }]);
    expect(result.categoryAccuracy).toEqual({ correct: 2, total: 3, value: 2 / 3 });
    expect(result.unresolved.value).toBe(1);
  });

  it('counts one site per vendor per inline snippet, however many vendor calls the script holds', () => {
    const snippet = (column: number) => predicted({ file: 'b.ts', line: 4, column, detectedBy: 'snippet' });
    const result = scoreCorpus({ ...labels, sites: labels.sites.slice(2) }, scan([snippet(10), snippet(40)]), catalog, taxonomy);
    expect(result.predicted).toBe(1);
    expect(result.precision.value).toBe(1);
  });

  it('pairs stacked labels on one line with the predictions that agree best', () => {
    const stacked: CorpusLabels = {
      sites: [
        { file: 'c.ts', line: 2, vendor: 'meta-pixel', gated: false, gate: 'none', categories: [], via: 0 },
        { file: 'c.ts', line: 2, vendor: 'meta-pixel', gated: true, gate: 'guard', categories: [], via: 0 },
      ],
      nonSites: [],
      problems: [],
    };
    const result = scoreCorpus(stacked, scan([predicted({ file: 'c.ts', line: 2, column: 30, gated: true, gate: 'guard' }), predicted({ file: 'c.ts', line: 2, column: 1 })]), catalog, taxonomy);
    expect(result.matched).toBe(2);
    expect(result.guardMismatches).toEqual([]);
  });
});

// ── the real scanner on the corpus ─────────────────────────────────────────────────────────────────────

describe('scanner on the labelled corpus', () => {
  let evaluation: CorpusEvaluation;
  beforeAll(async () => {
    ({ evaluation } = await evaluateCorpus());
  });

  const list = (rows: object[]): string => rows.map((r) => Object.values(r).join(' ')).join('\n');

  it('finds every labelled call site (recall 1.0)', () => {
    expect(list(evaluation.misses)).toBe('');
    expect(evaluation.recall.value).toBe(1);
  });

  it('reports nothing else (precision 1.0)', () => {
    expect(list(evaluation.falsePositives)).toBe('');
    expect(evaluation.precision.value).toBe(1);
  });

  // Counted over all labelled sites, so a site the scanner misses cannot pass these by being absent.
  it('finds the labelled payload categories of every labelled site', () => {
    expect(list(evaluation.categoryMismatches)).toBe('');
    expect(evaluation.categoryAccuracy.correct).toBe(evaluation.labels.sites);
  });

  it('finds the labelled gate of every labelled site', () => {
    expect(list(evaluation.guardMismatches)).toBe('');
    expect(evaluation.guardAccuracy.correct).toBe(evaluation.labels.sites);
  });

  it('finds the labelled via depth of every labelled site', () => {
    expect(list(evaluation.viaMismatches)).toBe('');
    expect(evaluation.viaAccuracy.correct).toBe(evaluation.labels.sites);
  });

  it('lists every unresolved destination', () => {
    expect(list(evaluation.unresolvedMisses)).toBe('');
  });

  it('labels only vendors the catalogue knows', () => {
    expect(evaluation.problems).toEqual([]);
  });
});
