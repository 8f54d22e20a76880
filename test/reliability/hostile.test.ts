/**
 * A hostile repository (fixtures/bad/hostile-repo, plus file names generated here that git and some file
 * systems dislike): identifiers, strings, file names and map values carry HTML, Markdown, ANSI escape
 * sequences and characters that break JSON/SARIF. Every report must escape them, and flowaudit must never
 * execute scanned code nor evaluate a data-map value.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badDir, cleanTemp, cliAsync, copyInto, ensureBuilt, tempDir, type Run } from './helpers.js';

beforeAll(ensureBuilt);
afterAll(cleanTemp);

const HOSTILE_NAMES = [
  '<img src=x onerror=alert(1)>.ts',
  '](javascript:alert(1)) | `tick`.ts',
  '\u001b[31mred\u001b]8;;https:evil\u0007link.ts',
  'quote"back\\slash #%?.ts',
  'line\nbreak.ts',
  '\u202eevil\u2066.ts',
];

const FORMATS = ['stylish', 'json', 'sarif', 'markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];

interface Setup {
  dir: string;
  marker: string;
  runs: Record<Format, Run>;
  benignHtml: Run;
}

let setup: Promise<Setup> | undefined;

/** Runs the audit of the hostile repository once per format (shared by the tests below). */
function hostile(): Promise<Setup> {
  setup ??= (async () => {
    const dir = tempDir();
    copyInto(join(badDir, 'hostile-repo'), join(dir, 'repo'));
    HOSTILE_NAMES.forEach((name, i) =>
      writeFileSync(join(dir, 'repo', 'src', name), `import posthog from 'posthog-js';\nexport function h${i}(email: string) { posthog.capture('x', { email }); }\n`),
    );
    copyInto(join(badDir, '_base'), join(dir, 'benign'));
    const marker = join(dir, 'marker');
    const env = { FLOWAUDIT_MARKER: marker };
    const [stylish, json, sarif, markdown, html, benignHtml] = await Promise.all([
      ...FORMATS.map((format) => cliAsync(['audit', 'repo', '--no-cache', '--format', format], { cwd: dir, env })),
      cliAsync(['audit', 'benign', '--no-cache', '--format', 'html'], { cwd: dir }),
    ]);
    return { dir, marker, runs: { stylish: stylish!, json: json!, sarif: sarif!, markdown: markdown!, html: html! }, benignHtml: benignHtml! };
  })();
  return setup;
}

