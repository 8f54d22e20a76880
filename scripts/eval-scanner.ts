/**
 * `npm run eval:scanner [-- --json]`: the scanner's recall, precision, category, guard and via-depth
 * accuracy on the labelled corpus in fixtures/scanner/ (see scripts/lib/corpus-eval.ts for the label format).
 * Exit 0 with the numbers; 2 when the scanner could not run on the corpus at all.
 */
import { evaluateCorpus, formatEvaluation } from './lib/corpus-eval.js';

const json = process.argv.includes('--json');

try {
  const { evaluation } = await evaluateCorpus();
  process.stdout.write(json ? `${JSON.stringify(evaluation, null, 2)}\n` : formatEvaluation(evaluation));
} catch (error) {
  process.stderr.write(`eval-scanner: the scanner could not run on the corpus: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
