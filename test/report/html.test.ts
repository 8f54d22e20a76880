import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/report/html.js';
import { formatReport } from '../../src/report/index.js';
import { renderSvg } from '../../src/report/svg.js';
import { HOSTILE, loadFixture } from './helpers.js';

const html = (name: 'storefront' | 'hostile' | 'clean', linkBase?: string): string =>
  formatReport(loadFixture(name), 'html', { color: false, ...(linkBase ? { linkBase } : {}) });

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('html report', () => {
  it('is one self-contained file: no external script, style, font, image or frame', () => {
    const page = html('storefront');
    expect(page).not.toMatch(/<(script|link|img|iframe|object|embed)[^>]*\s(src|href)=/i);
    expect(page).not.toMatch(/@import|url\(\s*['"]?(https?:|\/\/)/i);
    expect(page.match(/<script>/g)).toHaveLength(1);
    expect(page.match(/<style>/g)).toHaveLength(1);
  });

  it('allows only its own inline script and style, by hash', () => {
    const page = html('storefront');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!.replace(/&#39;/g, "'");
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
    expect(meta).toMatch(/^default-src 'none'; /);
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    expect(meta).toContain(`script-src ${sha256(script)};`);
    expect(meta).toContain(`style-src ${sha256(style)};`);
    expect(meta).not.toContain('unsafe-inline');
    // The policy does not depend on the data: the same for every report.
    expect(html('hostile')).toContain(/<meta http-equiv="Content-Security-Policy" content="[^"]+">/.exec(page)![0]);
  });

  it('embeds the same SVG diagram as `flowaudit graph --format svg`', () => {
    expect(html('storefront')).toContain(renderSvg(loadFixture('storefront')).trimEnd());
  });

  it('lists every finding as a filterable row, and the flow inventory', () => {
    const page = html('storefront');
    const rows = [...page.matchAll(/<tr data-severity="(\w+)" data-rule="([^"]+)" data-flow="[^"]*">/g)].map((m) => `${m[1]} ${m[2]}`);
    // 7 active findings, then the 2 set aside.
    expect(rows.slice(0, 7)).toEqual([
      'warning map/undeclared-category',
      'error ccpa/opt-out-gate',
      'error map/undeclared-vendor',
      'warning ccpa/opt-out-gate',
      'error ccpa/deletion-gap',
      'error ccpa/gpc',
      'error ccpa/notice-sale-disclosure',
    ]);
    expect(rows).toHaveLength(9);
    expect(page).toContain('<label><input type="checkbox" data-filter-severity value="warning" checked> 2 warnings</label>');
    expect(page.match(/<tr data-flow=/g)).toHaveLength(6);
    expect(page).toContain('<div class="via">via <code>trackPurchase</code> <code>apps/web/src/lib/track.ts:9:3</code> → <code>sendPixelEvent</code>');
  });

  it('links locations only under a link base', () => {
    expect(html('storefront')).not.toContain('href="apps/');
    expect(html('storefront', 'https://github.com/acme/shop/blob/abc123')).toContain(
      '<a href="https://github.com/acme/shop/blob/abc123/apps/web/src/checkout.ts#L42"><code>apps/web/src/checkout.ts:42:5</code></a>',
    );
  });

  it('escapes every string from code or the map, and shows control and bidi characters instead of obeying them', () => {
    const page = html('hostile');
    expect(page).not.toContain(HOSTILE.xss);
    expect(page).not.toContain(HOSTILE.scriptVendor);
    expect(page).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u202a-\u202e]/);
    expect(page).toContain('\\x1b[31mRED');
    expect(page).toContain('\\u202eeman');
  });

  it('says a clean report plainly and has no filter script targets', () => {
    const page = html('clean');
    expect(page).toContain('<p class="headline clean">✔ No problems</p>');
    expect(page).not.toContain('id="findings-table"');
  });
});

describe('html flow inventory', () => {
  it('marks categories sent in code but missing from the map, and shows a role downgrade', () => {
    const page = html('storefront');
    const stripe = page.split('\n').find((l) => l.startsWith('<tr data-flow="api-&gt;stripe">'))!;
    expect(stripe).toContain('<code class="undeclared" title="sent in code, not declared in the map">user.contact.phone</code>');
    expect(stripe).toContain('<code>user.contact.email</code>');
    const posthog = page.split('\n').find((l) => l.startsWith('<tr data-flow="storefront-&gt;posthog">'))!;
    expect(posthog).toContain('<td>service provider → third party</td>');
    expect(posthog).toContain('consideration unknown; treated as a third party (contract: contract lacks restricts_purposes)');
  });
});
