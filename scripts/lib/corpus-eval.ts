/**
 * The scanner's oracle: reads the `@expect` labels of the labelled corpus (`fixtures/scanner/`), runs the
 * scanner on it and scores what it found against them (SPEC section 8: recall and precision on a labelled
 * corpus).
 *
 * Labels, on the line(s) directly above the outermost call (several may stack for one line):
 *   // @expect vendor=<catalogue-id> gated=<true|false> [gate=<kind>] [categories=<a,b>] [via=<n>]
 *   {/* @expect ... *\/}                      (the same, in JSX)
 *   // @expect-none <why>                     (a trap: no call site may be reported on the next line)
 * `categories` are the payload categories only: the vendor's implicit ones are ignored on both sides.
 * Omitted fields mean: gate `none` when not gated (a gated label must name its gate), no payload
 * categories, `via` 0. An `@expect-none` whose reason starts with "unresolved" also expects an entry in
 * the scan's `unresolved` list on that line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalog } from '../../src/catalog/types.js';
import type { GuardSpec } from '../../src/data-map/types.js';
import type { CallSite, GateKind, ScanInput, ScanResult } from '../../src/scan/types.js';
import type { Taxonomy } from '../../src/taxonomy/types.js';

export const CORPUS_ROOT = fileURLToPath(new URL('../../fixtures/scanner/', import.meta.url));

const SOURCE_EXTENSIONS = /\.(?:[cm]?[jt]sx?)$/;
const GATE_KINDS: readonly GateKind[] = ['none', 'guard', 'gpc-only', 'restricted', 'vendor-opt-out'];
const LABEL = /^\s*(?:\/\/|\{?\s*\/\*)\s*@expect(-none)?\b(.*?)(?:\*\/\s*\}?)?\s*$/;

export interface ExpectedSite {
  file: string;
  /** The labelled line (1-based): the line of the outermost call. */
  line: number;
  vendor: string;
  gated: boolean;
  gate: GateKind;
  categories: string[];
  via: number;
}

export interface ExpectedNone {
  file: string;
  line: number;
  reason: string;
  /** The reason says the destination is unresolved: the scan must list it under `unresolved`. */
  unresolved: boolean;
}

export interface CorpusLabels {
  sites: ExpectedSite[];
  nonSites: ExpectedNone[];
  /** Malformed labels, as `file:line message`. */
  problems: string[];
}

export interface CorpusSettings {
  guards: Omit<GuardSpec, 'file' | 'line' | 'column' | 'path'>[];
  systems: { id: string; paths: string[] }[];
  vendors: ScanInput['vendors'];
  deletionHandlers: ScanInput['deletionHandlers'];
}

/** Every source file under the corpus root except node_modules, including the ones the scanner must skip. */
export function corpusFiles(root: string = CORPUS_ROOT): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && SOURCE_EXTENSIONS.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
    }
  };
  walk(root);
  return files.map((f) => relative(root, f).split(sep).join('/')).sort();
}

function parseExpect(body: string, where: string, problems: string[]): Omit<ExpectedSite, 'file' | 'line'> | undefined {
  const fields = new Map<string, string>();
  for (const token of body.trim().split(/\s+/).filter(Boolean)) {
    const eq = token.indexOf('=');
    if (eq <= 0) {
      problems.push(`${where} "${token}" is not key=value`);
      return undefined;
    }
    fields.set(token.slice(0, eq), token.slice(eq + 1));
  }
  const unknown = [...fields.keys()].filter((k) => !['vendor', 'gated', 'gate', 'categories', 'via'].includes(k));
  if (unknown.length > 0) problems.push(`${where} unknown label field ${unknown.join(', ')}`);
  const vendor = fields.get('vendor');
  const gatedText = fields.get('gated');
  if (!vendor) problems.push(`${where} a label needs vendor=`);
  if (gatedText !== 'true' && gatedText !== 'false') problems.push(`${where} a label needs gated=true|false`);
  const gated = gatedText === 'true';
  const gateText = fields.get('gate');
  if (gateText !== undefined && !GATE_KINDS.includes(gateText as GateKind)) problems.push(`${where} unknown gate "${gateText}"`);
  if (gated && gateText === undefined) problems.push(`${where} a gated label must name its gate`);
  const gate = (gateText as GateKind | undefined) ?? 'none';
  if (gateText !== undefined && gated === (gate === 'none')) problems.push(`${where} gated=${gatedText} contradicts gate=${gate}`);
  const viaText = fields.get('via') ?? '0';
  const via = Number(viaText);
  if (!Number.isInteger(via) || via < 0) problems.push(`${where} via must be a whole number, not "${viaText}"`);
  const categories = (fields.get('categories') ?? '').split(',').filter(Boolean).sort();
  if (!vendor || (gatedText !== 'true' && gatedText !== 'false')) return undefined;
  return { vendor, gated, gate, categories, via };
}

