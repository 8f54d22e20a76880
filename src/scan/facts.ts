/**
 * Per-file facts: everything the linking phase needs from one source file, as plain JSON so that a
 * cache keyed by content hash (and worker threads) can reuse them without re-parsing.
 */

/**
 * A symbolic value: what an expression denotes, as far as one file can tell. Identifiers are already
 * resolved to their binding (import, local function, class, parameter, or an unbound global).
 */
export type Val =
  | { k: 'imp'; src: string; name: string } // name: 'default' | '*' | an exported name
  | { k: 'glob'; name: string } // an unbound identifier: `fbq`, `window`, `fetch`
  | { k: 'fn'; id: number } // a function of this file
  | { k: 'cls'; id: number } // a class of this file
  | { k: 'this'; cls: number }
  | { k: 'param'; fn: number; i: number }
  | { k: 'get'; o: Val; p: string }
  | { k: 'call'; f: Val; a0?: string; args?: Val[] }
  | { k: 'new'; f: Val; args?: Val[] }
  | { k: 'obj'; props: [string, Val][] }
  | { k: 'str'; v: string }
  /** Concatenation (template literal or `+`): resolved to a URL prefix at link time. */
  | { k: 'cat'; parts: Val[] }
  | { k: 'env'; name: string }
  | { k: 'or'; vs: Val[] }
  | { k: 'unk'; why?: string };

/** A guard read or call found in a condition; `gpc` for the Global Privacy Control signal. */
export interface GuardHit {
  name: string;
  gpc: boolean;
}

/**
 * A gate active around a call: either guards known in this file, or a condition on a parameter of the
 * enclosing function, decided at link time from the callers' arguments ("one local step").
 */
export type GateRef =
  | { t: 'guard'; hits: GuardHit[] }
  | { t: 'param'; i: number; when: boolean };

export interface ArgFact {
  /** Symbolic value (kept for the first arguments: URLs, options, callbacks). */
  val?: Val;
  /** Identifier, key and property names found in the argument (matched against the taxonomy later). */
  names: string[];
  /** Parameters of the enclosing function whose whole value flows into the argument. */
  params: number[];
  /** Declared types whose properties the argument carries (spreads, typed identifiers). */
  types: Val[];
  /** The argument is itself a guard value that means "allowed" when truthy. */
  guard?: GuardHit[];
}

export interface CallFact {
  /** Enclosing bindable function (index into `functions`; 0 is the module body). */
  fn: number;
  line: number;
  column: number;
  callee: Val;
  /** As written, argument lists elided: `posthog.capture`, `new Mailgun(…).client(…).messages.create`. */
  calleeText: string;
  /** Whitespace-folded text of the whole call, at most 200 characters. */
  text: string;
  kind: 'call' | 'new' | 'jsx' | 'src';
  /** First argument when it is a string literal (for `fbq('track')` patterns). */
  a0?: string;
  args: ArgFact[];
  gates: GateRef[];
  /** Keys of object-literal arguments and string arguments (for restricted-processing switches). */
  optionKeys?: string[];
  /** Guards under which the call runs only when the consumer opted out (a vendor opt-out switch there). */
  optedOutGuards?: string[];
  /** Object-literal keys whose value is a guard expression (`opt_out_capturing_by_default: gpc`). */
  guardedKeys?: string[];
  /**
   * What else the same request carries: the builder chain the call is made on
   * (`new EventRequest(…).setEvents([event]).execute()`) and, for `xhr.open` / `https.request`, the
   * `send` / `end` / `write` calls on the same request object.
   */
  receiver?: ArgFact;
  /** Inline script text (JSX `<Script>` children, `dangerouslySetInnerHTML`, `.innerHTML = ...`). */
  snippet?: string;
}

export interface FnFact {
  name: string;
  line: number;
  column: number;
  params: string[];
  returns: Val[];
  /** Class the function is a method of. */
  cls?: number;
  /** The bindable function it is defined in (absent at module level). */
  parent?: number;
}

export interface ClassFact {
  name: string;
  fields: [string, Val][];
  methods: [string, number][];
  base?: Val;
}

export interface SuppressionFact {
  line: number;
  column: number;
  kind: 'next-line' | 'file';
  ruleId: string;
  reason?: string;
}

export interface FileFacts {
  file: string;
  exports: [string, Val][];
  starExports: string[];
  functions: FnFact[];
  classes: ClassFact[];
  calls: CallFact[];
  /** Interface / type-alias / class names with their (nested) property names. */
  types: [string, string[]][];
  suppressions: SuppressionFact[];
  gpcReads: { line: number; column: number; kind: 'navigator.globalPrivacyControl' | 'Sec-GPC' }[];
  /**
   * Import specifiers taken for external, non-vendor packages whose calls were left out. A cached entry
   * is stale when one of them now resolves to a project file.
   */
  externalSpecs?: string[];
}
