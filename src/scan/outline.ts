/**
 * A file's outline, read by a small lexer without parsing: its module-level statements grouped into
 * chunks, what each chunk declares and exports, which of the file's own names it mentions, and the file's
 * import bindings. The scan plan (plan.ts) uses it to parse only the chunks that can matter.
 *
 * A chunk starts at a line that begins, in column 0 and outside any bracket, string, comment, template or
 * JSX, with a word or a decorator (`import`, `export`, `function`, `const`, `track(...)`, `@Injectable`),
 * except words that continue a statement (`else`, `catch`, `as`, ...); decorators stay with what they decorate.
 * Both conditions must hold, so a lexer misled by unusual code (a regular expression it takes for a
 * division, JSX text it does not recognise) merges chunks rather than splitting a statement. Every fact
 * over-approximates: a chunk "mentions" a name whenever the identifier appears in it outside a property
 * access, whatever scope it refers to. When the lexer ends out of balance the outline is marked not `ok`
 * and the file is always parsed whole.
 */

export interface OutlineChunk {
  start: number;
  end: number;
  kind: 'import' | 'reexport' | 'code';
  /** Module-level names it declares (import bindings for an import chunk). */
  declares: string[];
  /** [exported name, local name or null for an anonymous `export default`]. */
  exports: [string, string | null][];
  /** The file's own module-level names (declared or imported) that it mentions. */
  refs: string[];
  /** Those of `refs` it assigns to (`client = new PostHog()`, `config.client = …`): their values may change here. */
  assigns: string[];
}

export interface OutlineImport {
  chunk: number;
  local: string;
  specifier: string;
  /** `default`, `*` (namespace or `import x = require()`), or the imported name. */
  imported: string;
}

export interface OutlineReexport {
  chunk: number;
  specifier: string;
  /** `*` for `export * from`; else [imported, exported] (`export * as ns` is [`*`, `ns`]). */
  pairs: [string, string][] | '*';
}

export interface Outline {
  ok: boolean;
  chunks: OutlineChunk[];
  imports: OutlineImport[];
  reexports: OutlineReexport[];
  /** `require('x')` and `import('x')`: the chunk may use anything the module exports. */
  dynamic: { chunk: number; specifier: string }[];
  /** CommonJS exports (`module.exports`, `exports.x`, `export =`): any export may be anything. */
  cjs: boolean;
  /** Parse it whole: it has suppression comments, which are read from the whole text. */
  whole: boolean;
}

const enum T {
  Id,
  Str,
  Punct,
}

interface Token {
  t: T;
  v: string;
  d: number;
  /** An identifier after `.` or `?.`: a property, never a binding. */
  dot: boolean;
}

/** Words that, at a line's start, continue the statement before rather than start one. */
const CONTINUATIONS = new Set(['else', 'catch', 'finally', 'while', 'as', 'satisfies', 'in', 'instanceof', 'of', 'extends', 'implements', 'keyof', 'typeof']);
/** After these keywords a `/` starts a regular expression and a `<` may start JSX. */
const EXPRESSION_KEYWORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await', 'default']);

