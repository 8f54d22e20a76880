/**
 * The cheap text test that decides whether a file needs parsing at all. It must never drop a file that
 * could hold a call site, a GPC read, a suppression or a wrapper call: a file is parsed when its text
 * mentions a vendor package, global or host, a guard or consent API, an HTTP client, a script tag or
 * snippet, `flowaudit-ignore`, or imports one of the project's own modules.
 */
import type { Detectors } from './detectors.js';
import type { GuardMatcher } from './guards.js';

const ALWAYS = [
  'fetch',
  'sendBeacon',
  'XMLHttpRequest',
  'axios',
  'got',
  'ky',
  'undici',
  'superagent',
  'http',
  'script',
  'Script',
  'dangerouslySetInnerHTML',
  'innerHTML',
  'globalPrivacyControl',
  'sec-gpc',
  'Sec-GPC',
  'SEC-GPC',
  '__uspapi',
  '__gpp',
  'OneTrust',
  'Onetrust',
  'Optanon',
  'Cookiebot',
  'CookieConsent',
  'flowaudit-ignore',
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function buildPrefilter(detectors: Detectors, guards: GuardMatcher, projectPrefixes: readonly string[]): (text: string) => boolean {
  const words = [...new Set([...detectors.tokens, ...guards.tokens, ...ALWAYS])].filter((w) => w.length > 0).sort((a, b) => b.length - a.length);
  const mentions = new RegExp(words.map(escape).join('|'));
  const prefixes = ['\\.{1,2}/', ...projectPrefixes.map(escape)].join('|');
  const projectImport = new RegExp(`(?:\\bfrom\\s*|\\brequire\\s*\\(\\s*|\\bimport\\s*\\(?\\s*)['"\`](?:${prefixes})`);
  return (text) => mentions.test(text) || projectImport.test(text);
}
