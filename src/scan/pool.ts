/**
 * Worker threads for the per-file extraction phase (`--jobs`). With `--jobs n`, n - 1 workers and the main
 * thread extract: each worker loads the TypeScript compiler once and rebuilds the scan context from plain
 * data; batches are handed out in small chunks to whichever is free (a worker has two in flight, so it
 * does not wait while the main thread is busy with its own chunk). Outcomes are returned keyed by file, so
 * the result does not depend on who extracted what, nor in which order they finished.
 */
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ScanContextSetup } from './context.js';
import type { ExtractOutcome } from './extract-file.js';

/** Extracts files on the main thread. */
export type LocalExtractor = (file: string, text: string, focused?: string) => ExtractOutcome;

/** A file to extract: its path, its text and the focused text to parse instead (see plan.ts). */
export type ExtractJob = [file: string, text: string, focused?: string];

export interface ExtractRequest {
  id: number;
  files: ExtractJob[];
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
 * Without `--jobs`: one extraction thread per physical core, taken as half the logical CPUs. Two hardware
 * threads of one core share its caches, and the parser gains nothing from the second: on a 2-vCPU cloud
 * machine (one core, two hyper-threads) two threads each ran at under half speed, so a worker only added
 * its own start-up and compilation.
 */
export function defaultThreads(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}

/**
 * How many threads (the main one included) extract `filesToParse` files, or 0 for the main thread alone.
 * An explicit `--jobs 1` never starts a worker; with no `--jobs`, `defaultThreads()` for a large enough
 * scan. Workers need the compiled JavaScript: run from TypeScript sources (tsx, vitest), extraction stays
 * in-process.
 */
export function extractionThreads(jobs: number | undefined, filesToParse: number): number {
  if (extname(fileURLToPath(import.meta.url)) !== '.js') return 0;
  const wanted = jobs ?? (filesToParse >= DEFAULT_MIN_FILES ? defaultThreads() : 1);
  const count = Math.min(wanted, Math.ceil(filesToParse / CHUNK_FILES));
  return count > 1 ? count : 0;
}

export class ExtractionPool {
  private readonly workers: Worker[] = [];
  private nextId = 0;

  /** `threads`: the main thread and `threads - 1` workers. */
  constructor(
    private readonly setup: ScanContextSetup,
    private readonly threads: number,
    private readonly local: LocalExtractor,
  ) {}

  private start(): void {
    while (this.workers.length < this.threads - 1) {
      this.workers.push(new Worker(WORKER_URL, { workerData: this.setup }));
    }
  }

  /** Extracts every file of `batch`; the outcomes are keyed by file. */
  async extract(batch: readonly ExtractJob[]): Promise<Map<string, ExtractOutcome>> {
    const outcomes = new Map<string, ExtractOutcome>();
    if (batch.length === 0) return outcomes;
    this.start();
    let next = 0;
    const takeChunk = (): ExtractJob[] | undefined => {
      if (next >= batch.length) return undefined;
      const files = batch.slice(next, next + CHUNK_FILES);
      next += files.length;
      return files;
    };
    const runWorker = (worker: Worker): Promise<void> =>
      new Promise((resolve, reject) => {
        const inFlight = new Map<number, ExtractJob[]>();
        const send = (): void => {
          const files = takeChunk();
          if (!files) return;
          const id = this.nextId++;
          inFlight.set(id, files);
          worker.postMessage({ id, files } satisfies ExtractRequest);
        };
        const onMessage = (response: ExtractResponse): void => {
          inFlight.get(response.id)?.forEach(([file], i) => outcomes.set(file, response.outcomes[i]!));
          inFlight.delete(response.id);
          send();
          if (inFlight.size === 0) {
            worker.off('message', onMessage);
            worker.off('error', onError);
            resolve();
          }
        };
        const onError = (error: Error): void => reject(error);
        worker.on('message', onMessage);
        worker.on('error', onError);
        send();
        send();
        if (inFlight.size === 0) resolve();
      });
    const runLocal = async (): Promise<void> => {
      for (let files = takeChunk(); files; files = takeChunk()) {
        for (const [file, text, focused] of files) outcomes.set(file, this.local(file, text, focused));
        // Lets the workers' answers in, so that they get their next chunks.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    };
    await Promise.all([...this.workers.map(runWorker), runLocal()]);
    return outcomes;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => worker.terminate()));
  }
}
