import type { CustomCategory } from '../data-map/types.js';
import type { Taxonomy } from './types.js';

/** The built-in taxonomy merged with a map's custom categories. (Stub: replaced by the taxonomy work.) */
export function createTaxonomy(_custom: readonly CustomCategory[] = []): Taxonomy {
  throw new Error('taxonomy: not implemented yet');
}