describe('hostile content is escaped in every report', () => {
  it('every format runs to the end with exit 1 (the repository has violations)', async () => {
    const { runs } = await hostile();
    for (const format of FORMATS) {
      expect(runs[format].stderr, format).not.toMatch(/internal error|\n\s+at /);
      expect(runs[format].code, `${format}: ${runs[format].stderr}`).toBe(1);
      expect(runs[format].stdout.length, format).toBeGreaterThan(200);
    }
  });

  it('no raw ESC, BEL or C1 control byte reaches the terminal in any format', async () => {
    const { runs } = await hostile();
    for (const format of FORMATS) {
      expect(runs[format].stdout, format).not.toMatch(/[\u001b\u0007\u0080-\u009f]/);
      expect(runs[format].stderr, format).not.toMatch(/[\u001b\u0007\u0080-\u009f]/);
    }
    // and the hostile names are still visible (escaped, not dropped): the findings cover those files
    expect(runs.stylish.stdout).toContain('onerror=alert(1)');
    expect(runs.stylish.stdout).toMatch(/\\x1b|\\u001b|␛|\^\[/);
  });

  it('json is valid and keeps every hostile file name exactly (escaping is JSON\'s own)', async () => {
    const { runs } = await hostile();
    const report = JSON.parse(runs.json.stdout) as { findings: { file: string }[]; flows: { callSites: { file: string }[] }[] };
    const files = new Set([...report.findings.map((f) => f.file), ...report.flows.flatMap((f) => f.callSites.map((s) => s.file))]);
    for (const name of HOSTILE_NAMES) expect(files, JSON.stringify(name)).toContain(`src/${name}`);
  });

  it('sarif is valid JSON, its URIs are percent-encoded URI references that decode to the real files', async () => {
    const { runs } = await hostile();
    const sarif = JSON.parse(runs.sarif.stdout) as {
      version: string;
      runs: { results: { message: { text: string }; locations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const uris = sarif.runs[0]!.results.flatMap((r) => (r.locations ?? []).map((l) => l.physicalLocation.artifactLocation.uri));
    for (const uri of uris) expect(uri, uri).toMatch(/^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/);
    // relative to the working directory (repo/src/…) or to the root (src/…)
    const decoded = new Set(uris.map((u) => decodeURIComponent(u).replace(/^repo\//, '')));
    for (const name of HOSTILE_NAMES) expect(decoded, JSON.stringify(name)).toContain(`src/${name}`);
  });

  it('markdown has no live HTML and no javascript: link from the hostile content', async () => {
    const { runs } = await hostile();
    const md = runs.markdown.stdout;
    expect(md).not.toMatch(/<(script|img|svg|iframe|object|embed)\b/i);
    expect(md).not.toMatch(/<[a-z][^>]*\son(error|load|click)\s*=/i);
    expect(md).not.toMatch(/\]\(\s*javascript:/i);
    expect(md).not.toMatch(/<a\s[^>]*href\s*=\s*["']?\s*javascript:/i);
    // a table row stays one row: a hostile "|" does not open a new cell
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && /onerror|javascript/.test(l));
    expect(rows.length).toBeGreaterThan(0);
    const header = md.split('\n').find((l) => l.startsWith('| ') && /rule/i.test(l));
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    for (const row of rows) expect(cells(row), row).toBe(cells(header!));
  });

  it('html: the only <script> elements are the report\'s own, no javascript: URL, no injected element', async () => {
    const { runs, benignHtml } = await hostile();
    const html = runs.html.stdout;
    const scripts = (text: string) => (text.match(/<script\b/gi) ?? []).length;
    expect(scripts(html)).toBe(scripts(benignHtml.stdout));
    for (const body of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []) expect(body).not.toMatch(/__pwned|alert\(|onerror/);
    expect(html).not.toMatch(/<(img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/<[a-z][^>]*\son(error|load|click)\s*=/i);
    expect(html).not.toMatch(/(href|src|xlink:href|action)\s*=\s*["']?\s*javascript:/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('hostile content in the other commands', () => {
  it('graph (svg, mermaid, dot) and scan print no raw control byte; svg and mermaid no live HTML', async () => {
    const { dir } = await hostile();
    const runs = await Promise.all([
      ...(['svg', 'mermaid', 'dot'] as const).map((format) => cliAsync(['graph', 'repo', '--no-cache', '--format', format], { cwd: dir })),
      cliAsync(['scan', 'repo', '--no-cache'], { cwd: dir }),
      cliAsync(['scan', 'repo', '--no-cache', '--format', 'json'], { cwd: dir }),
    ]);
    runs.forEach((run, i) => {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout.length).toBeGreaterThan(50);
      expect(run.stdout).not.toMatch(/[\u001b\u0007\u0080-\u009f]/);
      if (i > 1) return; // dot and scan are plain text; svg and mermaid end up in HTML pages
      expect(run.stdout).not.toMatch(/<(script|img|iframe|object|embed)\b/i);
      expect(run.stdout).not.toMatch(/<[a-z][^>]*\son(error|load|click)\s*=/i);
    });
    JSON.parse(runs[4]!.stdout);
  });

  it('validate quotes hostile ids in its problems without raw escape sequences', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'datamap.yaml'),
      'version: 1\nsystems:\n  - id: web\n    paths: ["**"]\nflows:\n  - { from: web, to: "\\e[31mred\\e]8;;https://evil\\aX\\e]8;;\\a", categories: ["\\e[2J"], purposes: [analytics] }\nvendors:\n  - { id: "\\e[41mv", role: third_party }\n',
    );
    const run = await cliAsync(['validate', '.'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).not.toMatch(/[\u001b\u0007\u0080-\u009f]/);
    expect(run.stdout).toContain('flows[0].to: unknown vendor or system');
  });
});

describe('flowaudit never executes scanned code nor evaluates map values', () => {
  it('top-level side effects of scanned CommonJS and ES modules leave no marker; call sites were still found', async () => {
    const { marker, runs } = await hostile();
    expect(existsSync(marker)).toBe(false);
    for (const fallback of ['/tmp/flowaudit-pwned-checkout', '/tmp/flowaudit-pwned-esm', '/tmp/flowaudit-pwned-url', '/tmp/flowaudit-pwned-preinstall', '/tmp/flowaudit-pwned-postinstall']) {
      expect(existsSync(fallback), fallback).toBe(false);
    }
    const report = JSON.parse(runs.json.stdout) as { flows: { callSites: { file: string }[] }[]; skipped: unknown[] };
    const files = report.flows.flatMap((f) => f.callSites.map((s) => s.file));
    expect(files).toContain('src/checkout.ts');
    expect(files).toContain('src/run-me.mjs');
  });

  it('a map value that looks like code (${…}, $(…), javascript:, !!js/function) is only text', async () => {
    const { runs } = await hostile();
    expect(runs.json.code).toBe(1); // not 7: "${process.exit(7)}" in deletion.reason was not evaluated
    const dir = tempDir();
    const marker = join(dir, 'marker');
    writeFileSync(
      join(dir, 'datamap.yaml'),
      [
        'version: 1',
        'business:',
        `  name: !!js/function "function () { require('fs').writeFileSync('${marker}', 'x') }"`,
        `systems:`,
        `  - id: web`,
        `    name: "\${require('fs').writeFileSync('${marker}', 'x')}"`,
        `    paths: ["**"]`,
        '',
      ].join('\n'),
    );
    const run = await cliAsync(['validate', '.', '--format', 'json'], { cwd: dir });
    expect([0, 2]).toContain(run.code);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(existsSync(marker)).toBe(false);
  });

  it('package.json scripts and tsconfig plugins of the scanned repository are not run', async () => {
    const { dir } = await hostile();
    const pkg = JSON.parse(readFileSync(join(dir, 'repo', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.postinstall).toContain('flowaudit-pwned-postinstall');
    expect(existsSync('/tmp/flowaudit-pwned-postinstall')).toBe(false);
    expect(existsSync('/tmp/flowaudit-pwned-preinstall')).toBe(false);
  });
});