/** Before a `{` or `[` at module level, these open a binding list or pattern whose names are read. */
const GROUP_AFTER = new Set(['import', 'export', 'type', 'const', 'let', 'var']);
/** After a name: an assignment to it or to one of its properties (not `==`, `=>`). */
const ASSIGNMENT = /(?:\s*(?:\.|\?\.)\s*[\w$]+|\s*\[[^\]\n]*\])*\s*(?:[-+*/%&|^]|\*\*|<<|>>>?|\?\?|&&|\|\|)?=(?![=>])/y;
const DYNAMIC_IMPORT = /(?<![\w$.])(?:require|import)\s*\(\s*['"`]([^'"`\n]+)['"`]\s*\)/g;

/**
 * Calls `found` for every whole word of the text (a run of identifier characters, in code, strings or
 * comments alike) that is one of `words`, in order. Words are matched by a running hash, so the scan
 * allocates nothing for the words it passes over; one regular expression per file (of that file's
 * names) would be compiled anew for every file.
 */
function forEachWord(text: string, words: ReadonlySet<string>, found: (index: number, word: string) => void): void {
  const byHash = new Map<number, string | string[]>();
  for (const word of words) {
    const h = wordHash(word, 0, word.length);
    const known = byHash.get(h);
    byHash.set(h, known === undefined ? word : Array.isArray(known) ? [...known, word] : [known, word]);
  }
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isIdPart(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let h = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (!isIdPart(c)) break;
      h = (Math.imul(h, 31) + c) | 0;
    }
    const candidates = byHash.get(h);
    if (candidates === undefined) continue;
    if (typeof candidates === 'string') {
      if (candidates.length === i - start && text.startsWith(candidates, start)) found(start, candidates);
    } else {
      for (const word of candidates) if (word.length === i - start && text.startsWith(word, start)) found(start, word);
    }
  }
}

/** Does the text name `name` (as a whole word) exactly once, and not as `name as alias`? */
export function namedOnceUnaliased(text: string, name: string): boolean {
  let found = -1;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const end = at + name.length;
    if ((at > 0 && isIdPart(text.charCodeAt(at - 1))) || (end < text.length && isIdPart(text.charCodeAt(end)))) continue;
    if (found >= 0) return false;
    found = end;
  }
  return found >= 0 && !/^\s+as\b/.test(text.slice(found, found + 16));
}

function wordHash(text: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

function chunkAt(starts: readonly number[], position: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= position) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Kinds of `spans` entries (see `outlineOf`). */
export const QUOTED = 1;
export const TEXT = 0;

const enum Ctx {
  Brace,
  Paren,
  /** The parentheses of `if`, `while`, `for`, `with`: a statement follows them. */
  ConditionParen,
  Bracket,
  TemplateExpr,
  JsxExpr,
  JsxTag,
  JsxChildren,
}

/**
 * Characters that change nothing the lexer tracks inside a body (`<` may open JSX in a JSX file). Line
 * breaks are among them: only a line starting at the top level can start a chunk.
 */
const BODY_STOPS = stopTable(`'"\`/{}()[]`);
const BODY_STOPS_JSX = stopTable(`'"\`/{}()[]<`);

function stopTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}
const SINGLE_QUOTED = /(?:[^'\\\n]|\\[\s\S])+/y;
const DOUBLE_QUOTED = /(?:[^"\\\n]|\\[\s\S])+/y;
const TEMPLATE_TEXT = /(?:[^`\\$]|\\[\s\S]|\$(?!\{))+/y;
const JSX_TEXT = /[^<{]+/y;
const JSX_TAG_TEXT = /[^>/{'"]+/y;

/** Is the word ending before `end` (spaces skipped) `if`, `while`, `for` or `with`? */
function afterStatementKeyword(text: string, end: number): boolean {
  while (end >= 0 && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9)) end--;
  let start = end;
  while (start >= 0 && end - start < 6 && isIdPart(text.charCodeAt(start))) start--;
  const length = end - start;
  if (length < 2 || length > 5 || (start >= 0 && (isIdPart(text.charCodeAt(start)) || text.charCodeAt(start) === 46))) return false;
  const word = text.slice(start + 1, end + 1);
  return word === 'if' || word === 'while' || word === 'for' || word === 'with';
}

/** After `<` in a JSX file: a generic arrow function's type parameters (`<T,>`, `<T extends X>`, `<T = X>`), not an element. */
function typeParameters(text: string, i: number): boolean {
  TYPE_PARAMETERS.lastIndex = i;
  return TYPE_PARAMETERS.test(text);
}
const TYPE_PARAMETERS = /[\w$]+\s*(?:,|=[^>]|extends\s)/y;

/** Per ASCII code: 1 for a character that can start an identifier, 2 for a digit. */
const ID_CHARS = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) table[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 36 || c === 95 ? 1 : c >= 48 && c <= 57 ? 2 : 0;
  return table;
})();
function isIdStart(c: number): boolean {
  return c > 127 || ID_CHARS[c] === 1;
}
function isIdPart(c: number): boolean {
  return c > 127 || ID_CHARS[c] !== 0;
}

/** Template text from `i` (after the backtick or a closing `}`) to its end or its next `${`; -1 when unterminated. */
function templateEnd(text: string, i: number, stack: Ctx[], spans: number[] | undefined): number {
  const n = text.length;
  const start = i;
  while (i < n) {
    TEMPLATE_TEXT.lastIndex = i;
    if (TEMPLATE_TEXT.test(text)) i = TEMPLATE_TEXT.lastIndex;
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === 92) i += 2;
    else if (c === 96) {
      spans?.push(start, i + 1, TEXT);
      return i + 1;
    } else if (c === 36 && text.charCodeAt(i + 1) === 123) {
      spans?.push(start, i + 2, TEXT);
      stack.push(Ctx.TemplateExpr);
      return i + 2;
    } else i++;
  }
  spans?.push(start, n, TEXT);
  return -1;
}

/** JSX children text up to `{`, a nested element or the closing tag; -1 when unterminated. */
function jsxChildrenEnd(text: string, i: number, stack: Ctx[], spans: number[] | undefined): number {
  const n = text.length;
  while (i < n) {
    JSX_TEXT.lastIndex = i;
    if (JSX_TEXT.test(text)) {
      spans?.push(i, JSX_TEXT.lastIndex, TEXT);
      i = JSX_TEXT.lastIndex;
    }
    if (i >= n) break;
    if (text.charCodeAt(i) === 123) {
      stack.push(Ctx.JsxExpr);
      return i + 1;
    }
    if (text.charCodeAt(i + 1) === 47) {
      // `</name>`: closes these children and their element.
      const close = text.indexOf('>', i);
      if (close < 0) return -1;
      stack.pop();
      return close + 1;
    }
    stack.push(Ctx.JsxTag);
    return i + 1;
  }
  return -1;
}

/** Inside `<tag ...>`: attributes, strings and `{expressions}`, to `>` or `/>`; -1 when unterminated. */
function jsxTagEnd(text: string, i: number, stack: Ctx[], spans: number[] | undefined): number {
  const n = text.length;
  while (i < n) {
    JSX_TAG_TEXT.lastIndex = i;
    if (JSX_TAG_TEXT.test(text)) i = JSX_TAG_TEXT.lastIndex;
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === 62) {
      stack[stack.length - 1] = Ctx.JsxChildren;
      return i + 1;
    }
    if (c === 47) {
      if (text.charCodeAt(i + 1) === 62) {
        stack.pop();
        return i + 2;
      }
      i++;
    } else if (c === 123) {
      stack.push(Ctx.JsxExpr);
      return i + 1;
    } else {
      const end = text.indexOf(String.fromCharCode(c), i + 1);
      if (end < 0) return -1;
      spans?.push(i + 1, end, QUOTED);
      i = end + 1;
    }
  }
  return -1;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

interface Lexed {
  ok: boolean;
  chunkStarts: number[];
  chunkTokens: Token[][];
}

/**
 * One pass over the text: chunk boundaries, and the tokens a chunk's declarations are read from. Tokens are
 * kept only outside brackets, and inside a `{` or `[` opened there after `import`, `export`, `type`,
 * `const`, `let`, `var` or `,` (binding lists and patterns). Written as one loop over locals, no closures,
 * because it reads every character of most files.
 */
function lex(text: string, jsx: boolean, spans?: number[]): Lexed {
  const n = text.length;
  const stack: Ctx[] = [];
  const chunkStarts: number[] = [0];
  const chunkTokens: Token[][] = [[]];
  let tokens = chunkTokens[0]!;
  /** The last significant token ends a value (so `/` divides and `<` compares). */
  let valueEnd = false;
  let afterDot = false;
  let lineStart = 0;
  let pendingDecorator = false;
  let deepRecord = false;
  let i = 0;
  if (text.startsWith('#!')) {
    i = text.indexOf('\n');
    if (i < 0) i = n;
  }
  const stops = jsx ? BODY_STOPS_JSX : BODY_STOPS;
  while (i < n) {
    const depth = stack.length;
    if (depth !== 0) {
      const top = stack[depth - 1];
      if (top === Ctx.JsxChildren || top === Ctx.JsxTag) {
        i = top === Ctx.JsxChildren ? jsxChildrenEnd(text, i, stack, spans) : jsxTagEnd(text, i, stack, spans);
        if (i < 0) return { ok: false, chunkStarts, chunkTokens };
        // Back in code after an element closed, or inside a `{...}` container.
        valueEnd = stack.length < depth;
        continue;
      }
      if (!deepRecord) {
        // Inside a body nothing is recorded: skip to the next character that opens, closes or quotes.
        let end = i;
        while (end < n) {
          const b = text.charCodeAt(end);
          if (b < 128 && stops[b] === 1) break;
          end++;
        }
        if (end > i) {
          let last = end - 1;
          while (last >= i && isSpace(text.charCodeAt(last))) last--;
          if (last >= i) {
            if (isIdPart(text.charCodeAt(last))) {
              let first = last;
              while (first > i && isIdPart(text.charCodeAt(first - 1))) first--;
              const length = last - first + 1;
              valueEnd = length < 2 || length > 10 || text.charCodeAt(first) < 97 || text.charCodeAt(first - 1) === 46 || !EXPRESSION_KEYWORDS.has(text.slice(first, last + 1));
            } else valueEnd = false;
          }
          afterDot = false;
          i = end;
          continue;
        }
      }
    }
    const recording = depth === 0 || deepRecord;
    const c = text.charCodeAt(i);
    if (c === 10) {
      i++;
      lineStart = i;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) {
      i++;
      continue;
    }
    if (i === lineStart && depth === 0 && (isIdStart(c) || c === 64)) {
      let e = i + 1;
      while (e < n && isIdPart(text.charCodeAt(e))) e++;
      const word = c === 64 ? '@' : text.slice(i, e);
      if (!CONTINUATIONS.has(word)) {
        if (pendingDecorator) {
          if (word !== '@') pendingDecorator = false;
        } else if (i > 0) {
          chunkStarts.push(i);
          chunkTokens.push((tokens = []));
          pendingDecorator = word === '@';
        } else pendingDecorator = word === '@';
      }
    }
    if (c === 47) {
      const next = text.charCodeAt(i + 1);
      if (next === 47) {
        const end = text.indexOf('\n', i);
        spans?.push(i, end < 0 ? n : end, TEXT);
        i = end < 0 ? n : end;
        continue;
      }
      if (next === 42) {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) return { ok: false, chunkStarts, chunkTokens };
        spans?.push(i, end + 2, TEXT);
        i = end + 2;
        continue;
      }
      if (!valueEnd) {
        // A regular expression: to the closing `/` outside a class, or the line's end.
        let inClass = false;
        const start = i;
        i++;
        while (i < n) {
          const r = text.charCodeAt(i);
          if (r === 10) break;
          if (r === 92) i += 2;
          else {
            i++;
            if (r === 91) inClass = true;
            else if (r === 93) inClass = false;
            else if (r === 47 && !inClass) break;
          }
        }
        while (i < n && isIdPart(text.charCodeAt(i))) i++;
        spans?.push(start, i, TEXT);
        valueEnd = true;
        afterDot = false;
        continue;
      }
      i++;
      if (recording) tokens.push({ t: T.Punct, v: '/', d: depth, dot: false });
      valueEnd = false;
      afterDot = false;
      continue;
    }
    if (c === 39 || c === 34) {
      const s = ++i;
      const body = c === 39 ? SINGLE_QUOTED : DOUBLE_QUOTED;
      body.lastIndex = i;
      if (body.test(text)) i = body.lastIndex;
      spans?.push(s, i, QUOTED);
      if (recording) tokens.push({ t: T.Str, v: text.slice(s, Math.min(i, n)), d: depth, dot: false });
      if (i < n && text.charCodeAt(i) === c) i++;
      valueEnd = true;
      afterDot = false;
      continue;
    }
    if (c === 96) {
      if (recording) tokens.push({ t: T.Str, v: '`', d: depth, dot: false });
      i = templateEnd(text, i + 1, stack, spans);
      if (i < 0) return { ok: false, chunkStarts, chunkTokens };
      valueEnd = stack.length === depth;
      afterDot = false;
      continue;
    }
    if (isIdStart(c)) {
      const s = i;
      while (i < n && isIdPart(text.charCodeAt(i))) i++;
      if (recording) {
        const word = text.slice(s, i);
        tokens.push({ t: T.Id, v: word, d: depth, dot: afterDot });
        valueEnd = afterDot || !EXPRESSION_KEYWORDS.has(word);
      } else {
        // Only a short lower-case word can be a keyword after which an expression starts.
        valueEnd = afterDot || i - s < 2 || i - s > 10 || c < 97 || !EXPRESSION_KEYWORDS.has(text.slice(s, i));
      }
      afterDot = false;
      continue;
    }
    if (c >= 48 && c <= 57) {
      while (i < n && (isIdPart(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) i++;
      valueEnd = true;
      afterDot = false;
      continue;
    }
    i++;
    afterDot = false;
    if (c === 123 || c === 40 || c === 91) {
      const v = c === 123 ? '{' : c === 40 ? '(' : '[';
      if (depth === 0) {
        const last = tokens.at(-1);
        // Binding lists and patterns, and the specifier of `import x = require('y')`.
        deepRecord = last !== undefined && (c === 40 ? last.t === T.Id && last.v === 'require' : last.t === T.Punct ? last.v === ',' : GROUP_AFTER.has(last.v));
      }
      if (depth === 0 || deepRecord) tokens.push({ t: T.Punct, v, d: depth, dot: false });
      stack.push(c === 123 ? Ctx.Brace : c === 40 ? (afterStatementKeyword(text, i - 2) ? Ctx.ConditionParen : Ctx.Paren) : Ctx.Bracket);
      valueEnd = false;
      continue;
    }
    if (c === 125 || c === 41 || c === 93) {
      const was = stack.pop();
      if (was === undefined) return { ok: false, chunkStarts, chunkTokens };
      if (was === Ctx.TemplateExpr) {
        i = templateEnd(text, i, stack, spans);
        if (i < 0) return { ok: false, chunkStarts, chunkTokens };
        valueEnd = stack.length < depth;
        continue;
      }
      if (depth === 1 || deepRecord) tokens.push({ t: T.Punct, v: c === 125 ? '}' : c === 41 ? ')' : ']', d: depth - 1, dot: false });
      if (depth === 1) deepRecord = false;
      // After `if (…)` a statement starts (`/` opens a regular expression); after a block or an object,
      // treat `/` as a division.
      valueEnd = was !== Ctx.ConditionParen;
      continue;
    }
    if (c === 46) {
      if (text.charCodeAt(i) === 46 && text.charCodeAt(i + 1) === 46) {
        i += 2;
        if (recording) tokens.push({ t: T.Punct, v: '...', d: depth, dot: false });
      } else {
        afterDot = true;
        if (recording) tokens.push({ t: T.Punct, v: '.', d: depth, dot: false });
      }
      valueEnd = false;
      continue;
    }
    if (c === 63 && text.charCodeAt(i) === 46 && !(text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57)) {
      i++;
      afterDot = true;
      if (recording) tokens.push({ t: T.Punct, v: '.', d: depth, dot: false });
      valueEnd = false;
      continue;
    }
    if (c === 60 && jsx && !valueEnd && (isIdStart(text.charCodeAt(i)) || text.charCodeAt(i) === 62) && !typeParameters(text, i)) {
      stack.push(Ctx.JsxTag);
      valueEnd = false;
      continue;
    }
    if (recording && (c === 59 || c === 44 || c === 61 || c === 42 || c === 58 || c === 64 || c === 60 || c === 63)) {
      tokens.push({ t: T.Punct, v: String.fromCharCode(c), d: depth, dot: false });
    }
    valueEnd = false;
  }
  return { ok: stack.length === 0, chunkStarts, chunkTokens };
}

/**
 * `spans`, when given, receives every stretch of text that is not code, as [start, end, kind] triples in
 * order: a string literal's content (kind QUOTED), or a comment, template text, JSX text or regular
 * expression (kind TEXT).
 */
export function outlineOf(text: string, jsx: boolean, spans?: number[]): Outline {
  const n = text.length;
  const { ok, chunkStarts, chunkTokens } = lex(text, jsx, spans);

  const outline: Outline = { ok, chunks: [], imports: [], reexports: [], dynamic: [], cjs: false, whole: text.includes('flowaudit-ignore') };
  for (let k = 0; k < chunkStarts.length; k++) {
    const start = chunkStarts[k]!;
    const end = k + 1 < chunkStarts.length ? chunkStarts[k + 1]! : n;
    outline.chunks.push(analyseChunk(chunkTokens[k]!, k, start, end, outline));
  }
  for (const match of text.matchAll(DYNAMIC_IMPORT)) outline.dynamic.push({ chunk: chunkAt(chunkStarts, match.index), specifier: match[1]! });
  const own = new Set<string>();
  for (const chunk of outline.chunks) for (const name of chunk.declares) own.add(name);
  if (own.size > 0) {
    const mentioned = outline.chunks.map(() => new Set<string>());
    const assigned = outline.chunks.map(() => new Set<string>());
    let k = 0;
    forEachWord(text, own, (index, name) => {
      // A property access (`.name`) is not a use of the name; a spread (`...name`) is.
      if (index > 0 && text.charCodeAt(index - 1) === 46 && !(index > 2 && text.charCodeAt(index - 2) === 46 && text.charCodeAt(index - 3) === 46)) return;
      while (k + 1 < chunkStarts.length && chunkStarts[k + 1]! <= index) k++;
      mentioned[k]!.add(name);
      ASSIGNMENT.lastIndex = index + name.length;
      if (ASSIGNMENT.test(text)) assigned[k]!.add(name);
    });
    outline.chunks.forEach((chunk, j) => {
      // A chunk that declares a name and uses it again (a recursive function) needs no reference to itself.
      for (const name of mentioned[j]!) if (!chunk.declares.includes(name)) chunk.refs.push(name);
      for (const name of assigned[j]!) if (!chunk.declares.includes(name)) chunk.assigns.push(name);
    });
  }
  return outline;
}

const DECLARATION_MODIFIERS = new Set(['declare', 'async', 'abstract', 'default', 'export']);

/** Where a chunk's statement starts after its decorators (`@Injectable()`, `@a.b(...)`). */
function afterDecorators(tokens: Token[]): number {
  let k = 0;
  while (tokens[k]?.t === T.Punct && tokens[k]!.v === '@') {
    k++;
    while (tokens[k]?.t === T.Id || (tokens[k]?.t === T.Punct && tokens[k]!.v === '.')) k++;
    if (tokens[k]?.t === T.Punct && tokens[k]!.v === '(') {
      const depth = tokens[k]!.d;
      for (k++; k < tokens.length && !(tokens[k]!.d === depth && tokens[k]!.t === T.Punct && tokens[k]!.v === ')'); k++);
      k++;
    }
  }
  return k;
}

function analyseChunk(all: Token[], index: number, start: number, end: number, outline: Outline): OutlineChunk {
  const chunk: OutlineChunk = { start, end, kind: 'code', declares: [], exports: [], refs: [], assigns: [] };
  const skip = afterDecorators(all);
  const tokens = skip > 0 ? all.slice(skip) : all;
  const at = (k: number): Token | undefined => tokens[k];
  const isId = (k: number, v?: string): boolean => at(k)?.t === T.Id && (v === undefined || at(k)!.v === v);
  const isP = (k: number, v: string): boolean => at(k)?.t === T.Punct && at(k)!.v === v;

  // CommonJS exports at module level.
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k]!;
    if (tok.t !== T.Id || tok.dot) continue;
    if (tok.d === 0 && ((tok.v === 'module' && isP(k + 1, '.') && isId(k + 2, 'exports')) || (tok.v === 'exports' && (isP(k + 1, '.') || isP(k + 1, '='))))) outline.cjs = true;
  }

  if (isId(0, 'import') && !isP(1, '(') && !isP(1, '.')) {
    chunk.kind = 'import';
    importBindings(tokens, index, outline, chunk);
    return chunk;
  }

  let k = 0;
  const exported = isId(0, 'export');
  if (exported) {
    k = 1;
    if (isP(1, '*')) {
      chunk.kind = 'reexport';
      const from = tokens.findIndex((t, j) => j > 1 && t.t === T.Id && t.v === 'from');
      const spec = from > 0 && at(from + 1)?.t === T.Str ? at(from + 1)!.v : undefined;
      if (spec !== undefined) outline.reexports.push({ chunk: index, specifier: spec, pairs: isId(2, 'as') && isId(3) ? [['*', at(3)!.v]] : '*' });
      return chunk;
    }
    if (isId(1, 'type') && isP(2, '{')) k = 2;
    if (isP(k, '{')) {
      const close = tokens.findIndex((t, j) => j > k && t.t === T.Punct && t.v === '}');
      const pairs = namePairs(tokens.slice(k + 1, close < 0 ? tokens.length : close));
      const fromAt = close + 1;
      if (close > 0 && isId(fromAt, 'from') && at(fromAt + 1)?.t === T.Str) {
        chunk.kind = 'reexport';
        outline.reexports.push({ chunk: index, specifier: at(fromAt + 1)!.v, pairs });
      } else for (const [local, name] of pairs) chunk.exports.push([name, local]);
      return chunk;
    }
    if (isP(1, '=')) {
      outline.cjs = true;
      return chunk;
    }
    if (isId(1, 'default')) {
      k = 2;
      while (isId(k, 'async')) k++;
      const declared = declarationName(tokens, k);
      if (declared) chunk.declares.push(declared);
      chunk.exports.push(['default', declared ?? (isId(k) && tokens.length <= k + 2 ? at(k)!.v : null)]);
      return chunk;
    }
  }
  while (at(k)?.t === T.Id && DECLARATION_MODIFIERS.has(at(k)!.v)) k++;
  if (isId(k, 'const') || isId(k, 'let') || isId(k, 'var')) {
    if (isId(k + 1, 'enum')) chunk.declares.push(...(isId(k + 2) ? [at(k + 2)!.v] : []));
    else chunk.declares.push(...declarators(tokens, k + 1));
  } else {
    const declared = declarationName(tokens, k);
    if (declared) chunk.declares.push(declared);
  }
  if (exported) for (const name of chunk.declares) chunk.exports.push([name, name]);
  return chunk;
}

/** `function f`, `function* f`, `class C`, `interface I`, `type T`, `enum E`, `namespace N`, `module M`. */
function declarationName(tokens: Token[], k: number): string | undefined {
  const tok = tokens[k];
  if (tok?.t !== T.Id) return undefined;
  let j = k + 1;
  if (tok.v === 'function' && tokens[j]?.t === T.Punct && tokens[j]!.v === '*') j++;
  if (!['function', 'class', 'interface', 'type', 'enum', 'namespace', 'module'].includes(tok.v)) return undefined;
  const name = tokens[j];
  if (name?.t !== T.Id || name.v === 'extends' || name.v === 'implements') return undefined;
  return name.v;
}

/** The names bound by `const a = …, { b, c: d } = …, [e] = …` (patterns over-approximated). */
function declarators(tokens: Token[], k: number): string[] {
  const names: string[] = [];
  const base = tokens[k]?.d ?? 0;
  let expectName = true;
  for (let j = k; j < tokens.length; j++) {
    const tok = tokens[j]!;
    if (expectName) {
      expectName = false;
      if (tok.t === T.Id) names.push(tok.v);
      else if (tok.t === T.Punct && (tok.v === '{' || tok.v === '[')) {
        for (j++; j < tokens.length && tokens[j]!.d > base; j++) if (tokens[j]!.t === T.Id && !tokens[j]!.dot) names.push(tokens[j]!.v);
      }
      continue;
    }
    if (tok.d !== base || tok.t !== T.Punct) continue;
    if (tok.v === ',') expectName = true;
    else if (tok.v === ';') break;
  }
  return names;
}

/** `a`, `a as b`, `type a`, `default as b`, `'str' as b`: [left, right]. */
function namePairs(tokens: Token[]): [string, string][] {
  const pairs: [string, string][] = [];
  let current: string[] = [];
  const flush = (): void => {
    const parts = current.filter((p) => p !== 'type' || current.length === 1 || current.length === 3);
    if (parts.length === 1) pairs.push([parts[0]!, parts[0]!]);
    else if (parts.length >= 3 && parts[parts.length - 2] === 'as') pairs.push([parts[parts.length - 3]!, parts[parts.length - 1]!]);
    current = [];
  };
  for (const tok of tokens) {
    if (tok.t === T.Punct && tok.v === ',') flush();
    else if (tok.t === T.Id || tok.t === T.Str) current.push(tok.v);
  }
  flush();
  return pairs;
}

function importBindings(tokens: Token[], index: number, outline: Outline, chunk: OutlineChunk): void {
  const from = tokens.findIndex((t) => t.t === T.Id && t.v === 'from' && !t.dot);
  let k = 1;
  if (tokens[k]?.t === T.Id && tokens[k]!.v === 'type' && !(tokens[k + 1]?.t === T.Id && tokens[k + 1]!.v === 'from')) k++;
  // `import x = require('y')`
  if (tokens[k]?.t === T.Id && tokens[k + 1]?.t === T.Punct && tokens[k + 1]!.v === '=') {
    const str = tokens.find((t, j) => j > k && t.t === T.Str);
    if (str) {
      outline.imports.push({ chunk: index, local: tokens[k]!.v, specifier: str.v, imported: '*' });
      chunk.declares.push(tokens[k]!.v);
    }
    return;
  }
  if (from < 0 || tokens[from + 1]?.t !== T.Str) return; // `import 'side-effect'`
  const specifier = tokens[from + 1]!.v;
  const bind = (local: string, imported: string): void => {
    outline.imports.push({ chunk: index, local, specifier, imported });
    chunk.declares.push(local);
  };
  for (let j = k; j < from; j++) {
    const tok = tokens[j]!;
    if (tok.t === T.Punct && tok.v === '*' && tokens[j + 1]?.v === 'as' && tokens[j + 2]?.t === T.Id) {
      bind(tokens[j + 2]!.v, '*');
      j += 2;
    } else if (tok.t === T.Punct && tok.v === '{') {
      const close = tokens.findIndex((t, m) => m > j && t.t === T.Punct && t.v === '}');
      const end = close < 0 ? from : close;
      for (const [imported, local] of namePairs(tokens.slice(j + 1, end))) bind(local, imported);
      j = end;
    } else if (tok.t === T.Id) bind(tok.v, 'default');
  }
}

/** The chunks holding these text positions, in order, each once. */
export function chunksAt(outline: Outline, positions: readonly number[]): number[] {
  const starts = outline.chunks.map((c) => c.start);
  return [...new Set(positions.map((position) => chunkAt(starts, position)))].sort((a, b) => a - b);
}

/** An outline as stored in the file index: each chunk a tuple with its empty trailing lists left out. */
export type PackedOutline = [flags: number, chunks: PackedChunk[], imports: [number, string, string, string][], reexports: [number, string, [string, string][] | '*'][], dynamic: [number, string][]];
type PackedChunk = [start: number, end: number, kind: number, declares?: string[], exports?: [string, string | null][], refs?: string[], assigns?: string[]];

const KINDS: OutlineChunk['kind'][] = ['code', 'import', 'reexport'];

export function packOutline(outline: Outline): PackedOutline {
  const chunks = outline.chunks.map((c): PackedChunk => {
    const packed: PackedChunk = [c.start, c.end, KINDS.indexOf(c.kind), c.declares, c.exports, c.refs, c.assigns];
    while (packed.length > 3 && (packed.at(-1) as unknown[]).length === 0) packed.pop();
    return packed;
  });
  return [
    (outline.ok ? 1 : 0) | (outline.cjs ? 2 : 0) | (outline.whole ? 4 : 0),
    chunks,
    outline.imports.map((i) => [i.chunk, i.local, i.specifier, i.imported]),
    outline.reexports.map((r) => [r.chunk, r.specifier, r.pairs]),
    outline.dynamic.map((d) => [d.chunk, d.specifier]),
  ];
}

const isInt = (x: unknown): x is number => Number.isInteger(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isStrList = (x: unknown): x is string[] => Array.isArray(x) && x.every(isStr);
const isPair = (x: unknown): x is [string, string] => Array.isArray(x) && x.length === 2 && isStr(x[0]) && isStr(x[1]);

/** The outline a packed one stands for, or undefined when it is not exactly the shape `packOutline` writes. */
export function unpackOutline(packed: unknown): Outline | undefined {
  if (!Array.isArray(packed) || packed.length !== 5 || !isInt(packed[0])) return undefined;
  const [flags, chunks, imports, reexports, dynamic] = packed as unknown[];
  if (!Array.isArray(chunks) || !Array.isArray(imports) || !Array.isArray(reexports) || !Array.isArray(dynamic)) return undefined;
  const n = chunks.length;
  const chunkIndex = (k: unknown): k is number => isInt(k) && k >= 0 && k < n;
  const outline: Outline = { ok: ((flags as number) & 1) !== 0, cjs: ((flags as number) & 2) !== 0, whole: ((flags as number) & 4) !== 0, chunks: [], imports: [], reexports: [], dynamic: [] };
  for (const c of chunks as unknown[]) {
    if (!Array.isArray(c) || c.length < 3 || !isInt(c[0]) || !isInt(c[1]) || !isInt(c[2]) || KINDS[c[2]] === undefined) return undefined;
    const [start, end, kind, declares = [], exports = [], refs = [], assigns = []] = c as unknown[];
    if (!isStrList(declares) || !isStrList(refs) || !isStrList(assigns)) return undefined;
    if (!Array.isArray(exports) || !exports.every((e) => Array.isArray(e) && e.length === 2 && isStr(e[0]) && (e[1] === null || isStr(e[1])))) return undefined;
    outline.chunks.push({ start: start as number, end: end as number, kind: KINDS[kind as number]!, declares, exports: exports as [string, string | null][], refs, assigns });
  }
  for (const i of imports as unknown[]) {
    if (!Array.isArray(i) || i.length !== 4 || !chunkIndex(i[0]) || !isStr(i[1]) || !isStr(i[2]) || !isStr(i[3])) return undefined;
    outline.imports.push({ chunk: i[0], local: i[1], specifier: i[2], imported: i[3] });
  }
  for (const r of reexports as unknown[]) {
    if (!Array.isArray(r) || r.length !== 3 || !chunkIndex(r[0]) || !isStr(r[1]) || !(r[2] === '*' || (Array.isArray(r[2]) && r[2].every(isPair)))) return undefined;
    outline.reexports.push({ chunk: r[0], specifier: r[1], pairs: r[2] as [string, string][] | '*' });
  }
  for (const d of dynamic as unknown[]) {
    if (!Array.isArray(d) || d.length !== 2 || !chunkIndex(d[0]) || !isStr(d[1])) return undefined;
    outline.dynamic.push({ chunk: d[0], specifier: d[1] });
  }
  return outline;
}
