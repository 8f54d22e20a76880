/**
 * The html report and the markdown's Mermaid diagram in a real browser: Debian's Chromium driven by
 * playwright-core. CI installs it (.ci/run); a missing browser fails these tests rather than skipping them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit.js';
import { buildDiagram, nodeLabel } from '../../src/report/diagram.js';
import { formatReport } from '../../src/report/index.js';
import { HOSTILE, loadFixture, mermaidBlock, type FixtureName } from './helpers.js';

const OUTPUT_DIR = fileURLToPath(new URL('../../test-output/', import.meta.url));
const MERMAID_SCRIPT = fileURLToPath(new URL('../../node_modules/mermaid/dist/mermaid.min.js', import.meta.url));

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  mkdirSync(OUTPUT_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

interface OpenedReport {
  page: Page;
  /** Console messages about Content-Security-Policy violations. */
  cspViolations: string[];
  /** Every URL the page requested. */
  requests: string[];
}

/** Writes the html report to test-output/ and opens it from disk, as a user would. */
async function openHtmlReport(name: FixtureName): Promise<OpenedReport> {
  const file = `${OUTPUT_DIR}report-${name}.html`;
  writeFileSync(file, formatReport(loadFixture(name), 'html', { color: false }));
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const cspViolations: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href);
  return { page, cspViolations, requests };
}

