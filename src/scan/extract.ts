/**
 * One file -> its facts (SPEC section 5). Parses with the raw TypeScript compiler API (no Program, no
 * type checker) and walks raw nodes once, resolving identifiers to their bindings through a light
 * lexical scope model. Everything that needs other files is left symbolic (`Val`) for the link phase.
 */
import type { ts as TypeScriptTypes } from 'ts-morph';
import { ts } from './typescript.js';
import type { ArgFact, CallFact, ClassFact, FileFacts, FnFact, GateRef, GuardHit, SuppressionFact, Val } from './facts.js';
import { CONSENT_CALLBACK_APIS, GuardMatcher, SEC_GPC_HIT, type GuardMatch } from './guards.js';

/**
 * `ts` is the compiler's exports object: over two thousand getters, in dictionary mode, slow to read on the hot
 * path. The walk reads what it uses from these constants instead.
 */
const {
  SyntaxKind, ScriptKind, ScriptTarget, DiagnosticCategory, JSDocParsingMode, canHaveModifiers, createSourceFile, flattenDiagnosticMessageText, forEachChild,
  getModifiers, isArrayLiteralExpression, isArrayTypeNode, isArrowFunction, isAsExpression, isAwaitExpression, isBinaryExpression, isBlock,
  isBreakStatement, isCallExpression, isCaseClause, isClassDeclaration, isClassExpression, isClassLike, isComputedPropertyName,
  isConditionalExpression, isConstructorDeclaration, isContinueStatement, isElementAccessExpression, isExportAssignment, isExternalModuleReference,
  isForOfStatement, isForStatement, isFunctionDeclaration, isFunctionExpression, isFunctionLike, isGetAccessorDeclaration, isIdentifier,
  isIfStatement, isImportDeclaration, isImportEqualsDeclaration, isIntersectionTypeNode, isJsxAttribute, isJsxElement, isJsxExpression,
  isJsxSpreadAttribute, isJsxText, isMetaProperty, isMethodDeclaration, isNamedExports, isNamedImports, isNamespaceExport, isNamespaceImport,
  isNewExpression, isNoSubstitutionTemplateLiteral, isNonNullExpression, isNumericLiteral, isObjectBindingPattern, isObjectLiteralExpression,
  isOmittedExpression, isParenthesizedExpression, isParenthesizedTypeNode, isPrefixUnaryExpression, isPrivateIdentifier, isPropertyAccessExpression,
  isPropertyAssignment, isPropertyDeclaration, isPropertySignature, isQualifiedName, isReturnStatement, isSatisfiesExpression,
  isShorthandPropertyAssignment, isSpreadAssignment, isSpreadElement, isStringLiteral, isStringLiteralLike, isTemplateExpression, isThrowStatement,
  isTypeAssertionExpression, isTypeLiteralNode, isTypeOfExpression, isTypeReferenceNode, isUnionTypeNode, isVariableDeclaration,
  isVariableDeclarationList, isVariableStatement
} = ts;

export interface ExtractOptions {
  guards: GuardMatcher;
  /** Global names worth recording calls on (vendor globals, HTTP and consent APIs). */
  relevantGlobals: ReadonlySet<string>;
  /**
   * Could a call on a value imported from `specifier` matter: a project module, a vendor or an HTTP
   * client? Calls rooted in any other package (React, lodash) are not recorded.
   */
  keepImport: (file: string, specifier: string) => boolean;
}

/**
 * A gate around the current position, evaluated only when a call under it is recorded (most conditions
 * in real code guard nothing of interest): the branch of a condition, or a collection filtered by a guard.
 */
interface LazyGate {
  node: ts.Expression;
  scope: Scope;
  fn: number;
  kind: 't' | 'f' | 'collection';
}

interface Binding {
  kind: 'import' | 'var' | 'fn' | 'cls' | 'param' | 'consent';
  val?: Val;
  init?: ts.Expression;
  /** Destructuring path from `init` (or from the parameter). */
  path: string[];
  scope: Scope;
  type?: ts.TypeNode;
  busy?: boolean;
  assigned?: ts.Expression[];
  paramFn?: number;
  paramIndex?: number;
  /** A value known without an initializer (the module of `import('x').then((mod) => …)`). */
  baseVal?: Val;
  /** Names sent through this request object later (`xhr.send(body)`, `req.end(body)`). */
  sent?: Set<string>;
  /** A string default of a destructured variable (`const { endpoint = 'https://…' } = options`). */
  fallback?: ts.Expression;
}

class Scope {
  readonly vars = new Map<string, Binding>();
  constructor(readonly parent?: Scope) {}
  lookup(name: string): Binding | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const b = s.vars.get(name);
      if (b) return b;
    }
    return undefined;
  }
}

interface Cond {
  t: GateRef[] | null;
  f: GateRef[] | null;
}
const NO_COND: Cond = { t: null, f: null };

interface PendingCall {
  node: ts.Node;
  callee: ts.Expression | undefined;
  scope: Scope;
  fn: number;
  gates: LazyGate[];
  kind: CallFact['kind'];
  calleeText: string;
  argNodes: readonly ts.Expression[];
  srcNode?: ts.Expression;
  snippet?: string;
  jsxAttributes?: ts.NodeArray<ts.JsxAttributeLike>;
}

interface NameAcc {
  names: Set<string>;
  params: Set<number>;
  types: Val[];
  seen: Set<Binding>;
}

/** What the walk does with a node, by kind (a table: a switch on `SyntaxKind` members compares them one by one). */
const enum Route {
  Walk, Block, Clause, Function, Class, Interface, TypeAlias, If, Conditional, Binary, Loop, Catch, Call, New, Jsx, Return, ExportAssignment,
  ExportDeclaration, VariableStatement, PropertyAccess, ElementAccess, Type,
}
const ROUTES = ((): Uint8Array => {
  const routes = new Uint8Array(SyntaxKind.Count);
  for (let k = SyntaxKind.FirstTypeNode; k <= SyntaxKind.LastTypeNode; k++) routes[k] = Route.Type;
  routes[SyntaxKind.Block] = Route.Block;
  routes[SyntaxKind.ModuleBlock] = Route.Block;
  routes[SyntaxKind.CaseClause] = Route.Clause;
  routes[SyntaxKind.DefaultClause] = Route.Clause;
  routes[SyntaxKind.FunctionDeclaration] = Route.Function;
  routes[SyntaxKind.MethodDeclaration] = Route.Function;
  routes[SyntaxKind.Constructor] = Route.Function;
  routes[SyntaxKind.GetAccessor] = Route.Function;
  routes[SyntaxKind.SetAccessor] = Route.Function;
  routes[SyntaxKind.ArrowFunction] = Route.Function;
  routes[SyntaxKind.FunctionExpression] = Route.Function;
  routes[SyntaxKind.ClassDeclaration] = Route.Class;
  routes[SyntaxKind.ClassExpression] = Route.Class;
  routes[SyntaxKind.InterfaceDeclaration] = Route.Interface;
  routes[SyntaxKind.TypeAliasDeclaration] = Route.TypeAlias;
  routes[SyntaxKind.IfStatement] = Route.If;
  routes[SyntaxKind.ConditionalExpression] = Route.Conditional;
  routes[SyntaxKind.BinaryExpression] = Route.Binary;
  routes[SyntaxKind.ForOfStatement] = Route.Loop;
  routes[SyntaxKind.ForInStatement] = Route.Loop;
  routes[SyntaxKind.ForStatement] = Route.Loop;
  routes[SyntaxKind.CatchClause] = Route.Catch;
  routes[SyntaxKind.CallExpression] = Route.Call;
  routes[SyntaxKind.NewExpression] = Route.New;
  routes[SyntaxKind.JsxElement] = Route.Jsx;
  routes[SyntaxKind.JsxSelfClosingElement] = Route.Jsx;
  routes[SyntaxKind.ReturnStatement] = Route.Return;
  routes[SyntaxKind.ExportAssignment] = Route.ExportAssignment;
  routes[SyntaxKind.ExportDeclaration] = Route.ExportDeclaration;
  routes[SyntaxKind.VariableStatement] = Route.VariableStatement;
  routes[SyntaxKind.PropertyAccessExpression] = Route.PropertyAccess;
  routes[SyntaxKind.ElementAccessExpression] = Route.ElementAccess;
  return routes;
})();

const UNK: Val = { k: 'unk' };
const CONSENT_API_NAMES = [...new Set(CONSENT_CALLBACK_APIS.map((api) => api.split('.').at(-1)!))];
const ARRAY_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'reduce', 'some', 'every', 'find', 'findIndex', 'slice', 'sort', 'toSorted', 'reverse', 'concat', 'for']);
const PRESERVING = new Set(['map', 'slice', 'sort', 'toSorted', 'reverse', 'filter', 'flatMap']);
const SNIPPET_PROPERTIES = new Set(['innerHTML', 'text', 'textContent', 'outerHTML']);
const SRC_TAGS = new Set(['script', 'img', 'iframe', 'Script']);
const FALSY_LITERALS = new Set(['false', '0', 'null', 'undefined', '', 'denied', 'no', 'n', 'off', 'rejected', 'deny']);

function scriptKind(file: string): ts.ScriptKind {
  if (/\.tsx$/i.test(file)) return ScriptKind.TSX;
  if (/\.[mc]?ts$/i.test(file)) return ScriptKind.TS;
  if (/\.jsx$/i.test(file)) return ScriptKind.JSX;
  // Plain .js files often contain JSX (React apps); the JSX grammar parses ordinary JS as well.
  return ScriptKind.JSX;
}

function unwrap(node: ts.Expression): ts.Expression {
  let e = node;
  for (;;) {
    if (isParenthesizedExpression(e) || isAsExpression(e) || isNonNullExpression(e) || isSatisfiesExpression(e) || isTypeAssertionExpression(e) || isAwaitExpression(e)) e = e.expression;
    else return e;
  }
}

