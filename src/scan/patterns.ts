/**
 * The catalogue's call-pattern language (see src/catalog/types.ts): a dotted member path whose segments
 * may be `*` (one segment) or `**` (any number, including none), optionally followed by a first-argument
 * filter in parentheses: `customers.create`, `**.capture`, `fbq('track')`. The filter may instead name the
 * class the first argument is constructed from: `send(new SendEmailCommand)` (AWS SDK v3 commands).
 */

export interface CallPattern {
  source: string;
  segments: string[];
  firstArg?: string;
}

const FIRST_ARG = /^(.*?)\(\s*(['"`])(.*?)\2\s*\)\s*$/;
const FIRST_ARG_CLASS = /^(.*?)\(\s*new\s+([\w$]+)\s*\)\s*$/;

export function compilePattern(source: string): CallPattern {
  const trimmed = source.trim();
  const literal = FIRST_ARG.exec(trimmed);
  const constructed = literal ? undefined : FIRST_ARG_CLASS.exec(trimmed);
  const path = literal ? literal[1]! : constructed ? constructed[1]! : trimmed.replace(/\(\s*\)$/, '');
  const firstArg = literal ? literal[3] : constructed ? firstArgClass(constructed[2]!) : undefined;
  return { source: trimmed, segments: path.split('.').filter((s) => s.length > 0), ...(firstArg !== undefined ? { firstArg } : {}) };
}

/** How a first argument `new X(…)` is matched: as if it were the string `new X`. */
export function firstArgClass(name: string): string {
  return `new ${name}`;
}

function matchSegments(pattern: readonly string[], pi: number, path: readonly string[], si: number): boolean {
  if (pi === pattern.length) return si === path.length;
  const segment = pattern[pi]!;
  if (segment === '**') {
    for (let skip = si; skip <= path.length; skip++) if (matchSegments(pattern, pi + 1, path, skip)) return true;
    return false;
  }
  if (si === path.length) return false;
  return (segment === '*' || segment === path[si]) && matchSegments(pattern, pi + 1, path, si + 1);
}

/** Does a call with this member path (and first string argument) match the pattern? */
export function matchesPattern(pattern: CallPattern, path: readonly string[], firstArg: string | undefined): boolean {
  if (pattern.firstArg !== undefined && pattern.firstArg !== firstArg) return false;
  return matchSegments(pattern.segments, 0, path, 0);
}

export function firstMatch(patterns: readonly CallPattern[], path: readonly string[], firstArg: string | undefined): CallPattern | undefined {
  return patterns.find((p) => matchesPattern(p, path, firstArg));
}

/** Host patterns: a host matches itself and its subdomains; `*` stands for one label. */
export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (!p.includes('*')) return h === p || h.endsWith(`.${p}`);
  const regex = new RegExp(`^(?:[^.]+\\.)*${p.split('.').map((l) => (l === '*' ? '[^.]+' : l.replace(/[-]/g, '\\-'))).join('\\.')}$`);
  return regex.test(h);
}
