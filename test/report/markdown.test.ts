import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { formatMermaid } from '../../src/report/mermaid.js';
import { formatReport } from '../../src/report/index.js';
import { MAX_TABLE_ROWS } from '../../src/report/markdown.js';
import type { AuditReport } from '../../src/report/types.js';
import { HOSTILE, loadFixture, mermaidBlock } from './helpers.js';

const markdown = (report: AuditReport, linkBase?: string): string => formatReport(report, 'markdown', { color: false, ...(linkBase ? { linkBase } : {}) });

/** Table rows (not header or separator) of the table that follows a heading or summary containing `title`. */
function tableRows(text: string, title: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.includes(title));
  const rows: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('|')) rows.push(line);
    else if (rows.length > 0) break;
  }
  return rows.slice(2);
}

/** GitHub Flavored Markdown rendered to HTML, as GitHub would before sanitising. */
const render = (text: string): string => marked.parse(text, { gfm: true, async: false });

describe('markdown report', () => {
  it('starts with a summary line and the counts', () => {
    const text = markdown(loadFixture('storefront'));
    expect(text.split('\n')[0]).toBe('<!-- flowaudit-report -->');
    expect(text.split('\n')[1]).toBe('### ✖ flowaudit: 7 problems (5 errors, 2 warnings)');
    expect(text).toContain('6 flows · 7 call sites · 231 files · 1 suppressed · 1 baselined · 1 baseline entry no longer found · 1 file skipped · 1 unresolved destination');
    expect(markdown(loadFixture('clean')).split('\n')[1]).toBe('### ✔ flowaudit: no problems');
  });

  it('draws a Mermaid flowchart, systems to vendors, edges labelled with the class, violations in red', () => {
    const block = mermaidBlock(markdown(loadFixture('storefront')));
    const lines = block.split('\n');
    expect(lines[0]).toBe('flowchart LR');
    expect(lines).toContain('  s_storefront("storefront")');
    expect(lines).toContain('  v_google_analytics["google-analytics (undeclared)"]');
    expect(lines).toContain('  s_storefront -->|"share"| v_meta_pixel');
    expect(lines).toContain('  s_storefront -.->|"share"| v_google_analytics');
    expect(lines).toContain('  s_api -->|"internal"| s_warehouse');
    const edges = lines.filter((l) => l.includes('-->') || l.includes('-.->'));
    expect(edges).toHaveLength(6);
    // Flows with an error or warning finding: api->stripe, storefront->google-analytics, ->meta-pixel, ->posthog.
    const red = lines.find((l) => l.startsWith('  linkStyle '))!.split(' ')[3]!.split(',').map(Number);
    expect(red.map((i) => edges[i]!.trim().split(' ')[0] + '>' + edges[i]!.trim().split(' ').at(-1))).toEqual([
      's_api>v_stripe',
      's_storefront>v_google_analytics',
      's_storefront>v_meta_pixel',
      's_storefront>v_posthog',
    ]);
    // A vendor with a finding about itself (deletion gap) is outlined.
    expect(lines).toContain('  class v_acme_data_co problem');
  });

  it('is the same diagram as `flowaudit graph --format mermaid`', () => {
    const report = loadFixture('storefront');
    expect(`${mermaidBlock(markdown(report))}\n`).toBe(formatMermaid(report));
  });

  it('lists findings with file:line links relative to the repository, or under a link base', () => {
    const text = markdown(loadFixture('storefront'));
    const rows = tableRows(text, '#### Findings');
    expect(rows).toHaveLength(7);
    expect(rows[1]).toContain('[apps/web/src/checkout\\.ts&#58;42](apps/web/src/checkout.ts#L42)');
    expect(rows[1]).toContain('<sub>via <code>trackPurchase</code> [apps/web/src/lib/track\\.ts&#58;9](apps/web/src/lib/track.ts#L9)');
    const linked = markdown(loadFixture('storefront'), 'https://github.com/acme/shop/blob/abc123/');
    expect(linked).toContain('(https://github.com/acme/shop/blob/abc123/apps/web/src/checkout.ts#L42)');
    const html = render(text);
    expect(html).toContain('<a href="apps/web/src/checkout.ts#L42">apps/web/src/checkout.ts&#58;42</a>');
  });

  it('folds the flow inventory, set-aside findings, unresolved destinations and skipped files into <details>', () => {
    const text = markdown(loadFixture('storefront'));
    for (const summary of ['Flow inventory (6 flows)', 'Suppressed and baselined (2)', 'Unresolved destinations (1)', 'Skipped files (1)']) {
      expect(text).toContain(`<details><summary>${summary}</summary>`);
    }
    expect(tableRows(text, 'Flow inventory')).toHaveLength(6);
    expect(tableRows(text, 'Suppressed and baselined')[0]).toContain('comment: admin pages are used by employees only');
    expect((text.match(/<details/g) ?? []).length).toBe((text.match(/<\/details>/g) ?? []).length);
  });

  it('caps long tables and folds many findings', () => {
    const report = loadFixture('clean');
    report.findings = Array.from({ length: MAX_TABLE_ROWS + 20 }, (_, i) => ({
      ruleId: 'map/stale-flow', severity: 'warning' as const, message: `stale ${i}`, file: 'datamap.yaml', line: i + 1, column: 1, citation: '—', fingerprint: `f${i}`,
    }));
    report.summary.warnings = report.findings.length;
    const text = markdown(report);
    expect(text).toContain(`<details open><summary>Findings (${MAX_TABLE_ROWS + 20})</summary>`);
    expect(tableRows(text, 'Findings (')).toHaveLength(MAX_TABLE_ROWS);
    expect(text).toContain('… and 20 findings more: see the SARIF or JSON report.');
  });

  it('replaces a diagram too large for Mermaid with a pointer to the SVG', () => {
    const report = loadFixture('storefront');
    const template = report.flows[0]!;
    report.flows = Array.from({ length: 600 }, (_, i) => ({ ...template, id: `storefront->vendor-${i}`, to: `vendor-${i}` }));
    const text = markdown(report);
    expect(text).not.toContain('```mermaid');
    expect(text).toContain('The diagram of 600 flows is too large for Mermaid; <code>flowaudit graph \\-\\-format svg</code> draws it.');
  });

  it('is byte-identical for the same input', () => {
    expect(markdown(loadFixture('storefront'))).toBe(markdown(loadFixture('storefront')));
  });

  describe('with hostile names from code and the map', () => {
    const text = markdown(loadFixture('hostile'));
    const html = render(text);

    it('lets no HTML through: no script, no img, no extra <details>, no link that the text did not ask for', () => {
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      const links = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
      expect(links.filter((l) => !l.startsWith('https://github.com/flowaudit/flowaudit/') && !/^(src|lib)\//.test(l))).toEqual([]);
      // Ours: flow inventory, set-aside findings, unresolved destinations, skipped files.
      expect((html.match(/<details/g) ?? []).length).toBe(4);
      expect((html.match(/<\/details>/g) ?? []).length).toBe(4);
      expect(html).not.toContain('evil.example"');
      expect(html).toContain(HOSTILE.scriptVendor.replace(/</g, '&#60;').replace(/>/g, '&#62;'));
    });

    it('keeps every table row at its column count although names contain |', () => {
      const tables = [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((m) => m[1]!);
      expect(tables.length).toBe(5);
      for (const table of tables) {
        const header = (/<thead>([\s\S]*?)<\/thead>/.exec(table)![1]!.match(/<th/g) ?? []).length;
        for (const row of table.split('<tbody>')[1]!.split('</tr>').filter((r) => r.includes('<td'))) {
          expect((row.match(/<td/g) ?? []).length).toBe(header);
        }
      }
    });

    it('keeps the Mermaid block closed and its labels inert', () => {
      const block = mermaidBlock(text);
      expect(block).not.toMatch(/[`<]/);
      expect(block.replace(/ -(->|\.->)\|/g, '')).not.toContain('>');
      for (const label of block.matchAll(/"([^"]*)"/g)) expect(label[1]).toMatch(/^[A-Za-z0-9 _.,:/()+#;-]*$/);
      expect(text.match(/```/g)).toHaveLength(2);
    });

    it('drops terminal control characters and shows bidi overrides', () => {
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(text).toContain('\\\\u202eeman');
    });
  });
});

describe('markdown flow inventory', () => {
  it('marks categories sent in code but missing from the map, and explains a role downgrade', () => {
    const rows = markdown(loadFixture('storefront')).split('\n').filter((l) => l.startsWith('| <code>'));
    const stripe = rows.find((r) => r.startsWith('| <code>api\\-&#62;stripe</code>'))!;
    expect(stripe).toContain('<code>user\\.contact\\.email</code> <code>user\\.financial\\.account\\_number</code> · **not in the map:** <code>user\\.contact\\.phone</code>');
    const posthog = rows.find((r) => r.startsWith('| <code>storefront\\-&#62;posthog</code>'))!;
    expect(posthog).toContain('consideration unknown; treated as a third party \\(contract&#58; contract lacks restricts\\_purposes\\)');
  });
});
