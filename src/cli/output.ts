import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Write atomically (temporary file + rename), so an interrupted run never leaves a truncated file. */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** The report goes to `--output` (atomically) or stdout. */
export function writeOutput(output: string | undefined, text: string): void {
  if (output) writeFileAtomic(resolve(process.cwd(), output), text);
  else process.stdout.write(text);
}
