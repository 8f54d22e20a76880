import { describe, expect, it } from 'vitest';
import type { CustomCategory } from '../../src/data-map/types.js';
import { BUILTIN_CATEGORIES, createTaxonomy, normalizeFieldName, STATUTORY_CATEGORIES } from '../../src/taxonomy/index.js';

const taxonomy = createTaxonomy();

const CANONICAL_KEYS = [
  'user.contact.email', 'user.contact.phone_number', 'user.contact.address', 'user.name', 'user.account.username', 'user.unique_id',
  'user.device.ip_address', 'user.device.cookie_id', 'user.device.device_id', 'user.device.advertising_id',
  'user.financial.account_number', 'user.financial.card_number', 'user.insurance.policy_number', 'user.signature', 'user.physical_characteristics',
  'user.demographic.age', 'user.demographic.date_of_birth', 'user.demographic.gender', 'user.demographic.marital_status',
  'user.demographic.veteran_status', 'user.demographic.race_ethnicity', 'user.demographic.religious_beliefs',
  'user.demographic.sexual_orientation', 'user.demographic.citizenship_status', 'user.demographic.union_membership',
  'user.behavior.purchase_history', 'user.commercial.cart', 'user.financial.transaction',
  'user.biometric', 'user.biometric.fingerprint', 'user.biometric.face',
  'user.behavior.browsing_history', 'user.behavior.search_history', 'user.behavior.interaction', 'user.device.user_agent',
  'user.location.precise', 'user.location.imprecise', 'user.sensory.audio', 'user.sensory.photo', 'user.sensory.video',
  'user.professional.employer', 'user.professional.job_title', 'user.education.records', 'user.inferences.profile', 'user.inferences.segment',
  'user.government_id', 'user.government_id.ssn', 'user.government_id.drivers_license', 'user.government_id.passport',
  'user.authentication.credentials', 'user.health_and_medical', 'user.genetic', 'user.neural', 'user.content.private',
];

describe('built-in categories', () => {
  it('has every canonical key, at least 40 in all, each with a description and fields', () => {
    for (const key of CANONICAL_KEYS) expect(taxonomy.categories.has(key), key).toBe(true);
    expect(taxonomy.categories.size).toBeGreaterThanOrEqual(40);
    for (const def of BUILTIN_CATEGORIES) {
      expect(def.description.length, def.key).toBeGreaterThan(10);
      expect(def.fields.length, def.key).toBeGreaterThan(0);
    }
  });

  it('covers all eleven statutory categories and sensitive', () => {
    const used = new Set(BUILTIN_CATEGORIES.map((c) => c.ccpa));
    expect([...used].sort()).toEqual([...STATUTORY_CATEGORIES].sort());
  });

  it('marks every §1798.140(ae) kind sensitive and the ordinary ones not', () => {
    const sensitive = [
      'user.government_id.ssn', 'user.government_id.drivers_license', 'user.government_id.passport', 'user.authentication.credentials',
      'user.financial.card_number.security_code', 'user.location.precise', 'user.demographic.race_ethnicity', 'user.demographic.religious_beliefs',
      'user.demographic.union_membership', 'user.demographic.citizenship_status', 'user.content.private', 'user.genetic', 'user.neural',
      'user.biometric.face', 'user.health_and_medical', 'user.demographic.sexual_orientation', 'user.demographic.sex_life',
    ];
    for (const key of sensitive) expect(taxonomy.isSensitive(key), key).toBe(true);
    for (const key of ['user.contact.email', 'user.location.imprecise', 'user.demographic.age', 'user.financial.card_number']) expect(taxonomy.isSensitive(key), key).toBe(false);
  });

  it('gives no two categories the same field name', () => {
    const owner = new Map<string, string>();
    for (const def of BUILTIN_CATEGORIES) {
      for (const field of def.fields) {
        if (field.startsWith('/')) continue;
        const name = normalizeFieldName(field);
        const earlier = owner.get(name);
        expect(earlier === undefined || earlier === def.key, `${field}: ${earlier} and ${def.key}`).toBe(true);
        owner.set(name, def.key);
      }
    }
  });
});

