/**
 * The cheap text test that picks the files parsed first: those whose text mentions a vendor package,
 * global or host, an HTTP client, the GPC signal, a script tag or snippet, or `flowaudit-ignore`.
 * Files that do not are linked only when they use an import that may reach a vendor (see plan.ts), so a
 * file left unparsed can hold no call site. Within a picked file, where the matches fall decides which
 * statements the plan starts from.
 */
import type { Detectors } from './detectors.js';
import { QUOTED } from './outline.js';
import { HTTP_PACKAGE_NAMES } from './values.js';

/**
 * Word-like names: an HTTP client, the GPC signal (reported wherever it is read), a snippet injected as
 * HTML. Guards and consent APIs are not among them: a guard only decides whether a call site it surrounds
 * is gated, and such a call site leads to a vendor by itself; whatever a kept statement reads a guard
 * through (a helper, a module-level flag) is kept with it (plan.ts).
 */
const NAMES = ['sendBeacon', 'XMLHttpRequest', 'globalPrivacyControl', 'dangerouslySetInnerHTML', 'innerHTML'];

/** Raw fragments: calls, tags and comments that matter whatever surrounds them. */
const FRAGMENTS = ['\\bfetch\\s*\\(', '\\$fetch\\b', '<script\\b', '<Script\\b', '\\.src\\s*=[^=]', "setAttribute\\(\\s*['\"]src", '[Ss][Ee][Cc]-[Gg][Pp][Cc]', 'flowaudit-ignore'];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A pattern, and a cheaper one that any text it matches also matches (tried first). */
interface Test {
  source: string;
  gate?: string;
  /** Matches a name (see `buildPrefilterPositions`). */
  name?: boolean;
  /** The pattern `buildPrefilterPositions` uses instead, when stricter. */
  specifier?: string;
  /** Strings one of which any text it matches contains: searched for first, far faster than any pattern. */
  literals?: string[];
}

function prefilterTests(detectors: Detectors): Test[] {
  // Package names only count as a quoted module specifier (`'posthog-js'`, `"@sentry/node/x"`).
  const packages = [...new Set([...detectors.packages.keys(), ...HTTP_PACKAGE_NAMES])].sort((a, b) => b.length - a.length);
  const hosts = [...new Set([...detectors.hosts.map((h) => h.pattern.replace(/^(\*\.)+/, '')), ...detectors.urlPrefixes.map((u) => u.prefix.split('/')[0]!)])].filter((h) => !h.includes('*'));
  const names = [...new Set([...detectors.globals.keys(), ...NAMES])];
  const words = names.filter((n) => /^\w/.test(n));
  const others = names.filter((n) => !/^\w/.test(n));
  const topLevelDomains = [...new Set(hosts.map((h) => h.split('.').at(-1)!))];
  // Separate expressions, cheapest and likeliest first: one alternation of a few hundred branches is
  // much slower to run over every file than a handful of smaller ones. A name starting with a word
  // character is found after `\b` (a `$` before it then counts as a boundary: a few more files are
  // picked, none is missed), which the regular expression engine scans far faster than a look-behind.
  return [
    {
      source: `['"\`](?:${packages.map(escape).join('|')})(?:['"\`/])`,
      // Where it matters which statement names the package: only as a module specifier.
      specifier: `(?:\\bfrom|\\bimport|\\brequire\\s*\\(|\\bimport\\s*\\()\\s*['"\`](?:${packages.map(escape).join('|')})(?:['"\`/])`,
    },
    ...(words.length ? [{ source: `\\b(?:${words.map(escape).join('|')})(?![\\w$])`, name: true }] : []),
    ...(others.length ? [{ source: `(?<![\\w$])(?:${others.map(escape).join('|')})(?![\\w$])`, name: true, literals: others }] : []),
    { source: FRAGMENTS.join('|') },
    ...(hosts.length ? [{ source: hosts.map(escape).join('|'), gate: `\\.(?:${topLevelDomains.map(escape).join('|')})(?![\\w-])` }] : []),
  ];
}

/** A test's cheap necessary condition: one of its literals, then its gate (true when it has neither). */
function mayMatch(t: Test): (text: string) => boolean {
  const gate = t.gate === undefined ? undefined : new RegExp(t.gate);
  const literals = t.literals;
  return (text) => (literals === undefined || literals.some((l) => text.includes(l))) && (gate === undefined || gate.test(text));
}

export function buildPrefilter(detectors: Detectors): (text: string) => boolean {
  const tests = prefilterTests(detectors).map((t) => ({ test: new RegExp(t.source), mayMatch: mayMatch(t) }));
  return (text) => tests.some(({ test, mayMatch }) => mayMatch(text) && test.test(text));
}

/**
 * Where in a text the pre-filter matches, for the scan plan's starting chunks. A name (a global, a guard,
 * `fetch`) counts only in code, or as the whole string of an element access (`window['fbq']`): "ga" in a
 * list of country codes, or "analytics" in a comment, does not make its statement lead to a vendor. Packages, hosts and fragments count wherever
 * they are. `spans` are the text's non-code stretches, from `outlineOf`.
 */
export function buildPrefilterPositions(detectors: Detectors): (text: string, spans: readonly number[]) => number[] {
  const compile = (t: Test): { all: RegExp; mayMatch: (text: string) => boolean } => ({ all: new RegExp(t.specifier ?? t.source, 'g'), mayMatch: mayMatch(t) });
  const tests = prefilterTests(detectors);
  const anywhere = tests.filter((t) => !t.name).map(compile);
  // Within a file the pre-filter picked, `fetch` also counts when it is not called where it is named
  // (`const send = globalThis.fetch.bind(globalThis)`): what it is bound to is then an HTTP client.
  const names = [...tests.filter((t) => t.name), { source: '(?<![\\w$])fetch(?![\\w$])' }].map(compile);
  return (text, spans) => {
    const positions: number[] = [];
    for (const { all, mayMatch } of anywhere) if (mayMatch(text)) for (const match of text.matchAll(all)) positions.push(match.index);
    const found: [number, number][] = [];
    for (const { all, mayMatch } of names) if (mayMatch(text)) for (const match of text.matchAll(all)) found.push([match.index, match[0].length]);
    found.sort((a, b) => a[0] - b[0]);
    let k = 0;
    for (const [index, length] of found) {
      while (k < spans.length && spans[k + 1]! <= index) k += 3;
      const inSpan = k < spans.length && spans[k]! <= index;
      if (!inSpan || (spans[k + 2] === QUOTED && spans[k] === index && spans[k + 1] === index + length && /\[\s*$/.test(text.slice(Math.max(0, index - 8), index - 1)))) positions.push(index);
    }
    return positions;
  };
}
