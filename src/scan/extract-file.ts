/**
 * One file's extraction as an outcome that can cross a thread boundary: its facts, or why it is listed
 * as skipped (a syntax error, or an extractor failure such as a stack overflow on deep nesting).
 */
import { extractFacts, SyntaxErrorInFile, type ExtractOptions } from './extract.js';
import type { FileFacts } from './facts.js';

export type ExtractOutcome = { facts: FileFacts } | { skipReason: string };

/**
 * `focused`: the text to parse when not all of it (`focusedText` in plan.ts, which keeps every line where
 * it is). When it does not parse (the outline split something it should not have), the whole text is.
 */
export function extractOutcome(file: string, text: string, options: ExtractOptions, focused?: string): ExtractOutcome {
  if (focused !== undefined) {
    try {
      return { facts: extractFacts(file, focused, options) };
    } catch {
      // parsed whole below
    }
  }
  try {
    return { facts: extractFacts(file, text, options) };
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!;
    return { skipReason: error instanceof SyntaxErrorInFile ? message : `could not be analysed: ${message}` };
  }
}
