/** A request URL built from a class field (`${this.baseUrl}/…`). */
import { describe, expect, it } from 'vitest';
import { project, scan } from './helpers.js';

describe('class-field base URLs', () => {
  it('a readonly field of the same class, and one inherited from a base class', async () => {
    const result = await scan(
      project({
        'hubspot.ts': [
          `class Base { protected readonly baseUrl = 'https://api.hubapi.com/crm/v3'; }`,
          `export class HubSpotApi extends Base {`,
          `  private readonly token = 'x';`,
          `  updateContact(email: string) { return fetch(\`\${this.baseUrl}/objects/contacts\`, { method: 'POST', body: JSON.stringify({ email }) }); }`,
          `}`,
          `export class Direct {`,
          `  private readonly baseUrl = 'https://api.stripe.com/v1';`,
          `  create(email: string) { return fetch(this.baseUrl + '/customers', { method: 'POST', body: JSON.stringify({ email }) }); }`,
          `}`,
        ].join('\n'),
      }),
    );
    expect(result.callSites.map((s) => `${s.line} ${s.vendor} ${s.categories.join(',')}`)).toEqual(['4 hubspot user.contact.email', '8 stripe user.contact.email']);
    expect(result.unresolved).toEqual([]);
  });
});
