/**
 * A text-level view of a file's imports and re-exports, read without parsing. It decides which files
 * need parsing beyond those that mention a vendor: a file is parsed when it imports something that
 * reaches a vendor. Over-approximates (a commented-out import counts), never under-approximates.
 */

export interface TextImport {
  specifier: string;
  /** Imported names (`default` for a default import), or `*` for a namespace, `require` or `import()`. */
  names: string[] | '*';
}

export interface TextReexport {
  specifier: string;
  /** `export * from`: every name. */
  star: boolean;
  /** `export { a as b } from`: [imported, exported]. */
  pairs: [string, string][];
}

const IMPORT_FROM = /\bimport\s+([^'"`;]*?)\s*\bfrom\s*['"]([^'"\n]+)['"]/g;
const REQUIRE_OR_DYNAMIC = /\b(?:require|import)\s*\(\s*['"`]([^'"`\n]+)['"`]\s*\)/g;
const REEXPORT = /\bexport\s+(type\s+)?(\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*['"]([^'"\n]+)['"]/g;
const IMPORT_EQUALS = /\bimport\s+[\w$]+\s*=\s*require\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g;

function namedList(inner: string): [string, string][] {
  return inner
    .split(',')
    .map((part) => part.trim().replace(/^type\s+/, ''))
    .filter(Boolean)
    .map((part) => {
      const [imported, local] = part.split(/\s+as\s+/);
      return [imported!.trim().replace(/^['"]|['"]$/g, ''), (local ?? imported)!.trim()];
    });
}

export function textImports(text: string): TextImport[] {
  const out: TextImport[] = [];
  for (const m of text.matchAll(IMPORT_FROM)) {
    // Type-only imports count too: a parameter typed with a project class is an instance of it.
    const clause = m[1]!.trim().replace(/^type\s+(?!,)/, '');
    const names: string[] = [];
    let star = false;
    const braces = /\{([^}]*)\}/.exec(clause);
    if (braces) names.push(...namedList(braces[1]!).map(([imported]) => imported));
    const rest = clause.replace(/\{[^}]*\}/, '').split(',').map((p) => p.trim()).filter(Boolean);
    for (const part of rest) {
      if (part.startsWith('*')) star = true;
      else if (/^[\w$]+$/.test(part)) names.push('default');
    }
    out.push({ specifier: m[2]!, names: star ? '*' : names });
  }
  for (const m of text.matchAll(REQUIRE_OR_DYNAMIC)) out.push({ specifier: m[1]!, names: '*' });
  for (const m of text.matchAll(IMPORT_EQUALS)) out.push({ specifier: m[1]!, names: '*' });
  return out;
}

export function textReexports(text: string): TextReexport[] {
  const out: TextReexport[] = [];
  for (const m of text.matchAll(REEXPORT)) {
    if (m[1]) continue;
    const what = m[2]!;
    if (what.startsWith('*')) out.push({ specifier: m[3]!, star: !/\bas\b/.test(what), pairs: /\bas\s+([\w$]+)/.test(what) ? [['*', /\bas\s+([\w$]+)/.exec(what)![1]!]] : [] });
    else out.push({ specifier: m[3]!, star: false, pairs: namedList(what.slice(1, -1)) });
  }
  return out;
}
