/**
 * The one error type that stops an audit with exit code 2 and a message the user can act on.
 * The CLI catches it and prints `message` (and each problem) without a stack trace.
 */
import type { MapProblem } from './data-map/types.js';

export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly problems: MapProblem[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
