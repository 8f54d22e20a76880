/**
 * A run after a small edit reuses the last scan plan (`scan-plan.json`) when the edited files still give
 * the plan the same answers, and plans afresh otherwise. Either way it must give what a scan without the
 * cache gives.
 */
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outlineOf } from '../../src/scan/outline.js';
import { outlineKeepsPlan } from '../../src/scan/plan.js';
import { project, scan } from './helpers.js';

const FILES: Record<string, string> = {
  'lib/posthog.ts': `import { PostHog } from 'posthog-node';\nconst client = new PostHog('k');\nexport function capture(email: string) {\n  client.capture({ distinctId: email, event: 'e' });\n}\nexport function unrelated() {\n  return 1;\n}\n`,
  'lib/index.ts': `export { capture } from './posthog';\nexport * from './format';\n`,
  'lib/format.ts': `export function format(x: string) {\n  return x.trim();\n}\n`,
  'lib/config.ts': `export const TIMEOUT = 5;\nexport const RETRIES = 2;\n`,
  'pages/signup.ts': `import { capture, format } from '../lib';\nexport function onSubmit(email: string) {\n  capture(format(email));\n}\n`,
  'pages/later.ts': `import { capture } from '../lib';\nexport function idle() {\n  return 1;\n}\n`,
  'pages/alias.ts': `import { alias } from '../lib/posthog';\nexport function go(email: string) {\n  alias.capture({ distinctId: email, event: 'x' });\n}\n`,
  'pages/idle.ts': `export const idle = 1;\n`,
  'pages/send.ts': `import { TIMEOUT, SEGMENT_URL } from '../lib/config';\nexport function send(email: string) {\n  return fetch(SEGMENT_URL, { method: 'POST', body: JSON.stringify({ email }), signal: AbortSignal.timeout(TIMEOUT) });\n}\n`,
};

