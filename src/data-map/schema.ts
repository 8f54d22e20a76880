/**
 * Validation against `schemas/datamap.schema.json` (draft 2020-12, ajv) and the translation of ajv
 * errors into located problems a person can act on: which property is unknown or missing, what values
 * are allowed, and the nearest valid one.
 *
 * The schema is compiled at build time (scripts/generate-datamap-validator.mjs, ajv standalone code), so a
 * run neither compiles it nor loads ajv; the generated function reports exactly the errors ajv would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { packageRoot } from '../package-root.js';
import { validate as generatedValidator } from './datamap-validator.generated.js';
import { formatPath, Locations, mergedSegments, type Offsets, type Segment } from './locate.js';
import { didYouMean } from './suggest.js';
import type { MapProblem, SourceLocation } from './types.js';

export const SCHEMA_PATH = join(packageRoot, 'schemas', 'datamap.schema.json');

const validateDataMap = generatedValidator as unknown as ValidateFunction;

export function dataMapSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
}

/** The schema's own verdict on a document: ajv's errors, empty when valid. */
export function rawSchemaErrors(data: unknown): ErrorObject[] {
  return validateDataMap(data) ? [] : [...(validateDataMap.errors ?? [])];
}

function pointerSegments(pointer: string): Segment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
  number: 'a number',
  integer: 'a whole number',
};

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

function patternMessage(segments: readonly Segment[], value: unknown): string {
  const last = segments.at(-1);
  const parent = segments.at(-2);
  if (segments.includes('retention') && parent === 'retention') {
    return `${describeValue(value)} is not an ISO-8601 duration; use e.g. P90D, P6M, P2Y or PT12H`;
  }
  if (last === 'id' && segments[0] === 'categories') return `${describeValue(value)} is not a category key; use lowercase dot-case such as user.loyalty.member_id`;
  if (last === 'id') return `${describeValue(value)} is not a valid id; ids are lowercase kebab- or dot-case, e.g. meta-pixel`;
  if (segments.includes('jurisdictions')) return `${describeValue(value)} is not a two-letter state code such as CA`;
  if (segments.includes('categories') || segments.includes('collects')) return `${describeValue(value)} is not a category key; use dot-case such as user.contact.email`;
  return `${describeValue(value)} has the wrong form`;
}

function messageFor(error: ErrorObject, segments: readonly Segment[]): { message: string; suggestion?: string; atKey?: string } {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { message: `missing required property "${String(params.missingProperty)}"` };
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const allowed = Object.keys(((error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties) ?? {}).filter((k) => k !== '$schema');
      const suggestion = didYouMean(name, allowed);
      return { message: `unknown property "${name}"; allowed: ${allowed.join(', ')}`, ...(suggestion ? { suggestion } : {}), atKey: name };
    }
    case 'propertyNames':
      return { message: `${describeValue(params.propertyName)} is not a category key (or "default")` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const suggestion = typeof error.data === 'string' ? didYouMean(error.data, allowed) : undefined;
      return { message: `${describeValue(error.data)} is not allowed; use one of: ${allowed.join(', ')}`, ...(suggestion ? { suggestion } : {}) };
    }
    case 'const':
      return { message: `must be ${JSON.stringify(params.allowedValue)}, not ${describeValue(error.data)}` };
    case 'type':
      return { message: `must be ${TYPE_WORDS[String(params.type)] ?? String(params.type)}, not ${describeValue(error.data)}` };
    case 'format':
      if (params.format === 'date') return { message: `${describeValue(error.data)} is not a valid date; use YYYY-MM-DD, e.g. 2026-01-15` };
      if (params.format === 'uri') return { message: `${describeValue(error.data)} is not an absolute URL such as https://example.com/privacy` };
      return { message: `${describeValue(error.data)} is not a valid ${String(params.format)}` };
    case 'pattern':
      return { message: patternMessage(segments, error.data) };
    case 'minItems':
      return { message: `must list at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}` };
    case 'minLength':
      return { message: 'must not be empty' };
    case 'uniqueItems':
      return { message: `lists the same value twice (items ${String(params.j)} and ${String(params.i)})` };
    default:
      return { message: error.message ?? `fails ${error.keyword}` };
  }
}

/** Schema problems of one file, located and with merged paths. */
export function schemaProblems(data: unknown, offsets: Offsets, locations: Locations, fallback: SourceLocation): MapProblem[] {
  const problems: MapProblem[] = [];
  const seen = new Set<string>();
  for (const error of rawSchemaErrors(data)) {
    const segments = mergedSegments(pointerSegments(error.instancePath), offsets);
    const { message, suggestion, atKey } = messageFor(error, segments);
    const target = atKey !== undefined ? [...segments, atKey] : segments;
    const path = formatPath(target);
    // One problem per node: a value of the wrong type also fails its pattern; the first says enough.
    const dedupe = error.keyword === 'required' || atKey !== undefined ? `${path}\u0000${message}` : path;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    const loc = atKey !== undefined ? locations.keyOf(target, fallback) : locations.of(segments, fallback);
    problems.push({ severity: 'error', file: loc.file, line: loc.line, column: loc.column, path, message, ...(suggestion ? { suggestion } : {}) });
  }
  return problems;
}
