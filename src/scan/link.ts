/**
 * The link phase (SPEC section 5): over all files' facts, find the vendor calls, resolve wrappers into
 * call sites at their outermost callers (with `via`), decide gates and categories along each path, and
 * collect what the deletion handlers reach.
 */
import picomatch from 'picomatch';
import { compareLocations } from '../order.js';
import type { Taxonomy } from '../taxonomy/types.js';
import { hostDetector, type Detector, type Detectors } from './detectors.js';
import type { ArgFact, CallFact, FileFacts, GuardHit, Val } from './facts.js';
import { compilePattern, firstArgClass, firstMatch, matchesPattern, type CallPattern } from './patterns.js';
import type { CallSite, DetectedBy, GateKind, HandlerResolution, ReachedCall, ScanInput, UnresolvedDestination, ViaFrame } from './types.js';
import { requestShape, urlRoute, urlTarget, ValueResolver, type RequestShape, type RV, type UrlPart } from './values.js';
import type { ModuleResolver } from './modules.js';

/** Wrapper depth: SPEC asks for at least four levels; we follow eight, guarding against cycles. */
const MAX_DEPTH = 8;
/** Upper bound on call paths reported for one vendor call (a wrapper used everywhere). */
const MAX_PATHS = 2000;

interface CallRef {
  file: string;
  index: number;
  fact: CallFact;
}

/** A call that reaches a vendor: directly, or an HTTP request whose URL comes from a parameter. */
interface Leaf {
  ref: CallRef;
  det?: Detector;
  api: string;
  pattern: string;
  detectedBy: DetectedBy;
  matched: string;
  transmits: boolean;
  deletes: boolean;
  /** Path since the last call (for consent-switch matching). */
  path: string[];
  /** For an HTTP request with a URL parameter: the parameter index, resolved per caller. */
  urlParam?: number;
  /** For an HTTP request: what its method and body say it does (see `requestIntent`). */
  intent?: HttpIntent;
  /** Categories from the whole call (JSX attributes) or only its arguments. */
  argIndexes?: number[];
}

export interface LinkInput {
  facts: (file: string) => FileFacts | undefined;
  modules: ModuleResolver;
  detectors: Detectors;
  taxonomy: Taxonomy;
  systems: ScanInput['systems'];
  deletionHandlers: ScanInput['deletionHandlers'];
  fileExists: (file: string) => boolean;
}

export interface LinkOutput {
  callSites: CallSite[];
  unresolved: UnresolvedDestination[];
  handlers: HandlerResolution[];
}

/** Code-point order: the same on every machine and locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const fnKey = (file: string, fn: number): string => `${file}#${fn}`;

/**
 * HTTP requests to a vendor host (SPEC section 5, "HTTP"): only a request that carries data is a
 * transmission. The rule, from what the call shows:
 * - a GET, HEAD or OPTIONS with no body is a read (a lookup, a list, a stats query), unless its URL is one of
 *   the catalogue's tracking `urlPrefixes` (`www.facebook.com/tr`), whose query string is the payload;
 * - a DELETE with no body is a deletion;
 * - OAuth and token endpoints (a path segment `oauth`, `oauth2`, `token`, `userinfo`) exchange credentials;
 * - the catalogue's `httpPaths` name a host's reads (`/api/v2/query`) and deletions (`/v0/datasources/x/delete`).
 * Anything else transmits, including a request whose method or options are not known statically.
 */
type HttpIntent = 'send' | 'read' | 'delete';
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BODY_KEYS = ['body', 'data', 'json', 'form'];
const CREDENTIAL_SEGMENT = /(?:^|\/)(?:oauth2?|token|userinfo)(?:\/|$)/i;
const pathGlobs = new Map<string, (route: string) => boolean>();
/** JSX elements whose `src` loads content rather than a script. */
const IMAGE_TAGS = new Set(['img', 'iframe']);

function pathMatches(globs: readonly string[], route: string): boolean {
  return globs.some((glob) => {
    let match = pathGlobs.get(glob);
    if (!match) pathGlobs.set(glob, (match = picomatch(glob, { dot: true })));
    return match(route);
  });
}

/** A detector of a catalogue URL prefix (`www.facebook.com/tr`): its `matched` holds the path. */
function isTrackingPrefix(det: Detector): boolean {
  return det.matched.includes('/');
}

/** What a request to a vendor's host does, once the host and path are known (see `HttpIntent`). */
function httpEffect(intent: HttpIntent, det: Detector, route: string): { transmits: boolean; deletes: boolean } {
  const deletesPath = pathMatches(det.httpPaths?.deletes ?? [], route);
  if (intent === 'send' && !CREDENTIAL_SEGMENT.test(route) && !pathMatches(det.httpPaths?.reads ?? [], route)) {
    return { transmits: !deletesPath, deletes: deletesPath };
  }
  // A tracking URL prefix transmits in its query string; so does a host named only by the map's `detect` (its
  // detector transmits on any call), whose API the catalogue does not describe.
  if (intent === 'read' && (isTrackingPrefix(det) || det.transmits.length > 0)) return { transmits: true, deletes: false };
  return { transmits: false, deletes: intent === 'delete' || deletesPath };
}

