/** Vendor calls found missing on real applications (docs/evaluation/real-apps.md), with the shipped catalogue. */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { project, scan } from './helpers.js';

async function sites(files: Record<string, string>): Promise<string[]> {
  const result = await scan(project(files), { catalog: loadCatalog() });
  return result.callSites.map((s) => `${s.file}:${s.line} ${s.vendor} ${s.pattern}`);
}

describe('catalogue entries added after the real-app evaluation', () => {
  it('Google Ads Data Manager conversion uploads', async () => {
    expect(
      await sites({
        'ads.ts': `export const upload = (gclid: string) => fetch('https://datamanager.googleapis.com/v1/events:ingest', { method: 'POST', body: JSON.stringify({ events: [{ adIdentifiers: { gclid } }] }) });\n`,
      }),
    ).toEqual(['ads.ts:1 google-ads datamanager.googleapis.com']);
  });

  it('Axiom @axiomhq/logging Logger calls and @axiomhq/nextjs route-handler wrappers', async () => {
    expect(
      await sites({
        'log.ts': [
          `import { Logger, AxiomJSTransport } from '@axiomhq/logging';`,
          `import { createAxiomRouteHandler } from '@axiomhq/nextjs';`,
          `declare const axiom: unknown;`,
          `export const logger = new Logger({ transports: [new AxiomJSTransport({ axiom, dataset: 'd' })] });`,
          `export const withAxiom = createAxiomRouteHandler(logger);`,
          `export const seen = (ip: string) => logger.info('request', { ip });`,
          `export const failed = (error: Error) => logger.error(error.message, { error });`,
        ].join('\n'),
      }),
    ).toEqual(['log.ts:5 axiom createAxiomRouteHandler', 'log.ts:6 axiom info']);
  });

  it('Stripe Radar value lists, transfers and payouts; Dub embed tokens and partners', async () => {
    expect(
      await sites({
        'pay.ts': [
          `import Stripe from 'stripe';`,
          `import { Dub } from 'dub';`,
          `const stripe = new Stripe('k');`,
          `const dub = new Dub({ token: 't' });`,
          `export async function pay(customerEmail: string, email: string, name: string) {`,
          `  await stripe.radar.valueListItems.create({ value_list: 'rsl_x', value: customerEmail });`,
          `  await stripe.transfers.create({ amount: 1, currency: 'usd', destination: 'acct_x' });`,
          `  await stripe.payouts.create({ amount: 1, currency: 'usd' }, { stripeAccount: 'acct_x' });`,
          `  await dub.embedTokens.referrals({ tenantId: 'u1', partner: { name, email } });`,
          `  await dub.partners.create({ name, email });`,
          `}`,
        ].join('\n'),
      }),
    ).toEqual([
      'pay.ts:6 stripe radar.valueListItems.create',
      'pay.ts:7 stripe transfers.create',
      'pay.ts:8 stripe payouts.create',
      'pay.ts:9 dub embedTokens.referrals',
      'pay.ts:10 dub partners.create',
    ]);
  });

  it('Inngest events, Tremendous orders, MailChannels e-mail and the Cloudflare Turnstile widget', async () => {
    expect(
      await sites({
        'jobs.ts': [
          `import { Inngest } from 'inngest';`,
          `import { OrdersApi } from 'tremendous';`,
          `const inngest = new Inngest({ id: 'app' });`,
          `export async function run(email: string, name: string) {`,
          `  await inngest.send({ name: 'send.email', data: { email } });`,
          `  await new OrdersApi({}).createOrder({ reward: { recipient: { name, email } } });`,
          `  await fetch('https://api.mailchannels.net/tx/v1/send', { method: 'POST', body: JSON.stringify({ personalizations: [{ to: [{ email }] }] }) });`,
          `}`,
        ].join('\n'),
        'form.tsx': `import { Turnstile } from '@marsidev/react-turnstile';\nexport const Form = () => <Turnstile siteKey="k" />;\n`,
      }),
    ).toEqual(['form.tsx:2 cloudflare-turnstile Turnstile', 'jobs.ts:5 inngest send', 'jobs.ts:6 tremendous createOrder', 'jobs.ts:7 mailchannels api.mailchannels.net']);
  });
});
