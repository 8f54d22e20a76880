/**
 * Incremental scans from `.flowaudit-cache/`: after an edit, the cached run must give what a scan without
 * the cache gives, whether the edit touches parsed code, unparsed code, or a file the plan does not parse.
 */
import { appendFileSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, scan } from './helpers.js';

const FILES = {
  'lib/posthog.ts': `import { PostHog } from 'posthog-node';\nconst client = new PostHog('k');\nexport function capture(email: string) {\n  client.capture({ distinctId: email, event: 'e' });\n}\nexport function unrelated() {\n  return 1;\n}\n`,
  'lib/index.ts': `export { capture } from './posthog';\nexport * from './format';\n`,
  'lib/format.ts': `export function format(x: string) {\n  return x.trim();\n}\n`,
  'pages/signup.ts': `import { capture, format } from '../lib';\nexport function onSubmit(email: string) {\n  capture(format(email));\n}\nexport function other() {\n  return format('x');\n}\n`,
};

/** Changes a file so that its size and modification time both differ from what the index recorded. */
function edit(root: string, file: string, change: (text: string) => string): void {
  const path = join(root, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
  const later = new Date(statSync(path).mtimeMs + 5000);
  utimesSync(path, later, later);
}

describe('incremental scans', () => {
  it('an edit after the parsed code, inside it, and to a barrel the plan does not parse: the cached run equals an uncached one', async () => {
    const root = project(FILES);
    const cacheDir = join(root, '.flowaudit-cache');
    const first = await scan(root, { cacheDir });
    expect(first.callSites.map((s) => `${s.file}:${s.line}`)).toEqual(['pages/signup.ts:3']);

    // Outside the parsed chunks: same result, nothing to parse.
    appendFileSync(join(root, 'pages/signup.ts'), `export const later = 2;\n`);
    edit(root, 'pages/signup.ts', (t) => t);
    expect(await scan(root, { cacheDir })).toEqual(await scan(root));

    // Inside them: the new line moves the call.
    edit(root, 'pages/signup.ts', (t) => t.replace('export function onSubmit', '// a comment\nexport function onSubmit'));
    const moved = await scan(root, { cacheDir });
    expect(moved.callSites.map((s) => `${s.file}:${s.line}`)).toEqual(['pages/signup.ts:4']);
    expect(moved).toEqual(await scan(root));

    // A barrel the linker reads on demand, changed while nothing else needs parsing.
    edit(root, 'lib/index.ts', (t) => `// barrel\n${t}`);
    expect(await scan(root, { cacheDir })).toEqual(await scan(root));
  });

  it('an unused import of a wrapper, remembered in the index, is looked at again once the file changes to use it', async () => {
    const root = project({ ...FILES, 'pages/later.ts': `import { capture } from '../lib';\nexport function idle() {\n  return 1;\n}\n` });
    const cacheDir = join(root, '.flowaudit-cache');
    expect((await scan(root, { cacheDir })).callSites.map((s) => `${s.file}:${s.line}`)).toEqual(['pages/signup.ts:3']);
    edit(root, 'pages/later.ts', (t) => t.replace('return 1;', "capture('x');"));
    const used = await scan(root, { cacheDir });
    expect(used.callSites.map((s) => `${s.file}:${s.line}`)).toEqual(['pages/later.ts:3', 'pages/signup.ts:3']);
    expect(used).toEqual(await scan(root));
  });
});