/**
 * Links files' facts into call sites. Files are added in rounds (those that mention a vendor first, then
 * those that import something that reaches one); `finish` builds the result.
 */
export class Linker {
  private readonly values: ValueResolver;
  private readonly leavesByFn = new Map<string, Leaf[]>();
  private readonly allLeaves: Leaf[] = [];
  private readonly edgesByFn = new Map<string, { ref: CallRef; target: string }[]>();
  private readonly callers = new Map<string, CallRef[]>();
  private readonly unresolved = new Map<string, UnresolvedDestination>();
  private readonly categoryMemo = new Map<string, string | undefined>();
  /** Per detector (package or global): a vendor's own opt-out switch set from a guard. */
  private readonly vendorOptOut = new Map<Detector, string[]>();
  /** Per detector: restricted processing switched on by a call (`fbq('dataProcessingOptions', ['LDU'])`). */
  private readonly restricted = new Map<Detector, string[]>();
  private readonly systemMatchers: { id: string; match: (f: string) => boolean }[];
  private readonly typeNamesMemo = new Map<string, string[]>();

  constructor(private readonly input: LinkInput) {
    this.values = new ValueResolver(input.facts, input.modules, input.detectors);
    this.systemMatchers = input.systems.map((s) => ({ id: s.id, match: s.paths.length ? picomatch(s.paths, { dot: true }) : () => false }));
  }

  private readonly linked = new Set<string>();
  /** Reverse call edges (callee -> calling functions), for the reachability of wrappers. */
  private readonly reverseEdges = new Map<string, string[]>();
  private reachCache: Set<string> | undefined;
  private exportReachMemo = new Map<string, boolean>();

  isLinked(file: string): boolean {
    return this.linked.has(file);
  }

  add(files: readonly string[]): void {
    for (const file of files) {
      if (this.linked.has(file)) continue;
      this.linked.add(file);
      const facts = this.input.facts(file);
      if (facts) facts.calls.forEach((fact, index) => this.classify({ file, index, fact }));
    }
    this.reachCache = undefined;
    this.exportReachMemo = new Map();
  }

  /** Functions whose body reaches a vendor call (directly or through the functions they call). */
  private reachingFunctions(): Set<string> {
    if (this.reachCache) return this.reachCache;
    const reach = new Set<string>();
    const queue = [...this.leavesByFn.keys()];
    while (queue.length) {
      const fn = queue.pop()!;
      if (reach.has(fn)) continue;
      reach.add(fn);
      for (const caller of this.reverseEdges.get(fn) ?? []) if (!reach.has(caller)) queue.push(caller);
    }
    this.reachCache = reach;
    return reach;
  }

  /** Does an export of a project file lead to a vendor: a reaching function, a vendor client, a class or object holding one? */
  exportReaches(file: string, name: string): boolean {
    const key = `${file}\u0000${name}`;
    const memo = this.exportReachMemo.get(key);
    if (memo !== undefined) return memo;
    this.exportReachMemo.set(key, false);
    const found = this.values.exportVal(file, name);
    const result = found ? this.valueReaches(this.values.resolve(found.file, found.val), 0) : false;
    this.exportReachMemo.set(key, result);
    return result;
  }

  /** Does any export of a project file lead to a vendor? */
  anyExportReaches(file: string): boolean {
    const facts = this.input.facts(file);
    if (!facts) return false;
    if (facts.exports.some(([name]) => this.exportReaches(file, name))) return true;
    return facts.starExports.some((src) => {
      const target = this.input.modules.resolve(file, src);
      return target !== undefined && target !== file && this.anyExportReachesGuarded(target);
    });
  }

  private readonly anyBusy = new Set<string>();
  private anyExportReachesGuarded(file: string): boolean {
    if (this.anyBusy.has(file)) return false;
    this.anyBusy.add(file);
    const result = this.anyExportReaches(file);
    this.anyBusy.delete(file);
    return result;
  }

  private valueReaches(rv: RV, depth: number): boolean {
    if (depth > 3) return false;
    const reach = this.reachingFunctions();
    switch (rv.t) {
      case 'vendor':
      case 'http':
        return true;
      case 'fn': {
        if (reach.has(fnKey(rv.file, rv.id))) return true;
        // A hook or factory that returns a wrapper or a client (`useAnalytics()` -> `{ capture }`, `getStripe()`).
        const returns = this.input.facts(rv.file)?.functions[rv.id]?.returns ?? [];
        return returns.some((r) => this.valueReaches(this.values.resolve(rv.file, r), depth + 1));
      }
      case 'cls':
      case 'inst': {
        const cls = rv.t === 'cls' ? rv.id : rv.cls;
        const facts = this.input.facts(rv.file);
        if (!facts) return false;
        if (facts.functions.some((f, i) => f.cls === cls && reach.has(fnKey(rv.file, i)))) return true;
        const c = facts.classes[cls];
        if (c?.fields.some(([, v]) => this.valueReaches(this.values.resolve(rv.file, v), depth + 1))) return true;
        return c?.base ? this.valueReaches(this.values.resolve(rv.file, c.base), depth + 1) : false;
      }
      case 'obj':
        return rv.props.some(([, v]) => this.valueReaches(this.values.resolve(rv.file, v), depth + 1));
      case 'ns':
        return this.anyExportReachesGuarded(rv.file);
      default:
        return false;
    }
  }

