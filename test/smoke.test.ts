import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';

describe('cli', () => {
  it('prints its version', () => {
    const out = execFileSync('node', ['bin/flowaudit.js', '--version'], { encoding: 'utf8' });
    expect(out.trim()).toBe('0.1.0');
  });
});
