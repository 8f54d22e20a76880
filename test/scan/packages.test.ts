import { describe, expect, it } from 'vitest';
import { project, scan, sitesOf } from './helpers.js';

describe('package detection', () => {
  it('finds a default import call with its payload categories', async () => {
    const sites = await sitesOf({
      'src/signup.ts': `import posthog from 'posthog-js';\nexport function onSignup(email: string) {\n  posthog.capture('signup', { email, plan: 'pro' });\n}\n`,
    });
    expect(sites).toEqual([{ at: 'src/signup.ts:3:3', vendor: 'posthog', api: 'posthog.capture', categories: ['user.contact.email', 'user.device.cookie_id', 'user.device.ip_address'], gate: 'none' }]);
  });

  it('reports api, pattern, matched package and attribution fields', async () => {
    const result = await scan(project({ 'a.ts': `import { PostHog } from 'posthog-node';\nconst client = new PostHog('k');\nclient.identify({ distinctId: 'x' });\n` }));
    expect(result.callSites).toHaveLength(1);
    const [site] = result.callSites;
    expect(site).toMatchObject({ api: 'client.identify', pattern: 'identify', detectedBy: 'package', matched: 'posthog-node', catalogId: 'posthog', declaredVendor: false, defaultClass: 'possible_sale', system: 'unassigned', enclosingFunction: '<module>', callText: "client.identify({ distinctId: 'x' })" });
  });

  it('follows namespace imports, require, destructured require and dynamic import', async () => {
    const sites = await sitesOf({
      'ns.ts': `import * as ph from 'posthog-js';\nph.capture('a');\n`,
      'req.cjs': `const posthog = require('posthog-js');\nposthog.capture('b');\nconst { capture } = require('posthog-js');\ncapture('c');\n`,
      'dyn.mjs': `export async function later() {\n  const mod = await import('posthog-js');\n  mod.default.capture('d');\n}\n`,
    });
    expect(sites.map((s) => s.at)).toEqual(['dyn.mjs:3:3', 'ns.ts:2:1', 'req.cjs:2:1', 'req.cjs:4:1']);
  });

  it('never reports a type-only import or a construction of a server client', async () => {
    const sites = await sitesOf({
      'types.ts': `import type { PostHog } from 'posthog-node';\nexport type Client = PostHog;\n`,
      'billing.ts': `import Stripe from 'stripe';\nexport const stripe = new Stripe(process.env.STRIPE_KEY!);\nstripe.prices.list();\n`,
    });
    expect(sites).toEqual([]);
  });

  it('follows instances: chains, class fields set in the constructor, typed constructor parameters', async () => {
    const sites = await sitesOf({
      'billing.ts': [
        `import Stripe from 'stripe';`,
        `export class Billing {`,
        `  private client: Stripe;`,
        `  constructor(key: string) { this.client = new Stripe(key); }`,
        `  open(email: string) { return this.client.customers.create({ email }); }`,
        `}`,
        `export class Injected {`,
        `  constructor(private readonly stripe: Stripe) {}`,
        `  update(id: string, phone: string) { return this.stripe.customers.update(id, { phone }); }`,
        `}`,
      ].join('\n'),
    });
    expect(sites).toEqual([
      { at: 'billing.ts:5:32', vendor: 'stripe', api: 'this.client.customers.create', categories: ['user.contact.email'], gate: 'none' },
      { at: 'billing.ts:9:46', vendor: 'stripe', api: 'this.stripe.customers.update', categories: ['user.contact.phone_number'], gate: 'none' },
    ]);
  });

  it('follows a vendor value exported from one file and imported in another, through a barrel', async () => {
    const sites = await sitesOf({
      'lib/mixpanel.ts': `import Mixpanel from 'mixpanel';\nexport const mixpanel = Mixpanel.init('token');\n`,
      'lib/index.ts': `export * from './mixpanel';\n`,
      'app/order.ts': `import { mixpanel } from '../lib';\nexport function placed(userId: string) {\n  mixpanel.track('order', { distinct_id: userId });\n}\n`,
    });
    expect(sites).toEqual([{ at: 'app/order.ts:3:3', vendor: 'mixpanel', api: 'mixpanel.track', categories: ['user.unique_id'], gate: 'none' }]);
  });

  it('finds browser globals directly and through window / globalThis', async () => {
    const sites = await sitesOf({
      'pixel.ts': `fbq('init', '123');\nwindow.fbq('track', 'Purchase', { value: 1 });\nglobalThis.analytics.track('x');\nfbq('set', 'agent', 'x');\n`,
    });
    expect(sites.map((s) => `${s.at} ${s.vendor} ${s.api}`)).toEqual(['pixel.ts:1:1 meta-pixel fbq', 'pixel.ts:2:1 meta-pixel window.fbq', 'pixel.ts:3:1 segment globalThis.analytics.track']);
  });

  it('does not take a local binding that shadows a global for the vendor', async () => {
    const sites = await sitesOf({ 'local.ts': `const analytics = { track(e: string) { console.log(e); } };\nanalytics.track('x');\nfunction fbq(..._a: unknown[]) {}\nfbq('track', 'y');\n` });
    expect(sites).toEqual([]);
  });

  it('reads the command queue form of a global: `_hsq.push([command, ...])`', async () => {
    const sites = await sitesOf({ 'hs.ts': `window._hsq.push(['setPath', '/x']);\nwindow._hsq.push(['trackPageView']);\n` });
    expect(sites.map((s) => s.at)).toEqual(['hs.ts:2:1']);
  });

  it('follows default-exported clients, getters, static fields, optional calls and hooks returning closures', async () => {
    const sites = await sitesOf({
      'lib/ph.ts': `import posthog from 'posthog-js';\nexport default posthog;\n`,
      'a.ts': `import posthog from './lib/ph';\nexport const f = (email: string) => posthog.capture('x', { email });\n`,
      'b.ts': `import Stripe from 'stripe';\nexport class Svc {\n  private _c?: Stripe;\n  get client() { return (this._c ??= new Stripe('k')); }\n  go(email: string) { return this.client.customers.create({ email }); }\n}\n`,
      'c.ts': `export const g = () => window.gtag?.('event', 'y');\n(window as any).fbq('track', 'z');\n`,
      'd.ts': `import Mixpanel from 'mixpanel';\nclass A {\n  static mp = Mixpanel.init('t');\n  static go(userId: string) { A.mp.track('e', { distinct_id: userId }); }\n}\nA.go('u');\n`,
      'e.tsx': `import { usePostHog } from 'posthog-js/react';\nexport function useTrack() { const ph = usePostHog(); return (e: string) => ph?.capture(e); }\nexport function Btn() { const track = useTrack(); return <button onClick={() => track('c')} />; }\n`,
    });
    expect(sites.map((s) => `${s.at} ${s.api}${s.via ? ` via ${(s.via as string[]).length}` : ''}`)).toEqual([
      'a.ts:2:37 posthog.capture',
      'b.ts:5:30 this.client.customers.create',
      'c.ts:1:24 window.gtag',
      'c.ts:2:1 window.fbq',
      'd.ts:6:1 A.mp.track via 1',
      'e.tsx:3:81 ph.capture via 1',
    ]);
  });

  it('attributes a Vercel AI SDK call to the provider passed as model', async () => {
    const result = await scan(project({ 'ai.ts': `import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nexport const answer = (prompt: string) => generateText({ model: openai('gpt-4o'), prompt });\n` }));
    expect(result.callSites.map((s) => [s.vendor, s.api, s.matched])).toEqual([['openai', 'generateText', '@ai-sdk/openai']]);
  });

  it('picks the catalogue entry whose patterns match when entries share a package', async () => {
    const sites = await sitesOf({
      'tags.tsx': `import { GoogleTagManager, GoogleAnalytics, sendGTMEvent } from '@next/third-parties/google';\nexport const Tags = () => <><GoogleTagManager gtmId="GTM-1" /><GoogleAnalytics gaId="G-1" /></>;\nexport const signup = () => sendGTMEvent({ event: 'signup' });\n`,
    });
    expect(sites.map((s) => `${s.at} ${s.vendor}`)).toEqual(['tags.tsx:2:29 google-tag-manager', 'tags.tsx:2:63 google-analytics', 'tags.tsx:3:29 google-tag-manager']);
  });
});

