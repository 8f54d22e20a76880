/**
 * Turning each map file (found by files.ts) into a YAML document with positions. Every failure is a
 * located one-line `MapProblem`, never an exception: a missing or unreadable file, a directory without
 * YAML, a file over 10 MB, invalid UTF-8, a YAML syntax error, an alias bomb, an empty file, or a
 * document that is not a mapping.
 */
import { statSync } from 'node:fs';
import { FileTooLargeError, readBoundedFile } from '../read-file.js';
import { isAlias, isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { displayPath, MAX_MAP_BYTES, problem, systemReason } from './files.js';
import type { MapProblem } from './types.js';

export { displayPath, findMapFiles, MAX_MAP_BYTES } from './files.js';

/**
 * The yaml library's bound on alias expansion (uses of an anchor, weighted by the aliases nested inside
 * it): ample for a map that reuses a category list in hundreds of flows, far too small for a
 * "billion laughs" document, whose weight grows exponentially.
 */
export const MAX_ALIAS_COUNT = 1000;

export interface ParsedFile {
  /** Relative to cwd, POSIX separators. */
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The document as plain data (a mapping). */
  data: Record<string, unknown>;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function decode(bytes: Buffer, file: string): { text: string } | { problem: MapProblem } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const at = lineAndColumn(lenient, Math.max(0, lenient.indexOf('\uFFFD')));
    return { problem: problem(file, 'the file is not valid UTF-8 text (save it as UTF-8)', at.line, at.column) };
  }
}

/** The key text starting at `offset`: `name` of `name: B`, or a quoted key without its quotes. */
function duplicateKeyAt(text: string, offset: number): string {
  const match = /^(?:"([^"\n]*)"|'([^'\n]*)'|([^:\n,{}[\]]+))/.exec(text.slice(offset));
  return (match?.[1] ?? match?.[2] ?? match?.[3] ?? '').trim();
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/** A document is a bomb when expanding its aliases would take more than MAX_ALIAS_COUNT of them. */
function toData(doc: Document.Parsed): { data: unknown } | { message: string } {
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/alias/i.test(message)) return { message: `too many alias references (more than ${MAX_ALIAS_COUNT}); refusing to expand a possible alias bomb` };
    return { message: `cannot read the document: ${firstLine(message)}` };
  }
}

export function readMapFile(absolute: string, cwd: string): ParsedFile | { problem: MapProblem } {
  const file = displayPath(cwd, absolute);
  let bytes: Buffer;
  try {
    const size = statSync(absolute).size;
    if (size > MAX_MAP_BYTES) {
      return { problem: problem(file, `the file is ${(size / 1024 / 1024).toFixed(1)} MB; a data-map may be at most 10 MB`) };
    }
    bytes = readBoundedFile(absolute, MAX_MAP_BYTES);
  } catch (error) {
    if (error instanceof FileTooLargeError) return { problem: problem(file, 'the file is larger than 10 MB; a data-map may be at most 10 MB') };
    return { problem: problem(file, `cannot read the file: ${systemReason(error)}`) };
  }
  const decoded = decode(bytes, file);
  if ('problem' in decoded) return decoded;
  const text = decoded.text.startsWith('\uFEFF') ? decoded.text.slice(1) : decoded.text;

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, strict: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = syntax.linePos?.[0] ?? lineCounter.linePos(syntax.pos[0]);
    const hint = syntax.code === 'TAB_AS_INDENT' ? ' (YAML indents with spaces, not tabs)' : '';
    const reason =
      syntax.code === 'DUPLICATE_KEY'
        ? `duplicate key "${duplicateKeyAt(text, syntax.pos[0])}" (each key may appear once in a mapping)`
        : syntax.code === 'MULTIPLE_DOCS'
          ? 'the file holds several YAML documents (---); a map file holds one: put the others in files of a map directory'
          : `${firstLine(syntax.message).replace(/ at line \d+, column \d+:?$/, '')}${hint}`;
    return { problem: problem(file, `invalid YAML: ${reason}`, pos.line, pos.col) };
  }
  if (doc.contents === null) return { problem: problem(file, 'the data-map file is empty; it needs at least "version: 1"') };
  if (!isMap(doc.contents)) {
    const pos = lineCounter.linePos(doc.contents.range?.[0] ?? 0);
    const kind = isSeq(doc.contents) ? 'a list' : isAlias(doc.contents) ? 'an alias' : 'a single value';
    return { problem: problem(file, `the data-map must be a mapping of sections (version, systems, vendors, …), not ${kind}`, pos.line, pos.col) };
  }
  const converted = toData(doc);
  if ('message' in converted) return { problem: problem(file, converted.message) };
  return { file, doc, lineCounter, data: converted.data as Record<string, unknown> };
}
