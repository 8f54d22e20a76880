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