/** Parse the labels of one file. `file` is relative to the corpus root. */
export function parseFileLabels(file: string, text: string): CorpusLabels {
  const lines = text.split(/\r?\n/);
  const result: CorpusLabels = { sites: [], nonSites: [], problems: [] };
  let pendingSites: Omit<ExpectedSite, 'file' | 'line'>[] = [];
  let pendingNone: { reason: string; labelLine: number }[] = [];
  lines.forEach((text, index) => {
    const match = LABEL.exec(text);
    if (match) {
      const where = `${file}:${index + 1}`;
      const body = match[2] ?? '';
      if (match[1]) {
        const reason = body.trim();
        if (!reason) result.problems.push(`${where} @expect-none needs a reason`);
        pendingNone.push({ reason, labelLine: index + 1 });
      } else {
        const site = parseExpect(body, where, result.problems);
        if (site) pendingSites.push(site);
      }
      return;
    }
    if (text.includes('@expect')) result.problems.push(`${file}:${index + 1} unreadable label: ${text.trim()}`);
    const line = index + 1;
    for (const site of pendingSites) result.sites.push({ file, line, ...site });
    for (const none of pendingNone) {
      result.nonSites.push({ file, line, reason: none.reason, unresolved: /^unresolved\b/i.test(none.reason) });
    }
    if (pendingSites.length > 0 && pendingNone.length > 0) result.problems.push(`${file}:${line} labelled both @expect and @expect-none`);
    if (text.trim() === '' && pendingSites.length + pendingNone.length > 0) result.problems.push(`${file}:${line} a label must sit directly above its line`);
    pendingSites = [];
    pendingNone = [];
  });
  if (pendingSites.length + pendingNone.length > 0) result.problems.push(`${file}: a label at the end of the file labels nothing`);
  return result;
}

export function readCorpusLabels(root: string = CORPUS_ROOT): CorpusLabels {
  const all: CorpusLabels = { sites: [], nonSites: [], problems: [] };
  for (const file of corpusFiles(root)) {
    const labels = parseFileLabels(file, readFileSync(join(root, file), 'utf8'));
    all.sites.push(...labels.sites);
    all.nonSites.push(...labels.nonSites);
    all.problems.push(...labels.problems);
  }
  return all;
}

export function readCorpusSettings(root: string = CORPUS_ROOT): CorpusSettings {
  const raw = JSON.parse(readFileSync(join(root, 'corpus.json'), 'utf8')) as Partial<CorpusSettings>;
  return { guards: raw.guards ?? [], systems: raw.systems ?? [], vendors: raw.vendors ?? [], deletionHandlers: raw.deletionHandlers ?? [] };
}

/** The scanner's input for the corpus: the settings of corpus.json, no cache, in-process. */
export function corpusScanInput(root: string, settings: CorpusSettings, catalog: Catalog, taxonomy: Taxonomy): ScanInput {
  const guards: GuardSpec[] = settings.guards.map((g, i) => ({ ...g, file: 'corpus.json', line: 1, column: 1, path: `guards[${i}]` }) as GuardSpec);
  return {
    root,
    catalog,
    taxonomy,
    vendors: settings.vendors,
    systems: settings.systems,
    guards,
    deletionHandlers: settings.deletionHandlers,
    exclude: [],
    include: [],
    jobs: 1,
  };
}

// ── scoring ─────────────────────────────────────────────────────────────────────────────────────────────

export interface SiteRef {
  file: string;
  line: number;
  vendor: string;
}

export interface AttributeMismatch extends SiteRef {
  expected: string;
  actual: string;
}

export interface Ratio {
  correct: number;
  total: number;
  /** correct / total, or 1 when total is 0. */
  value: number;
}

export interface CorpusEvaluation {
  labels: { sites: number; nonSites: number; files: number };
  predicted: number;
  matched: number;
  recall: Ratio;
  precision: Ratio;
  misses: SiteRef[];
  falsePositives: (SiteRef & { api: string; onTrap?: string })[];
  categoryAccuracy: Ratio;
  guardAccuracy: Ratio;
  viaAccuracy: Ratio;
  categoryMismatches: AttributeMismatch[];
  guardMismatches: AttributeMismatch[];
  viaMismatches: AttributeMismatch[];
  /** `@expect-none unresolved …` lines found in the scan's `unresolved` list. */
  unresolved: Ratio;
  unresolvedMisses: { file: string; line: number }[];
  problems: string[];
}

const ratio = (correct: number, total: number): Ratio => ({ correct, total, value: total === 0 ? 1 : correct / total });
const key = (s: SiteRef): string => `${s.file}:${s.line}:${s.vendor}`;
const compareRefs = (a: SiteRef, b: SiteRef): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.vendor < b.vendor ? -1 : a.vendor > b.vendor ? 1 : 0));

