import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileTooLargeError, readBoundedFile } from '../../src/read-file.js';

describe('readBoundedFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flowaudit-read-'));

  it('reads a regular file within the limit', () => {
    writeFileSync(join(dir, 'ok.txt'), 'hello');
    expect(readBoundedFile(join(dir, 'ok.txt'), 10).toString()).toBe('hello');
  });

  it('refuses a file over the limit', () => {
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(11));
    expect(() => readBoundedFile(join(dir, 'big.txt'), 10)).toThrow(FileTooLargeError);
  });

  it('refuses a device without reading it', () => {
    expect(() => readBoundedFile('/dev/zero', 10)).toThrow('not a regular file');
  });

  it('refuses a directory', () => {
    expect(() => readBoundedFile(dir, 10)).toThrow('it is a directory');
  });
});
