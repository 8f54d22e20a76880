/** SPEC section 4: flows and their classes. */
import type { Role } from '../data-map/types.js';
import type { CallSite } from '../scan/types.js';

export type FlowClass = 'exempt' | 'internal' | 'sale' | 'share' | 'possible_sale' | 'disclosure';

/** Why a service provider / contractor was treated as a third party (SPEC section 4, step 3). */
export interface RoleDowngrade {
  trigger: 'contract' | 'trains_on_data' | 'cross_context';
  /** e.g. `contract lacks restricts_purposes, prohibits_combining`. */
  detail: string;
}

export interface Flow {
  /** `<from>-><to>`. */
  id: string;
  from: string;
  to: string;
  class: FlowClass;
  /** The step that decided, e.g. `purpose advertising.cross_context`, `consideration unknown`. */
  classReason: string;
  /** 1..5: the SPEC section 4 step that decided (0 for an undeclared vendor's catalogue default). */
  classStep: number;
  declared: boolean;
  /** Declared categories (map) united with the observed ones, sorted. */
  categories: string[];
  /** Categories seen in code that the declared flow does not cover. */
  undeclaredCategories: string[];
  purposes: string[];
  /** Recipient's declared role (absent for undeclared vendors and internal flows). */
  role?: Role;
  effectiveRole?: Role;
  downgrades: RoleDowngrade[];
  /** The recipient is declared in the map (vendor or system). */
  recipientDeclared: boolean;
  /** Index into `DataMap.flows` for declared flows. */
  mapIndex?: number;
  callSites: CallSite[];
}

export function isSaleOrShare(c: FlowClass): boolean {
  return c === 'sale' || c === 'share' || c === 'possible_sale';
}
