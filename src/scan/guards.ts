/**
 * Which calls and reads are opt-out guards (SPEC section 5): the map's `opt_out.guards` plus the
 * built-in signals. `__tcfapi` (EU TCF) is deliberately absent: it is not a CCPA opt-out.
 */
import type { GuardSpec } from '../data-map/types.js';
import type { GuardHit } from './facts.js';

/** `allowed`: truthy means the consumer allows it; `opted_out`: truthy means opted out; `unknown`: either. */
export type Polarity = 'allowed' | 'opted_out' | 'unknown';

export interface GuardMatch {
  hit: GuardHit;
  polarity: Polarity;
}

interface PathRule {
  segments: string[];
  polarity: Polarity;
  name: string;
  gpc: boolean;
}

/** Consent APIs whose callbacks receive the consent state (their parameters are guard values). */
export const CONSENT_CALLBACK_APIS = ['__uspapi', '__gpp', 'OneTrust.OnConsentChanged', 'Optanon.OnConsentChanged', 'OneTrust.OnConsentChanged'];

/** Built-in reads: GPC (truthy = opted out, SPEC: gpc-only), OneTrust and Cookiebot consent state (truthy = allowed). */
const BUILTIN_READS: PathRule[] = [
  { segments: ['globalPrivacyControl'], polarity: 'opted_out', name: 'navigator.globalPrivacyControl', gpc: true },
  { segments: ['OnetrustActiveGroups'], polarity: 'allowed', name: 'OnetrustActiveGroups', gpc: false },
  { segments: ['OptanonActiveGroups'], polarity: 'allowed', name: 'OptanonActiveGroups', gpc: false },
  { segments: ['Cookiebot', 'consent', '*'], polarity: 'allowed', name: 'Cookiebot.consent', gpc: false },
  { segments: ['Cookiebot', 'consented'], polarity: 'allowed', name: 'Cookiebot.consented', gpc: false },
  { segments: ['Cookiebot', 'declined'], polarity: 'opted_out', name: 'Cookiebot.declined', gpc: false },
  { segments: ['CookieConsent', 'consent', '*'], polarity: 'allowed', name: 'Cookiebot.consent', gpc: false },
];

const BUILTIN_CALLS: PathRule[] = [
  { segments: ['OneTrust', 'IsAlertBoxClosed'], polarity: 'allowed', name: 'OneTrust.IsAlertBoxClosed()', gpc: false },
  { segments: ['OneTrust', 'GetDomainData'], polarity: 'allowed', name: 'OneTrust.GetDomainData()', gpc: false },
  { segments: ['__uspapi'], polarity: 'unknown', name: '__uspapi', gpc: false },
  { segments: ['__gpp'], polarity: 'unknown', name: '__gpp', gpc: false },
];

const GLOBAL_PREFIXES = new Set(['window', 'globalThis', 'self', 'this']);

function segmentMatches(rule: string, actual: string, isReceiver: boolean): boolean {
  if (rule === '*') return true;
  if (rule === actual) return true;
  // A receiver named in a map guard matches a longer name ending with it: `user` matches `currentUser`.
  return isReceiver && actual.toLowerCase().endsWith(rule.toLowerCase());
}

function suffixMatches(rule: PathRule, path: readonly string[]): boolean {
  const start = path.length - rule.segments.length;
  if (start < 0) return false;
  return rule.segments.every((s, i) => segmentMatches(s, path[start + i]!, i < rule.segments.length - 1));
}

export class GuardMatcher {
  private readonly calls: PathRule[];
  private readonly reads: PathRule[];
  /** Names for the text pre-filter. */
  readonly tokens: string[];
  readonly fingerprint: string;

  constructor(specs: readonly GuardSpec[]) {
    const mapCalls: PathRule[] = [];
    const mapReads: PathRule[] = [];
    for (const spec of specs) {
      if (spec.call) {
        mapCalls.push({ segments: spec.call.split('.'), polarity: spec.means === 'opted_out' ? 'opted_out' : 'allowed', name: `${spec.call}()`, gpc: false });
      } else if (spec.read) {
        mapReads.push({ segments: spec.read.split('.'), polarity: spec.means === 'opted_out' ? 'opted_out' : 'allowed', name: spec.read, gpc: false });
      }
    }
    this.calls = [...mapCalls, ...BUILTIN_CALLS];
    this.reads = [...mapReads, ...BUILTIN_READS];
    this.tokens = [...mapCalls, ...mapReads].map((r) => r.segments.at(-1)!);
    this.fingerprint = JSON.stringify([mapCalls, mapReads]);
  }

  private static normalise(path: readonly string[]): string[] {
    let start = 0;
    while (start < path.length - 1 && GLOBAL_PREFIXES.has(path[start]!)) start++;
    return path.slice(start);
  }

  matchCall(path: readonly string[]): GuardMatch | undefined {
    const normalised = GuardMatcher.normalise(path);
    const rule = this.calls.find((r) => suffixMatches(r, normalised));
    return rule ? { hit: { name: rule.name, gpc: rule.gpc }, polarity: rule.polarity } : undefined;
  }

  matchRead(path: readonly string[]): GuardMatch | undefined {
    const normalised = GuardMatcher.normalise(path);
    const rule = this.reads.find((r) => suffixMatches(r, normalised));
    return rule ? { hit: { name: rule.name, gpc: rule.gpc }, polarity: rule.polarity } : undefined;
  }
}

/** The `Sec-GPC` request header, read by any of the usual header APIs. */
export const SEC_GPC_HIT: GuardHit = { name: 'Sec-GPC header', gpc: true };
