import { describe, expect, it } from 'vitest';
import { guard, project, scan } from './helpers.js';

const head = `import posthog from 'posthog-js';\nimport { canSellData, consent } from './privacy';\n`;

/** Gate of each site by its line: `line gate guards`. */
async function gates(body: string, overrides = {}): Promise<string[]> {
  const result = await scan(project({ 'a.ts': head + body, 'privacy.ts': 'export const canSellData = () => true;\nexport const consent = { allows: (_: string) => true };\n' }), overrides);
  return result.callSites.filter((s) => s.file === 'a.ts').map((s) => `${s.line} ${s.gate}${s.guards.length ? ` ${s.guards.join(',')}` : ''}`);
}

describe('guards', () => {
  it('gates inside if (guard) and leaves the else branch ungated', async () => {
    expect(await gates(`if (canSellData()) {\n  posthog.capture('a');\n} else {\n  posthog.capture('b');\n}\n`)).toEqual(['4 guard canSellData()', '6 none']);
  });

  it('gates the else of if (optedOut) for a read guard that means opted out', async () => {
    expect(await gates(`export function f(user: { doNotSell: boolean }) {\n  if (user.doNotSell) {\n    posthog.capture('a');\n  } else {\n    posthog.capture('b');\n  }\n}\n`)).toEqual(['5 none', '7 guard user.doNotSell']);
  });

  it('gates after if (!guard) return / throw, and not before', async () => {
    expect(await gates(`export function f() {\n  posthog.capture('before');\n  if (!canSellData()) return;\n  posthog.capture('after');\n}\nexport function g() {\n  if (!consent.allows('ads')) {\n    throw new Error('no');\n  }\n  posthog.capture('after');\n}\n`, { guards: [guard({ call: 'canSellData' }), guard({ call: 'consent.allows' })] })).toEqual([
      '4 none',
      '6 guard canSellData()',
      '12 guard consent.allows()',
    ]);
  });

  it('gates the right of guard &&, the matching ternary branch, and guard || for opted-out reads', async () => {
    expect(await gates(`export function f(user: { doNotSell: boolean }) {\n  canSellData() && posthog.capture('a');\n  canSellData() ? posthog.capture('b') : posthog.capture('c');\n  user.doNotSell || posthog.capture('d');\n}\n`)).toEqual([
      '4 guard canSellData()',
      '5 guard canSellData()',
      '5 none',
      '6 guard user.doNotSell',
    ]);
  });

  it('gates through one local step: a variable or a parameter assigned from a guard', async () => {
    expect(await gates(`export async function f() {\n  const allowed = await canSellData();\n  if (allowed) posthog.capture('a');\n}\nfunction send(ok: boolean) {\n  if (ok) posthog.capture('b');\n}\nexport function caller() {\n  send(canSellData());\n  send(true);\n}\n`)).toEqual([
      '5 guard canSellData()',
      '11 guard canSellData()',
      '12 none',
    ]);
  });

  it('gates a loop or callback over a collection filtered by a guard', async () => {
    expect(await gates(`export function f(users: { id: string }[]) {\n  users.filter((u) => canSellData(u)).forEach((u) => posthog.capture('a', { userId: u.id }));\n  for (const u of users.filter(canSellData)) posthog.capture('b');\n  users.forEach(() => posthog.capture('c'));\n}\n`)).toEqual([
      '4 guard canSellData()',
      '5 guard canSellData()',
      '6 none',
    ]);
  });

  it('reports a call gated only by GPC as gpc-only, by GPC and a guard as guard', async () => {
    expect(await gates(`if (!navigator.globalPrivacyControl) posthog.capture('a');\nif (navigator.globalPrivacyControl !== true && canSellData()) posthog.capture('b');\nexport function h(req: { headers: Record<string, string> }) {\n  if (req.headers['sec-gpc'] === '1') return;\n  posthog.capture('c');\n}\n`)).toEqual([
      '3 gpc-only navigator.globalPrivacyControl',
      '4 guard canSellData(),navigator.globalPrivacyControl',
      '7 gpc-only Sec-GPC header',
    ]);
  });

  it('recognises consent platforms but not TCF or configuration checks', async () => {
    expect(await gates(`declare const OnetrustActiveGroups: string;\ndeclare const Cookiebot: any;\ndeclare const __tcfapi: any;\nif (OnetrustActiveGroups.includes('C0004')) posthog.capture('a');\nif (Cookiebot.consent.marketing) posthog.capture('b');\n__tcfapi('getTCData', 2, (d: any) => { if (d.gdprApplies) posthog.capture('c'); });\nif (process.env.POSTHOG_KEY) posthog.capture('d');\nif (process.env.NODE_ENV === 'production' && !process.env.DO_NOT_TRACK) posthog.capture('e');\nif (typeof window !== 'undefined') posthog.capture('f');\n`)).toEqual([
      '6 guard OnetrustActiveGroups',
      '7 guard Cookiebot.consent',
      '8 none',
      '9 none',
      '10 none',
      '11 none',
    ]);
  });

  it("treats a consent API's callback parameter as the consent state", async () => {
    expect(await gates(`declare const __uspapi: any;\n__uspapi('getUSPData', 1, (data: { uspString: string }) => {\n  if (data.uspString.charAt(2) !== 'Y') posthog.capture('a');\n});\n`)).toEqual(['5 guard consent callback']);
  });

  it('gates a whole wrapped path when any call on it is gated', async () => {
    const result = await scan(
      project({
        'lib.ts': `import posthog from 'posthog-js';\nexport function track(e: string) { posthog.capture(e); }\n`,
        'app.ts': `import { track } from './lib';\nimport { canSellData } from './privacy';\nif (canSellData()) track('a');\ntrack('b');\n`,
        'privacy.ts': 'export const canSellData = () => true;\n',
      }),
    );
    expect(result.callSites.map((s) => `${s.file}:${s.line} ${s.gate}`)).toEqual(['app.ts:3 guard', 'app.ts:4 none']);
  });

  it("gates a vendor's calls by its own opt-out switch set from a guard", async () => {
    const result = await scan(
      project({
        'init.ts': `import posthog from 'posthog-js';\nposthog.init('k', { opt_out_capturing_by_default: navigator.globalPrivacyControl });\n`,
        'use.ts': `import posthog from 'posthog-js';\nposthog.capture('a');\n`,
        'server.ts': `import { PostHog } from 'posthog-node';\nnew PostHog('k').capture({ distinctId: 'x', event: 'y' });\n`,
      }),
    );
    expect(result.callSites.map((s) => `${s.file} ${s.gate} ${s.guards.join(',')}`)).toEqual([
      'init.ts vendor-opt-out navigator.globalPrivacyControl',
      'server.ts none ',
      'use.ts vendor-opt-out navigator.globalPrivacyControl',
    ]);
  });

  it("gates a vendor's calls by its opt-out call made for consumers who opted out", async () => {
    const result = await scan(
      project({
        'optout.ts': `import posthog from 'posthog-js';\nexport function apply(user: { doNotSell: boolean }) {\n  if (user.doNotSell) posthog.opt_out_capturing();\n}\n`,
        'use.ts': `import posthog from 'posthog-js';\nposthog.capture('a');\n`,
      }),
    );
    expect(result.callSites.map((s) => `${s.file} ${s.gate} ${s.guards.join(',')}`)).toEqual(['use.ts vendor-opt-out user.doNotSell']);
  });

  it('marks restricted processing: a call carrying the option, or the switch call for the whole tag', async () => {
    const result = await scan(
      project({
        'ga.ts': `gtag('event', 'purchase', { value: 1, restricted_data_processing: true });\ngtag('event', 'other', { value: 1 });\ngtag('event', 'off', { restricted_data_processing: false });\n`,
        'meta.ts': `fbq('dataProcessingOptions', ['LDU'], 1, 1000);\nfbq('track', 'Purchase');\n`,
      }),
    );
    expect(result.callSites.map((s) => `${s.file}:${s.line} ${s.gate}`)).toEqual(['ga.ts:1 restricted', 'ga.ts:2 none', 'ga.ts:3 none', 'meta.ts:2 restricted']);
  });
});
