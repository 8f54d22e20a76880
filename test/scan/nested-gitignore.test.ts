import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/scan/discover.js';

describe('file discovery with nested .gitignore files', () => {
  it('checks folders beside a nested .gitignore without asking about the folder itself, and lists outside links', async () => {
    const root = mkdtempSync(join(tmpdir(), 'flowaudit-gitignore-'));
    mkdirSync(join(root, 'packages', 'email', 'out'), { recursive: true });
    writeFileSync(join(root, 'packages', 'email', '.gitignore'), 'out/\n');
    writeFileSync(join(root, 'packages', 'email', 'send.ts'), 'export const send = 1;\n');
    writeFileSync(join(root, 'packages', 'email', 'out', 'built.ts'), 'export const built = 1;\n');
    symlinkSync(tmpdir(), join(root, 'outside-link'));

    const discovery = await discoverFiles(root, [], []);
    expect(discovery.files).toEqual(['packages/email/send.ts']);
    expect(discovery.skipped.map((s) => s.file)).toContain('outside-link/');
  });
});
