/** One call site per outermost call and vendor call, however many paths lead from one to the other. */
import { describe, expect, it } from 'vitest';
import { project, scan } from './helpers.js';

describe('repeated paths between one outermost call and one vendor call', () => {
  it('a helper called twice by the same function is one call site, with the shortest path', async () => {
    const result = await scan(
      project({
        'a.ts': [
          `import { PostHog } from 'posthog-node';`,
          `const client = new PostHog('k');`,
          `function send(event: string, props: object) { client.capture({ distinctId: 'x', event, properties: props }); }`,
          `function notify(email: string) { send('n', { email }); }`,
          `function init(phone: string) { notify('a@b.c'); send('startup', { phone }); setInterval(() => send('heartbeat', {}), 1000); }`,
          `init('1');`,
        ].join('\n'),
      }),
    );
    expect(result.callSites.map((s) => `${s.line}:${s.column} ${s.api} ${s.categories.join(',')} via ${s.via.map((v) => `${v.line}:${v.column}`).join(' ')}`)).toEqual([
      '6:1 client.capture user.contact.email,user.contact.phone_number,user.unique_id via 5:49 3:47',
    ]);
  });

  it('a gated and an ungated path: the entry is ungated', async () => {
    const result = await scan(
      project({
        'a.ts': [
          `import { PostHog } from 'posthog-node';`,
          `const client = new PostHog('k');`,
          `declare function canSellData(): boolean;`,
          `function send() { client.capture({ distinctId: 'x', event: 'e' }); }`,
          `function init() { if (canSellData()) send(); send(); }`,
          `init();`,
        ].join('\n'),
      }),
    );
    expect(result.callSites.map((s) => `${s.line} ${s.gate} via ${s.via.map((v) => `${v.line}:${v.column}`).join(' ')}`)).toEqual(['6 none via 5:46 4:19']);
  });

  it('two vendor calls in one helper stay two call sites', async () => {
    const result = await scan(
      project({
        'a.ts': `import { PostHog } from 'posthog-node';\nconst c = new PostHog('k');\nfunction twice() { c.capture({ distinctId: 'x', event: 'a' }); c.capture({ distinctId: 'x', event: 'retry' }); }\ntwice();\n`,
      }),
    );
    expect(result.callSites.map((s) => `${s.line} via ${s.via.map((v) => `${v.line}:${v.column}`).join(' ')}`)).toEqual(['4 via 3:20', '4 via 3:64']);
  });
});
