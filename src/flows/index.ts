/** SPEC section 4: merge declared and observed flows and classify each. */
export { buildFlows, compareCallSites, flowId } from './build.js';
export { classRank, isCrossContext, isIdentifying, missingContractTerms } from './classify.js';
