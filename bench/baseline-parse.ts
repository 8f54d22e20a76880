/**
 * The benchmark's yardstick: read every file the audit would scan and parse it once with the TypeScript
 * parser (parent pointers set), then walk every node with `ts.forEachChild`. Nothing else.
 *
 *   node <compiled>/baseline-parse.mjs <root>    (run.ts compiles this file and times the whole process)
 *
 * File selection follows SPEC section 5's defaults, so the baseline parses the same files the audit scans:
 * source extensions, no `node_modules`, build output, dot-directories, `.d.ts`, tests, specs, mocks, stories,
 * and the `legacy/` folder that the corpus's data-map excludes.
 * Prints one JSON line: { files, lines, bytes, nodes }.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';

const SOURCE = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
const SKIPPED_FILE = /\.d\.[cm]?ts$|\.(?:test|spec|stories)\.[^.]+$/;
// SPEC section 5's default excludes, plus legacy/, which the corpus's data-map excludes (`**/legacy/**`).
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', '.next', 'coverage', '__tests__', '__mocks__', 'legacy']);

function scriptKind(path: string): ts.ScriptKind {
  if (path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (path.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(path)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function sourceFiles(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name)) sourceFiles(join(dir, entry.name), out);
    } else if (entry.isFile() && SOURCE.test(entry.name) && !SKIPPED_FILE.test(entry.name)) {
      out.push(join(dir, entry.name));
    }
  }
  return out;
}

function main(root: string): void {
  let lines = 0;
  let bytes = 0;
  let nodes = 0;
  const visit = (node: ts.Node): void => {
    nodes++;
    ts.forEachChild(node, visit);
  };
  const files = sourceFiles(root, []);
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    bytes += text.length;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
    visit(sourceFile);
  }
  process.stdout.write(JSON.stringify({ files: files.length, lines, bytes, nodes }) + '\n');
}

const root = process.argv[2];
if (!root) {
  process.stderr.write('usage: baseline-parse <root>\n');
  process.exit(2);
}
main(root);
