import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { AuditReport } from '../../src/report/types.js';

export type FixtureName = 'storefront' | 'hostile' | 'clean';

/** A fresh copy of a hand-made report fixture (test/report/fixtures/<name>.json). */
export function loadFixture(name: FixtureName): AuditReport {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`./fixtures/${name}.json`, import.meta.url)), 'utf8')) as AuditReport;
}

export function readRepoFile(path: string): string {
  return readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
}

/** An ajv validator for a draft 2020-12 schema file of the repository. */
export function validatorFor(schemaPath: string): (data: unknown) => string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readRepoFile(schemaPath)) as object);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`));
}

/** The strings from code or the map in the hostile fixture, each of which must arrive inert. */
export const HOSTILE = {
  xss: '<img src=x onerror="window.__pwned=1">',
  scriptVendor: '</details><script>window.__pwned=1</script>',
  ansiIntroducer: '\u001b',
};

/** The fenced Mermaid block of a markdown report. */
export function mermaidBlock(text: string): string {
  const match = /```mermaid\n([\s\S]*?)\n```/.exec(text);
  if (!match) throw new Error('no mermaid block');
  return match[1]!;
}