describe('categoryForField', () => {
  const cases: [string, string | undefined][] = [
    ['email', 'user.contact.email'],
    ['emailAddress', 'user.contact.email'],
    ['email_address', 'user.contact.email'],
    ['EMAIL', 'user.contact.email'],
    ['EMAIL-ADDRESS', 'user.contact.email'],
    ['user_email', 'user.contact.email'],
    ['billingEmail', 'user.contact.email'],
    ['hashedEmail', 'user.contact.email'],
    ['email_sha256', 'user.contact.email'],
    ['$email', 'user.contact.email'],
    ['$name', 'user.name'],
    ['em', 'user.contact.email'],
    ['ph', 'user.contact.phone_number'],
    ['setEmails', 'user.contact.email'],
    ['setClientIpAddress', 'user.device.ip_address'],
    ['setEmailTemplate', undefined],
    ['phone', 'user.contact.phone_number'],
    ['customerPhone', 'user.contact.phone_number'],
    ['ip', 'user.device.ip_address'],
    ['ipAddress', 'user.device.ip_address'],
    ['userIP', 'user.device.ip_address'],
    ['client_ip_address', 'user.device.ip_address'],
    ['userId', 'user.unique_id'],
    ['user_id', 'user.unique_id'],
    ['customerId', 'user.unique_id'],
    ['distinct_id', 'user.unique_id'],
    ['distinctId', 'user.unique_id'],
    ['anonymousId', 'user.unique_id'],
    ['fullName', 'user.name'],
    ['firstName', 'user.name'],
    ['last_name', 'user.name'],
    ['username', 'user.account.username'],
    ['userAgent', 'user.device.user_agent'],
    ['fbp', 'user.device.cookie_id'],
    ['idfa', 'user.device.advertising_id'],
    ['shippingAddress', 'user.contact.address'],
    ['zipCode', 'user.contact.address.postal_code'],
    ['dateOfBirth', 'user.demographic.date_of_birth'],
    ['latitude', 'user.location.precise'],
    ['ssn', 'user.government_id.ssn'],
    ['newPassword', 'user.authentication.credentials'],
    ['diagnosis', 'user.health_and_medical'],
    ['pageUrl', 'user.behavior.browsing_history'],
    ['searchQuery', 'user.behavior.search_history'],
    ['jobTitle', 'user.professional.job_title'],
    ['cvv', 'user.financial.card_number.security_code'],
    // Exclusions: flags, settings and templates named after a field.
    ['emailVerified', undefined],
    ['isEmail', undefined],
    ['emailTemplate', undefined],
    ['emailSubject', undefined],
    ['customerEmailVerified', undefined],
    ['ipAllowlist', undefined],
    ['ipVersion', undefined],
    ['passwordReset', undefined],
    ['maxAge', undefined],
    ['supportEmail', undefined],
    // Too generic on their own: deliberately not personal information.
    ['id', undefined],
    ['name', undefined],
    ['setName', undefined],
    ['value', undefined],
    ['type', undefined],
    ['url', undefined],
    ['title', undefined],
    ['content', undefined],
    ['accountId', undefined],
    ['location', undefined],
    ['signature', undefined],
    ['fingerprint', undefined],
    ['segment', undefined],
    ['transaction', undefined],
    ['coordinates', undefined],
    ['messageText', undefined],
    ['', undefined],
  ];
  for (const [name, expected] of cases) {
    it(`${JSON.stringify(name)} -> ${expected ?? 'none'}`, () => {
      expect(taxonomy.categoryForField(name)).toBe(expected);
    });
  }

  it('answers the same the second time (memoised)', () => {
    expect(taxonomy.categoryForField('billingEmail')).toBe('user.contact.email');
    expect(taxonomy.categoryForField('billingEmail')).toBe('user.contact.email');
  });

  it('is fast: 200,000 lookups of mixed names well under a second', () => {
    const names = ['email', 'eventName', 'properties', 'userId', 'timestamp', 'page_url', 'xyz123', 'billingEmailVerified'];
    const start = performance.now();
    for (let i = 0; i < 200_000; i++) taxonomy.categoryForField(names[i % names.length]!);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('custom categories', () => {
  const loyalty: CustomCategory = {
    id: 'user.loyalty.member_id',
    ccpa: 'identifiers',
    sensitive: false,
    fields: ['loyaltyId', '/^member_?no$/i'],
    loc: { file: 'datamap.yaml', line: 3, column: 5 },
    path: 'categories[0]',
  };
  const custom = createTaxonomy([loyalty]);

  it('adds the category with its statutory class and fields, exact and regex', () => {
    expect(custom.isCategory('user.loyalty.member_id')).toBe(true);
    expect(custom.isCategory('user.loyalty')).toBe(true);
    expect(custom.statutoryOf('user.loyalty.member_id')).toBe('identifiers');
    expect(custom.categoryForField('loyalty_id')).toBe('user.loyalty.member_id');
    expect(custom.categoryForField('MEMBER_NO')).toBe('user.loyalty.member_id');
    expect(custom.categoryForField('memberno')).toBe('user.loyalty.member_id');
    expect(custom.disclosureCovers('identifiers', 'user.loyalty.member_id')).toBe(true);
  });

  it('lets a map claim a name the built-ins leave alone, and outrank a built-in field', () => {
    const claimed = createTaxonomy([{ ...loyalty, id: 'user.membership.tier', ccpa: 'inferences', fields: ['accountId', 'memberId'] }]);
    expect(claimed.categoryForField('accountId')).toBe('user.membership.tier');
    expect(claimed.categoryForField('memberId')).toBe('user.membership.tier');
    expect(taxonomy.categoryForField('memberId')).toBe('user.unique_id');
  });

  it('treats a custom category of statutory class sensitive as sensitive', () => {
    const health = createTaxonomy([{ ...loyalty, id: 'user.health_and_medical.cycle', ccpa: 'sensitive', sensitive: false, fields: ['cycleDay'] }]);
    expect(health.isSensitive('user.health_and_medical.cycle')).toBe(true);
    expect(health.disclosureCovers('sensitive', 'user.health_and_medical.cycle')).toBe(true);
    expect(health.categoryForField('cycle_day')).toBe('user.health_and_medical.cycle');
  });

  it('does not leak into other taxonomies', () => {
    expect(taxonomy.isCategory('user.loyalty.member_id')).toBe(false);
    expect(taxonomy.categoryForField('loyaltyId')).toBeUndefined();
  });
});

describe('coverage', () => {
  it('a key covers itself and its children, not its siblings or parents', () => {
    expect(taxonomy.covers('user.biometric', 'user.biometric.face')).toBe(true);
    expect(taxonomy.covers('user.biometric', 'user.biometric')).toBe(true);
    expect(taxonomy.covers('user.biometric.face', 'user.biometric')).toBe(false);
    expect(taxonomy.covers('user.contact', 'user.contactless')).toBe(false);
  });

  it('a statutory name covers every key that maps to it', () => {
    expect(taxonomy.disclosureCovers('identifiers', 'user.contact.email')).toBe(true);
    expect(taxonomy.disclosureCovers('identifiers', 'user.device.cookie_id')).toBe(true);
    expect(taxonomy.disclosureCovers('identifiers', 'user.contact')).toBe(true);
    expect(taxonomy.disclosureCovers('internet_activity', 'user.behavior.browsing_history')).toBe(true);
    expect(taxonomy.disclosureCovers('internet_activity', 'user.behavior.purchase_history')).toBe(false);
    expect(taxonomy.disclosureCovers('protected_classifications', 'user.demographic.race_ethnicity')).toBe(true);
    expect(taxonomy.disclosureCovers('commercial', 'user.contact.email')).toBe(false);
  });

  it('"sensitive" covers every sensitive key and nothing else', () => {
    expect(taxonomy.disclosureCovers('sensitive', 'user.government_id.ssn')).toBe(true);
    expect(taxonomy.disclosureCovers('sensitive', 'user.location.precise')).toBe(true);
    expect(taxonomy.disclosureCovers('sensitive', 'user.demographic.race_ethnicity')).toBe(true);
    expect(taxonomy.disclosureCovers('sensitive', 'user.location.imprecise')).toBe(false);
    expect(taxonomy.disclosureCovers('sensitive', 'user.location')).toBe(false);
  });

  it('a key in a notice covers its children', () => {
    expect(taxonomy.disclosureCovers('user.government_id', 'user.government_id.passport')).toBe(true);
    expect(taxonomy.disclosureCovers('user.government_id.passport', 'user.government_id')).toBe(false);
  });

  it('statutoryOf walks to the nearest defined ancestor, or agrees across descendants', () => {
    expect(taxonomy.statutoryOf('user.biometric.face')).toBe('biometric');
    expect(taxonomy.statutoryOf('user.contact')).toBe('identifiers');
    expect(taxonomy.statutoryOf('user.location')).toBe('geolocation');
    expect(taxonomy.statutoryOf('user')).toBeUndefined();
    expect(taxonomy.statutoryOf('user.unknown')).toBeUndefined();
  });

  it('knows keys and their ancestor prefixes, not unknown children', () => {
    expect(taxonomy.isCategory('user.contact.email')).toBe(true);
    expect(taxonomy.isCategory('user.contact')).toBe(true);
    expect(taxonomy.isCategory('user.contact.emial')).toBe(false);
    expect(taxonomy.isCategory('identifiers')).toBe(false);
  });
});

describe('purposes', () => {
  it('has the fifteen canonical purposes; only cross-context advertising is cross-context', () => {
    expect([...taxonomy.purposes.keys()].sort()).toEqual(
      [
        'advertising.cross_context', 'advertising.first_party', 'advertising.contextual', 'analytics', 'personalization', 'payments',
        'communications.transactional', 'marketing.email', 'customer_support', 'security', 'debugging', 'storage', 'ai.inference',
        'ai.training', 'data_brokering',
      ].sort(),
    );
    expect([...taxonomy.purposes.values()].filter((p) => p.crossContext).map((p) => p.key)).toEqual(['advertising.cross_context']);
  });

  it('resolves fideslang data-use aliases', () => {
    const resolved: [string, string][] = [
      ['marketing.advertising.third_party.targeted', 'advertising.cross_context'],
      ['third_party_sharing.personalized_advertising', 'advertising.cross_context'],
      ['marketing.advertising.first_party.contextual', 'advertising.contextual'],
      ['marketing.advertising.first_party.targeted', 'advertising.first_party'],
      ['analytics.reporting', 'analytics'],
      ['functional.service.improve', 'analytics'],
      ['essential.service.payment_processing', 'payments'],
      ['essential.service.security', 'security'],
      ['functional.storage', 'storage'],
      ['marketing.communications.email', 'marketing.email'],
      ['train_ai_system', 'ai.training'],
      ['analytics', 'analytics'],
    ];
    for (const [alias, key] of resolved) expect(taxonomy.purpose(alias)?.key, alias).toBe(key);
  });

  it('does not guess at ambiguous or unknown keys', () => {
    expect(taxonomy.purpose('marketing.advertising')).toBeUndefined();
    expect(taxonomy.purpose('marketing')).toBeUndefined();
    expect(taxonomy.purpose('advertising')).toBeUndefined();
  });
});