  finish(): LinkOutput {
    this.consentSwitches();
    const callSites: CallSite[] = [];
    for (const leaf of this.allLeaves) {
      if (!leaf.transmits && leaf.urlParam === undefined) continue;
      callSites.push(...this.sitesOf(leaf));
    }
    const handlers = this.input.deletionHandlers.map((h) => this.handler(h.system, h.handler));
    return {
      callSites: dedupeSites(callSites).sort(compareSites),
      unresolved: [...this.unresolved.values()].sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.call, b.call)),
      handlers: handlers.sort((a, b) => cmp(a.system, b.system) || cmp(a.handler, b.handler)),
    };
  }

  // ---------------------------------------------------------------- classification

  private addLeaf(leaf: Leaf): void {
    const key = fnKey(leaf.ref.file, leaf.ref.fact.fn);
    const list = this.leavesByFn.get(key) ?? [];
    list.push(leaf);
    this.leavesByFn.set(key, list);
    this.allLeaves.push(leaf);
  }

  private addEdge(ref: CallRef, target: string, targetFile: string, targetFn: number): void {
    const key = fnKey(ref.file, ref.fact.fn);
    const list = this.edgesByFn.get(key) ?? [];
    list.push({ ref, target });
    this.edgesByFn.set(key, list);
    const reverse = this.reverseEdges.get(target) ?? [];
    reverse.push(key);
    this.reverseEdges.set(target, reverse);
    this.reachCache = undefined;
    // A local helper called by the function it is defined in (an event handler inside a component) is
    // part of that function, not a wrapper: its vendor calls stay where they are.
    if (targetFile === ref.file && this.isAncestor(ref.file, ref.fact.fn, targetFn)) return;
    const callers = this.callers.get(target) ?? [];
    callers.push(ref);
    this.callers.set(target, callers);
  }

  private isAncestor(file: string, ancestor: number, fn: number): boolean {
    const functions = this.input.facts(file)?.functions;
    let current = functions?.[fn]?.parent;
    for (let guard = 0; current !== undefined && guard < 64; guard++) {
      if (current === ancestor) return true;
      current = functions?.[current]?.parent;
    }
    return false;
  }

  private classify(ref: CallRef): void {
    const { fact, file } = ref;
    if (fact.kind === 'src') {
      if (fact.snippet !== undefined) this.snippet(ref, fact.snippet);
      else if (fact.args[0]?.val) this.scriptSrc(ref, fact.args[0].val);
      return;
    }
    const rv = this.values.resolve(file, fact.callee);
    if (fact.kind === 'jsx') {
      if (rv.t === 'vendor') {
        const name = rv.path.at(-1) ?? fact.calleeText;
        const det = rv.dets.find((d) => d.components.includes(name));
        if (det) this.addLeaf({ ref, det, api: fact.calleeText, pattern: name, detectedBy: 'component', matched: det.matched, transmits: true, deletes: false, path: rv.path });
      }
      return;
    }
    if (fact.kind === 'new') {
      if (rv.t === 'cls') {
        const ctor = this.input.facts(rv.file)?.functions.findIndex((f) => f.cls === rv.id && f.name.endsWith('.constructor'));
        if (ctor !== undefined && ctor >= 0) this.addEdge(ref, fnKey(rv.file, ctor), rv.file, ctor);
      }
      return;
    }
    switch (rv.t) {
      case 'vendor':
        this.vendorCall(ref, rv);
        return;
      case 'http':
        this.httpCall(ref, rv);
        return;
      case 'fn':
        this.addEdge(ref, fnKey(rv.file, rv.id), rv.file, rv.id);
        return;
      default:
    }
  }

  private vendorCall(ref: CallRef, rv: Extract<RV, { t: 'vendor' }>): void {
    // A package's default export called directly (`Intercom({...})`, `twilio(sid, token)`): the catalogue
    // names such a call by the export's usual name, which the import binding normally repeats.
    const direct = rv.path.length === 0 && rv.via === 'package' && /^[\w$]+$/.test(ref.fact.calleeText);
    const path = direct ? [ref.fact.calleeText] : rv.path;
    const a0 = ref.fact.a0 ?? this.constructedArg(ref);
    const deletionOf = (d: Detector): CallPattern | undefined =>
      firstMatch(d.deletes, path, a0) ?? (d.ref.mapDeletion && this.matchesMapDeletion(d.ref.mapDeletion, path, a0) ? d.ref.mapDeletion : undefined);
    const det = rv.dets.find((d) => firstMatch(d.transmits, path, a0)) ?? rv.dets.find((d) => deletionOf(d)) ?? rv.dets[0]!;
    const transmit = firstMatch(det.transmits, path, a0);
    const deletion = deletionOf(det);
    const provider = transmit ? this.modelProvider(ref, det) : undefined;
    const shown = (transmit ?? deletion)?.source ?? (path.join('.') + (a0 !== undefined && det.transmits.some((p) => p.firstArg !== undefined) ? `('${a0}')` : ''));
    this.addLeaf({
      ref,
      det: provider ?? det,
      api: ref.fact.calleeText,
      pattern: shown,
      detectedBy: rv.via,
      matched: (provider ?? det).matched,
      transmits: transmit !== undefined,
      deletes: deletion !== undefined,
      path,
    });
  }

  /** `client.send(new SendEmailCommand(…))`: the first argument as a `send(new SendEmailCommand)` filter sees it. */
  private constructedArg(ref: CallRef): string | undefined {
    const arg = ref.fact.args[0]?.val;
    if (!arg) return undefined;
    const { file, val } = this.values.deref(ref.file, arg);
    if (val.k !== 'new') return undefined;
    const ctor = this.values.resolve(file, val.f);
    const name = ctor.t === 'vendor' ? ctor.path.at(-1) : undefined;
    return name ? firstArgClass(name) : undefined;
  }

  /**
   * `generateText({ model: openai('gpt-4o') })`: an SDK that routes to a provider sends to the provider
   * passed as `model`, when that resolves to another catalogue entry's package.
   */
  private modelProvider(ref: CallRef, det: Detector): Detector | undefined {
    for (const arg of ref.fact.args.slice(0, 2)) {
      if (!arg.val) continue;
      const model = this.values.configUrl(ref.file, arg.val, ['model']);
      if (!model) continue;
      const rv = this.values.resolve(model.file, model.val);
      if (rv.t === 'vendor') {
        const other = rv.dets.find((d) => d.ref.catalogId !== det.ref.catalogId);
        if (other) return other;
      }
    }
    return undefined;
  }

  /** `client.deletePerson` in the map: the receiver name is the user's, so the method path may match without it. */
  private matchesMapDeletion(pattern: CallPattern, path: readonly string[], a0: string | undefined): boolean {
    if (matchesPattern(pattern, path, a0)) return true;
    return pattern.segments.length > 1 && matchesPattern({ ...pattern, segments: pattern.segments.slice(1) }, path, a0);
  }

  private httpCall(ref: CallRef, rv: Extract<RV, { t: 'http' }>): void {
    const shape = requestShape(rv);
    if (!shape) return;
    const arg = ref.fact.args[shape.urlArg];
    let parts: UrlPart[] = arg?.val ? this.values.urlParts(ref.file, arg.val) : [{ hole: 'a value not known statically' }];
    // `axios({ url })`, `http.request({ hostname })`.
    if (arg?.val) {
      const obj = this.values.deref(ref.file, arg.val);
      if (obj.val.k === 'obj') {
        const url = this.values.configUrl(ref.file, arg.val, ['url', 'uri', 'href']);
        const host = this.values.configUrl(ref.file, arg.val, ['hostname', 'host']);
        const base = this.values.configUrl(ref.file, arg.val, ['baseURL', 'prefixUrl']);
        if (host) parts = ['https://', ...this.values.urlParts(host.file, host.val), '/'];
        else if (url) parts = [...(base ? this.values.urlParts(base.file, base.val) : []), ...this.values.urlParts(url.file, url.val)];
        else if (base) parts = this.values.urlParts(base.file, base.val);
      }
    }
    let target = urlTarget(parts);
    const relative = target.kind === 'own';
    if (shape.base && (target.kind === 'own' || (target.kind === 'unknown' && target.param === undefined))) {
      const baseTarget = urlTarget(this.values.urlParts(shape.base.file, shape.base.val));
      if (baseTarget.kind !== 'own' || target.kind === 'own') target = baseTarget;
    }
    const api = ref.fact.calleeText;
    if (target.kind === 'own') return;
    const intent = this.requestIntent(ref, rv, shape);
    if (target.kind === 'host') {
      const det = hostDetector(this.input.detectors, target.host, target.path);
      if (!det) return;
      // A relative path on a client's base URL: the route continues with the request's own path.
      const route = shape.base && relative ? `${target.route.replace(/\/$/, '')}${urlRoute(parts)}` : target.route;
      this.addLeaf({ ref, det, api, pattern: target.host, detectedBy: 'http', matched: det.matched, ...httpEffect(intent, det, route), path: [], intent });
      return;
    }
    if (target.param !== undefined) {
      this.addLeaf({ ref, api, pattern: '', detectedBy: 'http', matched: '', transmits: false, deletes: false, path: [], urlParam: target.param, intent });
      return;
    }
    this.addUnresolved(ref, api, target.reason);
  }

  /** The method and body of a request as the call writes them (see `HttpIntent`). */
  private requestIntent(ref: CallRef, rv: Extract<RV, { t: 'http' }>, shape: RequestShape): HttpIntent {
    if (rv.client === 'beacon' || rv.client === 'xhr') return 'send';
    // `https.request` writes its body later (`req.end(body)`); only `https.get` is known to read.
    if (rv.client === 'node-http') return rv.path[0] === 'get' ? 'read' : 'send';
    const { file } = ref;
    const { args } = ref.fact;
    const optionsOf = (i: number): Extract<Val, { k: 'obj' }> | 'none' | 'unknown' => {
      const val = args[i]?.val;
      if (!val) return args[i] ? 'unknown' : 'none';
      const found = this.values.deref(file, val).val;
      return found.k === 'obj' ? found : 'unknown';
    };
    const hasBody = (options: Extract<Val, { k: 'obj' }>): boolean => options.props.some(([key]) => BODY_KEYS.includes(key));
    const verb = rv.path.length === 1 ? rv.path[0]!.toUpperCase() : undefined;
    if (verb && /^(?:POST|PUT|PATCH)/.test(verb)) return 'send';
    if (verb && (READ_METHODS.has(verb) || verb === 'DELETE' || verb === 'DEL')) {
      // `axios.get(url, config)`, `got.delete(url, options)`: a body can still come in the options.
      const options = optionsOf(shape.urlArg + 1);
      if (options === 'unknown' || (options !== 'none' && hasBody(options))) return 'send';
      return READ_METHODS.has(verb) ? 'read' : 'delete';
    }
    // `fetch(url, init)`, `axios({ url, method, data })`, `got(url, { method, json })`.
    const first = optionsOf(shape.urlArg);
    const options = first !== 'none' && first !== 'unknown' ? first : optionsOf(shape.urlArg + 1);
    if (options === 'unknown') return 'send';
    if (options === 'none') return 'read';
    if (hasBody(options)) return 'send';
    const method = options.props.find(([key]) => key === 'method')?.[1];
    if (method && method.k !== 'str') return 'send';
    const name = method ? method.v.toUpperCase() : 'GET';
    return READ_METHODS.has(name) ? 'read' : name === 'DELETE' ? 'delete' : 'send';
  }

  private addUnresolved(ref: CallRef, call: string, reason: string): void {
    const key = `${ref.file}:${ref.fact.line}:${ref.fact.column}:${call}`;
    if (!this.unresolved.has(key)) this.unresolved.set(key, { file: ref.file, line: ref.fact.line, column: ref.fact.column, call, reason });
  }

  private scriptSrc(ref: CallRef, val: Val): void {
    const target = urlTarget(this.values.urlParts(ref.file, val));
    if (target.kind !== 'host') return;
    const det = hostDetector(this.input.detectors, target.host, target.path);
    if (!det) return;
    // An image or frame from a vendor host is usually content (an avatar, an embed); only a catalogued
    // tracking URL prefix makes it a pixel.
    if (IMAGE_TAGS.has(ref.fact.calleeText) && !isTrackingPrefix(det)) return;
    this.addLeaf({ ref, det, api: ref.fact.calleeText, pattern: target.host, detectedBy: 'script', matched: det.matched, transmits: true, deletes: false, path: [] });
  }

  private snippet(ref: CallRef, text: string): void {
    const found = new Map<string, { det: Detector; api: string; pattern: string; matched: string }>();
    for (const [name, dets] of this.input.detectors.globals) {
      if (!text.includes(name)) continue;
      const re = new RegExp(`(?<![\\w$.])(?:window\\.)?${name.replace(/[$]/g, '\\$')}\\s*(?:\\.\\s*([\\w$]+)\\s*)?\\(\\s*(?:['"\`]([^'"\`]*)['"\`]|(arguments))?`, 'g');
      for (const m of text.matchAll(re)) {
        if (m[3]) continue; // `dataLayer.push(arguments)`: the gtag shim, not a call of its own
        const path = m[1] ? [name, m[1]] : [name];
        const det = dets.find((d) => firstMatch(d.transmits, path, m[2]));
        const pattern = det ? firstMatch(det.transmits, path, m[2]) : undefined;
        if (det && pattern && !found.has(det.ref.vendor)) found.set(det.ref.vendor, { det, api: path.join('.'), pattern: pattern.source, matched: name });
      }
    }
    if (found.size === 0) {
      // URLs in the script text, then bare host names (`'connect.facebook.net/en_US/fbevents.js'`).
      for (const m of text.matchAll(/(?:https?:)?\/\/([a-z0-9.-]+\.[a-z]{2,})(\/[^\s'"`?#\\]*)?/gi)) {
        const det = hostDetector(this.input.detectors, m[1]!, m[2] ?? '');
        if (det && !found.has(det.ref.vendor)) found.set(det.ref.vendor, { det, api: m[1]!, pattern: m[1]!, matched: det.matched });
      }
      if (found.size === 0) {
        for (const { pattern, detector } of this.input.detectors.hosts) {
          const host = pattern.replace(/^\*\./, '');
          if (text.includes(host) && !found.has(detector.ref.vendor)) found.set(detector.ref.vendor, { det: detector, api: host, pattern: host, matched: pattern });
        }
      }
    }
    for (const f of [...found.values()].sort((a, b) => cmp(a.det.ref.vendor, b.det.ref.vendor))) {
      this.addLeaf({ ref, det: f.det, api: f.api, pattern: f.pattern, detectedBy: 'snippet', matched: f.matched, transmits: true, deletes: false, path: [] });
    }
  }

  /** Vendor opt-out switches and restricted-processing settings (SPEC section 5), per catalogue entry. */
  private consentSwitches(): void {
    for (const leaf of this.allLeaves) {
      const det = leaf.det;
      const catalogId = det?.ref.catalogId;
      const switches = catalogId ? this.input.detectors.consent.get(catalogId) : undefined;
      if (!det || !switches || leaf.detectedBy === 'http') continue;
      const fact = leaf.ref.fact;
      for (const sw of switches) {
        const pattern = compilePattern(sw.name);
        const byCall = pattern.segments.length > 0 && matchesPattern(pattern, leaf.path, fact.a0);
        if (sw.kind === 'optOutOption') {
          const guarded = fact.guardedKeys?.find((k) => k.startsWith(`${sw.name}=`));
          if (guarded) add(this.vendorOptOut, det, guarded.slice(sw.name.length + 1).split('|').filter(Boolean).map((n) => n.replace(/^gpc:/, '')));
        } else if (sw.kind === 'optOutCall') {
          // The switch is thrown for the consumers who opted out (or, with a consent-style call, under any guard).
          const hits = [...(fact.optedOutGuards ?? []), ...fact.gates.flatMap((g) => (g.t === 'guard' ? g.hits.map((h) => h.name) : []))];
          if (byCall && hits.length) add(this.vendorOptOut, det, hits);
        } else if (byCall && pattern.firstArg !== undefined) {
          add(this.restricted, det, [sw.name]);
        }
      }
    }
  }

  /** Restricted processing carried by the call itself: an option key, or a builder step of its payload. */
  private restrictedByCall(leaf: Leaf): string[] {
    const catalogId = leaf.det?.ref.catalogId;
    const switches = catalogId ? this.input.detectors.consent.get(catalogId) : undefined;
    if (!switches) return [];
    const fact = leaf.ref.fact;
    const names = new Set([...(fact.optionKeys ?? []), ...fact.args.flatMap((a) => a.names), ...(fact.receiver?.names ?? [])]);
    return switches.filter((sw) => sw.kind === 'restricted' && names.has(sw.name)).map((sw) => sw.name);
  }

  // ---------------------------------------------------------------- paths to the outermost callers

  /**
   * Call paths from the outermost callers down to `fn` (each without the call inside `fn`). `null` when
   * every caller lies on a cycle back to a function already on the path: such callers do not count.
   */
  private pathsUp(fn: string, depth: number, visiting: Set<string>, budget: { left: number }): CallRef[][] | null {
    const callers = this.callers.get(fn);
    if (!callers || callers.length === 0 || depth >= MAX_DEPTH) return [[]];
    const out: CallRef[][] = [];
    for (const caller of callers) {
      const callerFn = fnKey(caller.file, caller.fact.fn);
      if (visiting.has(callerFn)) continue;
      visiting.add(callerFn);
      for (const path of this.pathsUp(callerFn, depth + 1, visiting, budget) ?? []) {
        if (budget.left-- <= 0) break;
        out.push([...path, caller]);
      }
      visiting.delete(callerFn);
    }
    return out.length ? out : null;
  }

  private sitesOf(leaf: Leaf): CallSite[] {
    const start = fnKey(leaf.ref.file, leaf.ref.fact.fn);
    const paths = this.pathsUp(start, 0, new Set([start]), { left: MAX_PATHS }) ?? [[]];
    const sites: CallSite[] = [];
    for (const path of paths) {
      const chain = [...path, leaf.ref];
      if (leaf.urlParam !== undefined) {
        const resolved = this.resolveUrlParam(chain, leaf);
        if (resolved) sites.push(this.site(chain, resolved));
      } else {
        sites.push(this.site(chain, leaf));
      }
    }
    return sites;
  }

  /** An HTTP request whose URL is a parameter: follow the argument up the chain of callers. */
  private resolveUrlParam(chain: CallRef[], leaf: Leaf): Leaf | undefined {
    let param = leaf.urlParam!;
    for (let k = chain.length - 2; k >= 0; k--) {
      const caller = chain[k]!;
      const val = caller.fact.args[param]?.val;
      const target = val ? urlTarget(this.values.urlParts(caller.file, val)) : { kind: 'unknown' as const, reason: 'URL not known statically' };
      if (target.kind === 'own') return undefined;
      if (target.kind === 'host') {
        const det = hostDetector(this.input.detectors, target.host, target.path);
        if (!det) return undefined;
        const effect = httpEffect(leaf.intent ?? 'send', det, target.route);
        return effect.transmits ? { ...leaf, det, pattern: target.host, matched: det.matched, ...effect } : undefined;
      }
      if (target.param === undefined) {
        this.addUnresolved(chain[0]!, leaf.api, `${target.reason}${this.requestAt(chain, leaf)}`);
        return undefined;
      }
      param = target.param;
    }
    this.addUnresolved(chain[0]!, leaf.api, `URL from a parameter${this.requestAt(chain, leaf)}`);
    return undefined;
  }

  /** Where a wrapped request is made, for an unresolved entry reported at its outermost caller. */
  private requestAt(chain: CallRef[], leaf: Leaf): string {
    const { file, fact } = leaf.ref;
    return chain.length > 1 ? `; the request is at ${file}:${fact.line}:${fact.column}` : '';
  }

  private site(chain: CallRef[], leaf: Leaf): CallSite {
    const det = leaf.det!;
    const outer = chain[0]!;
    const outerFacts = this.input.facts(outer.file)!;
    const via: ViaFrame[] = chain.slice(1).map((c) => ({
      file: c.file,
      line: c.fact.line,
      column: c.fact.column,
      function: this.input.facts(c.file)?.functions[c.fact.fn]?.name ?? '<module>',
    }));
    const { gate, guards } = this.gateOf(chain, leaf);
    const categories = new Set<string>(det.implicitCategories);
    const leafIndex = chain.length - 1;
    const args = leaf.ref.fact.args;
    const names: string[] = [];
    if (leaf.ref.fact.kind !== 'src') {
      args.forEach((_, i) => names.push(...this.argNames(chain, leafIndex, i, 0)));
      const receiver = leaf.ref.fact.receiver;
      if (receiver) names.push(...this.namesOf(chain, leafIndex, receiver, 0));
    }
    for (const name of names) {
      const category = this.category(name);
      if (category) categories.add(category);
    }
    return {
      file: outer.file,
      line: outer.fact.line,
      column: outer.fact.column,
      vendor: det.ref.vendor,
      ...(det.ref.catalogId ? { catalogId: det.ref.catalogId } : {}),
      declaredVendor: det.ref.declared,
      api: leaf.api,
      pattern: leaf.pattern,
      detectedBy: leaf.detectedBy,
      matched: leaf.matched,
      categories: [...categories].sort(),
      gated: gate !== 'none',
      gate,
      guards,
      via,
      system: this.systemOf(outer.file),
      enclosingFunction: outerFacts.functions[outer.fact.fn]?.name ?? '<module>',
      callText: outer.fact.text,
      defaultClass: det.defaultClass,
    };
  }

  private gateOf(chain: CallRef[], leaf: Leaf): { gate: GateKind; guards: string[] } {
    const det = leaf.det!;
    const hits: GuardHit[] = [];
    chain.forEach((ref, k) => {
      for (const gate of ref.fact.gates) {
        if (gate.t === 'guard') hits.push(...gate.hits);
        else if (k > 0 && gate.when) hits.push(...(chain[k - 1]!.fact.args[gate.i]?.guard ?? []));
      }
    });
    const names = [...new Set(hits.map((h) => h.name))].sort();
    if (hits.some((h) => !h.gpc)) return { gate: 'guard', guards: names };
    if (hits.length) return { gate: 'gpc-only', guards: names };
    const optOut = leaf.detectedBy === 'http' ? undefined : this.vendorOptOut.get(det);
    if (optOut) return { gate: 'vendor-opt-out', guards: optOut };
    const restricted = [...(this.restricted.get(det) ?? []), ...this.restrictedByCall(leaf)];
    if (restricted.length) return { gate: 'restricted', guards: [...new Set(restricted)].sort() };
    return { gate: 'none', guards: [] };
  }

  /** Names an argument carries, following parameters up to the caller's arguments. */
  private argNames(chain: CallRef[], k: number, i: number, depth: number): string[] {
    const arg: ArgFact | undefined = chain[k]!.fact.args[i];
    return arg ? this.namesOf(chain, k, arg, depth) : [];
  }

  private namesOf(chain: CallRef[], k: number, arg: ArgFact, depth: number): string[] {
    if (depth > MAX_DEPTH) return [];
    const names = [...arg.names];
    for (const type of arg.types) names.push(...this.typeNames(chain[k]!.file, type));
    if (k > 0) for (const p of arg.params) names.push(...this.argNames(chain, k - 1, p, depth + 1));
    return names;
  }

  /** Property names of a declared type (interface, type alias, class) in the project's own files. */
  private typeNames(file: string, type: Val, depth = 0): string[] {
    const key = `${file}\u0000${JSON.stringify(type)}`;
    const memo = this.typeNamesMemo.get(key);
    if (memo) return memo;
    this.typeNamesMemo.set(key, []);
    let names: string[] = [];
    if (type.k === 'glob') {
      names = this.input.facts(file)?.types.find(([n]) => n === type.name)?.[1] ?? [];
    } else if (type.k === 'imp' && depth < 8) {
      const target = this.input.modules.resolve(file, type.src);
      if (target) {
        const local = this.input.facts(target)?.types.find(([n]) => n === type.name)?.[1];
        if (local) names = local;
        else {
          const reexport = this.values.exportVal(target, type.name);
          if (reexport && reexport.val.k === 'imp') names = this.typeNames(reexport.file, reexport.val, depth + 1);
          else {
            for (const star of this.input.facts(target)?.starExports ?? []) {
              names = this.typeNames(target, { k: 'imp', src: star, name: type.name }, depth + 1);
              if (names.length) break;
            }
          }
        }
      }
    }
    this.typeNamesMemo.set(key, names);
    return names;
  }

  private category(name: string): string | undefined {
    if (this.categoryMemo.has(name)) return this.categoryMemo.get(name);
    // A plural names a list of the same thing: `emails`, `phoneNumbers`.
    const category = this.input.taxonomy.categoryForField(name) ?? (/[^s]s$/.test(name) ? this.input.taxonomy.categoryForField(name.slice(0, -1)) : undefined);
    this.categoryMemo.set(name, category);
    return category;
  }

  private systemOf(file: string): string {
    return this.systemMatchers.find((s) => s.match(file))?.id ?? 'unassigned';
  }

  // ---------------------------------------------------------------- deletion handlers

  private handler(system: string, handler: string): HandlerResolution {
    const hash = handler.lastIndexOf('#');
    const file = (hash >= 0 ? handler.slice(0, hash) : handler).replace(/^\.\//, '');
    const name = hash >= 0 ? handler.slice(hash + 1) : '';
    const base = { system, handler, reaches: [] as ReachedCall[] };
    if (!name) return { ...base, resolved: false, reason: 'no function named: write the handler as "file#function"' };
    const facts = this.input.facts(file);
    if (!facts) {
      return { ...base, resolved: false, reason: this.input.fileExists(file) ? `${file} could not be scanned (excluded or unreadable)` : `file ${file} not found` };
    }
    let fnIndex = -1;
    const exported = this.values.exportVal(file, name);
    if (exported) {
      const rv = this.values.resolve(exported.file, exported.val);
      if (rv.t === 'fn' && rv.file === file) fnIndex = rv.id;
    }
    if (fnIndex < 0) fnIndex = facts.functions.findIndex((f, i) => i > 0 && (f.name === name || f.name.endsWith(`.${name}`)));
    if (fnIndex < 0) return { ...base, resolved: false, reason: `no function ${name} in ${file}` };
    const fn = facts.functions[fnIndex]!;
    const reaches: ReachedCall[] = [];
    const seen = new Set<string>();
    const stack = [fnKey(file, fnIndex)];
    while (stack.length) {
      const key = stack.pop()!;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const leaf of this.leavesByFn.get(key) ?? []) {
        if (!leaf.det) continue;
        reaches.push({
          vendor: leaf.det.ref.vendor,
          api: leaf.api,
          pattern: leaf.pattern,
          file: leaf.ref.file,
          line: leaf.ref.fact.line,
          column: leaf.ref.fact.column,
          ...(leaf.deletes ? { deletes: true } : {}),
        });
      }
      for (const edge of this.edgesByFn.get(key) ?? []) stack.push(edge.target);
    }
    reaches.sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.vendor, b.vendor) || cmp(a.api, b.api));
    return { ...base, resolved: true, file, line: fn.line, column: fn.column, reaches };
  }
}

