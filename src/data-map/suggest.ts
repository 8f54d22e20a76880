/** "Did you mean" for near-miss ids, keys and enum values. */
import { createRequire } from 'node:module';

/** The edit distance, loaded on the first suggestion: most runs never make one (the CLI imports this eagerly). */
let levenshtein: ((a: string, b: string) => number) | undefined;
function distance(a: string, b: string): number {
  levenshtein ??= (createRequire(import.meta.url)('fastest-levenshtein') as typeof import('fastest-levenshtein')).distance;
  return levenshtein(a, b);
}

/**
 * The closest candidate when it is plausibly a typo: within a third of the word's length (at least 1,
 * at most 3 edits), or the same word in another case or separator style.
 */
export function closest(value: string, candidates: Iterable<string>): string | undefined {
  const folded = value.toLowerCase().replace(/[-_.\s]/g, '');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === value) continue;
    if (candidate.toLowerCase().replace(/[-_.\s]/g, '') === folded) return candidate;
    const d = distance(value, candidate);
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.min(3, Math.max(1, Math.floor(value.length / 3)));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

export function didYouMean(value: string, candidates: Iterable<string>): string | undefined {
  const match = closest(value, candidates);
  return match === undefined ? undefined : `did you mean "${match}"?`;
}
