import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataMap } from '../../src/data-map/load.js';
import type { MapProblem } from '../../src/data-map/types.js';

const repo = resolve(import.meta.dirname, '../..');

function problemsOf(fixture: string, catalogIds: ReadonlySet<string> = new Set()): MapProblem[] {
  const result = loadDataMap({ map: `fixtures/maps/${fixture}`, root: repo, cwd: repo, catalogIds });
  if (result.ok) throw new Error(`expected ${fixture} to be invalid`);
  return result.problems;
}

/** file:line:column path: message (suggestion) — the way a reader sees a problem. */
function shown(p: MapProblem): string {
  return `${p.file.replace('fixtures/maps/', '')}:${p.line}:${p.column} ${p.path}: ${p.message}${p.suggestion ? ` (${p.suggestion})` : ''}`;
}

describe('semantic checks', () => {
  it('a misspelled vendor id in a flow names file, line, column, path and suggestion', () => {
    expect(problemsOf('misspelled-vendor.yaml')).toEqual([
      {
        severity: 'error',
        file: 'fixtures/maps/misspelled-vendor.yaml',
        line: 9,
        column: 9,
        path: 'flows[0].to',
        message: 'unknown vendor or system "meta-pixle"; declared: storefront, meta-pixel',
        suggestion: 'did you mean "meta-pixel"?',
      },
    ]);
  });

  it('a map with five different errors lists all five', () => {
    expect(problemsOf('five-errors.yaml').map(shown)).toEqual([
      'five-errors.yaml:4:27 systems[0].retention.default: "2 years" is not an ISO-8601 duration; use e.g. P90D, P6M, P2Y or PT12H',
      'five-errors.yaml:6:5 vendors[0]: missing required property "role"',
      'five-errors.yaml:11:9 flows[0].to: unknown vendor or system "meta-pixle"; declared: storefront, meta-pixel, stripe (did you mean "meta-pixel"?)',
      'five-errors.yaml:12:18 flows[0].categories[0]: unknown data category "user.contact.emial"; use a built-in key (listed in docs/data-map.md) or declare it under categories (did you mean "user.contact.email"?)',
      expect.stringMatching(/^five-errors\.yaml:13:16 flows\[0\]\.purposes\[0\]: unknown purpose "analytcs"; use one of: advertising\.cross_context, .*data_brokering \(or a fideslang data-use alias\) \(did you mean "analytics"\?\)$/),
    ]);
  });

  const single: [string, string][] = [
    ['unknown-flow-from.yaml', 'unknown-flow-from.yaml:8:11 flows[0].from: unknown system "storefrnt"; declared systems: storefront (did you mean "storefront"?)'],
    ['flow-from-vendor.yaml', 'flow-from-vendor.yaml:8:11 flows[0].from: "meta-pixel" is a vendor; a flow\'s "from" must be one of the business\'s systems: storefront'],
    ['unknown-flow-category.yaml', 'unknown-flow-category.yaml:10:18 flows[0].categories[0]: unknown data category "user.contact.emial"; use a built-in key (listed in docs/data-map.md) or declare it under categories (did you mean "user.contact.email"?)'],
    ['statutory-name-in-flow.yaml', 'statutory-name-in-flow.yaml:10:18 flows[0].categories[0]: "identifiers" is a statutory category name, allowed only in a notice\'s discloses; here use category keys such as user.contact.email'],
    ['unknown-collects-category.yaml', 'unknown-collects-category.yaml:4:36 systems[0].collects[1]: unknown data category "user.device.ip_adress"; use a built-in key (listed in docs/data-map.md) or declare it under categories (did you mean "user.device.ip_address"?)'],
    ['unknown-retention-category.yaml', 'unknown-retention-category.yaml:4:32 systems[0].retention["user.behaviour.browsing_history"]: unknown data category "user.behaviour.browsing_history"; use a built-in key (listed in docs/data-map.md) or declare it under categories (did you mean "user.behavior.browsing_history"?)'],
    ['invalid-duration.yaml', 'invalid-duration.yaml:4:27 systems[0].retention.default: "90 days" is not an ISO-8601 duration; use e.g. P90D, P6M, P2Y or PT12H'],
    ['invalid-date.yaml', 'invalid-date.yaml:5:14 notices[0].updated: "2026-02-30" is not a valid date; use YYYY-MM-DD, e.g. 2026-01-15'],
    ['unknown-system-notice.yaml', 'unknown-system-notice.yaml:4:15 systems[0].notices[0]: unknown notice "privacy-polcy"; declared notices: privacy-policy (did you mean "privacy-policy"?)'],
    ['unknown-notice-link.yaml', 'unknown-notice-link.yaml:8:13 notices[0].links[0]: unknown mechanism "dns-link"; declared mechanisms: dnss-link (did you mean "dnss-link"?)'],
    ['duplicate-vendor-id.yaml', 'duplicate-vendor-id.yaml:5:9 vendors[1].id: duplicate vendor id "stripe": already defined at fixtures/maps/duplicate-vendor-id.yaml:3:9; ids must be unique within vendors'],
    ['system-and-vendor-same-id.yaml', 'system-and-vendor-same-id.yaml:5:9 vendors[0].id: "crm" is both a system (fixtures/maps/system-and-vendor-same-id.yaml:3:9) and a vendor; a flow\'s "to" would be ambiguous, so give them different ids'],
    ['guard-without-call-or-read.yaml', 'guard-without-call-or-read.yaml:4:7 opt_out.guards[0]: a guard needs "call" (a function such as canSellData) or "read" (a property such as user.doNotSell)'],
    ['guard-with-call-and-read.yaml', 'guard-with-call-and-read.yaml:4:7 opt_out.guards[0]: a guard has either "call" or "read", not both; write two guards'],
    ['api-deletion-without-call.yaml', 'api-deletion-without-call.yaml:6:7 vendors[0].deletion: method "api" needs "call": the vendor method a deletion handler must reach, e.g. client.deletePerson'],
    ['exempt-deletion-without-reason.yaml', 'exempt-deletion-without-reason.yaml:6:7 vendors[0].deletion: method "exempt" needs "reason": the §1798.105(d) exception that applies'],
    ['bad-deletion-handler.yaml', 'bad-deletion-handler.yaml:5:16 systems[0].deletion.handler: "apps/web/src/privacy/erase.ts" is not of the form file#function, e.g. apps/web/src/privacy/erase.ts#eraseUser'],
    ['handler-and-exempt.yaml', 'handler-and-exempt.yaml:5:7 systems[0].deletion: give either "handler" (the deletion entry point) or "exempt" (a documented §1798.105(d) exception), not both'],
    ['missing-version.yaml', 'missing-version.yaml:1:1 : missing "version: 1" (the data-map format version)'],
    ['bad-role.yaml', 'bad-role.yaml:4:11 vendors[0].role: "service-provider" is not allowed; use one of: third_party, service_provider, contractor (did you mean "service_provider"?)'],
    ['invalid-custom-regex.yaml', 'invalid-custom-regex.yaml:5:14 categories[0].fields[0]: "/member(_no/" is not a valid regular expression; write /pattern/flags'],
  ];
  for (const [fixture, expected] of single) {
    it(fixture.replace('.yaml', '').replaceAll('-', ' '), () => {
      expect(problemsOf(fixture).map(shown)).toEqual([expected]);
    });
  }

  it('a misspelled property is unknown, and the property it misses is missing', () => {
    expect(problemsOf('unknown-property.yaml').map(shown)).toEqual([
      'unknown-property.yaml:3:5 vendors[0]: missing required property "role"',
      'unknown-property.yaml:4:5 vendors[0].rol: unknown property "rol"; allowed: id, name, description, catalog, role, contract, trains_on_data, detect, deletion (did you mean "role"?)',
    ]);
  });

  it('unknown purpose with a suggestion among keys and fideslang aliases', () => {
    const [problem] = problemsOf('unknown-purpose.yaml');
    expect(problem).toMatchObject({ line: 11, column: 16, path: 'flows[0].purposes[0]', suggestion: 'did you mean "advertising.cross_context"?' });
  });

  it('notice discloses accept statutory names but not misspelled ones', () => {
    expect(problemsOf('unknown-notice-category.yaml').map(shown)).toEqual([
      'unknown-notice-category.yaml:7:14 notices[0].discloses.sold[0]: unknown data category "identifers"; use a built-in key (listed in docs/data-map.md), a statutory category name or declare it under categories (did you mean "identifiers"?)',
    ]);
  });

  it('a vendor catalog must name a catalogue entry (checked against the catalogue given)', () => {
    expect(problemsOf('unknown-catalog.yaml', new Set(['meta-pixel', 'stripe'])).map(shown)).toEqual([
      'unknown-catalog.yaml:5:14 vendors[0].catalog: "meta-pixle" is not a built-in catalogue entry; remove "catalog" and describe the vendor under "detect", or use a catalogue id (did you mean "meta-pixel"?)',
    ]);
  });

  it('checks a vendor catalog against the built-in catalogue by default', () => {
    const result = loadDataMap({ map: 'fixtures/maps/unknown-catalog.yaml', root: repo, cwd: repo });
    expect(result.ok ? [] : result.problems.map((p) => [p.path, p.suggestion])).toEqual([['vendors[0].catalog', 'did you mean "meta-pixel"?']]);
  });

  it('warns about a vendor that neither the catalogue nor detect can find in code', () => {
    const result = loadDataMap({ map: 'fixtures/maps/undetectable-vendor.yaml', root: repo, cwd: repo, catalogIds: new Set(['google-analytics', 'meta-pixel']) });
    expect(result.ok ? result.warnings.map(shown) : []).toEqual([
      'undetectable-vendor.yaml:3:9 vendors[0].id: vendor "google-analytic" is no catalogue entry and has no "detect": flowaudit cannot find its calls in code; add "catalog: <entry>" or "detect" (did you mean catalog "google-analytics"?)',
    ]);
  });

  it('skips the catalog check while there is no catalogue', () => {
    const result = loadDataMap({ map: 'fixtures/maps/unknown-catalog.yaml', root: repo, cwd: repo, catalogIds: new Set() });
    expect(result.ok).toBe(true);
  });

  it('warns, without failing, about fields that mean nothing where they stand', () => {
    const result = loadDataMap({ map: 'fixtures/maps/misplaced-fields.yaml', root: repo, cwd: repo, catalogIds: new Set() });
    expect(result.ok).toBe(true);
    expect(result.ok ? result.warnings.map(shown) : []).toEqual([
      'misplaced-fields.yaml:9:7 vendors[0].deletion.call: "call" is used only with method "api"; this vendor\'s method is "manual"',
      'misplaced-fields.yaml:6:7 vendors[0].contract.certification: "certification" applies to contractors (§1798.140(j)); this vendor\'s role is "service_provider"',
      'misplaced-fields.yaml:12:36 opt_out.mechanisms[0].frictionless: "frictionless" describes how a gpc mechanism is honoured (§1798.135(b)); it has no meaning for type "link"',
    ]);
    expect(result.ok && result.warnings.every((w) => w.severity === 'warning')).toBe(true);
  });

  it('never puts a line break in a message', () => {
    for (const [fixture] of single) for (const p of problemsOf(fixture)) expect(p.message).not.toMatch(/\n/);
  });
});
