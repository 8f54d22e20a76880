/**
 * Finding the map files and turning each into a YAML document with positions. Every failure is a
 * located one-line `MapProblem`, never an exception: a missing or unreadable file, a directory without
 * YAML, a file over 10 MB, invalid UTF-8, a YAML syntax error, an alias bomb, an empty file, or a
 * document that is not a mapping.
 */
import { readdirSync, statSync } from 'node:fs';
import { FileTooLargeError, readBoundedFile } from '../read-file.js';
import { join, relative, resolve } from 'node:path';
import { isAlias, isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { MapProblem } from './types.js';

export const MAX_MAP_BYTES = 10 * 1024 * 1024;
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

export function displayPath(cwd: string, absolute: string): string {
  return relative(cwd, absolute).split('\\').join('/') || '.';
}

function problem(file: string, message: string, line = 1, column = 1): MapProblem {
  return { severity: 'error', file, line, column, path: '', message };
}

type Found = { files: string[] } | { problem: MapProblem };

function isYamlName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

function filesOfDirectory(dir: string, cwd: string): Found {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    return { problem: problem(displayPath(cwd, dir), `cannot read the directory: ${systemReason(error)}`) };
  }
  const files = names
    .filter(isYamlName)
    .sort()
    .map((n) => join(dir, n))
    .filter((p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    });
  if (files.length === 0) return { problem: problem(displayPath(cwd, dir), 'no data-map found: the directory contains no *.yaml or *.yml file') };
  return { files };
}

function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ELOOP') return 'too many symbolic links';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

/** `--map` (relative to cwd) or the defaults: `<root>/datamap.yaml`, `<root>/datamap.yml`, `<root>/.flowaudit/`. */
export function findMapFiles(map: string | undefined, root: string, cwd: string): Found {
  if (map !== undefined) {
    const target = resolve(cwd, map);
    let stats;
    try {
      stats = statSync(target);
    } catch (error) {
      const reason = systemReason(error);
      const message = reason === 'no such file or directory' ? `no data-map found at ${map}` : `cannot read ${map}: ${reason}`;
      return { problem: problem(displayPath(cwd, target), message) };
    }
    if (stats.isDirectory()) return filesOfDirectory(target, cwd);
    return { files: [target] };
  }
  for (const name of ['datamap.yaml', 'datamap.yml']) {
    const candidate = join(root, name);
    try {
      if (statSync(candidate).isFile()) return { files: [candidate] };
    } catch {
      // not there: try the next default
    }
  }
  const dir = join(root, '.flowaudit');
  try {
    if (statSync(dir).isDirectory()) return filesOfDirectory(dir, cwd);
  } catch {
    // not there either
  }
  const where = displayPath(cwd, root);
  return {
    problem: problem(
      displayPath(cwd, join(root, 'datamap.yaml')),
      `no data-map found: looked for datamap.yaml, datamap.yml and .flowaudit/ in ${where}; pass --map <file|dir>`,
    ),
  };
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
