/** `<img src>` / `<iframe src>` to a vendor: a call site only for a catalogued tracking-pixel URL prefix. */
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/types.js';
import { project, scan, TEST_ENTRIES } from './helpers.js';

const ENTRIES = TEST_ENTRIES.map((e) => (e.id === 'meta-pixel' ? { ...e, urlPrefixes: ['www.facebook.com/tr'] } : e));
const CATALOG: Catalog = { entries: ENTRIES, byId: new Map(ENTRIES.map((e) => [e.id, e])) };

async function sites(code: string): Promise<string[]> {
  const result = await scan(project({ 'c.tsx': code }), { catalog: CATALOG });
  return result.callSites.map((s) => `${s.line} ${s.vendor} ${s.api}`);
}

describe('image and frame sources', () => {
  it('an avatar image served from a vendor API host is not a call site', async () => {
    expect(await sites('export const Avatar = ({ name }: { name: string }) => <img src={`https://api.stripe.com/og/avatar/${name}`} />;\n')).toEqual([]);
  });

  it('the no-script Meta pixel image is a call site; a script from a vendor host still is', async () => {
    expect(
      await sites(
        [
          `export const Pixel = () => (`,
          `  <>`,
          `    <noscript><img height="1" width="1" src="https://www.facebook.com/tr?id=1&ev=PageView&noscript=1" /></noscript>`,
          `    <script src="https://connect.facebook.net/en_US/fbevents.js" />`,
          `    <iframe src="https://connect.facebook.net/embed" />`,
          `  </>`,
          `);`,
        ].join('\n'),
      ),
    ).toEqual(['3 meta-pixel img', '4 meta-pixel script']);
  });
});
