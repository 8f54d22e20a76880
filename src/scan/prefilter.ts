/**
 * The cheap text test that picks the files parsed first: those whose text mentions a vendor package,
 * global or host, a guard or consent API, an HTTP client, a script tag or snippet, or `flowaudit-ignore`.
 * Files that do not are parsed only when they import something that reaches a vendor (see index.ts), so
 * a file left unparsed can hold no call site.
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

export function buildPrefilter(detectors: Detectors, guards: GuardMatcher): (text: string) => boolean {
  const words = [...new Set([...detectors.tokens, ...guards.tokens, ...ALWAYS])].filter((w) => w.length > 0).sort((a, b) => b.length - a.length);
  const mentions = new RegExp(words.map(escape).join('|'));
  return (text) => mentions.test(text);
}
