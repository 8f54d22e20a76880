/** The one way a rule module is written: a plain `Rule`, checked once when the registry loads. */
import type { Rule, Severity } from './types.js';

const RULE_ID = /^[a-z]+\/[a-z0-9]+(-[a-z0-9]+)*$/;

export interface RuleDefinition extends Rule {
  defaultSeverity: Severity;
}

export function defineRule(definition: RuleDefinition): Rule {
  if (!RULE_ID.test(definition.id)) throw new Error(`rule id "${definition.id}" is not <namespace>/<kebab-name>`);
  if (definition.citation.trim() === '') throw new Error(`rule ${definition.id} has no citation (use "—" for map hygiene)`);
  return Object.freeze({ ...definition });
}