describe('vendor attribution to the map', () => {
  const files = { 'a.ts': `import posthog from 'posthog-js';\nposthog.capture('x');\n` };

  it('belongs to the map vendor whose catalog names the entry', async () => {
    const result = await scan(project(files), { vendors: [{ id: 'product-analytics', catalog: 'posthog' }] });
    expect(result.callSites.map((s) => [s.vendor, s.catalogId, s.declaredVendor])).toEqual([['product-analytics', 'posthog', true]]);
  });

  it('belongs to the map vendor with the same id', async () => {
    const result = await scan(project(files), { vendors: [{ id: 'posthog' }] });
    expect(result.callSites.map((s) => [s.vendor, s.declaredVendor])).toEqual([['posthog', true]]);
  });

  it('belongs to the map vendor whose detect names the same package', async () => {
    const result = await scan(project(files), { vendors: [{ id: 'ph', detect: { packages: ['posthog-js'], hosts: [], globals: [] } }] });
    expect(result.callSites.map((s) => [s.vendor, s.catalogId, s.declaredVendor])).toEqual([['ph', 'posthog', true]]);
  });

  it('detects a vendor the catalogue lacks from the map detect (package, global, host)', async () => {
    const result = await scan(
      project({
        'p.ts': `import pixel from '@acme/pixel';\npixel.send({ email: 'x' });\nacmePx('go');\nfetch('https://px.acme-ads.example/hit');\n`,
      }),
      { vendors: [{ id: 'acme-ads', detect: { packages: ['@acme/pixel'], hosts: ['px.acme-ads.example'], globals: ['acmePx'] } }] },
    );
    expect(result.callSites.map((s) => `${s.line} ${s.vendor} ${s.detectedBy} ${s.declaredVendor} ${s.defaultClass}`)).toEqual([
      '2 acme-ads package true possible_sale',
      '3 acme-ads global true possible_sale',
      '4 acme-ads http true possible_sale',
    ]);
  });
});