describe('html report in Chromium', () => {
  it('draws a diagram node per system and vendor, lists the findings, filters them, loads nothing', async () => {
    const { page, cspViolations, requests } = await openHtmlReport('storefront');
    const expectedNodes = buildDiagram(loadFixture('storefront')).nodes.map((n) => n.id).sort();
    const nodes = await page.locator('svg.flowaudit-diagram g.node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
    expect(nodes.sort()).toEqual(expectedNodes);
    // Nodes are laid out side by side, not stacked on one spot, and their labels fit inside their boxes.
    const boxes = await page.locator('svg.flowaudit-diagram g.node').evaluateAll((els) =>
      els.map((g) => {
        const rect = g.querySelector('rect')!.getBBox();
        const text = (g.querySelector('text') as SVGTextElement).getBBox();
        return { x: rect.x, y: rect.y, fits: text.x >= rect.x && text.x + text.width <= rect.x + rect.width };
      }),
    );
    expect(new Set(boxes.map((b) => `${b.x},${b.y}`)).size).toBe(expectedNodes.length);
    expect(boxes.every((b) => b.fits)).toBe(true);
    expect(await page.locator('svg.flowaudit-diagram g.edge.violation').count()).toBe(4);

    const rows = page.locator('#findings-table tbody tr');
    expect(await rows.count()).toBe(7);
    expect(await rows.first().locator('td').nth(1).innerText()).toBe('apps/api/src/billing.ts:30:9');
    expect(await page.locator('#shown-count').innerText()).toBe('7 of 7 shown');

    // Unticking warnings hides the two warning rows (and proves the inline script ran under the CSP).
    await page.locator('input[data-filter-severity][value="warning"]').uncheck();
    expect(await page.locator('#findings-table tbody tr:visible').count()).toBe(5);
    expect(await page.locator('#findings-table tbody tr:visible td.sev').allInnerTexts()).toEqual(Array(5).fill('error'));
    expect(await page.locator('#shown-count').innerText()).toBe('5 of 7 shown');
    await page.locator('#rule-filter').selectOption('ccpa/opt-out-gate');
    expect(await page.locator('#findings-table tbody tr:visible td:nth-child(2)').allInnerTexts()).toEqual(['apps/web/src/checkout.ts:42:5']);
    await page.locator('input[data-filter-severity][value="warning"]').check();
    expect(await page.locator('#findings-table tbody tr:visible').count()).toBe(2);
    await page.locator('#rule-filter').selectOption('');

    // A click on a diagram edge shows that flow's findings only.
    await page.locator('svg.flowaudit-diagram g.edge[data-flow="storefront->posthog"] path').dispatchEvent('click');
    expect(await page.locator('#findings-table tbody tr:visible td:nth-child(2)').allInnerTexts()).toEqual(['apps/web/src/pages/home.tsx:12:3']);
    expect(await page.locator('#flow-filter-name').innerText()).toBe('storefront->posthog');
    await page.locator('#flow-filter-clear').click();
    expect(await page.locator('#findings-table tbody tr:visible').count()).toBe(7);
    expect(await page.locator('#flow-filter').isVisible()).toBe(false);

    expect(await page.locator('#flows-table tbody tr').count()).toBe(6);
    expect(cspViolations).toEqual([]);
    expect(requests.every((url) => url.startsWith('file://'))).toBe(true);
    expect(requests).toHaveLength(1);
    await page.screenshot({ path: `${OUTPUT_DIR}report.png`, fullPage: true });
    await page.close();
  });

  it('runs nothing from hostile names and shows them as text', async () => {
    const { page, cspViolations } = await openHtmlReport('hostile');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    // No element came from the data: no img, and the only script is the report's own.
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('details').count()).toBe(5);
    const vendors = await page.locator('svg.flowaudit-diagram g.node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(vendors).toContain(HOSTILE.scriptVendor);
    expect(await page.locator('#findings-table tbody tr').first().innerText()).toContain(HOSTILE.xss);
    // Escaping held, so the CSP had nothing to block.
    expect(cspViolations).toEqual([]);
    await page.screenshot({ path: `${OUTPUT_DIR}report-hostile.png`, fullPage: true });
    await page.close();
  });
});

describe('the html report\'s Content-Security-Policy in Chromium', () => {
  it('would block a script or inline handler that escaping had missed', async () => {
    const injected = formatReport(loadFixture('storefront'), 'html', { color: false }).replace(
      '<h1>flowaudit report</h1>',
      '<h1>flowaudit report</h1><script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2"><div style="color:red">styled</div>',
    );
    const file = `${OUTPUT_DIR}report-injected.html`;
    writeFileSync(file, injected);
    const page = await browser.newPage();
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(pathToFileURL(file).href);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(cspViolations.some((m) => m.includes('script-src'))).toBe(true);
    // The report's own script still runs.
    expect(await page.locator('#shown-count').innerText()).toBe('7 of 7 shown');
    await page.close();
  });
});

describe('markdown Mermaid block in Chromium', () => {
  /** Renders a Mermaid source with the mermaid library in the page; a parse error rejects. */
  async function renderMermaid(source: string): Promise<{ labels: string[]; edges: number; pwned: unknown }> {
    const page = await browser.newPage();
    try {
      await page.setContent('<!DOCTYPE html><html><body><div id="out"></div></body></html>');
      await page.addScriptTag({ path: MERMAID_SCRIPT });
      return await page.evaluate(async (code) => {
        const mermaid = (window as unknown as { mermaid: { initialize(c: object): void; render(id: string, code: string): Promise<{ svg: string }> } }).mermaid;
        mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
        const { svg } = await mermaid.render('flowaudit-diagram', code);
        const out = document.getElementById('out')!;
        out.innerHTML = svg;
        const labels = [...out.querySelectorAll('g.node')].map((n) => (n.textContent ?? '').trim());
        const edges = out.querySelectorAll('.edgePaths path, path.flowchart-link').length;
        return { labels, edges, pwned: (window as unknown as { __pwned?: unknown }).__pwned };
      }, source);
    } finally {
      await page.close();
    }
  }

  it.each(['storefront', 'hostile'] as const)('%s: renders with a node per system and vendor', async (name) => {
    const report = loadFixture(name);
    const source = mermaidBlock(formatReport(report, 'markdown', { color: false }));
    const { labels, edges, pwned } = await renderMermaid(source);
    const diagram = buildDiagram(report);
    expect(labels.sort()).toEqual(diagram.nodes.map(nodeLabel).sort());
    expect(edges).toBe(diagram.edges.length);
    expect(pwned).toBeUndefined();
  });

  it('a real audit (the storefront example) renders with a node per system and vendor', async () => {
    const repo = fileURLToPath(new URL('../../', import.meta.url));
    const report = await runAudit({ root: `${repo}fixtures/storefront`, cwd: repo, cache: false, ruleOverrides: {}, timing: false, jobs: 1 });
    const { labels, edges } = await renderMermaid(mermaidBlock(formatReport(report, 'markdown', { color: false })));
    const diagram = buildDiagram(report);
    expect(diagram.nodes.length).toBeGreaterThan(3);
    expect(labels.sort()).toEqual(diagram.nodes.map(nodeLabel).sort());
    expect(edges).toBe(diagram.edges.length);
  });

  it('a diagram that does not parse fails', async () => {
    await expect(renderMermaid('flowchart LR\n  a -->|"x| b[')).rejects.toThrow(/Parse error|Lexical error|Expecting/);
  });
});