/** The vendor's implicit categories for this site: the package's when it sets them, else the entry's. */
function implicitCategories(catalog: Catalog, catalogId: string, matched: string | undefined): string[] {
  const entry = catalog.byId.get(catalogId);
  if (!entry) return [];
  const pkg = matched ? entry.packages.find((p) => matched === p.name || matched.startsWith(`${p.name}/`)) : undefined;
  return [...(pkg?.implicitCategories ?? entry.implicitCategories)];
}

function payloadCategories(categories: readonly string[], implicit: readonly string[], taxonomy: Taxonomy): string[] {
  return [...new Set(categories.filter((c) => !implicit.some((i) => taxonomy.covers(i, c))))].sort();
}

const siteVendor = (site: CallSite): string => site.catalogId ?? site.vendor;

/**
 * Snippets and script elements are one call site per vendor per element (the element is the "call"):
 * several matches of one vendor inside one inline script collapse into one.
 */
function collapseSnippets(sites: readonly CallSite[]): CallSite[] {
  const seen = new Set<string>();
  return sites.filter((s) => {
    if (s.detectedBy !== 'snippet') return true;
    const k = `${s.file}:${s.line}:${siteVendor(s)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function attributeScore(expected: ExpectedSite, site: CallSite, implicit: string[], taxonomy: Taxonomy): { categories: boolean; guard: boolean; via: boolean } {
  const want = payloadCategories(expected.categories, implicit, taxonomy);
  const got = payloadCategories(site.categories, implicit, taxonomy);
  return {
    categories: want.join(',') === got.join(','),
    guard: expected.gated === site.gated && expected.gate === site.gate,
    via: expected.via === site.via.length,
  };
}

/** Score a scan of the corpus against its labels. Pure. */
export function scoreCorpus(labels: CorpusLabels, scan: ScanResult, catalog: Catalog, taxonomy: Taxonomy): CorpusEvaluation {
  const predictedSites = collapseSnippets(scan.callSites);
  const expectedByKey = new Map<string, ExpectedSite[]>();
  for (const e of labels.sites) expectedByKey.set(key(e), [...(expectedByKey.get(key(e)) ?? []), e]);
  const predictedByKey = new Map<string, CallSite[]>();
  for (const p of predictedSites) {
    const k = key({ file: p.file, line: p.line, vendor: siteVendor(p) });
    predictedByKey.set(k, [...(predictedByKey.get(k) ?? []), p]);
  }
  const trapAt = new Map(labels.nonSites.map((n) => [`${n.file}:${n.line}`, n.reason]));

  const misses: SiteRef[] = [];
  const falsePositives: CorpusEvaluation['falsePositives'] = [];
  const categoryMismatches: AttributeMismatch[] = [];
  const guardMismatches: AttributeMismatch[] = [];
  const viaMismatches: AttributeMismatch[] = [];
  let matched = 0;

  for (const [k, expectedHere] of expectedByKey) {
    const available = [...(predictedByKey.get(k) ?? [])];
    for (const expected of expectedHere) {
      if (available.length === 0) {
        misses.push({ file: expected.file, line: expected.line, vendor: expected.vendor });
        continue;
      }
      // Pair with the prediction that agrees on the most attributes (stacked labels on one line).
      const scored = available.map((site, index) => {
        const implicit = implicitCategories(catalog, siteVendor(site), site.matched);
        const score = attributeScore(expected, site, implicit, taxonomy);
        return { site, index, implicit, score, agree: Number(score.categories) + Number(score.guard) + Number(score.via) };
      });
      scored.sort((a, b) => b.agree - a.agree || a.index - b.index);
      const best = scored[0]!;
      available.splice(best.index, 1);
      matched++;
      const ref = { file: expected.file, line: expected.line, vendor: expected.vendor };
      if (!best.score.categories) {
        categoryMismatches.push({
          ...ref,
          expected: payloadCategories(expected.categories, best.implicit, taxonomy).join(',') || '-',
          actual: payloadCategories(best.site.categories, best.implicit, taxonomy).join(',') || '-',
        });
      }
      if (!best.score.guard) {
        guardMismatches.push({ ...ref, expected: `gated=${expected.gated} gate=${expected.gate}`, actual: `gated=${best.site.gated} gate=${best.site.gate}` });
      }
      if (!best.score.via) viaMismatches.push({ ...ref, expected: String(expected.via), actual: String(best.site.via.length) });
    }
    predictedByKey.set(k, available);
  }
  for (const rest of predictedByKey.values()) {
    for (const site of rest) {
      const trap = trapAt.get(`${site.file}:${site.line}`);
      falsePositives.push({ file: site.file, line: site.line, vendor: siteVendor(site), api: site.api, ...(trap ? { onTrap: trap } : {}) });
    }
  }

  const unresolvedLabels = labels.nonSites.filter((n) => n.unresolved);
  const unresolvedAt = new Set(scan.unresolved.map((u) => `${u.file}:${u.line}`));
  const unresolvedMisses = unresolvedLabels.filter((n) => !unresolvedAt.has(`${n.file}:${n.line}`)).map((n) => ({ file: n.file, line: n.line }));

  return {
    labels: { sites: labels.sites.length, nonSites: labels.nonSites.length, files: new Set([...labels.sites, ...labels.nonSites].map((l) => l.file)).size },
    predicted: predictedSites.length,
    matched,
    recall: ratio(matched, labels.sites.length),
    precision: ratio(matched, predictedSites.length),
    misses: misses.sort(compareRefs),
    falsePositives: falsePositives.sort(compareRefs),
    categoryAccuracy: ratio(matched - categoryMismatches.length, matched),
    guardAccuracy: ratio(matched - guardMismatches.length, matched),
    viaAccuracy: ratio(matched - viaMismatches.length, matched),
    categoryMismatches: categoryMismatches.sort(compareRefs),
    guardMismatches: guardMismatches.sort(compareRefs),
    viaMismatches: viaMismatches.sort(compareRefs),
    unresolved: ratio(unresolvedLabels.length - unresolvedMisses.length, unresolvedLabels.length),
    unresolvedMisses,
    problems: labels.problems,
  };
}

/** Run the scanner on the corpus with corpus.json's settings and score it. */
export async function evaluateCorpus(root: string = CORPUS_ROOT): Promise<{ evaluation: CorpusEvaluation; scan: ScanResult }> {
  const [{ loadCatalog }, { createTaxonomy }, { scanProject }] = await Promise.all([
    import('../../src/catalog/index.js'),
    import('../../src/taxonomy/index.js'),
    import('../../src/scan/index.js'),
  ]);
  const catalog = loadCatalog();
  const taxonomy = createTaxonomy();
  const labels = readCorpusLabels(root);
  const unknownVendors = catalog.entries.length === 0 ? [] : [...new Set(labels.sites.map((s) => s.vendor))].filter((v) => !catalog.byId.has(v));
  for (const vendor of unknownVendors.sort()) labels.problems.push(`label vendor "${vendor}" is not in the catalogue`);
  const scan = await scanProject(corpusScanInput(root, readCorpusSettings(root), catalog, taxonomy));
  return { evaluation: scoreCorpus(labels, scan, catalog, taxonomy), scan };
}

// ── output ──────────────────────────────────────────────────────────────────────────────────────────────

const percent = (r: Ratio): string => (r.total === 0 ? 'n/a (0/0)' : `${(r.value * 100).toFixed(1)}% (${r.correct}/${r.total})`);

export function formatEvaluation(e: CorpusEvaluation): string {
  const out: string[] = [];
  out.push(`scanner corpus: ${e.labels.sites} labelled call sites, ${e.labels.nonSites} labelled non-sites in ${e.labels.files} files`);
  out.push(`predicted ${e.predicted} call sites, matched ${e.matched}`);
  out.push('');
  out.push(`call-site recall     ${percent(e.recall)}`);
  out.push(`call-site precision  ${percent(e.precision)}`);
  out.push(`category accuracy    ${percent(e.categoryAccuracy)}   (payload categories, implicit ones excluded)`);
  out.push(`guard accuracy       ${percent(e.guardAccuracy)}   (gated flag and gate kind)`);
  out.push(`via-depth accuracy   ${percent(e.viaAccuracy)}`);
  out.push(`unresolved listed    ${percent(e.unresolved)}`);
  const section = (title: string, rows: string[]): void => {
    if (rows.length === 0) return;
    out.push('', `${title} (${rows.length}):`, ...rows.map((r) => `  ${r}`));
  };
  section('missed call sites', e.misses.map((m) => `${m.file}:${m.line}  ${m.vendor}`));
  section('false positives', e.falsePositives.map((f) => `${f.file}:${f.line}  ${f.vendor}  ${f.api}${f.onTrap ? `  [trap: ${f.onTrap}]` : ''}`));
  section('category mismatches', e.categoryMismatches.map((m) => `${m.file}:${m.line}  ${m.vendor}  expected ${m.expected}  got ${m.actual}`));
  section('guard mismatches', e.guardMismatches.map((m) => `${m.file}:${m.line}  ${m.vendor}  expected ${m.expected}  got ${m.actual}`));
  section('via-depth mismatches', e.viaMismatches.map((m) => `${m.file}:${m.line}  ${m.vendor}  expected ${m.expected}  got ${m.actual}`));
  section('unresolved destinations not listed', e.unresolvedMisses.map((m) => `${m.file}:${m.line}`));
  section('label problems', e.problems);
  return `${out.join('\n')}\n`;
}
