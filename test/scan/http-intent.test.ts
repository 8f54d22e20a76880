/** HTTP to a vendor host transmits only when the request carries data (the rule above `HttpIntent` in src/scan/link.ts). */
import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogEntry } from '../../src/catalog/types.js';
import { project, scan, TEST_ENTRIES } from './helpers.js';

const TINYBIRD: CatalogEntry = {
  id: 'tinybird',
  name: 'Tinybird',
  kind: 'analytics',
  defaultClass: 'possible_sale',
  typicalRole: 'service_provider',
  packages: [],
  globals: [],
  hosts: ['api.tinybird.co', 'api.*.tinybird.co'],
  httpPaths: { reads: ['/v0/pipes/**'], deletes: ['/v0/datasources/*/delete'] },
  deletes: [],
  implicitCategories: [],
};
const ENTRIES = [...TEST_ENTRIES, TINYBIRD];
const CATALOG: Catalog = { entries: ENTRIES, byId: new Map(ENTRIES.map((e) => [e.id, e])) };

async function sites(code: string): Promise<string[]> {
  const result = await scan(project({ 'a.ts': code }), { catalog: CATALOG });
  return result.callSites.map((s) => `${s.line} ${s.vendor} ${s.api}${s.categories.length ? ` ${s.categories.join(',')}` : ''}`);
}

describe('HTTP requests that send nothing are not call sites', () => {
  it('a GET with no body (fetch default, axios.get, explicit method) is a read', async () => {
    expect(
      await sites(
        [
          `import axios from 'axios';`,
          `export async function reads(id: string) {`,
          `  await fetch('https://api.stripe.com/v1/balance');`,
          `  await fetch(\`https://api.stripe.com/v1/customers/\${id}\`, { method: 'GET', headers: { a: 'b' } });`,
          `  await axios.get('https://api.hubapi.com/crm/v3/objects/contacts');`,
          `}`,
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('a POST, PATCH or PUT with a payload stays a call site with the body categories', async () => {
    expect(
      await sites(
        [
          `import axios from 'axios';`,
          `export async function sends(email: string, options: RequestInit) {`,
          `  await fetch('https://api.stripe.com/v1/customers', { method: 'POST', body: JSON.stringify({ email }) });`,
          `  await axios.put('https://api.hubapi.com/crm/v3/objects/contacts', { email });`,
          `  await fetch('https://api.stripe.com/v1/customers', options);`,
          `}`,
        ].join('\n'),
      ),
    ).toEqual(['3 stripe fetch user.contact.email', '4 hubspot axios.put user.contact.email', '5 stripe fetch']);
  });

  it('OAuth and token endpoints exchange credentials, not personal information', async () => {
    expect(
      await sites(
        [
          `export async function token(code: string) {`,
          `  await fetch('https://api.hubapi.com/oauth/v1/token', { method: 'POST', body: new URLSearchParams({ code }) });`,
          `  await fetch('https://api.stripe.com/v1/oauth2/token', { method: 'POST', body: 'grant_type=client_credentials' });`,
          `}`,
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it("the catalogue's httpPaths name a host's reads (stats queries) and deletions, even as POST", async () => {
    const code = [
      `export async function tb(id: string, email: string) {`,
      `  await fetch('https://api.us-east.tinybird.co/v0/pipes/clicks.json', { method: 'POST', body: JSON.stringify({ q: 1 }) });`,
      `  await fetch(\`https://api.us-east.tinybird.co/v0/datasources/\${id}/delete\`, { method: 'POST', body: \`delete_condition=customer_id='\${id}'\` });`,
      `  await fetch('https://api.tinybird.co/v0/events?name=clicks', { method: 'POST', body: JSON.stringify({ email }) });`,
      `}`,
    ].join('\n');
    expect(await sites(code)).toEqual(['4 tinybird fetch user.contact.email']);
  });

  it('a GET to a catalogue tracking URL prefix transmits in its query string', async () => {
    const withPixel = ENTRIES.map((e) => (e.id === 'meta-pixel' ? { ...e, urlPrefixes: ['www.facebook.com/tr'] } : e));
    const result = await scan(project({ 'a.ts': `export const hit = (id: string) => fetch(\`https://www.facebook.com/tr?id=\${id}&ev=PageView\`);\n` }), {
      catalog: { entries: withPixel, byId: new Map(withPixel.map((e) => [e.id, e])) },
    });
    expect(result.callSites.map((s) => `${s.line} ${s.vendor} ${s.api}`)).toEqual(['1 meta-pixel fetch']);
  });

  it('a URL passed through a wrapper keeps the method the wrapper uses', async () => {
    const result = await scan(
      project({
        'get.ts': `export const getJson = async (url: string) => (await fetch(url)).json();\nexport const postJson = (url: string, body: unknown) => fetch(url, { method: 'POST', body: JSON.stringify(body) });\n`,
        'a.ts': `import { getJson, postJson } from './get';\nexport const go = (email: string) => { getJson('https://api.stripe.com/v1/balance'); postJson('https://api.stripe.com/v1/customers', { email }); };\n`,
      }),
      { catalog: CATALOG },
    );
    expect(result.callSites.map((s) => `${s.file}:${s.line}:${s.column} ${s.vendor} ${s.categories.join(',')} via ${s.via.length}`)).toEqual(['a.ts:2:86 stripe user.contact.email via 1']);
  });
});
