import { describe, expect, it } from 'vitest';
import { project, scan, sitesOf } from './helpers.js';

describe('wrappers', () => {
  it('reports a wrapped call at each outermost caller, four files deep, with the via frames and parameter categories', async () => {
    const sites = await sitesOf({
      'lib/posthog.ts': `import posthog from 'posthog-js';\nexport function send(event: string, props: object) {\n  posthog.capture(event, props);\n}\n`,
      'lib/track.ts': `import { send } from './posthog';\nexport const track = (event: string, props: object) => send(event, props);\n`,
      'lib/funnel.ts': `import { track } from './track';\nexport class Funnel {\n  step(name: string, data: object) { track(name, data); }\n}\nexport const funnel = new Funnel();\n`,
      'features/checkout.ts': `import { funnel } from '../lib/funnel';\nexport function pay(email: string) {\n  funnel.step('pay', { email });\n}\n`,
      'features/signup.ts': `import { funnel } from '../lib/funnel';\nexport function join(phone: string) {\n  funnel.step('join', { phone });\n}\n`,
    });
    expect(sites).toEqual([
      {
        at: 'features/checkout.ts:3:3',
        vendor: 'posthog',
        api: 'posthog.capture',
        categories: ['user.contact.email', 'user.device.cookie_id', 'user.device.ip_address'],
        gate: 'none',
        via: ['lib/funnel.ts:3:38 Funnel.step', 'lib/track.ts:2:56 track', 'lib/posthog.ts:3:3 send'],
      },
      {
        at: 'features/signup.ts:3:3',
        vendor: 'posthog',
        api: 'posthog.capture',
        categories: ['user.contact.phone_number', 'user.device.cookie_id', 'user.device.ip_address'],
        gate: 'none',
        via: ['lib/funnel.ts:3:38 Funnel.step', 'lib/track.ts:2:56 track', 'lib/posthog.ts:3:3 send'],
      },
    ]);
  });

  it('reports a wrapper that nobody calls at its own vendor call', async () => {
    const sites = await sitesOf({ 'lib/a.ts': `import posthog from 'posthog-js';\nexport function unused() {\n  posthog.capture('x');\n}\n` });
    expect(sites.map((s) => s.at)).toEqual(['lib/a.ts:3:3']);
  });

  it('treats a hook returning the capture function as a wrapper (destructured)', async () => {
    const sites = await sitesOf({
      'hooks/useAnalytics.ts': `import { useCallback } from 'react';\nimport posthog from 'posthog-js';\nexport function useAnalytics() {\n  const capture = useCallback((e: string, p: object) => posthog.capture(e, p), []);\n  return { capture };\n}\n`,
      'app/page.tsx': `import { useAnalytics } from '../hooks/useAnalytics';\nexport default function Page({ email }: { email: string }) {\n  const { capture } = useAnalytics();\n  return <button onClick={() => capture('click', { email })} />;\n}\n`,
    });
    expect(sites).toEqual([
      {
        at: 'app/page.tsx:4:33',
        vendor: 'posthog',
        api: 'posthog.capture',
        categories: ['user.contact.email', 'user.device.cookie_id', 'user.device.ip_address'],
        gate: 'none',
        via: ['hooks/useAnalytics.ts:4:57 capture'],
      },
    ]);
  });

  it('keeps a local handler inside a component where its vendor call is', async () => {
    const sites = await sitesOf({
      'page.tsx': `import posthog from 'posthog-js';\nexport function Page() {\n  function onSave() {\n    posthog.capture('saved');\n  }\n  return <button onClick={() => onSave()} />;\n}\n`,
    });
    expect(sites.map((s) => s.at)).toEqual(['page.tsx:4:5']);
  });

  it('follows eight levels and stops at cycles without hanging', async () => {
    const chain = Array.from({ length: 6 }, (_, i) => `export function l${i}(x: object) { ${i === 0 ? "posthog.capture('e', x)" : `l${i - 1}(x)`}; }`).join('\n');
    const sites = await sitesOf({
      'deep.ts': `import posthog from 'posthog-js';\n${chain}\nexport function entry(email: string) { l5({ email }); }\n`,
      'cycle.ts': `import posthog from 'posthog-js';\nexport function ping(n: number): void { if (n) pong(n - 1); posthog.capture('p'); }\nexport function pong(n: number): void { ping(n); }\n`,
    });
    const deep = sites.find((s) => String(s.at).startsWith('deep.ts'))!;
    expect(deep.at).toBe('deep.ts:8:40');
    expect(deep.via).toHaveLength(6);
    expect(deep.categories).toContain('user.contact.email');
    expect(sites.filter((s) => String(s.at).startsWith('cycle.ts')).map((s) => s.at)).toEqual(['cycle.ts:2:61']);
  });

  it('sends what a spread of a typed object declares', async () => {
    const sites = await sitesOf({
      'types.ts': `export interface Shipping { address: string; postalCode: string }\n`,
      'a.ts': `import type { Shipping } from './types';\nimport Mixpanel from 'mixpanel';\nconst mp = Mixpanel.init('t');\nexport function save(shipping: Shipping) {\n  mp.people.set({ ...shipping, plan: 'pro' });\n}\n`,
    });
    expect(sites[0]!.categories).toEqual(['user.contact.address', 'user.contact.address.postal_code']);
  });

  it('names the enclosing function of the outermost call', async () => {
    const result = await scan(project({ 'a.ts': `import posthog from 'posthog-js';\nexport class Store {\n  buy() { posthog.capture('buy'); }\n}\n` }));
    expect(result.callSites.map((s) => s.enclosingFunction)).toEqual(['Store.buy']);
  });
});
