import type { ScanInput, ScanResult } from './types.js';

/** Scan the code under `input.root` for vendor call sites (SPEC section 5). (Stub.) */
export async function scanProject(_input: ScanInput): Promise<ScanResult> {
  return { files: 0, lines: 0, callSites: [], unresolved: [], skipped: [], suppressions: [], gpcReads: [], handlers: [], filesWithCallSites: [] };
}
