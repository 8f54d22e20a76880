import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';

/**
 * Write atomically (temporary file + rename), so an interrupted run never leaves a truncated file; a
 * failed write removes its temporary file, keeps the previous file, and stops with a message naming
 * `shownAs` (the path as the user gave it). A device or pipe (`/dev/null`, `/dev/stdout`, a FIFO) is
 * written to directly: renaming over it would replace the device with a file.
 */
export function writeFileAtomic(path: string, text: string, shownAs: string = path): void {
  const stats = (() => {
    try {
      return statSync(path);
    } catch {
      return undefined;
    }
  })();
  if (stats?.isDirectory()) throw new UsageError(`cannot write ${shownAs}: it is a directory; name a file`);
  if (stats && !stats.isFile()) {
    try {
      writeFileSync(path, text);
      return;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UsageError(`cannot write ${shownAs}: ${reason}`, [], { cause: error });
    }
  }
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`cannot write ${shownAs}: ${reason}`, [], { cause: error });
  }
}

/** The report goes to `--output` (atomically) or stdout. */
export function writeOutput(output: string | undefined, text: string): void {
  if (output) writeFileAtomic(resolve(process.cwd(), output), text, output);
  else process.stdout.write(text);
}
