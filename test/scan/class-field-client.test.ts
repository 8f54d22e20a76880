/** A client held in a typed class field that the constructor assigns from a parameter. */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { project, scan } from './helpers.js';

describe('typed class-field clients', () => {
  it('`private client: Inngest` assigned from constructor options is still an Inngest client', async () => {
    const result = await scan(
      project({
        'jobs.ts': [
          `import { Inngest as InngestClient } from 'inngest';`,
          `export class InngestJobs {`,
          `  private client: InngestClient;`,
          `  constructor(options: { client: InngestClient }) { this.client = options.client; }`,
          `  async trigger(email: string) { await this.client.send({ name: 'mail', data: { email } }); }`,
          `}`,
        ].join('\n'),
      }),
      { catalog: loadCatalog() },
    );
    expect(result.callSites.map((s) => `${s.line} ${s.vendor} ${s.api} ${s.categories.join(',')}`)).toEqual(['5 inngest this.client.send user.contact.email']);
  });
});
