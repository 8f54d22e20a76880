/**
 * The cheap text test that picks the files parsed first: those whose text mentions a vendor package,
 * global or host, a guard or consent API, an HTTP client, a script tag or snippet, or `flowaudit-ignore`.
 * Files that do not are parsed only when they import something that reaches a vendor (see index.ts), so
 * a file left unparsed can hold no call site.
 */
import type { Detectors } from './detectors.js';
import type { GuardMatcher } from './guards.js';
import { HTTP_PACKAGE_NAMES } from './values.js';

/** Word-like names: a global, a guard, a consent API. */
const NAMES = ['sendBeacon', 'XMLHttpRequest', 'globalPrivacyControl', '__uspapi', '__gpp', 'OneTrust', 'Onetrust', 'OnetrustActiveGroups', 'Optanon', 'OptanonActiveGroups', 'Cookiebot', 'CookieConsent', 'dangerouslySetInnerHTML', 'innerHTML'];

/** Raw fragments: calls, tags and comments that matter whatever surrounds them. */
const FRAGMENTS = ['\\bfetch\\s*\\(', '\\$fetch\\b', '<script\\b', '<Script\\b', '\\.src\\s*=[^=]', "setAttribute\\(\\s*['\"]src", '[Ss][Ee][Cc]-[Gg][Pp][Cc]', 'flowaudit-ignore'];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function prefilterSources(detectors: Detectors, guards: GuardMatcher): string[] {
  // Package names only count as a quoted module specifier (`'posthog-js'`, `"@sentry/node/x"`).
  const packages = [...new Set([...detectors.packages.keys(), ...HTTP_PACKAGE_NAMES])].sort((a, b) => b.length - a.length);
  const hosts = [...new Set([...detectors.hosts.map((h) => h.pattern.replace(/^(\*\.)+/, '')), ...detectors.urlPrefixes.map((u) => u.prefix.split('/')[0]!)])];
  const names = [...new Set([...detectors.globals.keys(), ...guards.tokens, ...NAMES])];
  // Separate expressions, cheapest and likeliest first: one alternation of a few hundred branches is
  // much slower to run over every file than a handful of smaller ones.
  return [
    `['"\`](?:${packages.map(escape).join('|')})(?:['"\`/])`,
    `(?<![\\w$])(?:${names.map(escape).join('|')})(?![\\w$])`,
    FRAGMENTS.join('|'),
    hosts.filter((h) => !h.includes('*')).map(escape).join('|') || '(?!)',
  ];
}

export function buildPrefilter(detectors: Detectors, guards: GuardMatcher): (text: string) => boolean {
  const tests = prefilterSources(detectors, guards).map((source) => new RegExp(source));
  return (text) => tests.some((test) => test.test(text));
}

/** Where in a text the pre-filter matches: the start of every match of every expression. */
export function buildPrefilterPositions(detectors: Detectors, guards: GuardMatcher): (text: string) => number[] {
  // Within a file the pre-filter picked, `fetch` also counts when it is not called where it is named
  // (`const send = globalThis.fetch.bind(globalThis)`): what it is bound to is then an HTTP client.
  const expressions = [...prefilterSources(detectors, guards), '(?<![\\w$])fetch(?![\\w$])'].map((source) => new RegExp(source, 'g'));
  return (text) => {
    const positions: number[] = [];
    for (const expression of expressions) for (const match of text.matchAll(expression)) positions.push(match.index);
    return positions;
  };
}
