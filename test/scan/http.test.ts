import { describe, expect, it } from 'vitest';
import { project, scan } from './helpers.js';

async function http(files: Record<string, string>) {
  const result = await scan(project(files));
  return {
    sites: result.callSites.map((s) => `${s.file}:${s.line}:${s.column} ${s.vendor} ${s.api} ${s.detectedBy}${s.categories.length ? ` ${s.categories.join(',')}` : ''}${s.via.length ? ` via ${s.via.length}` : ''}`),
    unresolved: result.unresolved.map((u) => `${u.file}:${u.line}:${u.column} ${u.call}: ${u.reason}`),
  };
}

describe('HTTP requests to vendor hosts', () => {
  it('resolves string, template and imported-constant URLs; skips relative URLs and other hosts', async () => {
    expect(
      await http({
        'hosts.ts': `export const HUBSPOT = 'https://api.hubapi.com';\n`,
        'a.ts': [
          `import { HUBSPOT } from './hosts';`,
          `export async function go(email: string, id: string) {`,
          `  await fetch('https://api.stripe.com/v1/customers', { method: 'POST', body: JSON.stringify({ email }) });`,
          '  await fetch(`${HUBSPOT}/crm/v3/objects/contacts/${id}`, { method: "PATCH" });',
          `  await fetch('/api/orders', { method: 'POST', body: JSON.stringify({ email }) });`,
          `  await fetch('https://api.github.com/repos/x');`,
          `  await fetch(new URL('/v1/batch', 'https://api.segment.io'), { method: 'POST', body: '[]' });`,
          `}`,
        ].join('\n'),
      }),
    ).toEqual({
      sites: ['a.ts:3:9 stripe fetch http user.contact.email', 'a.ts:4:9 hubspot fetch http', 'a.ts:7:9 segment fetch http'],
      unresolved: [],
    });
  });

  it('knows axios, axios.create baseURL, got, ky, undici, https.request, sendBeacon and XMLHttpRequest', async () => {
    const { sites } = await http({
      'clients.ts': [
        `import axios from 'axios';`,
        `import got from 'got';`,
        `import ky from 'ky';`,
        `import { request } from 'undici';`,
        `import https from 'node:https';`,
        `const hubspot = axios.create({ baseURL: 'https://api.hubapi.com' });`,
        `export async function all(email: string) {`,
        `  await axios.post('https://api.segment.io/v1/track', { email });`,
        `  await hubspot.post('/crm/v3/objects/contacts', { properties: { email } });`,
        `  await got.post('https://api.stripe.com/v1/customers', { json: { email } });`,
        `  await ky.post('https://api.openai.com/v1/responses', { json: {} });`,
        `  await request('https://api.openai.com/v1/chat/completions', { method: 'POST', body: '{}' });`,
        `  const req = https.request('https://api.stripe.com/v1/customers', { method: 'POST' });`,
        `  req.end(JSON.stringify({ email }));`,
        `  navigator.sendBeacon('https://api.segment.io/v1/p', JSON.stringify({ email }));`,
        `  const xhr = new XMLHttpRequest();`,
        `  xhr.open('POST', 'https://api.segment.io/v1/t');`,
        `  xhr.send(JSON.stringify({ phone: '1' }));`,
        `}`,
      ].join('\n'),
    });
    expect(sites).toEqual([
      'clients.ts:8:9 segment axios.post http user.contact.email',
      'clients.ts:9:9 hubspot hubspot.post http user.contact.email',
      'clients.ts:10:9 stripe got.post http user.contact.email',
      'clients.ts:11:9 openai ky.post http',
      'clients.ts:12:9 openai request http',
      'clients.ts:13:15 stripe https.request http user.contact.email',
      'clients.ts:15:3 segment navigator.sendBeacon http user.contact.email',
      'clients.ts:17:3 segment xhr.open http user.contact.phone_number',
    ]);
  });

  it('lists destinations it cannot resolve, and resolves a URL parameter at each caller', async () => {
    expect(
      await http({
        'lib/post.ts': `export function postJson(url: string, body: unknown) {\n  return fetch(url, { method: 'POST', body: JSON.stringify(body) });\n}\n`,
        'a.ts': [
          `import { postJson } from './lib/post';`,
          `export async function run(email: string, target: string) {`,
          `  await postJson('https://api.segment.io/v1/track', { email });`,
          `  await postJson('/api/local', { email });`,
          `  await postJson(process.env.WEBHOOK_URL!, { email });`,
          `  await fetch(target);`,
          '  await fetch(`${process.env.API_BASE}/users`);',
          '  await fetch(`${process.env.NEXT_PUBLIC_SITE_URL}/api/revalidate`);',
          `}`,
        ].join('\n'),
      }),
    ).toEqual({
      sites: ['a.ts:3:9 segment fetch http user.contact.email via 1'],
      unresolved: ['a.ts:5:9 fetch: URL from process.env.WEBHOOK_URL; the request is at lib/post.ts:2:10', 'a.ts:6:9 fetch: URL from a parameter', 'a.ts:7:9 fetch: URL from process.env.API_BASE'],
    });
  });
});

describe('script tags, components and inline snippets', () => {
  it('finds <script src>, next/script <Script src>, vendor components and inline snippets, one per vendor per element', async () => {
    const { sites } = await http({
      'tags.tsx': [
        `import Script from 'next/script';`,
        `import { GoogleTagManager } from '@next/third-parties/google';`,
        `export function Tags() {`,
        `  return (`,
        `    <>`,
        `      <script async src="https://cdn.segment.com/analytics.js/v1/k/analytics.min.js" />`,
        `      <Script src="https://connect.facebook.net/en_US/fbevents.js" />`,
        `      <GoogleTagManager gtmId="GTM-1" />`,
        `      <link rel="preconnect" href="https://connect.facebook.net" />`,
        `      <a href="https://www.facebook.com/acme">Follow</a>`,
        '      <Script id="fb">{`fbq(\'init\', \'1\'); fbq(\'track\', \'PageView\');`}</Script>',
        '      <script dangerouslySetInnerHTML={{ __html: `analytics.page()` }} />',
        `    </>`,
        `  );`,
        `}`,
      ].join('\n'),
    });
    expect(sites).toEqual([
      'tags.tsx:6:7 segment script script',
      'tags.tsx:7:7 meta-pixel Script script user.device.cookie_id,user.device.ip_address',
      'tags.tsx:8:7 google-tag-manager GoogleTagManager component',
      'tags.tsx:11:7 meta-pixel fbq snippet user.device.cookie_id,user.device.ip_address',
      'tags.tsx:12:7 segment analytics.page snippet',
    ]);
  });

  it('finds a script element created in code and a tracking image', async () => {
    const { sites } = await http({
      'load.ts': `const s = document.createElement('script');\ns.src = 'https://connect.facebook.net/en_US/fbevents.js';\ndocument.head.appendChild(s);\n`,
    });
    expect(sites).toEqual(['load.ts:2:1 meta-pixel s.src script user.device.cookie_id,user.device.ip_address']);
  });
});