/** Rewrites a file so that its size or modification time differs from what the index recorded. */
function edit(root: string, file: string, change: (text: string) => string): void {
  const path = join(root, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
  const later = new Date(statSync(path).mtimeMs + 5000);
  utimesSync(path, later, later);
}

/** Edits a plan must survive, or must notice. */
const EDITS: [string, string, (text: string) => string][] = [
  ['an unrelated export appended', 'pages/signup.ts', (t) => `${t}export const later${t.length} = 2;\n`],
  ['an unrelated export appended to the vendor wrapper', 'lib/posthog.ts', (t) => `${t}export const flag${t.length} = true;\n`],
  ['the event renamed inside the vendor call', 'lib/posthog.ts', (t) => t.replace(/event: '(\w+)'/, (_, e: string) => `event: '${e}x'`)],
  ['an alias of the client appended', 'lib/posthog.ts', (t) => (t.includes('alias') ? t : `${t}export const alias = client;\n`)],
  ['the alias removed', 'lib/posthog.ts', (t) => t.replace('export const alias = client;\n', '')],
  ['an unused import starts being used', 'pages/later.ts', (t) => t.replace('return 1;', "capture('x');")],
  ['and stops', 'pages/later.ts', (t) => t.replace("capture('x');", 'return 1;')],
  ['a URL constant appended', 'lib/config.ts', (t) => (t.includes('SEGMENT_URL') ? t : `${t}export const SEGMENT_URL = 'https://api.segment.io/v1/track';\n`)],
  ['a line inserted before everything', 'lib/format.ts', (t) => `// note\n${t}`],
  ['a file with no imports starts calling the wrapper', 'pages/idle.ts', () => `import { capture } from '../lib';\nexport const idle = () => capture('z');\n`],
  ['a call to a vendor host appended to the wrapper', 'lib/posthog.ts', (t) => (t.includes('ping') ? t : `${t}export function ping(email: string) {\n  return fetch('https://us.i.posthog.com/batch', { method: 'POST', body: JSON.stringify({ email }) });\n}\n`)],
  ['a re-export added to the barrel', 'lib/index.ts', (t) => (t.includes('./config') ? t : `${t}export * from './config';\n`)],
];

describe('reusing the scan plan', () => {
  it('keeps the plan after an edit that cannot change it, plans afresh after one that can, and gives the uncached result each time', async () => {
    const root = project(FILES);
    const cacheDir = join(root, '.flowaudit-cache');
    const record = (): string => readFileSync(join(cacheDir, 'scan-plan.json'), 'utf8');
    const sites = async (): Promise<string[]> => {
      const result = await scan(root, { cacheDir });
      expect(result).toEqual(await scan(root));
      return result.callSites.map((s) => `${s.file}:${s.line}`);
    };
    expect(await sites()).toEqual(['pages/signup.ts:3']);
    const planned = record();

    edit(root, 'pages/signup.ts', (t) => `${t}export const later = 2;\n`);
    expect(await sites()).toEqual(['pages/signup.ts:3']);
    expect(record()).toBe(planned);

    // Inside a kept chunk, same outline: the plan stands, the facts are new.
    edit(root, 'lib/posthog.ts', (t) => t.replace("event: 'e'", "event: 'signup'"));
    expect(await sites()).toEqual(['pages/signup.ts:3']);
    expect(record()).toBe(planned);

    // A new chunk that mentions the client: the plan changes, and the alias's caller is found.
    edit(root, 'lib/posthog.ts', (t) => `${t}export const alias = client;\n`);
    expect(await sites()).toEqual(['pages/alias.ts:3', 'pages/signup.ts:3']);
    expect(record()).not.toBe(planned);
  });

  it('after any sequence of edits, a cached run equals an uncached one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: EDITS.length - 1 }), { minLength: 1, maxLength: 6 }), async (sequence) => {
        const root = project(FILES);
        const cacheDir = join(root, '.flowaudit-cache');
        await scan(root, { cacheDir });
        for (const k of sequence) {
          const [, file, change] = EDITS[k]!;
          edit(root, file, change);
          expect(JSON.stringify(await scan(root, { cacheDir }))).toBe(JSON.stringify(await scan(root)));
        }
      }),
      { numRuns: 40, seed: 20261122 },
    );
  }, 60_000);
});

describe('outlineKeepsPlan', () => {
  const before = `import { PostHog } from 'posthog-node';\nconst client = new PostHog('k');\nexport function capture(email: string) {\n  client.capture({ distinctId: email });\n}\nexport function other() {\n  return 1;\n}\n`;
  const keeps = (after: string, takenWhole = false, needed: string[] = []): boolean =>
    outlineKeepsPlan(outlineOf(before, false), outlineOf(after, false), takenWhole, new Set(needed));

  it('keeps it for moved chunks and for appended chunks nothing reaches', () => {
    expect(keeps(before.replace('email });\n', 'email });\n  // moved\n'))).toBe(true);
    expect(keeps(before.replace('distinctId: email', 'distinctId: email, event: "x"'))).toBe(true);
    expect(keeps(`${before}export const flag = true;\n`)).toBe(true);
  });

  it('drops it when an appended chunk may be reached, or the chunks themselves change', () => {
    expect(keeps(`${before}export const alias = client;\n`)).toBe(false); // mentions a name of the file
    expect(keeps(`${before}function other() {}\n`)).toBe(false); // declares a name again
    expect(keeps(`${before}export const flag = true;\n`, false, ['flag'])).toBe(false); // a name looked up
    expect(keeps(`${before}export const flag = true;\n`, true)).toBe(false); // the plan took the whole file
    expect(keeps(`${before}export * from './x';\n`)).toBe(false); // a re-export
    expect(keeps(`${before}import './polyfill';\n`)).toBe(false); // an import, even of nothing
    expect(keeps(before.replace('return 1;', 'return client;'))).toBe(false); // a chunk mentions another name
    expect(keeps(`// first\n${before}`)).toBe(false); // the chunks shift
    expect(keeps(`${before}module.exports = {};\n`)).toBe(false); // CommonJS now
  });
});
