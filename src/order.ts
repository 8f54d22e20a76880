/** Sort orders shared by every stage. Code-unit order, never the locale's, so output is byte-identical on every machine. */

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Positioned {
  file: string;
  line: number;
  column: number;
}

export function compareLocations(a: Positioned, b: Positioned): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column;
}

interface SiteLike extends Positioned {
  vendor: string;
  api: string;
  pattern: string;
  categories: readonly string[];
  via: readonly Positioned[];
  callText: string;
}

const viaKey = (site: SiteLike): string => site.via.map((v) => `${v.file}:${v.line}:${v.column}`).join('>');

/** A total order on call sites, so no output depends on the order the scanner found them in. */
export function compareCallSites(a: SiteLike, b: SiteLike): number {
  return (
    compareLocations(a, b) ||
    compareText(a.vendor, b.vendor) ||
    compareText(a.api, b.api) ||
    compareText(a.pattern, b.pattern) ||
    compareText(a.categories.join(','), b.categories.join(',')) ||
    compareText(viaKey(a), viaKey(b)) ||
    compareText(a.callText, b.callText)
  );
}

export function compareUnresolved(a: Positioned & { call: string; reason: string }, b: Positioned & { call: string; reason: string }): number {
  return compareLocations(a, b) || compareText(a.call, b.call) || compareText(a.reason, b.reason);
}
