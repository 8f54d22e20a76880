import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { dataMapSchema, rawSchemaErrors } from '../../src/data-map/schema.js';
import { GENERATED_FILE, generateDataMapValidator } from '../../scripts/generate-datamap-validator.mjs';

const repo = resolve(import.meta.dirname, '../..');
const schema = dataMapSchema();

/** Errors as `instancePath keyword`, e.g. `/vendors/0/role enum`. */
function errorsOf(data: unknown): string[] {
  return rawSchemaErrors(data).map((e) => `${e.instancePath} ${e.keyword}`);
}

const valid = (section: Record<string, unknown>) => errorsOf({ version: 1, ...section });

describe('the data-map JSON Schema', () => {
  it('is what the generated validator was compiled from (npm run build regenerates it)', () => {
    const upToDate = readFileSync(GENERATED_FILE, 'utf8') === generateDataMapValidator();
    expect(upToDate, 'src/data-map/datamap-validator.generated.ts is older than the schema: run npm run build').toBe(true);
  });

  it('is draft 2020-12 and describes every property', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const undocumented: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const properties = (node as { properties?: Record<string, unknown> }).properties;
      for (const [name, child] of Object.entries(properties ?? {})) {
        if (typeof (child as { description?: unknown }).description !== 'string') undocumented.push(`${path}.${name}`);
        walk(child, `${path}.${name}`);
      }
      walk((node as { items?: unknown }).items, `${path}[]`);
    };
    walk(schema, '');
    expect(undocumented).toEqual([]);
  });

  it('accepts the full example map', () => {
    expect(errorsOf(parse(readFileSync(resolve(repo, 'fixtures/maps/valid-full.yaml'), 'utf8')))).toEqual([]);
  });

  it('top level: version must be 1 and unknown sections are typos', () => {
    expect(errorsOf({ version: 2 })).toEqual(['/version const']);
    expect(errorsOf({ version: 1, vendor: [] })).toEqual([' additionalProperties']);
    expect(errorsOf({ version: 1, $schema: './schemas/datamap.schema.json' })).toEqual([]);
  });

  it('business: name required, jurisdictions as state codes, minors enum', () => {
    expect(valid({ business: { name: 'Acme', jurisdictions: ['CA', 'VA'], minors: 'under_16' } })).toEqual([]);
    expect(valid({ business: { jurisdictions: ['california'], minors: 'kids' } })).toEqual(['/business required', '/business/jurisdictions/0 pattern', '/business/minors enum']);
  });

  it('scan: exclude and include lists only', () => {
    expect(valid({ scan: { exclude: ['**/legacy/**'], include: ['scripts/**'] } })).toEqual([]);
    expect(valid({ scan: { excludes: [] } })).toEqual(['/scan additionalProperties']);
  });

  it('categories: dot-key id, statutory ccpa, fields', () => {
    expect(valid({ categories: [{ id: 'user.loyalty.member_id', ccpa: 'identifiers', sensitive: false, fields: ['loyaltyId'] }] })).toEqual([]);
    expect(valid({ categories: [{ id: 'Loyalty ID', ccpa: 'ids' }] })).toEqual(['/categories/0/id pattern', '/categories/0/ccpa enum']);
  });

  it('systems: id, paths, collects, retention durations, deletion, notices', () => {
    expect(
      valid({
        systems: [{ id: 'storefront', name: 'Web', paths: ['apps/web/**'], collects: ['user.contact.email'], retention: { default: 'P2Y', 'user.contact.email': 'PT12H' }, deletion: { handler: 'a.ts#f' }, notices: ['pp'] }],
      }),
    ).toEqual([]);
    expect(valid({ systems: [{ id: 'web', retention: { default: '2y', x: 'P', y: 'PT', z: 'P1Y2M3W4DT5H6M7S' } }] })).toEqual([
      '/systems/0/retention/default pattern',
      '/systems/0/retention/x pattern',
      '/systems/0/retention/y pattern',
    ]);
    expect(valid({ systems: [{ name: 'no id', deletion: { handle: 'x' } }] })).toEqual(['/systems/0 required', '/systems/0/deletion additionalProperties']);
  });

  it('vendors: role required and enumerated, contract terms, detect, deletion methods', () => {
    expect(
      valid({
        vendors: [
          {
            id: 'sendgrid',
            role: 'contractor',
            catalog: 'sendgrid',
            contract: { restricts_sale_and_sharing: true, restricts_purposes: true, prohibits_combining: true, certification: true, purposes: ['email'], reviewed: '2026-01-15' },
            trains_on_data: false,
            detect: { packages: ['@sendgrid/mail'], hosts: ['api.sendgrid.com'], globals: [] },
            deletion: { method: 'api', call: 'client.delete' },
          },
        ],
      }),
    ).toEqual([]);
    expect(valid({ vendors: [{ id: 'x', role: 'partner', contract: { reviewed: 'last year', signed: true }, deletion: { method: 'email' } }] })).toEqual([
      '/vendors/0/role enum',
      '/vendors/0/contract additionalProperties',
      '/vendors/0/contract/reviewed format',
      '/vendors/0/deletion/method enum',
    ]);
    expect(valid({ vendors: [{ id: 'x', role: 'third_party', deletion: {} }] })).toEqual(['/vendors/0/deletion required']);
  });

  it('flows: from, to and categories required; consideration enum; boolean flags', () => {
    expect(valid({ flows: [{ from: 'a', to: 'b', categories: ['user.contact.email'], purposes: ['analytics'], consideration: 'other', consumer_directed: true, deidentified: false }] })).toEqual([]);
    expect(valid({ flows: [{ from: 'a', categories: [], consideration: 'paid', deidentified: 'yes' }] })).toEqual([
      '/flows/0 required',
      '/flows/0/categories minItems',
      '/flows/0/consideration enum',
      '/flows/0/deidentified type',
    ]);
  });

  it('opt_out: mechanism types and guards', () => {
    expect(
      valid({
        opt_out: {
          mechanisms: [
            { id: 'dnss', type: 'link', url: 'https://acme.example/dns' },
            { id: 'gpc', type: 'gpc', frictionless: true },
            { id: 'limit', type: 'limit_link' },
            { id: 'choices', type: 'alternative_link' },
          ],
          guards: [{ call: 'canSellData' }, { read: 'user.doNotSell', means: 'opted_out' }],
        },
      }),
    ).toEqual([]);
    expect(valid({ opt_out: { mechanisms: [{ id: 'x', type: 'banner', url: 'not a url' }], guards: [{ call: 'f', means: 'maybe' }] } })).toEqual([
      '/opt_out/mechanisms/0/type enum',
      '/opt_out/mechanisms/0/url format',
      '/opt_out/guards/0/means enum',
    ]);
  });

  it('notices: type enum, date, discloses lists, links', () => {
    expect(
      valid({
        notices: [
          {
            id: 'pp',
            type: 'privacy_policy',
            url: 'https://acme.example/privacy',
            updated: '2026-02-01',
            discloses: { collected: ['identifiers'], sold: [], shared: ['user.device.cookie_id'], purposes: ['analytics'], third_parties: ['ad networks'], retention: true },
            links: ['dnss'],
          },
        ],
      }),
    ).toEqual([]);
    expect(valid({ notices: [{ id: 'pp', type: 'policy', updated: '2026-13-01', discloses: { sold: 'identifiers', retention: 'yes' } }] })).toEqual([
      '/notices/0/type enum',
      '/notices/0/updated format',
      '/notices/0/discloses/sold type',
      '/notices/0/discloses/retention type',
    ]);
  });
});
