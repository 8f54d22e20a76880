/** The one way a rule module is written: a plain `Rule`, checked once when the registry loads. */
import type { Rule, RuleContext, Severity } from './types.js';

const RULE_ID = /^[a-z]+\/[a-z0-9]+(-[a-z0-9]+)*$/;

export interface RuleDefinition extends Rule {
  defaultSeverity: Severity;
}

/**
 * The CCPA governs businesses that collect California consumers' information (§1798.140(d)); conduct
 * wholly outside California is outside it (§1798.145(a)(7)). A map whose `business.jurisdictions` leaves
 * out CA gets no `ccpa/*` findings.
 */
function californiaApplies(ctx: RuleContext): boolean {
  return ctx.map.business.jurisdictions.some((j) => j.toUpperCase() === 'CA');
}

export function defineRule(definition: RuleDefinition): Rule {
  if (!RULE_ID.test(definition.id)) throw new Error(`rule id "${definition.id}" is not <namespace>/<kebab-name>`);
  if (definition.citation.trim() === '') throw new Error(`rule ${definition.id} has no citation (use "—" for map hygiene)`);
  const evaluate = definition.id.startsWith('ccpa/')
    ? (ctx: RuleContext) => (californiaApplies(ctx) ? definition.evaluate(ctx) : [])
    : definition.evaluate;
  return Object.freeze({ ...definition, evaluate });
}
