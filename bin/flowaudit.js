#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps V8's compile cache of flowaudit and its dependencies between runs (NODE_DISABLE_COMPILE_CACHE=1
// turns it off); on older Node, src/scan/typescript.ts caches the TypeScript compiler, the bulk of the code.
module.enableCompileCache?.();
await import('../dist/cli/main.js');
