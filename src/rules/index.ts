import type { Rule } from './types.js';

/** The rule registry, sorted by id. (Stub.) */
export const rules: readonly Rule[] = [];
