/**
 * Focused parsing (only the chunks the scan plan keeps) must give exactly the result of parsing every
 * planned file whole (`wholeFiles: true`): on the labelled scanner corpus, on the storefront example and on
 * small projects written here.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpusScanInput, readCorpusSettings } from '../../scripts/lib/corpus-eval.js';
import { loadCatalog } from '../../src/catalog/index.js';
import { loadDataMap } from '../../src/data-map/load.js';
import { scanProject } from '../../src/scan/index.js';
import type { ScanInput, ScanResult } from '../../src/scan/types.js';
import { createTaxonomy } from '../../src/taxonomy/index.js';
import { POSTHOG_LIB, project, scan } from './helpers.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

async function both(input: ScanInput): Promise<{ focused: ScanResult; whole: ScanResult }> {
  const focused = await scanProject({ ...input, wholeFiles: false });
  const whole = await scanProject({ ...input, wholeFiles: true });
  return { focused, whole };
}

async function bothInProject(files: Record<string, string>, overrides: Partial<ScanInput> = {}): Promise<{ focused: ScanResult; whole: ScanResult }> {
  const root = project(files);
  return { focused: await scan(root, overrides), whole: await scan(root, { ...overrides, wholeFiles: true }) };
}

describe('focused parsing gives the whole-file result', () => {
  it('the labelled scanner corpus', async () => {
    const root = `${REPO}fixtures/scanner`;
    const input = corpusScanInput(root, readCorpusSettings(root), loadCatalog(), createTaxonomy());
    const { focused, whole } = await both(input);
    expect(whole.callSites.length).toBeGreaterThanOrEqual(80);
    expect(focused).toEqual(whole);
  });

  it('the storefront example, with its data map', async () => {
    const root = `${REPO}fixtures/storefront`;
    const loaded = loadDataMap({ root, cwd: root });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const map = loaded.map;
    const input: ScanInput = {
      root,
      catalog: loadCatalog(),
      taxonomy: createTaxonomy(map.categories),
      vendors: map.vendors,
      systems: map.systems,
      guards: map.opt_out.guards,
      deletionHandlers: map.systems.flatMap((s) => (s.deletion?.handler ? [{ system: s.id, handler: s.deletion.handler }] : [])),
      exclude: map.scan.exclude,
      include: map.scan.include,
      jobs: 1,
    };
    expect(input.deletionHandlers.length).toBeGreaterThan(0);
    const { focused, whole } = await both(input);
    expect(whole.callSites.length).toBeGreaterThan(5);
    expect(whole.handlers.length).toBeGreaterThan(0);
    expect(focused).toEqual(whole);
  });
});


describe('focused parsing gives the whole-file result on small projects', () => {
  it('a wrapper chain through a barrel, with unrelated functions around it', async () => {
    const { focused, whole } = await bothInProject({
      'lib/posthog.ts': POSTHOG_LIB,
      'lib/index.ts': `export * from './posthog';\nexport const VERSION = 1;\n`,
      'services/track.ts': [
        `import { capture } from '../lib';`,
        `const noise = [1, 2, 3].map((n) => n * 2);`,
        `export function trackSignup(email: string) {`,
        `  capture('signup', { email });`,
        `}`,
        `export function other() {`,
        `  return noise;`,
        `}`,
      ].join('\n'),
      'pages/signup.ts': `import { trackSignup } from '../services/track';\nexport function onSubmit(email: string) {\n  trackSignup(email);\n}\nexport function noop() {}\n`,
    });
    expect(whole.callSites.map((s) => `${s.file}:${s.line} via ${s.via.length}`)).toEqual(['pages/signup.ts:3 via 2']);
    expect(focused).toEqual(whole);
  });

  it('a namespace import and a module-level client assigned in another function', async () => {
    const { focused, whole } = await bothInProject({
      'lib/client.ts': [
        `import { PostHog } from 'posthog-node';`,
        `let client: PostHog | undefined;`,
        `export function init() {`,
        `  client = new PostHog('key');`,
        `}`,
        `export function identify(email: string) {`,
        `  client?.identify({ distinctId: email, properties: { email } });`,
        `}`,
        `export function unrelated() {`,
        `  return 2;`,
        `}`,
      ].join('\n'),
      'app.ts': `import * as analytics from './lib/client';\nexport function login(email: string) {\n  analytics.identify(email);\n}\nexport function idle() {\n  return analytics.unrelated();\n}\n`,
    });
    expect(whole.callSites.length).toBeGreaterThan(0);
    expect(focused).toEqual(whole);
  });

  it('a URL constant imported from a file with no vendor call, and a base class holding the URL', async () => {
    const { focused, whole } = await bothInProject({
      'config.ts': `export const BASE = 'https://api.hubapi.com/crm/v3';\nexport const TIMEOUT = 5;\nexport function unrelated() {\n  return TIMEOUT;\n}\n`,
      'api.ts': [
        `import { BASE } from './config';`,
        `class Base {`,
        `  protected readonly baseUrl = BASE;`,
        `}`,
        `export class HubSpotApi extends Base {`,
        `  updateContact(email: string) {`,
        `    return fetch(\`\${this.baseUrl}/objects/contacts\`, { method: 'POST', body: JSON.stringify({ email }) });`,
        `  }`,
        `}`,
        `export function unrelated() {`,
        `  return 3;`,
        `}`,
      ].join('\n'),
    });
    expect(whole.callSites.map((s) => `${s.file}:${s.line} ${s.vendor}`)).toEqual(['api.ts:7 hubspot']);
    expect(focused).toEqual(whole);
  });

  it('guards, JSX components and suppression comments in a focused file', async () => {
    const { focused, whole } = await bothInProject({
      'consent.ts': `export function canSellData(): boolean {\n  return true;\n}\nexport function other() {\n  return false;\n}\n`,
      'page.tsx': [
        `'use client';`,
        `import posthog from 'posthog-js';`,
        `import { canSellData } from './consent';`,
        `const copy = "Don't // worry";`,
        `export function Banner() {`,
        `  return <p title="it's">Don't {copy}</p>;`,
        `}`,
        `export function onSignup(email: string) {`,
        `  if (canSellData()) posthog.capture('signup', { email });`,
        `  // flowaudit-ignore-next-line sale-without-opt-out -- tested`,
        `  posthog.identify(email);`,
        `}`,
      ].join('\n'),
    });
    expect(whole.callSites.map((s) => `${s.line} ${s.gate}`)).toEqual(['9 guard', '11 none']);
    expect(whole.suppressions.length).toBe(1);
    expect(focused).toEqual(whole);
  });

  it('a deletion handler calling a vendor delete through another file', async () => {
    const { focused, whole } = await bothInProject(
      {
        'privacy/stripe.ts': `import Stripe from 'stripe';\nconst api = new Stripe('k');\nexport function deleteCustomer(id: string) {\n  return api.customers.del(id);\n}\nexport function unrelated() {\n  return 1;\n}\n`,
        'privacy/erase.ts': `import { deleteCustomer } from './stripe';\nexport async function eraseUser(id: string) {\n  await deleteCustomer(id);\n}\nexport function audit() {\n  return 'ok';\n}\n`,
      },
      { deletionHandlers: [{ system: 'app', handler: 'privacy/erase.ts#eraseUser' }] },
    );
    expect(whole.handlers.length).toBe(1);
    expect(focused).toEqual(whole);
  });

  it('dynamic import, CommonJS exports and a file the lexer cannot balance', async () => {
    const { focused, whole } = await bothInProject({
      'lazy.ts': `export async function track(email: string) {\n  const { default: posthog } = await import('posthog-js');\n  posthog.capture('x', { email });\n}\nexport function noop() {}\n`,
      'user.ts': `export async function go(email: string) {\n  const m = await import('./lazy');\n  await m.track(email);\n}\n`,
      'legacy.js': `const { PostHog } = require('posthog-node');\nconst client = new PostHog('k');\nfunction send(email) {\n  client.capture({ distinctId: email, event: 'e' });\n}\nmodule.exports = { send };\n`,
      'caller.js': `const { send } = require('./legacy');\nfunction signup(email) {\n  send(email);\n}\nmodule.exports = { signup };\n`,
      'generic.tsx': `import posthog from 'posthog-js';\nconst id = <T,>(x: T) => x;\nexport function f(email: string) {\n  posthog.capture('y', id({ email }));\n}\n`,
    });
    expect(whole.callSites.length).toBeGreaterThanOrEqual(3);
    expect(focused).toEqual(whole);
  });

  it('an import-equals binding, a decorated base class, and a regular expression after if (…)', async () => {
    const { focused, whole } = await bothInProject({
      'track.ts': `import { PostHog } from 'posthog-node';\nconst ph = new PostHog('k');\nexport function track(event: string, email: string) {\n  ph.capture({ distinctId: email, event });\n}\n`,
      'use.ts': `import t = require('./track');\nexport function signup(email: string) {\n  t.track('signup', email);\n}\n`,
      'hubspot.ts': `function Dec(): ClassDecorator { return () => {}; }\n@Dec()\nclass Base { protected readonly baseUrl = 'https://api.' + 'hubapi.com/crm/v3'; }\nexport class HubSpotApi extends Base {\n  updateContact(email: string) { return fetch(\`\${this.baseUrl}/objects/contacts\`, { method: 'POST', body: JSON.stringify({ email }) }); }\n}\n`,
      'regex.ts': `import posthog from 'posthog-js';\nif (Math.random()) /\`/.test('x');\nconst s = \`\nexport const t = 1;\n\`;\nexport function go(email: string) {\n  posthog.capture('x', { email, s });\n}\n`,
    });
    expect(whole.callSites.map((c) => `${c.file}:${c.line}`)).toEqual(['hubspot.ts:5', 'regex.ts:7', 'use.ts:3']);
    expect(focused).toEqual(whole);
  });

  it('names in strings and comments, a package named in a string, an element access, a generic arrow in TSX, a looked-up file', async () => {
    const { focused, whole } = await bothInProject({
      // "analytics" and "fbq" only as words in strings and a comment; "ky" as a country code, not an import.
      'constants.ts': `// analytics settings\nexport const FEATURES = ['Advanced analytics', 'fbq'];\nexport const COUNTRIES = ['ky', 'ga'];\nexport function label() {\n  return FEATURES[0];\n}\n`,
      'page.ts': `import { FEATURES, COUNTRIES } from './constants';\nexport function show() {\n  return FEATURES.concat(COUNTRIES);\n}\n`,
      // The global reached by element access, and a generic arrow function in a TSX file.
      'pixel.tsx': `export const id = <T,>(x: T) => x;\nexport function buy(email: string) {\n  (window as any)['fbq']('track', 'Purchase', id({ em: email }));\n}\n`,
      'checkout.tsx': `import { buy } from './pixel';\nexport const Button = <T extends string>(p: { email: T }) => <button onClick={() => buy(p.email)}>Don't wait</button>;\n`,
      // A file only looked up (its constant), whose other code imports yet another file.
      'config.ts': `import { helper } from './helper';\nexport const HOST = 'https://api.segment.io';\nexport function other() {\n  return helper();\n}\n`,
      'helper.ts': `export function helper() {\n  return 1;\n}\n`,
      'send.ts': `import { HOST } from './config';\nexport function send(email: string) {\n  return fetch(HOST + '/v1/track', { method: 'POST', body: JSON.stringify({ email }) });\n}\n`,
    });
    expect(whole.callSites.map((c) => `${c.file}:${c.line}`)).toEqual(['checkout.tsx:2', 'send.ts:3']);
    expect(focused).toEqual(whole);
  });
});
