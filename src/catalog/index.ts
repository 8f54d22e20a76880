import type { Catalog } from './types.js';

/** Load and validate the built-in catalogue from `src/catalog/vendors/*.json`. (Stub.) */
export function loadCatalog(): Catalog {
  return { entries: [], byId: new Map() };
}
