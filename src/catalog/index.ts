/**
 * The built-in vendor catalogue (SPEC section 5): one JSON file per vendor in `src/catalog/vendors/`,
 * checked against `schemas/vendor.schema.json` and a few rules a schema cannot state.
 *
 * The shipped files are checked by the test suite (test/catalog/shipped-catalog.test.ts validates every
 * one), not at every run: `loadCatalog` only parses them. Any other catalogue directory is validated as
 * it is read, and ajv is loaded only then.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { packageRoot } from '../package-root.js';
import type { Catalog, CatalogEntry } from './types.js';

export const VENDORS_DIR: string = join(packageRoot, 'src', 'catalog', 'vendors');
const SCHEMA_FILE = join(packageRoot, 'schemas', 'vendor.schema.json');

/** What each `$defs` entry is called in a problem message. */
const SYNTAX_NAMES: Record<string, string> = {
  callPattern: 'call pattern: dotted names, `*` or `**` segments, an optional first-argument filter such as fbq(\'track\')',
  host: "hostname: lowercase labels, `*` for one whole label, no scheme or path",
  categories: 'category key: a dot-key starting with `user`',
};

let compiled: ValidateFunction | undefined;
let cached: Catalog | undefined;

function schemaValidator(): ValidateFunction {
  if (!compiled) {
    const { Ajv2020 } = createRequire(import.meta.url)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
    compiled = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
  }
  return compiled;
}

/** `/packages/0/transmits/2` -> `packages[0].transmits[2]`. */
function readablePath(instancePath: string): string {
  const path = instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('');
  return path.startsWith('.') ? path.slice(1) : path || '(entry)';
}

function valueAt(data: unknown, instancePath: string): unknown {
  let value: unknown = data;
  for (const part of instancePath.split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function describeSchemaError(error: ErrorObject, data: unknown): string {
  const where = readablePath(error.instancePath);
  const definition = /#\/\$defs\/(\w+)\//.exec(error.schemaPath)?.[1];
  const value = JSON.stringify(valueAt(data, error.instancePath));
  switch (error.keyword) {
    case 'required':
      return `${where}: missing required property "${String(error.params.missingProperty)}"`;
    case 'additionalProperties':
      return `${where}: unknown property "${String(error.params.additionalProperty)}"`;
    case 'enum':
      return `${where}: ${value} is not one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      return `${where}: ${value} is not a valid ${(definition && SYNTAX_NAMES[definition]) ?? (where.endsWith('id') ? 'kebab-case id' : `value (${error.message ?? 'bad pattern'})`)}`;
    case 'not':
      return `${where}: ${value} names no segment: a pattern of only \`*\`/\`**\` would match every call`;
    default:
      return `${where}: ${error.message ?? 'is invalid'}`;
  }
}

/** The first segment of a pattern (`fbq('track')` -> `fbq`, `analytics.track` -> `analytics`). */
function firstSegment(pattern: string): string {
  return pattern.split(/[.(]/, 1)[0] ?? '';
}

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

/** Rules the schema cannot express; only run on schema-valid data. */
function semanticProblems(entry: CatalogEntry, fileName: string): string[] {
  const problems: string[] = [];
  const expectedId = basename(fileName).replace(/\.json$/, '');
  if (entry.id !== expectedId) problems.push(`id: "${entry.id}" differs from the file name "${expectedId}.json"`);
  for (const name of duplicates(entry.packages.map((p) => p.name))) problems.push(`packages: "${name}" is listed twice`);
  for (const name of duplicates(entry.globals.map((g) => g.name))) problems.push(`globals: "${name}" is listed twice`);
  entry.globals.forEach((global, index) => {
    for (const pattern of global.transmits) {
      if (firstSegment(pattern) !== global.name) {
        problems.push(`globals[${index}].transmits: "${pattern}" must start with the global's name "${global.name}"`);
      }
    }
  });
  return problems;
}

/**
 * Check one catalogue entry. Returns problems, each naming the file and the place in it; empty when valid.
 */
export function validateCatalogEntry(data: unknown, fileName: string): string[] {
  const validate = schemaValidator();
  const problems = validate(data)
    ? semanticProblems(data as CatalogEntry, fileName)
    : (validate.errors ?? []).map((error) => describeSchemaError(error, data));
  return [...new Set(problems)].map((problem) => `${fileName}: ${problem}`);
}

/**
 * Read every `*.json` in `directory`, sorted by file name; with `validate`, check each entry first. Throws
 * an Error naming the file on JSON that does not parse, an invalid entry, or an id defined twice.
 */
function readEntries(directory: string, validate: boolean): Catalog {
  const files = readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort();
  const entries: CatalogEntry[] = [];
  for (const file of files) {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(join(directory, file), 'utf8'));
    } catch (error) {
      throw new Error(`vendor catalogue entry ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    const problems = validate ? validateCatalogEntry(data, file) : [];
    if (problems.length > 0) throw new Error(`invalid vendor catalogue entry ${file}:\n  ${problems.join('\n  ')}`);
    entries.push(data as CatalogEntry);
  }
  const byId = new Map<string, CatalogEntry>();
  for (const entry of entries) {
    if (byId.has(entry.id)) throw new Error(`vendor catalogue: id "${entry.id}" is defined twice`);
    byId.set(entry.id, entry);
  }
  return { entries, byId };
}

/** Read and validate every `*.json` in `directory`. Throws an Error naming the file on a malformed entry. */
export function readCatalogDirectory(directory: string): Catalog {
  return readEntries(directory, true);
}

/**
 * The built-in catalogue from `src/catalog/vendors/*.json`, read once per process and then cached. Its
 * files are validated by the test suite rather than here (see the top of this file).
 */
export function loadCatalog(): Catalog {
  cached ??= readEntries(VENDORS_DIR, false);
  return cached;
}