function add<K>(map: Map<K, string[]>, key: K, names: string[]): void {
  map.set(key, [...new Set([...(map.get(key) ?? []), ...names])].sort());
}

function siteKey(s: CallSite): string {
  return [s.file, s.line, s.column, s.vendor, s.api, s.pattern, s.via.map((v) => `${v.file}:${v.line}:${v.column}`).join('>')].join('\u0000');
}

/** The outermost call and the vendor call it reaches, whatever frames lie between. */
function pathEndsKey(s: CallSite): string {
  const leaf = s.via.at(-1);
  return [s.file, s.line, s.column, s.vendor, s.api, s.pattern, leaf ? `${leaf.file}:${leaf.line}:${leaf.column}` : ''].join('\u0000');
}

const GATE_STRENGTH: Record<GateKind, number> = { none: 0, 'gpc-only': 1, 'vendor-opt-out': 2, restricted: 3, guard: 4 };

/**
 * One call site per outermost call and vendor call: several paths between them (a helper called twice by
 * the same function, a loop) are one transmission for the reader. The entry keeps the least-gated path (a
 * single ungated path leaves the call ungated), then the shortest, then the first by position, and the union
 * of the paths' categories.
 */
function dedupeSites(sites: CallSite[]): CallSite[] {
  const merged = new Map<string, CallSite>();
  for (const s of sites) {
    const key = pathEndsKey(s);
    const kept = merged.get(key);
    if (!kept) {
      merged.set(key, s);
      continue;
    }
    // Equal paths are told apart by their frames, so that the choice does not depend on the order found.
    const better = GATE_STRENGTH[s.gate] - GATE_STRENGTH[kept.gate] || s.via.length - kept.via.length || compareVia(s.via, kept.via);
    const chosen = better < 0 ? s : kept;
    merged.set(key, { ...chosen, categories: [...new Set([...kept.categories, ...s.categories])].sort() });
  }
  return [...merged.values()];
}

function compareVia(a: readonly ViaFrame[], b: readonly ViaFrame[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compareLocations(a[i]!, b[i]!) || cmp(a[i]!.function, b[i]!.function);
    if (order) return order;
  }
  return a.length - b.length;
}

export function compareSites(a: CallSite, b: CallSite): number {
  return (
    cmp(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    cmp(a.vendor, b.vendor) ||
    cmp(a.api, b.api) ||
    cmp(a.pattern, b.pattern) ||
    cmp(siteKey(a), siteKey(b))
  );
}
