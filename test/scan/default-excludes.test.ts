/** End-to-end test folders are test-framework code (SPEC section 5) and are not scanned by default. */
import { describe, expect, it } from 'vitest';
import { project, scan } from './helpers.js';

const SEND = `import Stripe from 'stripe';\nexport const f = (email: string) => new Stripe('k').customers.create({ email });\n`;

describe('default excludes', () => {
  it('skips e2e/, playwright/ and cypress/ folders, fixtures included', async () => {
    const result = await scan(
      project({
        'packages/app-tests/e2e/fixtures/users.ts': SEND,
        'apps/web/playwright/setup.ts': SEND,
        'apps/web/cypress/support/commands.ts': SEND,
        'apps/web/lib/billing.ts': SEND,
      }),
    );
    expect(result.callSites.map((s) => s.file)).toEqual(['apps/web/lib/billing.ts']);
  });

  it('the map can include them again', async () => {
    const result = await scan(project({ 'e2e/fixtures/users.ts': SEND }), { include: ['e2e/**'] });
    expect(result.callSites.map((s) => s.file)).toEqual(['e2e/fixtures/users.ts']);
  });
});
