/** Properties of the escaping every report relies on, over arbitrary strings from code or the map. */
import fc from 'fast-check';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { dotString } from '../../src/report/graph.js';
import { mermaidLabel } from '../../src/report/mermaid.js';
import { escapeHtmlText, escapeMarkdown } from '../../src/report/text.js';

/** Strings made of the characters that mean something to Markdown, HTML, Mermaid, DOT or a terminal. */
const hostileText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'<>&"\'|`*_[](){}!#\\$@:/.-+~=^ \n\t\u001b\u202ehtpswxa1'.split('')), maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const TABLE_TAGS = /<\/?(table|thead|tbody|tr|th|td)>/g;

describe('escaping', () => {
  it('escapeMarkdown: a table cell stays one cell of plain text', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const html = marked.parse(`| h |\n| --- |\n| x ${escapeMarkdown(text)} |\n`, { gfm: true, async: false });
        expect((html.match(/<td>/g) ?? []).length).toBe(1);
        expect(html.replace(TABLE_TAGS, '')).not.toMatch(/</);
      }),
      { numRuns: 500 },
    );
  });

  it('escapeMarkdown: in a paragraph, no tag, link, emphasis, code or math appears', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const html = marked.parse(`x ${escapeMarkdown(text)}`, { gfm: true, async: false });
        expect(html.replace(/<\/?p>/g, '')).not.toMatch(/</);
        // One line, and every `$` (math) and backtick (code) is backslash-escaped.
        expect(escapeMarkdown(text)).not.toMatch(/[\n\r]|(?<!\\)[$`]/);
      }),
      { numRuns: 500 },
    );
  });

  it('mermaidLabel: only safe characters and entity codes inside the quotes, decoding back to the text', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const label = mermaidLabel(text);
        expect(label).toMatch(/^"[A-Za-z0-9 _.,:/()+#;-]*"$/);
        const decoded = label.slice(1, -1).replace(/#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)));
        // Control and bidi characters are shown escaped; everything else survives unchanged.
        if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text)) expect(decoded).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('escapeHtmlText: no markup, no control or bidi characters', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(escapeHtmlText(text)).not.toMatch(/[<>"'\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 500 },
    );
  });

  it('dotString: one quoted string, no line break, nothing unescaped inside', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const quoted = dotString(text);
        expect(quoted).toMatch(/^"([^"\\\n\r]|\\[\\"])*"$/);
      }),
      { numRuns: 500 },
    );
  });
});