function propertyNameText(name: ts.PropertyName | ts.BindingName | ts.JsxAttributeName | ts.MemberName): string | undefined {
  if (isIdentifier(name) || isPrivateIdentifier(name)) return name.text;
  if (isStringLiteral(name) || isNumericLiteral(name) || isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (isComputedPropertyName(name)) {
    const e = name.expression;
    if (isStringLiteralLike(e)) return e.text;
  }
  return undefined;
}

function stringLiteralOf(node: ts.Expression | undefined): string | undefined {
  if (!node) return undefined;
  const e = unwrap(node);
  return isStringLiteralLike(e) ? e.text : undefined;
}

function fold(text: string, max = 200): string {
  if (text.length > 4 * max) {
    // A long text (a call around a whole callback) is cut anyway: fold only its head. A head folding to at least
    // max + 2 characters ends after a character that is not blank, so its first max - 1 are the whole text's.
    const head = text.slice(0, 4 * max).replace(/\s+/g, ' ').trimStart();
    if (head.length >= max + 2) return `${head.slice(0, max - 1)}…`;
  }
  const folded = text.replace(/\s+/g, ' ').trim();
  return folded.length > max ? `${folded.slice(0, max - 1)}…` : folded;
}

function exits(statement: ts.Statement): boolean {
  if (isReturnStatement(statement) || isThrowStatement(statement) || isContinueStatement(statement) || isBreakStatement(statement)) return true;
  if (isBlock(statement)) {
    const last = statement.statements.at(-1);
    return last !== undefined && exits(last);
  }
  return false;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  if (!canHaveModifiers(node)) return false;
  // `getModifiers` would copy the list without its decorators, which never have a keyword's kind.
  const modifiers = (node as { modifiers?: ts.NodeArray<ts.Node> }).modifiers;
  if (modifiers) for (const m of modifiers) if (m.kind === kind) return true;
  return false;
}

function join(a: GateRef[] | null, b: GateRef[] | null): GateRef[] | null {
  if (!a) return b;
  if (!b) return a;
  return [...a, ...b];
}

function swap(c: Cond): Cond {
  return { t: c.f, f: c.t };
}

function condOf(match: GuardMatch): Cond {
  const gate: GateRef[] = [{ t: 'guard', hits: [match.hit] }];
  if (match.polarity === 'allowed') return { t: gate, f: null };
  if (match.polarity === 'opted_out') return { t: null, f: gate };
  return { t: gate, f: gate };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

class Extractor {
  private readonly sf: ts.SourceFile;
  private readonly facts: FileFacts;
  private readonly fnIds = new Map<ts.Node, number>();
  private readonly clsIds = new Map<ts.Node, number>();
  private readonly pending: PendingCall[] = [];
  private readonly deferredExports: [string, () => Val][] = [];
  private readonly deferredReturns: [number, ts.Expression, Scope][] = [];
  private readonly deferredFields: [number, string, () => Val][] = [];
  private readonly deferredBases: [number, ts.Expression, Scope][] = [];
  private readonly condCache = new Map<ts.Node, Cond>();
  private readonly consentCallbacks = new Set<ts.Node>();
  private scope: Scope;
  private fn = 0;
  private inTransparent = false;
  private gates: LazyGate[] = [];
  private readonly gateCache = new Map<LazyGate, GateRef[] | null>();
  private readonly externalSpecs = new Set<string>();
  private lineStarts: readonly number[] | undefined;
  /** `options.keepImport` of this file, by specifier. */
  private readonly keepImports = new Map<string, boolean>();
  private depth = 0;

  constructor(
    private readonly file: string,
    text: string,
    private readonly options: ExtractOptions,
  ) {
    // No parent pointers (fixing them up costs a walk of the whole tree): the walk sets the parents of what it
    // visits, and `parentOf` finds any other node's parent by position.
    // Nor JSDoc: nothing reads it (its syntax errors never count as the file's).
    this.sf = createSourceFile(file, text, { languageVersion: ScriptTarget.Latest, jsDocParsingMode: JSDocParsingMode.ParseNone }, false, scriptKind(file));
    this.cp = this.sf;
    this.facts = { file, exports: [], starExports: [], functions: [], classes: [], calls: [], types: [], suppressions: [], gpcReads: [] };
    this.facts.functions.push({ name: '<module>', line: 1, column: 1, params: [], returns: [] });
    this.scope = new Scope();
  }

  run(text: string): FileFacts {
    const diagnostics = (this.sf as unknown as { parseDiagnostics?: readonly TypeScriptTypes.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
    const first = diagnostics.find((d) => d.category === DiagnosticCategory.Error);
    if (first) {
      const line = this.sf.getLineAndCharacterOfPosition(first.start).line + 1;
      throw new SyntaxErrorInFile(`syntax error at line ${line}: ${flattenDiagnosticMessageText(first.messageText, ' ')}`);
    }
    this.declareStatements(this.sf.statements, this.scope);
    this.visitStatements(this.sf.statements, this.sf);
    this.finalize();
    if (text.includes('flowaudit-ignore')) this.facts.suppressions = suppressionsOf(text);
    return this.facts;
  }

  // ---------------------------------------------------------------- positions

  private pos(node: ts.Node): { line: number; column: number } {
    const start = node.getStart(this.sf);
    const starts = (this.lineStarts ??= lineStartsOf(this.sf));
    // The last line starting at or before `start` (as `getLineAndCharacterOfPosition` finds it).
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= start) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: start - starts[lo]! + 1 };
  }

  // ---------------------------------------------------------------- declarations

  private fnId(node: ts.SignatureDeclaration): number {
    let id = this.fnIds.get(node);
    if (id !== undefined) return id;
    id = this.facts.functions.length;
    this.fnIds.set(node, id);
    const name = this.functionName(node);
    const { line, column } = this.pos(node);
    const fact: FnFact = { name, line, column, params: node.parameters.map((p) => (isIdentifier(p.name) ? p.name.text : '{…}')), returns: [] };
    const parent = this.parentOf(node)!;
    const cls = isClassLike(parent) ? this.clsId(parent) : undefined;
    if (cls !== undefined) fact.cls = cls;
    this.facts.functions.push(fact);
    return id;
  }

  private clsId(node: ts.ClassLikeDeclaration): number {
    let id = this.clsIds.get(node);
    if (id !== undefined) return id;
    id = this.facts.classes.length;
    this.clsIds.set(node, id);
    let name = node.name?.text;
    if (!name) {
      const parent = this.parentOf(node)!;
      if (isVariableDeclaration(parent) && isIdentifier(parent.name)) name = parent.name.text;
    }
    this.facts.classes.push({ name: name ?? '<class>', fields: [], methods: [] });
    return id;
  }

  private functionName(node: ts.SignatureDeclaration): string {
    if ((isFunctionDeclaration(node) || isFunctionExpression(node)) && node.name) return node.name.text;
    const parent = this.parentOf(node)!;
    if (isClassLike(parent)) {
      const grand = parent.name ? undefined : this.parentOf(parent)!;
      const cls = parent.name?.text ?? (isVariableDeclaration(grand!) && isIdentifier(grand.name) ? grand.name.text : '<class>');
      if (isConstructorDeclaration(node)) return `${cls}.constructor`;
      const member = node.name ? propertyNameText(node.name as ts.PropertyName) : undefined;
      return `${cls}.${member ?? '<member>'}`;
    }
    if (node.name && !isComputedPropertyName(node.name)) {
      const own = propertyNameText(node.name as ts.PropertyName);
      if (own) return own;
    }
    let p: ts.Node = parent;
    while (isParenthesizedExpression(p) || isAsExpression(p) || isSatisfiesExpression(p)) p = this.parentOf(p)!;
    if (isCallExpression(p)) {
      const pp = this.parentOf(p)!;
      if (isVariableDeclaration(pp) && isIdentifier(pp.name)) return pp.name.text;
    }
    if (isVariableDeclaration(p) && isIdentifier(p.name)) return p.name.text;
    if ((isPropertyAssignment(p) || isPropertyDeclaration(p)) && p.name) {
      const key = propertyNameText(p.name);
      if (key) {
        if (isPropertyDeclaration(p)) {
          const pp = this.parentOf(p)!;
          if (isClassLike(pp)) return `${pp.name?.text ?? '<class>'}.${key}`;
        }
        return key;
      }
    }
    if (isBinaryExpression(p) && isPropertyAccessExpression(p.left)) return p.left.name.text;
    if (isExportAssignment(p)) return 'default';
    return '<anonymous>';
  }

  private declareStatements(statements: readonly ts.Statement[], scope: Scope): void {
    for (const s of statements) this.declareStatement(s, scope);
  }

  private declareStatement(s: ts.Statement, scope: Scope): void {
    if (isImportDeclaration(s)) {
      const src = stringLiteralOf(s.moduleSpecifier as ts.Expression);
      const clause = s.importClause;
      if (!src || !clause) return;
      if (clause.name) scope.vars.set(clause.name.text, { kind: 'import', val: { k: 'imp', src, name: 'default' }, path: [], scope });
      const named = clause.namedBindings;
      if (named && isNamespaceImport(named)) scope.vars.set(named.name.text, { kind: 'import', val: { k: 'imp', src, name: '*' }, path: [], scope });
      if (named && isNamedImports(named)) {
        for (const el of named.elements) {
          const imported = el.propertyName ? propertyNameText(el.propertyName) ?? el.name.text : el.name.text;
          scope.vars.set(el.name.text, { kind: 'import', val: { k: 'imp', src, name: imported }, path: [], scope });
        }
      }
    } else if (isImportEqualsDeclaration(s)) {
      const ref = s.moduleReference;
      if (isExternalModuleReference(ref)) {
        const src = stringLiteralOf(ref.expression);
        if (src) scope.vars.set(s.name.text, { kind: 'import', val: { k: 'imp', src, name: '*' }, path: [], scope });
      }
    } else if (isVariableStatement(s)) {
      if (hasModifier(s, SyntaxKind.DeclareKeyword)) return;
      for (const d of s.declarationList.declarations) this.declareBinding(d.name, scope, { init: d.initializer, type: d.type });
    } else if (isFunctionDeclaration(s)) {
      if (s.name && s.body) scope.vars.set(s.name.text, { kind: 'fn', val: { k: 'fn', id: this.fnId(s) }, path: [], scope });
    } else if (isClassDeclaration(s)) {
      if (s.name) scope.vars.set(s.name.text, { kind: 'cls', val: { k: 'cls', id: this.clsId(s) }, path: [], scope });
    }
  }

  private declareBinding(name: ts.BindingName, scope: Scope, from: { init?: ts.Expression; type?: ts.TypeNode; param?: [number, number]; consent?: boolean; val?: Val }, path: string[] = []): void {
    if (isIdentifier(name)) {
      const b: Binding = { kind: from.val ? 'var' : from.consent ? 'consent' : from.param ? 'param' : 'var', path, scope };
      if (from.val) b.baseVal = from.val;
      if (from.init) b.init = from.init;
      if (from.type && (path.length === 0 || !isTypeLiteralNode(from.type))) b.type = from.type;
      if (from.param) [b.paramFn, b.paramIndex] = from.param;
      scope.vars.set(name.text, b);
      return;
    }
    if (isObjectBindingPattern(name)) {
      for (const el of name.elements) {
        const key = el.dotDotDotToken ? undefined : el.propertyName ? propertyNameText(el.propertyName) : isIdentifier(el.name) ? el.name.text : undefined;
        // `({ shipping }: { shipping: ShippingProfile })`: the element's declared type is the member's.
        const memberType = key !== undefined && from.type && isTypeLiteralNode(from.type) ? memberTypeOf(from.type, key) : undefined;
        if (memberType && isIdentifier(el.name)) {
          this.declareBinding(el.name, scope, { ...from, type: memberType }, []);
          const b = scope.vars.get(el.name.text)!;
          b.path = [...path, key!];
          continue;
        }
        this.declareBinding(el.name, scope, from, key === undefined ? path : [...path, key]);
        const fallback = el.initializer && !from.param ? unwrap(el.initializer) : undefined;
        if (fallback && isIdentifier(el.name) && (isStringLiteralLike(fallback) || isTemplateExpression(fallback))) scope.vars.get(el.name.text)!.fallback = fallback;
      }
    } else {
      name.elements.forEach((el, i) => {
        if (!isOmittedExpression(el)) this.declareBinding(el.name, scope, from, el.dotDotDotToken ? path : [...path, String(i)]);
      });
    }
  }

  // ---------------------------------------------------------------- symbolic values

  private bindingVal(b: Binding): Val {
    if (b.val) return b.val;
    if (b.busy) return UNK;
    b.busy = true;
    let base: Val;
    if (b.kind === 'param' || b.kind === 'consent') {
      base = this.typedVal(b.type, b.scope) ?? { k: 'param', fn: b.paramFn ?? 0, i: b.paramIndex ?? 0 };
    } else if (b.baseVal) {
      base = b.baseVal;
    } else {
      const init = b.init && !isNullish(b.init) ? b.init : b.assigned?.find((a) => !isNullish(a));
      base = init ? this.valueOf(init, b.scope) : this.typedVal(b.type, b.scope) ?? UNK;
      if (init && b.assigned?.length && base.k === 'unk') {
        const other = b.assigned.find((a) => !isNullish(a));
        if (other) base = this.valueOf(other, b.scope);
      }
    }
    for (const p of b.path) base = { k: 'get', o: base, p };
    // The default applies when the source lacks the property; a URL read from it goes to the default's host.
    if (b.fallback) base = { k: 'or', vs: [base, this.valueOf(b.fallback, b.scope)] };
    b.val = base;
    b.busy = false;
    return base;
  }

  /** `client: Stripe` (a type naming an imported or local class) -> an instance of it. */
  private typedVal(type: ts.TypeNode | undefined, scope: Scope): Val | undefined {
    if (type && isUnionTypeNode(type)) {
      for (const member of type.types) {
        const v = this.typedVal(member, scope);
        if (v) return v;
      }
      return undefined;
    }
    if (!type || !isTypeReferenceNode(type)) return undefined;
    const name = type.typeName;
    const root = isIdentifier(name) ? name : isIdentifier(name.left) ? name.left : undefined;
    if (!root) return undefined;
    const b = scope.lookup(root.text);
    if (!b || (b.kind !== 'import' && b.kind !== 'cls')) return undefined;
    let f: Val = this.bindingVal(b);
    if (isQualifiedName(name)) f = { k: 'get', o: f, p: name.right.text };
    return { k: 'new', f };
  }

  private thisClass(node: ts.Node): number | undefined {
    for (let p = this.parentOf(node); p; p = this.parentOf(p)) {
      if (isArrowFunction(p)) continue;
      if (isClassLike(p)) return this.clsId(p);
      if (isFunctionLike(p)) {
        const pp = this.parentOf(p);
        if (pp && isClassLike(pp)) return this.clsId(pp);
        return undefined;
      }
      if (isPropertyDeclaration(p)) {
        const pp = this.parentOf(p);
        if (pp && isClassLike(pp)) return this.clsId(pp);
      }
    }
    return undefined;
  }

  private valueOf(node: ts.Expression, scope: Scope): Val {
    if (this.depth > 40) return UNK;
    this.depth++;
    try {
      return this.valueOfInner(node, scope);
    } finally {
      this.depth--;
    }
  }

  private valueOfInner(node: ts.Expression, scope: Scope): Val {
    const e = unwrap(node);
    if (isIdentifier(e)) {
      if (e.text === 'undefined') return UNK;
      const b = scope.lookup(e.text);
      return b ? this.bindingVal(b) : { k: 'glob', name: e.text };
    }
    if (e.kind === SyntaxKind.ThisKeyword) {
      const cls = this.thisClass(e);
      return cls === undefined ? UNK : { k: 'this', cls };
    }
    if (isPropertyAccessExpression(e)) {
      if (isMetaProperty(e.expression)) return { k: 'get', o: { k: 'glob', name: 'import.meta' }, p: e.name.text };
      return { k: 'get', o: this.valueOf(e.expression, scope), p: e.name.text };
    }
    if (isElementAccessExpression(e)) {
      const key = stringLiteralOf(e.argumentExpression) ?? (isNumericLiteral(e.argumentExpression) ? e.argumentExpression.text : undefined);
      return key === undefined ? UNK : { k: 'get', o: this.valueOf(e.expression, scope), p: key };
    }
    if (isCallExpression(e)) {
      const callee = unwrap(e.expression);
      const a0 = stringLiteralOf(e.arguments[0]);
      if (e.expression.kind === SyntaxKind.ImportKeyword) return a0 ? { k: 'imp', src: a0, name: '*' } : UNK;
      if (isIdentifier(callee) && callee.text === 'require' && a0 && !scope.lookup('require')) return { k: 'imp', src: a0, name: '*' };
      const calleeName = isIdentifier(callee) ? callee.text : isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (calleeName === 'useCallback' && e.arguments[0]) return this.valueOf(e.arguments[0], scope);
      if (calleeName === 'useMemo' && e.arguments[0]) {
        const f = unwrap(e.arguments[0]);
        if (isArrowFunction(f) && !isBlock(f.body)) return this.valueOf(f.body, scope);
      }
      if (calleeName === 'bind' && isPropertyAccessExpression(callee)) return this.valueOf(callee.expression, scope);
      const call: Val = { k: 'call', f: this.valueOf(callee, scope) };
      if (a0 !== undefined) call.a0 = a0;
      if (e.arguments.length) call.args = e.arguments.slice(0, 2).map((a) => this.valueOf(a, scope));
      return call;
    }
    if (isNewExpression(e)) {
      const v: Val = { k: 'new', f: this.valueOf(e.expression, scope) };
      if (e.arguments?.length) v.args = e.arguments.slice(0, 2).map((a) => this.valueOf(a, scope));
      return v;
    }
    if (isStringLiteralLike(e)) return { k: 'str', v: e.text };
    if (isTemplateExpression(e)) {
      const parts: Val[] = [{ k: 'str', v: e.head.text }];
      for (const span of e.templateSpans) parts.push(this.valueOf(span.expression, scope), { k: 'str', v: span.literal.text });
      return { k: 'cat', parts };
    }
    if (isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === SyntaxKind.PlusToken) return { k: 'cat', parts: [this.valueOf(e.left, scope), this.valueOf(e.right, scope)] };
      if (op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken || op === SyntaxKind.QuestionQuestionEqualsToken || op === SyntaxKind.BarBarEqualsToken) {
        return { k: 'or', vs: [this.valueOf(e.left, scope), this.valueOf(e.right, scope)] };
      }
      if (op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.EqualsToken || op === SyntaxKind.CommaToken) return this.valueOf(e.right, scope);
      return UNK;
    }
    if (isConditionalExpression(e)) return { k: 'or', vs: [this.valueOf(e.whenTrue, scope), this.valueOf(e.whenFalse, scope)] };
    if (isObjectLiteralExpression(e)) {
      const props: [string, Val][] = [];
      for (const p of e.properties) {
        if (isPropertyAssignment(p)) {
          const key = propertyNameText(p.name);
          if (key !== undefined) props.push([key, this.valueOf(p.initializer, scope)]);
        } else if (isShorthandPropertyAssignment(p)) {
          props.push([p.name.text, this.valueOf(p.name, scope)]);
        } else if (isMethodDeclaration(p) && p.body) {
          const key = propertyNameText(p.name);
          if (key !== undefined) props.push([key, { k: 'fn', id: this.fnId(p) }]);
        } else if (isSpreadAssignment(p)) {
          const spread = this.valueOf(p.expression, scope);
          if (spread.k === 'obj') props.push(...spread.props);
        }
      }
      return { k: 'obj', props };
    }
    if (isArrowFunction(e) || isFunctionExpression(e)) return { k: 'fn', id: this.fnId(e) };
    if (isClassExpression(e)) return { k: 'cls', id: this.clsId(e) };
    return UNK;
  }

  // ---------------------------------------------------------------- guards

  /** Member path of an expression as names: `window.navigator.globalPrivacyControl`, `consent.allows`. */
  private accessPath(node: ts.Expression): string[] | undefined {
    const e = unwrap(node);
    if (isIdentifier(e)) return [e.text];
    if (e.kind === SyntaxKind.ThisKeyword) return ['this'];
    if (isPropertyAccessExpression(e)) {
      const base = this.accessPath(e.expression);
      return base ? [...base, e.name.text] : [e.name.text];
    }
    if (isElementAccessExpression(e)) {
      const key = stringLiteralOf(e.argumentExpression);
      const base = this.accessPath(e.expression);
      return key !== undefined ? [...(base ?? []), key] : base;
    }
    if (isCallExpression(e)) return this.accessPath(e.expression);
    return undefined;
  }

  private isSecGpcRead(e: ts.Expression): boolean {
    if (isElementAccessExpression(e)) return stringLiteralOf(e.argumentExpression)?.toLowerCase() === 'sec-gpc';
    if (isCallExpression(e) && isPropertyAccessExpression(e.expression)) {
      const method = e.expression.name.text;
      return ['get', 'header', 'getHeader', 'has'].includes(method) && stringLiteralOf(e.arguments[0])?.toLowerCase() === 'sec-gpc';
    }
    if (isPropertyAccessExpression(e)) return false;
    return false;
  }

  private cond(node: ts.Expression, step = 0): Cond {
    const cached = step === 0 ? this.condCache.get(node) : undefined;
    if (cached) return cached;
    const result = this.condInner(node, step);
    if (step === 0) this.condCache.set(node, result);
    return result;
  }

  private condInner(node: ts.Expression, step: number): Cond {
    const e = unwrap(node);
    if (isPrefixUnaryExpression(e) && e.operator === SyntaxKind.ExclamationToken) return swap(this.cond(e.operand, step));
    if (isTypeOfExpression(e)) return NO_COND;
    if (this.isSecGpcRead(e)) return condOf({ hit: SEC_GPC_HIT, polarity: 'opted_out' });
    if (isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === SyntaxKind.AmpersandAmpersandToken) {
        const a = this.cond(e.left, step);
        const b = this.cond(e.right, step);
        return { t: a.t || b.t ? join(a.t, b.t) : null, f: a.f && b.f ? join(a.f, b.f) : null };
      }
      if (op === SyntaxKind.BarBarToken) {
        const a = this.cond(e.left, step);
        const b = this.cond(e.right, step);
        return { t: a.t && b.t ? join(a.t, b.t) : null, f: a.f || b.f ? join(a.f, b.f) : null };
      }
      return this.comparison(e, step);
    }
    if (isCallExpression(e)) {
      const callee = unwrap(e.expression);
      if (isIdentifier(callee) && callee.text === 'Boolean' && e.arguments[0]) return this.cond(e.arguments[0], step);
      const path = this.accessPath(callee);
      if (path) {
        const match = this.options.guards.matchCall(path);
        if (match) return condOf(match);
      }
      if (isPropertyAccessExpression(callee) && ['includes', 'has', 'some', 'indexOf', 'contains', 'startsWith'].includes(callee.name.text)) {
        const inner = this.cond(callee.expression, step);
        if (inner.t || inner.f) return inner;
      }
      return this.consentRoot(e) ? condOf({ hit: { name: 'consent callback', gpc: false }, polarity: 'unknown' }) : NO_COND;
    }
    if (isPropertyAccessExpression(e) || isElementAccessExpression(e)) {
      const path = this.accessPath(e);
      if (path) {
        const match = this.options.guards.matchRead(path);
        if (match) return condOf(match);
      }
      // A read on a consent API's callback parameter (`data.uspString`): the consent state itself.
      if (this.consentRoot(e)) return condOf({ hit: { name: 'consent callback', gpc: false }, polarity: 'unknown' });
      let root: ts.Expression = e;
      while (isPropertyAccessExpression(root) || isElementAccessExpression(root) || isCallExpression(root)) root = unwrap(root.expression);
      if (isIdentifier(root)) {
        const b = this.scope.lookup(root.text);
        if (b?.kind === 'var' && step === 0 && b.init && path) {
          const initPath = this.accessPath(b.init);
          if (initPath) {
            const match = this.options.guards.matchRead([...initPath, ...b.path, ...path.slice(1)]);
            if (match) return condOf(match);
          }
        }
      }
      return NO_COND;
    }
    if (isIdentifier(e)) {
      const b = this.scope.lookup(e.text);
      if (b?.kind === 'consent') return condOf({ hit: { name: 'consent callback', gpc: false }, polarity: 'unknown' });
      if (b?.kind === 'param' && b.paramFn === this.fn && !this.inTransparentParam(b)) {
        const i = b.paramIndex ?? 0;
        if (b.path.length === 0) return { t: [{ t: 'param', i, when: true }], f: [{ t: 'param', i, when: false }] };
      }
      if (b?.kind === 'var' && step === 0) {
        if (b.init && b.path.length === 0) return this.cond(b.init, step + 1);
        if (b.init) {
          const initPath = this.accessPath(b.init);
          if (initPath) {
            const match = this.options.guards.matchRead([...initPath, ...b.path]);
            if (match) return condOf(match);
          }
        }
      }
      const match = this.options.guards.matchRead([e.text]);
      return match ? condOf(match) : NO_COND;
    }
    return NO_COND;
  }

  private inTransparentParam(_b: Binding): boolean {
    return false;
  }

  /** Is the expression a read of (or a method call on) a consent API's callback parameter? */
  private consentRoot(e: ts.Expression): boolean {
    let root: ts.Expression = e;
    while (isPropertyAccessExpression(root) || isElementAccessExpression(root) || isCallExpression(root)) root = unwrap(root.expression);
    return isIdentifier(root) && this.scope.lookup(root.text)?.kind === 'consent';
  }

  private comparison(e: ts.BinaryExpression, step: number): Cond {
    const op = e.operatorToken.kind;
    const literalText = (x: ts.Expression): string | undefined => {
      const u = unwrap(x);
      if (isStringLiteralLike(u)) return u.text.toLowerCase();
      if (u.kind === SyntaxKind.TrueKeyword) return 'true';
      if (u.kind === SyntaxKind.FalseKeyword) return 'false';
      if (u.kind === SyntaxKind.NullKeyword) return 'null';
      if (isIdentifier(u) && u.text === 'undefined') return 'undefined';
      if (isNumericLiteral(u)) return u.text;
      if (isPrefixUnaryExpression(u) && u.operator === SyntaxKind.MinusToken && isNumericLiteral(u.operand)) return `-${u.operand.text}`;
      return undefined;
    };
    const rightLit = literalText(e.right);
    const leftLit = rightLit === undefined ? literalText(e.left) : undefined;
    const lit = rightLit ?? leftLit;
    if (lit === undefined) return NO_COND;
    const subject = rightLit !== undefined ? e.left : e.right;
    const c = this.cond(subject, step);
    if (!c.t && !c.f) return NO_COND;
    const negative = lit === '-1' || FALSY_LITERALS.has(lit);
    switch (op) {
      case SyntaxKind.EqualsEqualsEqualsToken:
      case SyntaxKind.EqualsEqualsToken:
        return negative ? swap(c) : c;
      case SyntaxKind.ExclamationEqualsEqualsToken:
      case SyntaxKind.ExclamationEqualsToken:
        return negative ? c : swap(c);
      case SyntaxKind.GreaterThanToken:
      case SyntaxKind.GreaterThanEqualsToken:
        return rightLit !== undefined ? c : swap(c);
      case SyntaxKind.LessThanToken:
      case SyntaxKind.LessThanEqualsToken:
        return rightLit !== undefined ? swap(c) : c;
      default:
        return NO_COND;
    }
  }

  /** Guards of a collection filtered by a guard (`users.filter(u => canSellData(u))`). */
  private collectionGuard(node: ts.Expression, step = 0): GateRef[] | null {
    const e = unwrap(node);
    if (isCallExpression(e) && isPropertyAccessExpression(e.expression)) {
      const method = e.expression.name.text;
      if (method === 'filter' && e.arguments[0]) {
        const f = unwrap(e.arguments[0]);
        let gates: GateRef[] | null = null;
        if (isArrowFunction(f) || isFunctionExpression(f)) {
          const body = isBlock(f.body) ? f.body.statements.find(isReturnStatement)?.expression : f.body;
          if (body) {
            const saved = this.scope;
            const inner = new Scope(this.scope);
            f.parameters.forEach((p) => this.declareBinding(p.name, inner, {}));
            this.scope = inner;
            gates = this.cond(body, 1).t;
            this.scope = saved;
          }
        } else {
          const path = this.accessPath(f);
          const match = path ? this.options.guards.matchCall(path) : undefined;
          if (match && match.polarity !== 'opted_out') gates = [{ t: 'guard', hits: [match.hit] }];
        }
        if (gates) return gates;
      }
      if (PRESERVING.has(method)) return this.collectionGuard(e.expression.expression, step);
      return null;
    }
    if (isIdentifier(e) && step === 0) {
      const b = this.scope.lookup(e.text);
      if (b?.kind === 'var' && b.init && b.path.length === 0) return this.collectionGuard(b.init, step + 1);
    }
    return null;
  }

  // ---------------------------------------------------------------- payload names

  private argFact(node: ts.Expression): ArgFact {
    const acc: NameAcc = { names: new Set(), params: new Set(), types: [], seen: new Set() };
    this.collectNames(node, acc, 0);
    const fact: ArgFact = { names: [...acc.names], params: [...acc.params], types: acc.types };
    const c = this.cond(node);
    if (c.t?.some((g) => g.t === 'guard') && !c.f) fact.guard = c.t.flatMap((g) => (g.t === 'guard' ? g.hits : []));
    return fact;
  }

  private typeVal(type: ts.TypeNode | undefined, scope: Scope, names: Set<string>): Val | undefined {
    if (!type) return undefined;
    if (isTypeLiteralNode(type)) {
      for (const n of typeMemberNames(type.members)) names.add(n);
      return undefined;
    }
    if (isArrayTypeNode(type)) return this.typeVal(type.elementType, scope, names);
    if (!isTypeReferenceNode(type)) return undefined;
    const name = type.typeName;
    if (isIdentifier(name)) {
      const b = scope.lookup(name.text);
      if (b?.kind === 'import') return this.bindingVal(b);
      return { k: 'glob', name: name.text };
    }
    return undefined;
  }

  private collectNames(node: ts.Expression, acc: NameAcc, depth: number): void {
    if (depth > 10) return;
    const e = unwrap(node);
    if (isIdentifier(e)) {
      acc.names.add(e.text);
      const b = this.scope.lookup(e.text);
      if (!b) return;
      if ((b.kind === 'param' || b.kind === 'consent') && b.paramFn === this.fn && b.paramIndex !== undefined) acc.params.add(b.paramIndex);
      if (b.type) {
        const t = this.typeVal(b.type, b.scope, acc.names);
        if (t) acc.types.push(t);
      }
      if (b.kind === 'var' && b.init && b.path.length === 0 && depth < 8 && !acc.seen.has(b)) {
        acc.seen.add(b);
        const init = unwrap(b.init);
        if (isObjectLiteralExpression(init) || isArrayLiteralExpression(init) || isIdentifier(init) || isCallExpression(init) || isNewExpression(init)) {
          const saved = this.scope;
          this.scope = b.scope;
          this.collectNames(init, acc, depth + 2);
          this.scope = saved;
        }
      }
      return;
    }
    if (isPropertyAccessExpression(e) || isElementAccessExpression(e)) {
      const name = isPropertyAccessExpression(e) ? e.name.text : stringLiteralOf(e.argumentExpression);
      if (name === undefined) return;
      acc.names.add(name);
      // `user.id` carries a user id; `order.id` does not: only an id takes its receiver's name.
      if (name === 'id' || name === 'uuid') {
        const receiver = unwrap(e.expression);
        const receiverName = isIdentifier(receiver) ? receiver.text : isPropertyAccessExpression(receiver) ? receiver.name.text : undefined;
        if (receiverName) acc.names.add(`${receiverName}${capitalise(name)}`);
      }
      return;
    }
    if (isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        if (isPropertyAssignment(p)) {
          const key = propertyNameText(p.name);
          // `restricted_data_processing: false` switches a setting off; it sends no such field either.
          if (unwrap(p.initializer).kind === SyntaxKind.FalseKeyword) continue;
          if (key !== undefined) acc.names.add(key);
          this.collectNames(p.initializer, acc, depth + 1);
        } else if (isShorthandPropertyAssignment(p)) {
          this.collectNames(p.name, acc, depth + 1);
        } else if (isSpreadAssignment(p)) {
          this.collectNames(p.expression, acc, depth + 1);
        }
      }
      return;
    }
    if (isArrayLiteralExpression(e)) {
      for (const el of e.elements) this.collectNames(isSpreadElement(el) ? el.expression : el, acc, depth + 1);
      return;
    }
    if (isCallExpression(e) || isNewExpression(e)) {
      for (const a of e.arguments ?? []) if (!isArrowFunction(a) && !isFunctionExpression(a)) this.collectNames(a, acc, depth + 1);
      if (isCallExpression(e) && isPropertyAccessExpression(e.expression)) {
        const method = e.expression.name.text;
        // Accessors and builder setters name what they carry: `user.getEmail()`, `.setClientIpAddress(ip)`.
        acc.names.add(method);
        if (/^(get|set|with)[A-Z]/.test(method)) acc.names.add(method.replace(/^(get|set|with)/, ''));
        // A builder chain carries what every link of it was given.
        if (!['get', 'set'].includes(method)) this.collectNames(e.expression.expression, acc, depth);
      }
      return;
    }
    if (isTemplateExpression(e)) {
      for (const span of e.templateSpans) this.collectNames(span.expression, acc, depth + 1);
      return;
    }
    if (isBinaryExpression(e)) {
      this.collectNames(e.left, acc, depth + 1);
      this.collectNames(e.right, acc, depth + 1);
      return;
    }
    if (isConditionalExpression(e)) {
      this.collectNames(e.whenTrue, acc, depth + 1);
      this.collectNames(e.whenFalse, acc, depth + 1);
    }
  }

  // ---------------------------------------------------------------- the walk

  private visitStatements(statements: readonly ts.Statement[], parent: ts.Node): void {
    const saved = this.gates;
    for (const s of statements) {
      this.visit(s, parent);
      if (isIfStatement(s)) {
        if (!s.elseStatement && exits(s.thenStatement)) this.gates = [...this.gates, this.lazy(s.expression, 'f')];
        else if (s.elseStatement && exits(s.elseStatement) && !exits(s.thenStatement)) this.gates = [...this.gates, this.lazy(s.expression, 't')];
      }
    }
    this.gates = saved;
  }

  private lazy(node: ts.Expression, kind: LazyGate['kind']): LazyGate {
    return { node, scope: this.scope, fn: this.fn, kind };
  }

  /** Visits `node` (a child of `parent`) under one more gate, if any. */
  private visitGated(extra: LazyGate | null, node: ts.Node, parent: ts.Node): void {
    if (!extra) {
      this.visit(node, parent);
      return;
    }
    const saved = this.gates;
    this.gates = [...saved, extra];
    this.visit(node, parent);
    this.gates = saved;
  }

  /** Evaluates the lazy gates around a recorded call. */
  private evaluateGates(gates: readonly LazyGate[], inverse = false): GateRef[] {
    const out: GateRef[] = [];
    for (const gate of gates) {
      if (inverse && gate.kind === 'collection') continue;
      let refs = inverse ? undefined : this.gateCache.get(gate);
      if (refs === undefined) {
        const saved = { scope: this.scope, fn: this.fn };
        this.scope = gate.scope;
        this.fn = gate.fn;
        const branch = inverse ? (gate.kind === 't' ? 'f' : 't') : gate.kind;
        refs = branch === 'collection' ? this.collectionGuard(gate.node) : branch === 't' ? this.cond(gate.node).t : this.cond(gate.node).f;
        this.scope = saved.scope;
        this.fn = saved.fn;
        if (!inverse) this.gateCache.set(gate, refs);
      }
      if (refs) out.push(...refs);
    }
    return out;
  }


  /** The parent of the children `forEachChild` hands `visitNode`. */
  private cp: ts.Node;

  private readonly visitNode = (node: ts.Node): void => {
    const parent = this.cp;
    this.visit(node, parent);
    this.cp = parent;
  };

  private visitChildren(node: ts.Node): void {
    this.cp = node;
    forEachChild(node, this.visitNode);
  }

  /** A node's parent: set by the walk, or else found from the root by position (setting the parents on the way). */
  private parentOf(node: ts.Node): ts.Node | undefined {
    const parent = node.parent as ts.Node | undefined;
    if (parent || node === this.sf) return parent;
    const { pos, end } = node;
    let cur: ts.Node = this.sf;
    while (cur !== node) {
      let next: ts.Node | undefined;
      forEachChild(cur, (c) => {
        if (c.pos <= pos && end <= c.end && (c.pos < c.end || c === node)) {
          next = c;
          return true;
        }
        return undefined;
      });
      if (!next) return undefined;
      setParent(next, cur);
      cur = next;
    }
    return node.parent;
  }

  private visit(node: ts.Node, parent: ts.Node): void {
    const kind = node.kind;
    // Identifiers, literals, keywords: no children, nothing to record. Of these only `this` needs its parent
    // (`thisClass`); the rest are never asked for theirs, and `parentOf` would find it.
    if (kind <= SyntaxKind.LastToken) {
      if (kind === SyntaxKind.ThisKeyword) setParent(node, parent);
      return;
    }
    setParent(node, parent);
    switch (ROUTES[kind]) {
      case Route.Block: {
        const block = node as ts.Block;
        // Most blocks declare nothing: they share their parent's scope.
        if (!block.statements.some(declares)) {
          this.visitStatements(block.statements, block);
          return;
        }
        const scope = new Scope(this.scope);
        this.declareStatements(block.statements, scope);
        const saved = this.scope;
        this.scope = scope;
        this.visitStatements(block.statements, block);
        this.scope = saved;
        return;
      }
      case Route.Clause: {
        const clause = node as ts.CaseOrDefaultClause;
        if (isCaseClause(clause)) this.visit(clause.expression, clause);
        this.declareStatements(clause.statements, this.scope);
        this.visitStatements(clause.statements, clause);
        return;
      }
      case Route.Function:
        this.visitFunction(node as ts.FunctionLikeDeclaration);
        return;
      case Route.Class:
        this.visitClass(node as ts.ClassLikeDeclaration);
        return;
      case Route.Interface: {
        const d = node as ts.InterfaceDeclaration;
        this.facts.types.push([d.name.text, typeMemberNames(d.members)]);
        return;
      }
      case Route.TypeAlias: {
        const d = node as ts.TypeAliasDeclaration;
        const names = typeNodeNames(d.type);
        if (names.length) this.facts.types.push([d.name.text, names]);
        return;
      }
      case Route.If: {
        const s = node as ts.IfStatement;
        this.visit(s.expression, s);
        this.visitGated(this.lazy(s.expression, 't'), s.thenStatement, s);
        if (s.elseStatement) this.visitGated(this.lazy(s.expression, 'f'), s.elseStatement, s);
        return;
      }
      case Route.Conditional: {
        const e = node as ts.ConditionalExpression;
        this.visit(e.condition, e);
        this.visitGated(this.lazy(e.condition, 't'), e.whenTrue, e);
        this.visitGated(this.lazy(e.condition, 'f'), e.whenFalse, e);
        return;
      }
      case Route.Binary:
        this.visitBinary(node as ts.BinaryExpression);
        return;
      case Route.Loop: {
        const s = node as ts.ForOfStatement | ts.ForInStatement | ts.ForStatement;
        const scope = new Scope(this.scope);
        const init = s.initializer;
        if (init && isVariableDeclarationList(init)) for (const d of init.declarations) this.declareBinding(d.name, scope, isForStatement(s) ? { init: d.initializer, type: d.type } : {});
        const saved = this.scope;
        this.scope = scope;
        if (init) this.visit(init, s);
        if (isForStatement(s)) {
          if (s.condition) this.visit(s.condition, s);
          if (s.incrementor) this.visit(s.incrementor, s);
          this.visit(s.statement, s);
        } else {
          this.visit(s.expression, s);
          this.visitGated(isForOfStatement(s) ? this.lazy(s.expression, 'collection') : null, s.statement, s);
        }
        this.scope = saved;
        return;
      }
      case Route.Catch: {
        const c = node as ts.CatchClause;
        const scope = new Scope(this.scope);
        if (c.variableDeclaration) this.declareBinding(c.variableDeclaration.name, scope, {});
        const saved = this.scope;
        this.scope = scope;
        this.visit(c.block, c);
        this.scope = saved;
        return;
      }
      case Route.Call:
        this.visitCall(node as ts.CallExpression);
        return;
      case Route.New: {
        const e = node as ts.NewExpression;
        this.record(e, e.expression, e.arguments ?? [], 'new');
        this.visitChildren(node);
        return;
      }
      case Route.Jsx:
        this.visitJsx(node as ts.JsxElement | ts.JsxSelfClosingElement);
        this.visitChildren(node);
        return;
      case Route.Return: {
        const r = node as ts.ReturnStatement;
        if (r.expression && !this.inTransparent && this.fn !== 0) this.deferredReturns.push([this.fn, r.expression, this.scope]);
        this.visitChildren(node);
        return;
      }
      case Route.ExportAssignment: {
        const a = node as ts.ExportAssignment;
        const scope = this.scope;
        this.deferredExports.push(['default', () => this.valueOf(a.expression, scope)]);
        this.visitChildren(node);
        return;
      }
      case Route.ExportDeclaration:
        this.visitExportDeclaration(node as ts.ExportDeclaration);
        return;
      case Route.VariableStatement: {
        const s = node as ts.VariableStatement;
        if (hasModifier(s, SyntaxKind.ExportKeyword)) {
          const scope = this.scope;
          for (const d of s.declarationList.declarations) for (const name of bindingNames(d.name)) this.deferredExports.push([name, () => this.lookupVal(name, scope)]);
        }
        this.visitChildren(node);
        return;
      }
      case Route.PropertyAccess: {
        const e = node as ts.PropertyAccessExpression;
        if (e.name.text === 'globalPrivacyControl') this.facts.gpcReads.push({ ...this.pos(e), kind: 'navigator.globalPrivacyControl' });
        this.visitChildren(node);
        return;
      }
      case Route.ElementAccess: {
        const e = node as ts.ElementAccessExpression;
        if (stringLiteralOf(e.argumentExpression)?.toLowerCase() === 'sec-gpc') this.facts.gpcReads.push({ ...this.pos(e), kind: 'Sec-GPC' });
        this.visitChildren(node);
        return;
      }
      case Route.Type:
        // Type annotations hold no calls and declare nothing: not walked.
        return;
      default:
        this.visitChildren(node);
    }
  }

  private lookupVal(name: string, scope: Scope): Val {
    const b = scope.lookup(name);
    return b ? this.bindingVal(b) : UNK;
  }

  private visitExportDeclaration(d: ts.ExportDeclaration): void {
    const src = d.moduleSpecifier ? stringLiteralOf(d.moduleSpecifier as ts.Expression) : undefined;
    const clause = d.exportClause;
    if (src !== undefined) {
      if (!clause) this.facts.starExports.push(src);
      else if (isNamespaceExport(clause)) this.facts.exports.push([clause.name.text, { k: 'imp', src, name: '*' }]);
      else for (const el of clause.elements) this.facts.exports.push([el.name.text, { k: 'imp', src, name: el.propertyName ? propertyNameText(el.propertyName) ?? el.name.text : el.name.text }]);
      return;
    }
    if (clause && isNamedExports(clause)) {
      const scope = this.scope;
      for (const el of clause.elements) {
        const local = el.propertyName ? propertyNameText(el.propertyName) ?? el.name.text : el.name.text;
        this.deferredExports.push([el.name.text, () => this.lookupVal(local, scope)]);
      }
    }
  }

  private isBindable(node: ts.FunctionLikeDeclaration): boolean {
    if (!isArrowFunction(node) && !isFunctionExpression(node)) return true;
    let p: ts.Node = this.parentOf(node)!;
    while (isParenthesizedExpression(p) || isAsExpression(p) || isSatisfiesExpression(p)) p = this.parentOf(p)!;
    if (isVariableDeclaration(p) || isPropertyAssignment(p) || isPropertyDeclaration(p) || isExportAssignment(p) || isReturnStatement(p)) return true;
    if (isArrowFunction(p) && p.body === node) return true;
    if (isBinaryExpression(p) && p.operatorToken.kind === SyntaxKind.EqualsToken && p.right === node) return true;
    if (isCallExpression(p)) {
      const callee = unwrap(p.expression);
      const name = isIdentifier(callee) ? callee.text : isPropertyAccessExpression(callee) ? callee.name.text : '';
      // `const track = useCallback(() => ..., [])`: the callback is the named function.
      if (name === 'useCallback' && isVariableDeclaration(this.parentOf(p)!)) return true;
    }
    return false;
  }

  private visitFunction(node: ts.FunctionLikeDeclaration): void {
    if (!node.body) return;
    const id = this.fnId(node);
    const bindable = this.isBindable(node);
    const consent = this.consentCallbacks.has(node);
    const scope = new Scope(this.scope);
    const loaded = this.dynamicImportOf(node);
    node.parameters.forEach((p, i) => {
      this.declareBinding(p.name, scope, { type: p.type, param: [id, i], consent, ...(i === 0 && loaded ? { val: loaded } : {}) });
      if (p.initializer) {
        setParent(p, node);
        const saved = this.scope;
        this.scope = scope;
        this.visit(p.initializer, p);
        this.scope = saved;
      }
      this.functionDefaults(p, scope);
    });
    if (isFunctionExpression(node) && node.name) scope.vars.set(node.name.text, { kind: 'fn', val: { k: 'fn', id }, path: [], scope });
    const saved = { fn: this.fn, gates: this.gates, inTransparent: this.inTransparent, scope: this.scope };
    if (bindable && this.fn !== 0 && this.fn !== id) this.facts.functions[id]!.parent = this.fn;
    if (bindable) {
      this.fn = id;
      this.gates = [];
      this.inTransparent = false;
    } else {
      this.inTransparent = true;
    }
    this.scope = scope;
    const body = node.body;
    if (isBlock(body)) {
      setParent(body, node);
      this.declareStatements(body.statements, scope);
      this.visitStatements(body.statements, body);
    } else {
      if (bindable) this.deferredReturns.push([id, body, scope]);
      this.visit(body, node);
    }
    this.fn = saved.fn;
    this.gates = saved.gates;
    this.inTransparent = saved.inTransparent;
    this.scope = saved.scope;
  }

  /**
   * `function run({ send = sendBatchEmail })`, `function run(send = sendBatchEmail)`: a parameter whose default
   * is a function of the project or a package calls that function (callers that pass their own are not told apart).
   */
  private functionDefaults(node: { name: ts.BindingName; initializer?: ts.Expression | undefined }, scope: Scope): void {
    if (!isIdentifier(node.name)) {
      for (const el of node.name.elements) if (!isOmittedExpression(el)) this.functionDefaults(el, scope);
      return;
    }
    if (!node.initializer) return;
    const init = unwrap(node.initializer);
    if (!isIdentifier(init) && !isPropertyAccessExpression(init)) return;
    const val = this.valueOf(init, scope.parent ?? scope);
    const binding = scope.vars.get(node.name.text);
    if (!binding || (val.k !== 'fn' && val.k !== 'imp' && !(val.k === 'get' && val.o.k === 'imp'))) return;
    binding.kind = 'var';
    binding.baseVal = val;
    binding.path = [];
    binding.val = undefined;
  }

  /**
   * `import('posthog-js').then((mod) => …)`: the callback's first parameter is the module. So it is when the
   * promise comes from a function of the project or a package (`getPosthog().then(…)`, a lazy loader
   * returning a cached `import()`): the link phase resolves the call through the function's returns.
   */
  private dynamicImportOf(node: ts.FunctionLikeDeclaration): Val | undefined {
    let p: ts.Node = this.parentOf(node)!;
    while (isParenthesizedExpression(p)) p = this.parentOf(p)!;
    if (!isCallExpression(p) || !isPropertyAccessExpression(p.expression) || p.expression.name.text !== 'then' || p.arguments[0] !== node) return undefined;
    const receiver = unwrap(p.expression.expression);
    if (!isCallExpression(receiver)) return undefined;
    const val = this.valueOf(receiver, this.scope);
    return val.k === 'imp' || (val.k === 'call' && (val.f.k === 'fn' || val.f.k === 'imp')) ? val : undefined;
  }


  private visitClass(node: ts.ClassLikeDeclaration): void {
    const id = this.clsId(node);
    const cls = this.facts.classes[id]!;
    const scope = this.scope;
    const ext = node.heritageClauses?.find((h) => h.token === SyntaxKind.ExtendsKeyword)?.types[0];
    if (ext) this.deferredBases.push([id, ext.expression, scope]);
    for (const member of node.members) {
      if (isGetAccessorDeclaration(member) && member.body) {
        // Reading a getter calls it: `this.client` is what `get client()` returns.
        const name = propertyNameText(member.name);
        if (name !== undefined) cls.fields.push([name, { k: 'call', f: { k: 'fn', id: this.fnId(member) } }]);
      } else if (isMethodDeclaration(member) && member.body) {
        const name = propertyNameText(member.name);
        if (name !== undefined) cls.methods.push([name, this.fnId(member)]);
      } else if (isPropertyDeclaration(member)) {
        const name = propertyNameText(member.name);
        const init = member.initializer ? unwrap(member.initializer) : undefined;
        if (name !== undefined && init && (isArrowFunction(init) || isFunctionExpression(init))) cls.methods.push([name, this.fnId(init)]);
        else if (name !== undefined && init) this.deferredFields.push([id, name, () => this.valueOf(init, scope)]);
        else if (name !== undefined && member.type) this.deferredFields.push([id, name, () => this.typedVal(member.type, scope) ?? UNK]);
      } else if (isConstructorDeclaration(member)) {
        for (const p of member.parameters) {
          if (isIdentifier(p.name) && canHaveModifiers(p) && getModifiers(p)?.length) {
            const type = p.type;
            this.deferredFields.push([id, p.name.text, () => this.typedVal(type, scope) ?? UNK]);
          }
        }
      }
    }
    const saved = { fn: this.fn, gates: this.gates, inTransparent: this.inTransparent };
    this.gates = [];
    this.inTransparent = false;
    this.visitChildren(node);
    Object.assign(this, saved);
  }

  private visitBinary(e: ts.BinaryExpression): void {
    const op = e.operatorToken.kind;
    if (op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.BarBarToken) {
      this.visit(e.left, e);
      this.visitGated(this.lazy(e.left, op === SyntaxKind.AmpersandAmpersandToken ? 't' : 'f'), e.right, e);
      return;
    }
    if (op === SyntaxKind.EqualsToken || op === SyntaxKind.QuestionQuestionEqualsToken || op === SyntaxKind.BarBarEqualsToken) this.visitAssignment(e);
    this.visitChildren(e);
  }

  private visitAssignment(e: ts.BinaryExpression): void {
    const left = unwrap(e.left);
    const scope = this.scope;
    if (isIdentifier(left)) {
      const b = scope.lookup(left.text);
      if (b && b.kind === 'var') (b.assigned ??= []).push(e.right);
      return;
    }
    if (!isPropertyAccessExpression(left)) return;
    const target = unwrap(left.expression);
    const name = left.name.text;
    if (target.kind === SyntaxKind.ThisKeyword) {
      const cls = this.thisClass(left);
      if (cls !== undefined) {
        const right = unwrap(e.right);
        if (isArrowFunction(right) || isFunctionExpression(right)) this.facts.classes[cls]!.methods.push([name, this.fnId(right)]);
        else this.deferredFields.push([cls, name, () => this.valueOf(e.right, scope)]);
      }
    }
    if (isIdentifier(target) && target.text === 'module' && name === 'exports' && !scope.lookup('module')) {
      this.deferredExports.push(['default', () => this.valueOf(e.right, scope)]);
      const right = unwrap(e.right);
      if (isObjectLiteralExpression(right)) {
        this.deferredExports.push(['*cjs', () => this.valueOf(right, scope)]);
      }
    } else if (isIdentifier(target) && target.text === 'exports' && !scope.lookup('exports')) {
      this.deferredExports.push([name, () => this.valueOf(e.right, scope)]);
    } else if (isPropertyAccessExpression(target) && target.name.text === 'exports' && isIdentifier(target.expression) && target.expression.text === 'module') {
      this.deferredExports.push([name, () => this.valueOf(e.right, scope)]);
    }
    if (name === 'src') this.recordSrc(e, e.right, calleeTextOf(left));
    if (SNIPPET_PROPERTIES.has(name)) {
      const text = this.snippetText(e.right);
      if (text) this.recordSnippet(e, text);
    }
  }

  private visitCall(e: ts.CallExpression): void {
    const callee = unwrap(e.expression);
    const path = this.accessPath(callee);
    // A path ending with an API ends with its last name (names have no dots): most calls stop at that test.
    const last = path?.at(-1);
    if (path && last !== undefined && CONSENT_API_NAMES.some((name) => last.endsWith(name)) && CONSENT_CALLBACK_APIS.some((api) => path.join('.') === api || path.join('.').endsWith(`.${api}`))) {
      for (const a of e.arguments) {
        const f = unwrap(a);
        if (isArrowFunction(f) || isFunctionExpression(f)) this.consentCallbacks.add(f);
      }
    }
    if (this.isSecGpcRead(e)) this.facts.gpcReads.push({ ...this.pos(e), kind: 'Sec-GPC' });
    if (isPropertyAccessExpression(callee) && callee.name.text === 'setAttribute' && stringLiteralOf(e.arguments[0]) === 'src' && e.arguments[1]) {
      this.recordSrc(e, e.arguments[1], calleeTextOf(callee));
    }
    if (isPropertyAccessExpression(callee) && ['send', 'end', 'write'].includes(callee.name.text) && isIdentifier(unwrap(callee.expression))) {
      const b = this.scope.lookup((unwrap(callee.expression) as ts.Identifier).text);
      if (b && b.kind === 'var') {
        const acc: NameAcc = { names: new Set(), params: new Set(), types: [], seen: new Set() };
        for (const a of e.arguments) this.collectNames(a, acc, 1);
        b.sent ??= new Set();
        for (const n of acc.names) b.sent.add(n);
      }
    }
    this.record(e, e.expression, e.arguments, 'call');
    this.visit(e.expression, e);
    const gates = isPropertyAccessExpression(callee) && ARRAY_METHODS.has(callee.name.text) ? this.lazy(callee.expression, 'collection') : null;
    const saved = this.gates;
    if (gates) this.gates = [...saved, gates];
    for (const a of e.arguments) this.visit(a, e);
    this.gates = saved;
  }

  private visitJsx(node: ts.JsxElement | ts.JsxSelfClosingElement): void {
    const opening = isJsxElement(node) ? node.openingElement : node;
    const tag = opening.tagName;
    const tagName = isIdentifier(tag) ? tag.text : undefined;
    const attrs = opening.attributes.properties;
    const attr = (name: string): ts.Expression | undefined => {
      for (const a of attrs) {
        if (isJsxAttribute(a) && propertyNameText(a.name) === name && a.initializer) {
          if (isStringLiteral(a.initializer)) return a.initializer;
          if (isJsxExpression(a.initializer) && a.initializer.expression) return a.initializer.expression;
        }
      }
      return undefined;
    };
    const inner = attr('dangerouslySetInnerHTML');
    if (inner) {
      const obj = unwrap(inner);
      if (isObjectLiteralExpression(obj)) {
        for (const p of obj.properties) {
          if (isPropertyAssignment(p) && propertyNameText(p.name) === '__html') {
            const text = this.snippetText(p.initializer);
            if (text) this.recordSnippet(node, text);
          }
        }
      }
    }
    if (tagName && SRC_TAGS.has(tagName)) {
      const src = attr('src');
      if (src) this.recordSrc(node, src, tagName);
      if ((tagName === 'script' || tagName === 'Script') && isJsxElement(node)) {
        const text = node.children
          .map((c) => (isJsxText(c) ? c.text : isJsxExpression(c) && c.expression ? this.snippetText(c.expression) ?? '' : ''))
          .join('');
        if (text.trim()) this.recordSnippet(node, text);
      }
      if (tagName !== 'Script') return;
    }
    if (tagName && /^[a-z]/.test(tagName)) return;
    if (!isIdentifier(tag) && !isPropertyAccessExpression(tag)) return;
    this.record(node, tag as ts.Expression, [], 'jsx', attrs);
  }

  /** Names a vendor component is given: attribute values (their names are the component's configuration). */
  private jsxArg(attrs: ts.NodeArray<ts.JsxAttributeLike>): ArgFact {
    const acc: NameAcc = { names: new Set(), params: new Set(), types: [], seen: new Set() };
    for (const a of attrs) {
      if (isJsxAttribute(a)) {
        if (a.initializer && isJsxExpression(a.initializer) && a.initializer.expression) this.collectNames(a.initializer.expression, acc, 1);
      } else if (isJsxSpreadAttribute(a)) {
        this.collectNames(a.expression, acc, 1);
      }
    }
    return { names: [...acc.names], params: [...acc.params], types: acc.types };
  }

  private snippetText(node: ts.Expression): string | undefined {
    const e = unwrap(node);
    if (isStringLiteralLike(e) || isTemplateExpression(e)) return e.getText(this.sf);
    if (isIdentifier(e)) {
      const b = this.scope.lookup(e.text);
      if (b?.kind === 'var' && b.init) {
        const init = unwrap(b.init);
        if (isStringLiteralLike(init) || isTemplateExpression(init)) return init.getText(this.sf);
      }
    }
    if (isCallExpression(e) || isBinaryExpression(e)) return e.getText(this.sf);
    return undefined;
  }

  private pendingOf(node: ts.Node, kind: CallFact['kind'], calleeText: string, callee?: ts.Expression, argNodes: readonly ts.Expression[] = []): PendingCall {
    return { node, callee, scope: this.scope, fn: this.fn, gates: this.gates, kind, calleeText, argNodes };
  }

  /** A script / image / frame source: `label` is how it is written (`script`, `Script`, `s.src`). */
  private recordSrc(node: ts.Node, src: ts.Expression, label: string): void {
    this.pending.push({ ...this.pendingOf(node, 'src', label), srcNode: src });
  }

  private recordSnippet(node: ts.Node, text: string): void {
    this.pending.push({ ...this.pendingOf(node, 'src', 'script'), snippet: text.length > 20000 ? text.slice(0, 20000) : text });
  }

  private record(node: ts.Node, callee: ts.Expression, args: readonly ts.Expression[], kind: 'call' | 'new' | 'jsx', jsxAttributes?: ts.NodeArray<ts.JsxAttributeLike>): void {
    const root = rootOf(callee);
    if (!root) return;
    if (isIdentifier(root)) {
      const b = this.scope.lookup(root.text);
      if (!b && !this.options.relevantGlobals.has(root.text)) return;
      if (b && (b.kind === 'param' || b.kind === 'consent') && !b.type) return;
    }
    const pending = this.pendingOf(node, kind, calleeTextOf(callee), callee, args);
    if (jsxAttributes) pending.jsxAttributes = jsxAttributes;
    this.pending.push(pending);
  }

  /** Is a callee value rooted in something that can matter (not a call of React, lodash, …)? */
  private worthKeeping(val: Val): boolean {
    switch (val.k) {
      case 'imp': {
        let keep = this.keepImports.get(val.src);
        if (keep === undefined) this.keepImports.set(val.src, (keep = this.options.keepImport(this.file, val.src)));
        if (keep) return true;
        this.externalSpecs.add(val.src);
        return false;
      }
      case 'get':
        return this.worthKeeping(val.o);
      case 'call':
      case 'new':
        return this.worthKeeping(val.f);
      case 'or':
        return val.vs.some((v) => this.worthKeeping(v));
      case 'glob':
      case 'fn':
      case 'cls':
      case 'this':
        return true;
      default:
        return false;
    }
  }

  /** Builds the fact of a recorded call, in the scope and function it stands in. */
  private buildFact(p: PendingCall): CallFact | undefined {
    const callee = p.callee ? this.valueOf(p.callee, p.scope) : UNK;
    if (p.callee && !this.worthKeeping(callee)) return undefined;
    this.scope = p.scope;
    this.fn = p.fn;
    const fact: CallFact = { fn: p.fn, ...this.pos(p.node), callee, calleeText: p.calleeText, text: fold(p.node.getText(this.sf)), kind: p.kind, args: [], gates: this.evaluateGates(p.gates) };
    if (p.snippet !== undefined) fact.snippet = p.snippet;
    // Guards under which the call runs only for a consumer who opted out (`if (optedOut) posthog.opt_out_capturing()`).
    const optedOut = this.evaluateGates(p.gates, true).flatMap((g) => (g.t === 'guard' ? g.hits.map((h) => h.name) : []));
    if (optedOut.length) fact.optedOutGuards = [...new Set(optedOut)];
    if (p.srcNode) fact.args = [{ names: [], params: [], types: [], val: this.valueOf(p.srcNode, p.scope) }];
    if (p.jsxAttributes) fact.args = [this.jsxArg(p.jsxAttributes)];
    const args = p.argNodes;
    if (!p.callee) return fact;
    const first = args[0] ? unwrap(args[0]) : undefined;
    // `_hsq.push(['identify', {...}])`: the command queue's first element plays the first argument's part.
    const a0 = stringLiteralOf(first) ?? (first && isArrayLiteralExpression(first) ? stringLiteralOf(first.elements[0]) : undefined);
    if (a0 !== undefined) fact.a0 = a0;
    fact.args = args.map((a, i) => {
      const arg = this.argFact(a);
      if (i < 2) arg.val = this.valueOf(a, p.scope);
      return arg;
    });
    const optionKeys: string[] = [];
    const guardedKeys: string[] = [];
    for (const a of args) {
      const u = unwrap(a);
      if (isStringLiteralLike(u)) optionKeys.push(u.text);
      if (isObjectLiteralExpression(u)) this.optionKeysOf(u, optionKeys, guardedKeys, 0);
    }
    if (optionKeys.length) fact.optionKeys = optionKeys;
    if (guardedKeys.length) fact.guardedKeys = guardedKeys;
    const receiver = this.builderOf(p.callee);
    const receiverNames = new Set<string>();
    const receiverAcc: NameAcc = { names: receiverNames, params: new Set(), types: [], seen: new Set() };
    if (receiver) this.collectNames(receiver, receiverAcc, 1);
    for (const n of this.companionOf(p.node, p.callee)?.sent ?? []) receiverNames.add(n);
    if (receiverNames.size || receiverAcc.params.size) fact.receiver = { names: [...receiverNames], params: [...receiverAcc.params], types: receiverAcc.types };
    return fact;
  }

  /** The builder chain a call is made on: `new EventRequest(t, id).setEvents([event])` in `….execute()`. */
  private builderOf(callee: ts.Expression): ts.Expression | undefined {
    const c = unwrap(callee);
    if (!isPropertyAccessExpression(c)) return undefined;
    let receiver = unwrap(c.expression);
    while (isPropertyAccessExpression(receiver)) receiver = unwrap(receiver.expression);
    const isBuilderCall = (e: ts.Expression): boolean => isCallExpression(e) && isPropertyAccessExpression(e.expression) && (isCallExpression(unwrap(e.expression.expression)) || isNewExpression(unwrap(e.expression.expression)));
    if (isBuilderCall(receiver)) return receiver;
    if (isIdentifier(receiver)) {
      const b = this.scope.lookup(receiver.text);
      if (b?.kind === 'var' && b.init && b.path.length === 0 && isBuilderCall(unwrap(b.init))) return receiver;
    }
    return undefined;
  }

  /** `xhr.open(...)` and `const req = https.request(...)`: the object whose later calls send the body. */
  private companionOf(node: ts.Node, callee: ts.Expression): Binding | undefined {
    const c = unwrap(callee);
    if (isPropertyAccessExpression(c) && c.name.text === 'open' && isIdentifier(unwrap(c.expression))) {
      return this.scope.lookup((unwrap(c.expression) as ts.Identifier).text);
    }
    let p = this.parentOf(node);
    while (p && (isAwaitExpression(p) || isParenthesizedExpression(p))) p = this.parentOf(p);
    if (p && isVariableDeclaration(p) && isIdentifier(p.name)) return this.scope.lookup(p.name.text);
    return undefined;
  }

  private optionKeysOf(obj: ts.ObjectLiteralExpression, keys: string[], guarded: string[], depth: number): void {
    for (const p of obj.properties) {
      if (!isPropertyAssignment(p) && !isShorthandPropertyAssignment(p)) continue;
      const key = propertyNameText(p.name);
      if (key === undefined) continue;
      const value = isPropertyAssignment(p) ? p.initializer : p.name;
      if (unwrap(value).kind !== SyntaxKind.FalseKeyword) keys.push(key);
      const c = this.cond(value);
      if (c.t || c.f) guarded.push(`${key}=${[...(c.t ?? []), ...(c.f ?? [])].flatMap((g) => (g.t === 'guard' ? g.hits.map((h) => `${h.gpc ? 'gpc:' : ''}${h.name}`) : [])).join('|')}`);
      const inner = unwrap(value);
      if (depth < 3 && isObjectLiteralExpression(inner)) this.optionKeysOf(inner, keys, guarded, depth + 1);
    }
  }

  // ---------------------------------------------------------------- finalize

  private finalize(): void {
    for (const p of this.pending) {
      const fact = this.buildFact(p);
      if (fact) this.facts.calls.push(fact);
    }
    if (this.externalSpecs.size) this.facts.externalSpecs = [...this.externalSpecs].sort();
    for (const [fn, expr, scope] of this.deferredReturns) this.facts.functions[fn]!.returns.push(this.valueOf(expr, scope));
    for (const [cls, name, val] of this.deferredFields) this.facts.classes[cls]!.fields.push([name, val()]);
    for (const [cls, expr, scope] of this.deferredBases) this.facts.classes[cls]!.base = this.valueOf(expr, scope);
    for (const [name, val] of this.deferredExports) {
      const v = val();
      if (name === '*cjs') {
        if (v.k === 'obj') for (const [key, pv] of v.props) this.facts.exports.push([key, pv]);
      } else {
        this.facts.exports.push([name, v]);
      }
    }
    // Function and class declarations with `export` / `export default`.
    for (const s of this.sf.statements) {
      if (!(isFunctionDeclaration(s) || isClassDeclaration(s)) || !hasModifier(s, SyntaxKind.ExportKeyword)) continue;
      const val: Val = isFunctionDeclaration(s) ? (s.body ? { k: 'fn', id: this.fnId(s) } : UNK) : { k: 'cls', id: this.clsId(s) };
      if (hasModifier(s, SyntaxKind.DefaultKeyword)) this.facts.exports.push(['default', val]);
      else if (s.name) this.facts.exports.push([s.name.text, val]);
    }
    for (const c of this.facts.classes) {
      const members = this.classTypeNames(c);
      if (members.length) this.facts.types.push([c.name, members]);
    }
  }

  private classTypeNames(c: ClassFact): string[] {
    return c.fields.map(([n]) => n);
  }
}

