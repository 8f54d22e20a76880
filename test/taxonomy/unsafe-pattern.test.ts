import { describe, expect, it } from 'vitest';
import { createTaxonomy, parseFieldPattern, unsafePatternReason } from '../../src/taxonomy/index.js';

describe('field patterns that could backtrack catastrophically', () => {
  it.each(['^(a+)+$', '(a*)*', '((a)+)+', '(\\d+)+', '(a|a)*', '(x|xy){2,}'])('refuses %s', (source) => {
    expect(unsafePatternReason(source)).toMatch(/exponential time/);
    expect(parseFieldPattern(`/${source}/`)).toBeUndefined();
  });

  it.each(['^member_?no$', '^(user|customer)_?id$', '^e?mail(addr)?$', '(ab){2,3}', '[(]+', '\\(a+\\)+'])('accepts %s', (source) => {
    expect(unsafePatternReason(source)).toBeUndefined();
    expect(parseFieldPattern(`/${source}/i`)).toBeInstanceOf(RegExp);
  });

  it('never lets a refused custom pattern match, so matching stays fast', () => {
    const taxonomy = createTaxonomy([
      { id: 'user.loyalty.code', ccpa: 'identifiers', sensitive: false, fields: ['/^(a+)+$/'], loc: { file: 'm.yaml', line: 1, column: 1 }, path: 'categories[0]' },
    ]);
    const start = performance.now();
    expect(taxonomy.categoryForField(`${'a'.repeat(40)}b`)).toBeUndefined();
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
