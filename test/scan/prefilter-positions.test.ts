/**
 * Where the pre-filter's matches start the scan plan (src/scan/prefilter.ts `buildPrefilterPositions`):
 * names only in code or as an element access, packages only as module specifiers, hosts anywhere.
 */
import { describe, expect, it } from 'vitest';
import { buildDetectors } from '../../src/scan/detectors.js';
import { outlineOf } from '../../src/scan/outline.js';
import { loadCatalog } from '../../src/catalog/index.js';
import { buildPrefilter, buildPrefilterPositions } from '../../src/scan/prefilter.js';
import { TEST_CATALOG } from './helpers.js';

const positions = buildPrefilterPositions(buildDetectors(TEST_CATALOG, []));

/** The lines holding a match, in order. */
function matchedLines(lines: string[]): string[] {
  const text = lines.join('\n') + '\n';
  const spans: number[] = [];
  outlineOf(text, true, spans);
  const found = new Set(positions(text, spans).map((p) => text.slice(text.lastIndexOf('\n', p - 1) + 1, text.indexOf('\n', p))));
  return lines.filter((line) => found.has(line));
}

describe('pre-filter positions', () => {
  it('a name counts in code and as an element access, not in a string, a comment, a template or JSX text', () => {
    const lines = [
      `// analytics is set up below`,
      `const words = ['Advanced analytics', "fbq", \`analytics \${1}\`];`,
      `const el = <p>Our analytics partner</p>;`,
      `window['fbq']('track', 'Purchase');`,
      `analytics.track('x');`,
      `if (canSellData(user)) go();`,
      `const t = \`\${analytics.page()}\`;`,
    ];
    // A guard is not a match: it gates a call site, which starts the plan by itself.
    expect(matchedLines(lines)).toEqual([lines[3], lines[4], lines[6]]);
  });

  it('a package counts as a module specifier only; a host anywhere', () => {
    const lines = [`import posthog from 'posthog-js';`, `const lazy = () => import('posthog-js');`, `const names = ['posthog-js', 'ky'];`, `const url = 'https://api.hubapi.com/crm';`];
    expect(matchedLines(lines)).toEqual([lines[0], lines[1], lines[3]]);
  });
});

describe('pre-filter', () => {
  const picks = buildPrefilter(buildDetectors(loadCatalog(), []));

  it('picks a global whose name starts with `$` wherever it stands alone, and not inside a longer name', () => {
    expect(picks(`window.$crisp.push(['set', 'user:email', email]);\n`)).toBe(true);
    expect(picks(`$crisp.push(['do', 'chat:open']);\n`)).toBe(true);
    expect(picks(`const my$crisp = 1;\nconst $crispy = 2;\n`)).toBe(false);
    expect(picks(`export const total = (a: number, b: number) => a + b;\n`)).toBe(false);
  });
});
