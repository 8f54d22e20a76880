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

export function buildPrefilter(detectors: Detectors, guards: GuardMatcher): (text: string) => boolean {
  // Package names only count as a quoted module specifier (`'posthog-js'`, `"@sentry/node/x"`).
  const packages = [...new Set([...detectors.packages.keys(), ...HTTP_PACKAGE_NAMES])].sort((a, b) => b.length - a.length);
  const hosts = [...new Set([...detectors.hosts.map((h) => h.pattern.replace(/^(\*\.)+/, '')), ...detectors.urlPrefixes.map((u) => u.prefix.split('/')[0]!)])];
  const names = [...new Set([...detectors.globals.keys(), ...guards.tokens, ...NAMES])];
  // Separate expressions, cheapest and likeliest first: one alternation of a few hundred branches is
  // much slower to run over every file than a handful of smaller ones.
  const tests = [
    new RegExp(`['"\`](?:${packages.map(escape).join('|')})(?:['"\`/])`),
    new RegExp(`(?<![\\w$])(?:${names.map(escape).join('|')})(?![\\w$])`),
    new RegExp(FRAGMENTS.join('|')),
    new RegExp(hosts.filter((h) => !h.includes('*')).map(escape).join('|') || '(?!)'),
  ];
  return (text) => tests.some((test) => test.test(text));
}
