import { describe, expect, it } from 'vitest';
import { project, scan } from './helpers.js';

const FILES = {
  'src/privacy/erase.ts': [
    `import { removeCustomer } from '../billing';`,
    `import { forget } from '../analytics';`,
    `export async function eraseUser(id: string) {`,
    `  await removeCustomer(id);`,
    `  await forget(id);`,
    `}`,
    `export const unrelated = () => 1;`,
  ].join('\n'),
  'src/billing.ts': `import Stripe from 'stripe';\nconst stripe = new Stripe('k');\nexport async function removeCustomer(id: string) {\n  await stripe.customers.del(id);\n}\n`,
  'src/analytics.ts': `import { PostHog } from 'posthog-node';\nconst client = new PostHog('k');\nexport async function forget(id: string) {\n  await client.deletePerson(id);\n  client.capture({ distinctId: id, event: 'forgotten' });\n}\n`,
};

describe('deletion handlers', () => {
  it('resolves a handler and lists every vendor call it reaches across files, marking deletions', async () => {
    const result = await scan(project(FILES), {
      deletionHandlers: [{ system: 'web', handler: 'src/privacy/erase.ts#eraseUser' }],
      vendors: [{ id: 'posthog', deletion: { call: 'client.deletePerson' } }],
    });
    expect(result.handlers).toEqual([
      {
        system: 'web',
        handler: 'src/privacy/erase.ts#eraseUser',
        resolved: true,
        file: 'src/privacy/erase.ts',
        line: 3,
        column: 1,
        reaches: [
          { vendor: 'posthog', api: 'client.deletePerson', pattern: 'client.deletePerson', file: 'src/analytics.ts', line: 4, column: 9, deletes: true },
          { vendor: 'posthog', api: 'client.capture', pattern: 'capture', file: 'src/analytics.ts', line: 5, column: 3 },
          { vendor: 'stripe', api: 'stripe.customers.del', pattern: 'customers.del', file: 'src/billing.ts', line: 4, column: 9, deletes: true },
        ],
      },
    ]);
  });

  it('says why a handler does not resolve', async () => {
    const result = await scan(project(FILES), {
      deletionHandlers: [
        { system: 'a', handler: 'src/privacy/missing.ts#eraseUser' },
        { system: 'b', handler: 'src/privacy/erase.ts#eraseEverything' },
        { system: 'c', handler: 'src/privacy/erase.ts' },
      ],
    });
    expect(result.handlers.map((h) => [h.system, h.resolved, h.reason])).toEqual([
      ['a', false, 'file src/privacy/missing.ts not found'],
      ['b', false, 'no function eraseEverything in src/privacy/erase.ts'],
      ['c', false, 'no function named: write the handler as "file#function"'],
    ]);
  });

  it('resolves a handler in a file the pre-filter would skip, and a class method handler', async () => {
    const result = await scan(
      project({
        'jobs/noop.ts': `export function eraseNothing() {\n  return 0;\n}\n`,
        'jobs/svc.ts': `import Stripe from 'stripe';\nexport class Eraser {\n  private stripe = new Stripe('k');\n  async erase(id: string) { await this.stripe.customers.del(id); }\n}\n`,
      }),
      { deletionHandlers: [{ system: 'a', handler: 'jobs/noop.ts#eraseNothing' }, { system: 'b', handler: 'jobs/svc.ts#erase' }] },
    );
    expect(result.handlers.map((h) => [h.system, h.resolved, h.line, h.reaches.map((r) => r.api)])).toEqual([
      ['a', true, 1, []],
      ['b', true, 4, ['this.stripe.customers.del']],
    ]);
  });
});
