/** SPEC section 6: the rule framework. */
import type { Catalog } from '../catalog/types.js';
import type { DataMap } from '../data-map/types.js';
import type { Flow } from '../flows/types.js';
import type { ScanResult } from '../scan/types.js';
import type { Taxonomy } from '../taxonomy/types.js';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface RuleContext {
  map: DataMap;
  flows: readonly Flow[];
  scan: ScanResult;
  taxonomy: Taxonomy;
  catalog: Catalog;
}

/**
 * What a rule reports. `level: 'full'` takes the rule's configured severity; `'reduced'` is one level
 * below it (error -> warning -> info), used for `possible_sale` and `gpc-only` cases.
 */
export interface RuleReport {
  level: 'full' | 'reduced';
  message: string;
  /** Code evidence: file (relative to root), line, column. Absent -> `mapEntry` is used. */
  code?: { file: string; line: number; column: number; enclosingFunction: string; callText: string; vendorLine?: number; vendorFile?: string };
  /** Map evidence: the document path (`flows[2]`) of the entry concerned; its location is looked up. */
  mapEntry?: { path: string; file: string; line: number; column: number };
  flow?: string;
  vendor?: string;
  system?: string;
}

export interface Rule {
  id: string;
  defaultSeverity: Severity;
  title: string;
  /** Legal citation, e.g. `Cal. Civ. Code §1798.120(a); §1798.135(c)(4)`; `—` for map hygiene. */
  citation: string;
  /** One sentence: when it fires. */
  description: string;
  evaluate(ctx: RuleContext): RuleReport[];
}
