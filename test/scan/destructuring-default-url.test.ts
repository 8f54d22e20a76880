/** A URL taken from options with a static default (`const { endpoint = 'https://…' } = options`). */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { project, scan } from './helpers.js';

describe('destructuring defaults', () => {
  it('a transport whose endpoint defaults to a vendor URL sends to that vendor', async () => {
    const result = await scan(
      project({
        'mail.ts': [
          `export class MailTransport {`,
          `  private options: { endpoint: string; apiKey: string };`,
          `  constructor(options: { endpoint?: string; apiKey?: string }) {`,
          `    const { apiKey = '', endpoint = 'https://api.mailchannels.net/tx/v1/send' } = options;`,
          `    this.options = { apiKey, endpoint };`,
          `  }`,
          `  send(to: { email: string }) { return fetch(this.options.endpoint, { method: 'POST', body: JSON.stringify({ personalizations: [{ to: [to] }], email: to.email }) }); }`,
          `}`,
        ].join('\n'),
      }),
      { catalog: loadCatalog() },
    );
    expect(result.callSites.map((s) => `${s.line} ${s.vendor} ${s.categories.join(',')}`)).toEqual(['7 mailchannels user.contact.email']);
    expect(result.unresolved).toEqual([]);
  });
});
