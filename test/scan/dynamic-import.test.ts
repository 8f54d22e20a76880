/** Lazily loaded vendor modules: `import('pkg')` returned from a helper, then used through `.then` or `await`. */
import { describe, expect, it } from 'vitest';
import { project, scan } from './helpers.js';

async function sites(files: Record<string, string>): Promise<string[]> {
  const result = await scan(project(files));
  return result.callSites.map((s) => `${s.file}:${s.line} ${s.vendor} ${s.api}${s.categories.length ? ` ${s.categories.filter((c) => c.startsWith('user.contact')).join(',')}` : ''}${s.via.length ? ` via ${s.via.length}` : ''}`);
}

describe('dynamic import returned from a helper', () => {
  it('a cached import() promise in a module variable, used through getPosthog().then', async () => {
    expect(
      await sites({
        'lib/posthog.ts': [
          `let p: Promise<typeof import('posthog-js')> | null = null;`,
          `const getPosthog = async () => { if (!p) p = import('posthog-js'); return p; };`,
          `export const track = (e: string, email: string) => void getPosthog().then(({ default: posthog }) => posthog.capture(e, { email }));`,
        ].join('\n'),
        'signup.ts': `import { track } from './lib/posthog';\nexport function done(email: string) { track('signed up', email); }\n`,
      }),
    ).toEqual(['signup.ts:2 posthog posthog.capture user.contact.email via 1']);
  });

  it('the helper awaited, and a helper returning import() directly', async () => {
    expect(
      await sites({
        'a.ts': [
          `const load = () => import('posthog-js');`,
          `export async function identify(email: string) {`,
          `  const { default: posthog } = await load();`,
          `  posthog.identify(email, { email });`,
          `}`,
          `export const later = (email: string) => load().then((mod) => mod.default.capture('x', { email }));`,
        ].join('\n'),
      }),
    ).toEqual(['a.ts:4 posthog posthog.identify user.contact.email', 'a.ts:6 posthog mod.default.capture user.contact.email']);
  });

  it('a promise that is not a module gives its callback nothing to track', async () => {
    expect(await sites({ 'a.ts': `export const get = () => fetch('/api/me').then((res) => res.json()).then((me) => me.capture('x'));\n` })).toEqual([]);
  });
});
