/** A wrapper passed as a parameter default is called through that parameter. */
import { describe, expect, it } from 'vitest';
import { project, scan } from './helpers.js';

describe('wrappers as parameter defaults', () => {
  it('a destructured parameter defaulting to a project wrapper links the callers to the vendor call', async () => {
    const result = await scan(
      project({
        'send.ts': `import { PostHog } from 'posthog-node';\nconst ph = new PostHog('k');\nexport async function sendBatch(emails: { email: string }[]) { for (const e of emails) ph.capture({ distinctId: e.email, event: 'mail', properties: { email: e.email } }); }\n`,
        'cron.ts': [
          `import { sendBatch as defaultSend } from './send';`,
          `export async function runCron({ emails, send = defaultSend }: { emails: { email: string }[]; send?: typeof defaultSend }) { await send(emails); }`,
          `export async function route() { await runCron({ emails: [{ email: 'x@y.z' }] }); }`,
        ].join('\n'),
      }),
    );
    expect(result.callSites.map((s) => `${s.file}:${s.line} ${s.api} via ${s.via.map((v) => `${v.file}:${v.line}`).join(' ')}`)).toEqual([
      'cron.ts:3 ph.capture via cron.ts:2 send.ts:3',
    ]);
  });

  it('a plain parameter defaulting to a local function', async () => {
    const result = await scan(
      project({
        'a.ts': [
          `import { PostHog } from 'posthog-node';`,
          `const ph = new PostHog('k');`,
          `function track(email: string) { ph.capture({ distinctId: email, event: 'e' }); }`,
          `export function signup(email: string, report = track) { report(email); }`,
          `export function page() { signup('a@b.c'); }`,
        ].join('\n'),
      }),
    );
    expect(result.callSites.map((s) => `${s.line} via ${s.via.map((v) => v.line).join(' ')}`)).toEqual(['5 via 4 3']);
  });
});
