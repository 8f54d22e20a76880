/** `.flowaudit-cache/` files: a body is read only when it parses, and, when asked, only when it begins with the expected format and key. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCacheJson, writeCacheJson } from '../../src/cache-file.js';

describe('cache files', () => {
  it('reads what it wrote, by format and key, and nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowaudit-cache-file-'));
    writeCacheJson(dir, 'a.json', { format: 3, key: 'k1', body: [1, 2] });
    expect(readCacheJson(dir, 'a.json')).toEqual({ format: 3, key: 'k1', body: [1, 2] });
    expect(readCacheJson(dir, 'a.json', { format: 3, key: 'k1' })).toEqual({ format: 3, key: 'k1', body: [1, 2] });
    expect(readCacheJson(dir, 'a.json', { format: 3, key: 'k2' })).toBeUndefined();
    expect(readCacheJson(dir, 'a.json', { format: 4, key: 'k1' })).toBeUndefined();
    expect(readCacheJson(dir, 'missing.json', { format: 3, key: 'k1' })).toBeUndefined();
    writeFileSync(join(dir, 'b.json'), '{"format":3,"key":"k1",');
    expect(readCacheJson(dir, 'b.json', { format: 3, key: 'k1' })).toBeUndefined();
    writeFileSync(join(dir, 'c.json'), '{"format":3');
    expect(readCacheJson(dir, 'c.json', { format: 3, key: 'k1' })).toBeUndefined();
  });
});
