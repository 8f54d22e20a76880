/**
 * The TypeScript compiler, loaded once for the whole scanner.
 *
 * It is ts-morph's bundled copy (the one `import { ts } from 'ts-morph'` gives), but loaded as CommonJS
 * from its own file: importing the 9 MB bundle from ESM makes Node scan it for named exports
 * (cjs-module-lexer), and going through ts-morph would also load ts-morph and its dependencies, which the
 * scanner never uses. Code that always parses imports `ts` from typescript.ts; code that may not, calls `typescriptOnce()`.
 *
 * Compiling the bundle costs V8 about 250 ms per process. Node 22.1+ keeps a compile cache when asked
 * (`module.enableCompileCache`, done by bin/flowaudit.js); on older Node this module keeps V8's code cache
 * of the bundle itself, in a folder of the system temp directory that only the current user may write
 * (see `loadWithCodeCache`). NODE_DISABLE_COMPILE_CACHE=1 turns either off.
 *
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import type { ts as TypeScript } from 'ts-morph';

const requireFromTsMorph = createRequire(createRequire(import.meta.url).resolve('ts-morph'));
const TYPESCRIPT_FILE = requireFromTsMorph.resolve('@ts-morph/common/dist/typescript.js');

/** Where this user's code cache of `file` lives, or undefined when there is no safe place for it. */
function codeCacheFile(file: string): string | undefined {
  const uid = process.getuid?.();
  if (uid === undefined) return undefined; // Windows: no owner check, no cache
  const folder = join(tmpdir(), `flowaudit-code-cache-${uid}`);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const info = statSync(folder);
    // Someone else's folder (or one others may write to) could hold planted code: do not use it.
    if (info.uid !== uid || (info.mode & 0o022) !== 0) return undefined;
    const { size, mtimeMs } = statSync(file);
    // One cache per compiler file and Node build. V8 itself rejects a cache made under other V8 flags (then
    // it is rewritten), so flags are not part of the key: test runners with ever-changing flags add no files.
    const key = createHash('sha256').update(`${file}\0${size}\0${mtimeMs}\0${process.version}\0${process.arch}`).digest('hex');
    return join(folder, `${key.slice(0, 32)}.bin`);
  } catch {
    return undefined;
  }
}

/**
 * `require(file)` for a CommonJS file with no dependencies worth caching, through V8's code cache: the
 * cache (bytecode of every function compiled by the end of this process) is written at exit when it was
 * missing or V8 rejected it, atomically (a temporary file renamed over it). Any failure falls back to
 * compiling, and never fails the run.
 */
function loadWithCodeCache(file: string): unknown {
  const cacheFile = codeCacheFile(file);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const loaded = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  wrapper.call(loaded.exports, loaded.exports, createRequire(file), loaded, file, dirname(file));
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    process.once('exit', () => {
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        renameSync(temporary, cacheFile);
      } catch {
        // A cache that cannot be written only costs the next run the compile time.
        rmSync(temporary, { force: true });
      }
    });
  }
  return loaded.exports;
}

function loadTypeScript(): typeof TypeScript {
  const nativeCache = typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
  if (nativeCache || process.env.NODE_DISABLE_COMPILE_CACHE) return requireFromTsMorph(TYPESCRIPT_FILE) as typeof TypeScript;
  return loadWithCodeCache(TYPESCRIPT_FILE) as typeof TypeScript;
}

let loaded: typeof TypeScript | undefined;

/** The compiler, loaded on the first call (for code that may not need it at all). */
export function typescriptOnce(): typeof TypeScript {
  return (loaded ??= loadTypeScript());
}
