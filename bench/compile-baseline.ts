/**
 * Compiles bench/baseline-parse.ts to plain ESM under bench/corpus/.build, so that the baseline pays
 * node's start-up, not a TypeScript loader's. Shared by run.ts and real-app.ts.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts } from 'ts-morph';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

export function compileBaseline(): string {
  const source = readFileSync(join(BENCH_DIR, 'baseline-parse.ts'), 'utf8');
  const output = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const dir = join(BENCH_DIR, 'corpus', '.build');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'baseline-parse.mjs');
  writeFileSync(path, output.outputText);
  return path;
}
