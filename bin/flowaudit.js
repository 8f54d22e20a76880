#!/usr/bin/env node
import module from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runInChild, shouldRespawn } from '../dist/cli/respawn.js';

// On two CPUs or fewer, a scan with no cache runs in a child node with one V8 background thread (see src/cli/respawn.ts).
const args = process.argv.slice(2);
if (shouldRespawn({ args, execArgv: process.execArgv, env: process.env, cpus: availableParallelism(), cwd: process.cwd() })) {
  runInChild(fileURLToPath(import.meta.url), args);
}

// Node 22.1+ keeps V8's compile cache of flowaudit and its dependencies between runs (NODE_DISABLE_COMPILE_CACHE=1
// turns it off); on older Node, src/scan/typescript.ts caches the TypeScript compiler, the bulk of the code.
module.enableCompileCache?.();
await import('../dist/cli/main.js');
