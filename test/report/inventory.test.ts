import { describe, expect, it } from 'vitest';
import { formatInventory } from '../../src/report/inventory.js';
import type { CallSite, ScanResult } from '../../src/scan/types.js';

function site(overrides: Partial<CallSite>): CallSite {
  return {
    file: 'apps/web/checkout.ts',
    line: 1,
    column: 1,
    vendor: 'meta-pixel',
    catalogId: 'meta-pixel',
    declaredVendor: true,
    api: 'fbq',
    pattern: "fbq('track')",
    detectedBy: 'global',
    matched: 'fbq',
    categories: [],
    gated: false,
    gate: 'none',
    guards: [],
    via: [],
    system: 'storefront',
    enclosingFunction: '<module>',
    callText: "fbq('track', 'Purchase')",
    defaultClass: 'share',
    ...overrides,
  };
}

/** Deliberately out of order, to show the output does not depend on the scanner's order. */
function scanResult(): ScanResult {
  return {
    files: 12,
    lines: 840,
    callSites: [
      site({
        file: 'apps/web/pages/signup.tsx',
        line: 30,
        column: 5,
        vendor: 'posthog',
        catalogId: 'posthog',
        api: 'posthog.capture',
        pattern: 'capture',
        detectedBy: 'package',
        matched: 'posthog-js',
        categories: ['user.contact.email', 'user.device.ip_address'],
        via: [{ file: 'apps/web/lib/analytics.ts', line: 12, column: 3, function: 'track' }],
        defaultClass: 'possible_sale',
      }),
      site({ line: 42, column: 5, categories: ['user.contact.email'], gated: true, gate: 'guard', guards: ['canSellData()'] }),
      site({ line: 9, column: 3, gated: true, gate: 'gpc-only', guards: ['navigator.globalPrivacyControl'] }),
    ],
    unresolved: [{ file: 'apps/api/hooks.ts', line: 17, column: 9, call: 'fetch', reason: 'URL from process.env.WEBHOOK_URL' }],
    skipped: [{ file: 'apps/web/huge.js', reason: 'larger than 5 MB' }],
    suppressions: [],
    gpcReads: [],
    handlers: [],
    filesWithCallSites: [
      { file: 'apps/web/pages/signup.tsx', system: 'storefront' },
      { file: 'apps/web/checkout.ts', system: 'storefront' },
    ],
  };
}

describe('formatInventory stylish', () => {
  it('groups call sites by file in order, one line each, with the via path beneath a wrapped site', () => {
    const out = formatInventory(scanResult(), 'stylish', false);
    expect(out).toBe(
      [
        'apps/web/checkout.ts',
        '  9:3   meta-pixel  fbq  -                   gated (gpc-only: navigator.globalPrivacyControl)  storefront',
        '  42:5  meta-pixel  fbq  user.contact.email  gated (guard: canSellData())                      storefront',
        '',
        'apps/web/pages/signup.tsx',
        '  30:5  posthog  posthog.capture  user.contact.email, user.device.ip_address  NOT GATED  storefront',
        '        via apps/web/lib/analytics.ts:12 track() -> posthog.capture',
        '',
        'Unresolved destinations (not scanned for a vendor)',
        '  apps/api/hooks.ts:17:9  fetch  URL from process.env.WEBHOOK_URL',
        '',
        'Skipped files',
        '  apps/web/huge.js  larger than 5 MB',
        '',
        '12 files, 3 call sites, 2 vendors, 1 not gated, 1 unresolved destination, 1 skipped',
        '',
      ].join('\n'),
    );
  });

  it('shows a multi-frame via path from the outermost callee down to the vendor call', () => {
    const scan = scanResult();
    scan.callSites = [
      site({
        api: 'posthog.capture',
        vendor: 'posthog',
        via: [
          { file: 'apps/web/hooks/useTracking.ts', line: 8, column: 5, function: 'capture' },
          { file: 'apps/web/lib/analytics.ts', line: 12, column: 3, function: 'track' },
        ],
      }),
    ];
    const out = formatInventory(scan, 'stylish', false);
    expect(out).toContain('via apps/web/hooks/useTracking.ts:8 capture() -> apps/web/lib/analytics.ts:12 track() -> posthog.capture');
  });

  it('escapes terminal control characters that come from scanned code', () => {
    const scan = scanResult();
    scan.callSites = [site({ api: 'fbq\u001b[2J', file: 'evil\u001b]0;pwned\u0007.ts' })];
    scan.unresolved = [{ file: 'a.ts', line: 1, column: 1, call: 'fetch', reason: 'URL from \u001b[31mparam' }];
    const out = formatInventory(scan, 'stylish', false);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(out).toContain('fbq\\x1b[2J');
    expect(out).toContain('evil\\x1b]0;pwned\\x07.ts');
    expect(out).toContain('URL from \\x1b[31mparam');
  });

  it('colours only when asked', () => {
    const plain = formatInventory(scanResult(), 'stylish', false);
    const coloured = formatInventory(scanResult(), 'stylish', true);
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[31mNOT GATED\u001b[39m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });

  it('summarises an empty scan without sections', () => {
    const empty: ScanResult = { ...scanResult(), files: 1, callSites: [], unresolved: [], skipped: [], filesWithCallSites: [] };
    expect(formatInventory(empty, 'stylish', false)).toBe('1 file, 0 call sites, 0 vendors, 0 not gated, 0 unresolved destinations\n');
  });
});

describe('formatInventory json', () => {
  it('prints the whole scan result with sorted arrays and keys', () => {
    const out = formatInventory(scanResult(), 'json', false);
    const parsed = JSON.parse(out) as ScanResult;
    expect(parsed.callSites.map((s) => `${s.file}:${s.line}`)).toEqual(['apps/web/checkout.ts:9', 'apps/web/checkout.ts:42', 'apps/web/pages/signup.tsx:30']);
    expect(parsed.filesWithCallSites.map((f) => f.file)).toEqual(['apps/web/checkout.ts', 'apps/web/pages/signup.tsx']);
    expect(Object.keys(parsed)).toEqual(['callSites', 'files', 'filesWithCallSites', 'gpcReads', 'handlers', 'lines', 'skipped', 'suppressions', 'unresolved']);
    expect(Object.keys(parsed.callSites[0]!)).toEqual([...Object.keys(parsed.callSites[0]!)].sort());
    expect(parsed.unresolved[0]).toEqual({ call: 'fetch', column: 9, file: 'apps/api/hooks.ts', line: 17, reason: 'URL from process.env.WEBHOOK_URL' });
  });

  it('is byte-identical whatever order the scanner produced', () => {
    const a = scanResult();
    const b = scanResult();
    b.callSites.reverse();
    b.filesWithCallSites.reverse();
    expect(formatInventory(b, 'json', false)).toBe(formatInventory(a, 'json', false));
    expect(formatInventory(b, 'stylish', false)).toBe(formatInventory(a, 'stylish', false));
  });
});
