import { describe, expect, it } from 'vitest';
import { be, categoryLabel, categoryList, listCovers, vendorNames } from '../../src/rules/evidence.js';
import { createTaxonomy } from '../../src/taxonomy/index.js';
import { context, dataMap, vendor } from './builders.js';

describe('rule message vocabulary', () => {
  it('labels categories as plain nouns', () => {
    expect(categoryLabel('user.device.ip_address')).toBe('IP address');
    expect(categoryLabel('user.device.cookie_id')).toBe('cookie ID');
    expect(categoryLabel('user.unique_id')).toBe('user ID');
    expect(categoryLabel('user.content.private')).toBe('private message contents');
    expect(categoryLabel('user.loyalty.member_number')).toBe('member number');
  });

  it('lists categories as prose and shortens long lists', () => {
    expect(categoryList([])).toBe('personal information');
    expect(categoryList(['user.contact.email', 'user.device.ip_address'])).toBe('email and IP address');
    expect(categoryList(['user.contact.email', 'user.name', 'user.device.ip_address', 'user.device.cookie_id', 'user.unique_id'])).toBe('email, name, IP address and 2 more categories');
  });

  it('agrees the verb with the phrase', () => {
    expect(be(['user.contact.email'])).toBe('is');
    expect(be(['user.content.private'])).toBe('are');
    expect(be(['user.contact.email', 'user.name'])).toBe('are');
    expect(be([])).toBe('is');
  });

  it('names vendors by their map or catalogue name, sorted, at most four', () => {
    const ctx = context(dataMap({ vendors: [vendor('acme', { name: 'Acme Ads' })] }));
    expect(vendorNames(ctx, ['meta-pixel', 'acme', 'meta-pixel'])).toBe('Acme Ads and Meta Pixel');
    expect(vendorNames(ctx, ['a', 'b', 'c', 'd', 'e', 'f'])).toBe('a, b, c and 3 more');
    expect(vendorNames(ctx, ['host:px.example.com'])).toBe('px.example.com');
  });

  it('a notice list covers a broad key when it covers each child', () => {
    const taxonomy = createTaxonomy();
    expect(listCovers(taxonomy, ['identifiers'], 'user.contact.email')).toBe(true);
    expect(listCovers(taxonomy, ['identifiers', 'internet_activity'], 'user.device')).toBe(true);
    expect(listCovers(taxonomy, ['identifiers'], 'user.device')).toBe(false);
    expect(listCovers(taxonomy, ['user.device'], 'user.device.user_agent')).toBe(true);
    expect(listCovers(taxonomy, ['commercial'], 'user.contact.email')).toBe(false);
  });
});