/** Where each line starts: the compiler's line map, found faster when `\n` is the only line break. */
function lineStartsOf(sf: ts.SourceFile): readonly number[] {
  const text = sf.text;
  if (/[\r\u2028\u2029]/.test(text)) return sf.getLineStarts();
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function setParent(node: ts.Node, parent: ts.Node): void {
  (node as { parent: ts.Node }).parent = parent;
}

function declares(s: ts.Statement): boolean {
  return isVariableStatement(s) || isFunctionDeclaration(s) || isClassDeclaration(s) || isImportDeclaration(s) || isImportEqualsDeclaration(s);
}

function isNullish(node: ts.Expression): boolean {
  const e = unwrap(node);
  return e.kind === SyntaxKind.NullKeyword || (isIdentifier(e) && e.text === 'undefined');
}

function rootOf(node: ts.Expression): ts.Expression | undefined {
  let e = unwrap(node);
  for (;;) {
    if (isPropertyAccessExpression(e) || isElementAccessExpression(e) || isCallExpression(e)) e = unwrap(e.expression);
    else if (isNewExpression(e)) e = unwrap(e.expression);
    else break;
  }
  if (isIdentifier(e) || e.kind === SyntaxKind.ThisKeyword || isMetaProperty(e)) return e;
  if (e.kind === SyntaxKind.ImportKeyword) return e;
  return undefined;
}

function calleeTextOf(node: ts.Expression): string {
  const e = unwrap(node);
  if (isIdentifier(e)) return e.text;
  if (e.kind === SyntaxKind.ThisKeyword) return 'this';
  if (isPropertyAccessExpression(e)) return `${calleeTextOf(e.expression)}.${e.name.text}`;
  if (isElementAccessExpression(e)) {
    const key = stringLiteralOf(e.argumentExpression);
    return key !== undefined ? `${calleeTextOf(e.expression)}.${key}` : `${calleeTextOf(e.expression)}[…]`;
  }
  if (isCallExpression(e)) return `${calleeTextOf(e.expression)}(…)`;
  if (isNewExpression(e)) return `new ${calleeTextOf(e.expression)}(…)`;
  if (e.kind === SyntaxKind.ImportKeyword) return 'import';
  return '…';
}

function bindingNames(name: ts.BindingName): string[] {
  if (isIdentifier(name)) return [name.text];
  return name.elements.flatMap((el) => (isOmittedExpression(el) ? [] : bindingNames(el.name)));
}

function memberTypeOf(type: ts.TypeLiteralNode, key: string): ts.TypeNode | undefined {
  for (const m of type.members) if (isPropertySignature(m) && m.name && propertyNameText(m.name) === key) return m.type;
  return undefined;
}

function typeMemberNames(members: ts.NodeArray<ts.TypeElement>): string[] {
  const names: string[] = [];
  for (const m of members) {
    if (!m.name) continue;
    const name = propertyNameText(m.name);
    if (name !== undefined) names.push(name);
    if (isPropertySignature(m) && m.type) names.push(...typeNodeNames(m.type));
  }
  return names;
}

function typeNodeNames(type: ts.TypeNode): string[] {
  if (isTypeLiteralNode(type)) return typeMemberNames(type.members);
  if (isIntersectionTypeNode(type) || isUnionTypeNode(type)) return type.types.flatMap(typeNodeNames);
  if (isArrayTypeNode(type)) return typeNodeNames(type.elementType);
  if (isParenthesizedTypeNode(type)) return typeNodeNames(type.type);
  return [];
}

const SUPPRESSION = /(?:\/\/|\/\*)\s*flowaudit-ignore-(next-line|file)\b[ \t]*([^\s*]+)?(?:[ \t]+--[ \t]*(.*?))?\s*(?:\*\/|$)/;

/** `// flowaudit-ignore-next-line <rule-id> -- <reason>` and `// flowaudit-ignore-file <rule-id> -- <reason>`. */
export function suppressionsOf(text: string): SuppressionFact[] {
  const out: SuppressionFact[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.includes('flowaudit-ignore')) return;
    const m = SUPPRESSION.exec(line);
    if (!m) return;
    const reason = m[3]?.trim();
    out.push({ line: i + 1, column: m.index + 1, kind: m[1] === 'file' ? 'file' : 'next-line', ruleId: m[2] ?? '*', ...(reason ? { reason } : {}) });
  });
  return out;
}

export class SyntaxErrorInFile extends Error {}

/**
 * Parse one file into facts. A file the parser reports syntax errors in is not analysed (what it would
 * yield is a guess): `SyntaxErrorInFile` says where, for the `skipped` list.
 */
export function extractFacts(file: string, text: string, options: ExtractOptions): FileFacts {
  return new Extractor(file, text, options).run(text);
}

export type { GuardHit };
