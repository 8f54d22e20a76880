import type { Catalog } from '../catalog/types.js';
import type { DataMap } from '../data-map/types.js';
import type { ScanResult } from '../scan/types.js';
import type { Taxonomy } from '../taxonomy/types.js';
import type { Flow } from './types.js';

/** Merge declared and observed flows and classify each (SPEC section 4). (Stub.) */
export function buildFlows(_map: DataMap, _scan: ScanResult, _taxonomy: Taxonomy, _catalog: Catalog): Flow[] {
  return [];
}
