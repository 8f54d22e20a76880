/** `flowaudit scan`: the inventory of vendor call sites found in code (SPEC sections 1 and 5), no rules. */
import { Chalk, type ChalkInstance } from 'chalk';
import { compareCallSites, compareLocations as byLocation, compareText as byText, compareUnresolved } from '../order.js';
import type { CallSite, ScanResult, ViaFrame } from '../scan/types.js';
import { sanitizeTerminal } from './text.js';




/** The scan result with every array in a canonical order, so equal scans print byte-identical JSON. */
export function sortScanResult(scan: ScanResult): ScanResult {
  return {
    ...scan,
    callSites: [...scan.callSites].sort(compareCallSites),
    unresolved: [...scan.unresolved].sort(compareUnresolved),
    skipped: [...scan.skipped].sort((a, b) => byText(a.file, b.file) || byText(a.reason, b.reason)),
    suppressions: [...scan.suppressions].sort((a, b) => byLocation(a, b) || byText(a.ruleId, b.ruleId)),
    gpcReads: [...scan.gpcReads].sort((a, b) => byLocation(a, b) || byText(a.kind, b.kind)),
    handlers: [...scan.handlers]
      .sort((a, b) => byText(a.system, b.system) || byText(a.handler, b.handler))
      .map((h) => ({ ...h, reaches: [...h.reaches].sort((a, b) => byLocation(a, b) || byText(a.vendor, b.vendor) || byText(a.api, b.api)) })),
    filesWithCallSites: [...scan.filesWithCallSites].sort((a, b) => byText(a.file, b.file) || byText(a.system, b.system)),
  };
}

/** Object keys in code-point order at every level (array order is kept: it is already canonical). */
function withSortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withSortedKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => byText(a, b));
    return Object.fromEntries(entries.map(([k, v]) => [k, withSortedKeys(v)]));
  }
  return value;
}

function gateText(site: CallSite): string {
  if (!site.gated) return 'NOT GATED';
  const guards = site.guards.length > 0 ? `: ${site.guards.join(', ')}` : '';
  return `gated (${site.gate}${guards})`;
}

/** `via lib/analytics.ts:12 track() -> posthog.capture`: each frame's file, line and function, then the vendor call. */
export function viaText(via: readonly ViaFrame[], api: string): string {
  const frames = via.map((f) => `${f.file}:${f.line} ${f.function}()`);
  return `via ${[...frames, api].join(' -> ')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function padColumns(rows: string[][]): string[][] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))));
}

function callSiteLines(sites: readonly CallSite[], c: ChalkInstance): string[] {
  const lines: string[] = [];
  const byFile = new Map<string, CallSite[]>();
  for (const site of sites) byFile.set(site.file, [...(byFile.get(site.file) ?? []), site]);
  for (const [file, fileSites] of byFile) {
    lines.push(c.underline(sanitizeTerminal(file)));
    const rows = padColumns(
      fileSites.map((s) =>
        [
          `${s.line}:${s.column}`,
          s.vendor,
          s.api,
          s.categories.length > 0 ? s.categories.join(', ') : '-',
          gateText(s),
          s.system,
        ].map(sanitizeTerminal),
      ),
    );
    const indent = ' '.repeat((rows[0]?.[0]?.length ?? 0) + 4);
    rows.forEach((row, i) => {
      const site = fileSites[i]!;
      const [where = '', vendor = '', api = '', categories = '', gate = '', system = ''] = row;
      const gateCell = site.gated ? (site.gate === 'guard' ? c.green(gate) : c.yellow(gate)) : c.red(gate);
      lines.push(`  ${c.dim(where)}  ${c.bold(vendor)}  ${api}  ${categories}  ${gateCell}  ${c.dim(system)}`.trimEnd());
      if (site.via.length > 0) lines.push(`${indent}${c.dim(sanitizeTerminal(viaText(site.via, site.api)))}`);
    });
    lines.push('');
  }
  return lines;
}

function stylish(scan: ScanResult, c: ChalkInstance): string {
  const lines = callSiteLines(scan.callSites, c);
  if (scan.unresolved.length > 0) {
    lines.push(c.bold('Unresolved destinations (not scanned for a vendor)'));
    const rows = padColumns(scan.unresolved.map((u) => [`${u.file}:${u.line}:${u.column}`, u.call, u.reason].map(sanitizeTerminal)));
    for (const row of rows) lines.push(`  ${row.join('  ')}`.trimEnd());
    lines.push('');
  }
  if (scan.skipped.length > 0) {
    lines.push(c.bold('Skipped files'));
    const rows = padColumns(scan.skipped.map((s) => [s.file, s.reason].map(sanitizeTerminal)));
    for (const row of rows) lines.push(`  ${row.join('  ')}`.trimEnd());
    lines.push('');
  }
  const vendors = new Set(scan.callSites.map((s) => s.vendor)).size;
  const ungated = scan.callSites.filter((s) => !s.gated).length;
  const parts = [
    plural(scan.files, 'file'),
    plural(scan.callSites.length, 'call site'),
    plural(vendors, 'vendor'),
    ungated > 0 ? c.red(`${ungated} not gated`) : '0 not gated',
    plural(scan.unresolved.length, 'unresolved destination'),
  ];
  if (scan.skipped.length > 0) parts.push(`${scan.skipped.length} skipped`);
  lines.push(parts.join(', '));
  return `${lines.join('\n')}\n`;
}

/** `flowaudit scan` output: `json` is the whole ScanResult, sorted and stable; `stylish` the human inventory. */
export function formatInventory(scan: ScanResult, format: 'stylish' | 'json', color: boolean): string {
  const sorted = sortScanResult(scan);
  if (format === 'json') return `${JSON.stringify(withSortedKeys(sorted), null, 2)}\n`;
  return stylish(sorted, new Chalk({ level: color ? 1 : 0 }));
}
