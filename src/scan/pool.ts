/**
 * Worker threads for the per-file extraction phase (`--jobs`). Each worker loads the TypeScript compiler
 * once and rebuilds the scan context from plain data; batches are handed out in small chunks to whichever
 * worker is free. Outcomes are returned keyed by file, so the result does not depend on which worker
 * extracted what, nor in which order they finished.
 */
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ScanContextSetup } from './context.js';
import type { ExtractOutcome } from './extract-file.js';

export interface ExtractRequest {
  id: number;
  files: [string, string][];
}

export interface ExtractResponse {
  id: number;
  outcomes: ExtractOutcome[];
}

/** Without `--jobs`, workers are used only when at least this many files are to be parsed. */
const DEFAULT_MIN_FILES = 300;
/** Files per message: small enough to balance the load, large enough to amortise the messaging. */
const CHUNK_FILES = 8;

const WORKER_URL = new URL('./extract-worker.js', import.meta.url);

/**
 * How many workers to start for `filesToParse` files, or 0 to extract in-process. An explicit `--jobs 1`
 * never starts one; with no `--jobs`, one per CPU for a large enough scan. Workers need the compiled
 * JavaScript: run from TypeScript sources (tsx, vitest), extraction stays in-process.
 */
export function workerCount(jobs: number | undefined, filesToParse: number): number {
  if (extname(fileURLToPath(import.meta.url)) !== '.js') return 0;
  const wanted = jobs ?? (filesToParse >= DEFAULT_MIN_FILES ? availableParallelism() : 1);
  const count = Math.min(wanted, Math.ceil(filesToParse / CHUNK_FILES));
  return count > 1 ? count : 0;
}

export class ExtractionPool {
  private readonly workers: Worker[] = [];
  private nextId = 0;

  constructor(
    private readonly setup: ScanContextSetup,
    private readonly size: number,
  ) {}

  private start(): void {
    while (this.workers.length < this.size) {
      const worker = new Worker(WORKER_URL, { workerData: this.setup });
      worker.unref();
      this.workers.push(worker);
    }
  }

  /** Extracts every file of `batch`; the outcomes are keyed by file. */
  async extract(batch: readonly [string, string][]): Promise<Map<string, ExtractOutcome>> {
    const outcomes = new Map<string, ExtractOutcome>();
    if (batch.length === 0) return outcomes;
    this.start();
    let next = 0;
    const runWorker = (worker: Worker): Promise<void> =>
      new Promise((resolve, reject) => {
        const sendChunk = (): void => {
          if (next >= batch.length) {
            worker.off('message', onMessage);
            worker.off('error', onError);
            resolve();
            return;
          }
          const files = batch.slice(next, next + CHUNK_FILES) as [string, string][];
          next += files.length;
          pending = files;
          worker.postMessage({ id: this.nextId++, files } satisfies ExtractRequest);
        };
        let pending: [string, string][] = [];
        const onMessage = (response: ExtractResponse): void => {
          pending.forEach(([file], i) => outcomes.set(file, response.outcomes[i]!));
          sendChunk();
        };
        const onError = (error: Error): void => reject(error);
        worker.on('message', onMessage);
        worker.on('error', onError);
        sendChunk();
      });
    await Promise.all(this.workers.map(runWorker));
    return outcomes;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => worker.terminate()));
  }
}
