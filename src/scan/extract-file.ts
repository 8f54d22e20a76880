/**
 * One file's extraction as an outcome that can cross a thread boundary: its facts, or why it is listed
 * as skipped (a syntax error, or an extractor failure such as a stack overflow on deep nesting).
 */
import { extractFacts, SyntaxErrorInFile, type ExtractOptions } from './extract.js';
import type { FileFacts } from './facts.js';
import { focusedText } from './plan.js';

export type ExtractOutcome = { facts: FileFacts } | { skipReason: string };

/**
 * `keep`: the text ranges to parse (see plan.ts). The rest is cut down to its line breaks: every range
 * starts at a line's start, so each kept line keeps its number and its columns. When the focused text does not parse (the outline
 * split something it should not have), the whole text is parsed instead.
 */
export function extractOutcome(file: string, text: string, options: ExtractOptions, keep?: readonly [number, number][]): ExtractOutcome {
  if (keep) {
    try {
      return { facts: extractFacts(file, focusedText(text, keep), options) };
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
