import { describe, expect, it } from 'vitest';
import { buildDiagram } from '../../src/report/diagram.js';
import { dotString, formatGraph } from '../../src/report/graph.js';
import { formatReport } from '../../src/report/index.js';
import { formatMermaid } from '../../src/report/mermaid.js';
import { loadFixture } from './helpers.js';

describe('diagram model', () => {
  it('has a node per system and vendor and an edge per flow, violations marked', () => {
    const { nodes, edges } = buildDiagram(loadFixture('storefront'));
    expect(nodes.map((n) => n.key)).toEqual([
      'system:api', 'system:storefront', 'system:warehouse',
      'vendor:acme-data-co', 'vendor:google-analytics', 'vendor:meta-pixel', 'vendor:posthog', 'vendor:stripe',
    ]);
    expect(edges.map((e) => `${e.flowId}:${e.label}:${e.violation ?? '-'}`)).toEqual([
      'api->acme-data-co:sale:-',
      'api->stripe:disclosure:warning',
      'api->warehouse:internal:-',
      'storefront->google-analytics:share:error',
      'storefront->meta-pixel:share:error',
      'storefront->posthog:possible sale:warning',
    ]);
    expect(nodes.find((n) => n.id === 'acme-data-co')!.problem).toBe('error');
    expect(nodes.find((n) => n.id === 'google-analytics')!.declared).toBe(false);
  });

  it('keeps a system and a vendor that share an id apart', () => {
    const report = loadFixture('clean');
    const flow = report.flows[0]!;
    report.flows.push({ ...flow, id: 'storefront->crm', to: 'crm', class: 'internal', role: undefined, effectiveRole: undefined });
    report.flows.push({ ...flow, id: 'crm->crm', from: 'crm', to: 'crm', class: 'disclosure' });
    const keys = buildDiagram(report).nodes.map((n) => n.key);
    expect(keys).toEqual(['system:crm', 'system:storefront', 'vendor:crm', 'vendor:stripe']);
  });
});

describe('flowaudit graph', () => {
  it('mermaid is the markdown report’s diagram', () => {
    const report = loadFixture('storefront');
    expect(formatGraph(report, 'mermaid')).toBe(formatMermaid(report));
    expect(formatReport(report, 'markdown', { color: false })).toContain(formatMermaid(report).trimEnd());
  });

  it('mermaid of a report without flows is still a valid one-node chart', () => {
    expect(formatGraph(loadFixture('clean'), 'mermaid').split('\n')).toContain('  s_storefront("storefront")');
    const empty = { ...loadFixture('clean'), flows: [] };
    expect(formatGraph(empty, 'mermaid')).toBe('flowchart LR\n  empty["no data flows found"]\n');
  });

  it('dot: a digraph with a node per system and vendor, class labels, red violating edges', () => {
    const dot = formatGraph(loadFixture('storefront'), 'dot');
    const lines = dot.split('\n');
    expect(lines[0]).toBe('digraph flowaudit {');
    expect(lines.at(-2)).toBe('}');
    expect(lines.filter((l) => /^ {2}"(system|vendor):[^"]*" \[label=/.test(l))).toHaveLength(8);
    const meta = lines.find((l) => l.startsWith('  "system:storefront" -> "vendor:meta-pixel"'))!;
    expect(meta).toContain('label="share"');
    expect(meta).toContain('color="#cf222e"');
    const internal = lines.find((l) => l.startsWith('  "system:api" -> "system:warehouse"'))!;
    expect(internal).toContain('label="internal"');
    expect(internal).toContain('color="#57606a"');
    expect(lines.find((l) => l.includes('-> "vendor:google-analytics"'))).toContain('style=dashed');
  });

  it('dot escapes quotes, backslashes and line breaks in names', () => {
    expect(dotString('a"b\\N\nc')).toBe('"a\\"b\\\\N c"');
    const dot = formatGraph(loadFixture('hostile'), 'dot');
    for (const line of dot.split('\n').slice(4, -2)) {
      // Every quoted string closes on the same line: an even number of unescaped quotes.
      expect((line.replace(/\\./g, '').match(/"/g) ?? []).length % 2).toBe(0);
    }
    expect(dot).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('svg: laid out by dagre, a <g class="node"> per system and vendor and a path per flow, red violations', () => {
    const svg = formatGraph(loadFixture('storefront'), 'svg');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<g class="node (system|vendor)"/g)).toHaveLength(8);
    expect(svg.match(/<g class="edge/g)).toHaveLength(6);
    expect(svg.match(/<g class="edge violation"/g)).toHaveLength(4);
    expect(svg).toMatch(/<g class="edge violation" data-flow="storefront-&gt;meta-pixel" data-class="share">.*<path d="M[\d.]+,[\d.]+[^"]*" fill="none" stroke="#cf222e"/s);
    // Positions differ per node: the layout ran.
    const xs = [...svg.matchAll(/<g class="node[^>]*>.*?<rect x="([\d.]+)" y="([\d.]+)"/gs)].map((m) => `${m[1]},${m[2]}`);
    expect(new Set(xs).size).toBe(8);
    expect(formatGraph(loadFixture('storefront'), 'svg')).toBe(svg);
  });

  it('svg escapes every name and uses no style attribute (it must render under a strict CSP)', () => {
    const svg = formatGraph(loadFixture('hostile'), 'svg');
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
    expect(svg).not.toMatch(/\sstyle=/);
    expect(svg).toContain('&lt;/details&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;');
  });
});
