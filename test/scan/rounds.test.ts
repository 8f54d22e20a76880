/**
 * Linking round by round (src/scan/index.ts): a file linked early can start to reach a vendor only when a
 * file it calls is linked later; its importers must then be linked too.
 */
import { describe, expect, it } from 'vitest';
import { project, scan } from './helpers.js';

describe('linking rounds', () => {
  it('reach that arrives through a file linked in an earlier round reaches its importers', async () => {
    const result = await scan(
      project({
        'h.ts': `import posthog from 'posthog-js';\nexport function h(email: string) {\n  posthog.capture('signup', { email });\n}\n`,
        // Linked at once (it names posthog), but `wrap` reaches the vendor only through g, linked a round later.
        'f.ts': `import posthog from 'posthog-js';\nimport { g } from './g';\nexport function wrap(email: string) {\n  g(email);\n}\nexport function other() {\n  posthog.capture('other');\n}\n`,
        'g.ts': `import { h } from './h';\nexport function g(email: string) {\n  h(email);\n}\n`,
        'page.ts': `import { wrap } from './f';\nexport function submit(email: string) {\n  wrap(email);\n}\n`,
      }),
    );
    expect(result.callSites.map((s) => `${s.file}:${s.line} via ${s.via.map((v) => `${v.file}:${v.line}`).join(' ')}`)).toEqual([
      'f.ts:7 via ',
      'page.ts:3 via f.ts:4 g.ts:3 h.ts:3',
    ]);
  });

  it('an import named once is skipped only when nothing can use it: an alias, a default import and a re-export still reach', async () => {
    const wrapper = `import posthog from 'posthog-js';\nexport function track(email: string) {\n  posthog.capture('x', { email });\n}\nexport default track;\n`;
    const result = await scan(
      project({
        'track.ts': wrapper,
        'unused.ts': `import { track } from './track';\nexport function idle() {\n  return 1;\n}\n`,
        'alias.ts': `import { track as t } from './track';\nexport function a(email: string) {\n  t(email);\n}\n`,
        // \`default\` appears once here, in an export of its own; the default import is still used.
        'default.ts': `import send from './track';\nexport default function d(email: string) {\n  send(email);\n}\n`,
        'barrel.ts': `export { track } from './track';\n`,
        'via-barrel.ts': `import { track } from './barrel';\nexport function b(email: string) {\n  track(email);\n}\n`,
      }),
    );
    expect(result.callSites.map((s) => `${s.file}:${s.line}`)).toEqual(['alias.ts:3', 'default.ts:3', 'via-barrel.ts:3']);
  });
});
