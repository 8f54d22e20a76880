/** Suppression comments without a reason, or that suppress nothing. `run.ts` evaluates this rule itself. */
import { defineRule } from '../define.js';

export const suppression = defineRule({
  id: 'tool/suppression',
  defaultSeverity: 'warning',
  title: 'A suppression comment gives no reason or suppresses nothing',
  citation: '—',
  description: 'A flowaudit-ignore comment has no "-- reason", or no finding matches it.',
  evaluate() {
    return [];
  },
});
