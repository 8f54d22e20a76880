/**
 * Entry point of an extraction worker thread (see pool.ts): rebuilds the scan context from
 * `workerData`, then answers each batch of `[file, text, focused]` jobs with their outcomes, in the same order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildScanContext, type ScanContextSetup } from './context.js';
import { extractOutcome } from './extract-file.js';
import type { ExtractRequest, ExtractResponse } from './pool.js';

const context = await buildScanContext(workerData as ScanContextSetup);

parentPort?.on('message', (request: ExtractRequest) => {
  const outcomes = request.files.map(([file, text, focused]) => extractOutcome(file, text, context.extractOptions, focused));
  const response: ExtractResponse = { id: request.id, outcomes };
  parentPort!.postMessage(response);
});
