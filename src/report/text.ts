/** Escaping shared by the reporters: text from code or the map never controls the output medium. */

// C0/C1 control characters except tab and newline: removes ANSI escape sequences' introducer.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function sanitizeTerminal(text: string): string {
  return text.replace(CONTROL, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);
}

// Bidirectional-text controls (embeddings, overrides, isolates): they reorder what a reader sees ("Trojan Source").
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Shows bidi controls as `\u202e` so text from code cannot visually reorder a report line. */
export function neutralizeBidi(text: string): string {
  return text.replace(BIDI, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const MARKDOWN_ENTITY = /[&<>"'|@:]/;
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+\-.!~=^$]/;

/**
 * Text for a Markdown paragraph or table cell (GitHub Flavored Markdown): HTML-significant characters, `|`
 * (table cells), `@` (mentions) and `:` (URL autolinks) become numeric entities, other Markdown punctuation
 * is backslash-escaped, line breaks become spaces. The result cannot open a tag, a link, an autolink,
 * emphasis, math, a code span or a new cell.
 */
export function escapeMarkdown(text: string): string {
  let out = '';
  for (const ch of neutralizeBidi(text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(CONTROL, ''))) {
    if (MARKDOWN_ENTITY.test(ch)) out += `&#${ch.codePointAt(0)};`;
    else if (MARKDOWN_PUNCTUATION.test(ch)) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

/** Text for HTML or SVG: escaped, with control characters and bidi controls shown rather than obeyed. */
export function escapeHtmlText(text: string): string {
  return escapeHtml(neutralizeBidi(sanitizeTerminal(text)));
}
