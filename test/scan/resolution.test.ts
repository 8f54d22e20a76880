import { describe, expect, it } from 'vitest';
import { project, scan } from './helpers.js';

const WRAPPER = `import posthog from 'posthog-js';\nexport function track(e: string) { posthog.capture(e); }\n`;

async function outermost(files: Record<string, string>): Promise<string[]> {
  const result = await scan(project(files));
  return result.callSites.map((s) => `${s.file}:${s.line} via ${s.via.map((v) => v.file).join(',')}`);
}

describe('resolving imports between project files', () => {
  it('resolves relative imports with .js suffixes, index files and extensionless paths', async () => {
    expect(
      await outermost({
        'src/lib/track.ts': WRAPPER,
        'src/lib/index.ts': `export { track } from './track.js';\n`,
        'src/a.ts': `import { track } from './lib';\ntrack('a');\n`,
        'src/b.mts': `import { track } from './lib/track.js';\ntrack('b');\n`,
      }),
    ).toEqual(['src/a.ts:2 via src/lib/track.ts', 'src/b.mts:2 via src/lib/track.ts']);
  });

  it('resolves tsconfig paths and baseUrl, inherited through extends', async () => {
    expect(
      await outermost({
        'tsconfig.base.json': `{\n  // comments are allowed\n  "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["shared/lib/*"] } },\n}\n`,
        'apps/web/tsconfig.json': `{ "extends": "../../tsconfig.base.json" }`,
        'apps/admin/tsconfig.json': `{ "extends": "../../tsconfig.base.json", "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }`,
        'shared/lib/track.ts': WRAPPER,
        'apps/admin/src/util/t.ts': `export { track as t } from '../../../../shared/lib/track';\n`,
        'apps/admin/src/page.ts': `import { t } from '@/util/t';\nt('a');\n`,
        'apps/web/src/page.ts': `import { track } from '@lib/track';\nimport { track as again } from 'shared/lib/track';\ntrack('a');\nagain('b');\n`,
      }),
    ).toEqual(['apps/admin/src/page.ts:2 via shared/lib/track.ts', 'apps/web/src/page.ts:3 via shared/lib/track.ts', 'apps/web/src/page.ts:4 via shared/lib/track.ts']);
  });

  it('resolves workspace packages by name to their source, through exports and subpaths', async () => {
    expect(
      await outermost({
        'package.json': `{ "name": "root", "workspaces": ["packages/*", "apps/*"] }`,
        'packages/tracking/package.json': `{ "name": "@acme/tracking", "main": "dist/index.js", "exports": { ".": { "types": "./dist/index.d.ts", "import": "./dist/index.js" }, "./server": "./dist/server.js" } }`,
        'packages/tracking/src/index.ts': `export * from './track';\n`,
        'packages/tracking/src/track.ts': WRAPPER,
        'packages/tracking/src/server.ts': `import { PostHog } from 'posthog-node';\nconst client = new PostHog('k');\nexport const capture = (e: string) => client.capture({ distinctId: 'd', event: e });\n`,
        'apps/api/package.json': `{ "name": "api" }`,
        'apps/api/src/a.ts': `import { track } from '@acme/tracking';\nimport { capture } from '@acme/tracking/server';\ntrack('a');\ncapture('b');\n`,
      }),
    ).toEqual(['apps/api/src/a.ts:3 via packages/tracking/src/track.ts', 'apps/api/src/a.ts:4 via packages/tracking/src/server.ts']);
  });

  it('follows CommonJS exports and requires between project files', async () => {
    expect(
      await outermost({
        'lib/track.cjs': `const posthog = require('posthog-js');\nfunction track(e) { posthog.capture(e); }\nmodule.exports = { track };\n`,
        'lib/other.js': `exports.send = function send(e) { require('posthog-js').capture(e); };\n`,
        'app.cjs': `const { track } = require('./lib/track.cjs');\nconst other = require('./lib/other');\ntrack('a');\nother.send('b');\n`,
      }),
    ).toEqual(['app.cjs:3 via lib/track.cjs', 'app.cjs:4 via lib/other.js']);
  });
});
