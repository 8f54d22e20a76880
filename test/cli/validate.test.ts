import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, runCli } from './run-cli.js';

const glob = 'fixtures/maps/glob-root';

beforeAll(() => {
  if (!existsSync(join(projectRoot, 'dist', 'cli', 'main.js'))) execFileSync('npx', ['tsc', '-p', '.'], { cwd: projectRoot, stdio: 'ignore' });
});

function validate(...args: string[]) {
  return runCli(['validate', ...args]);
}

const NO_STACK = /\n\s+at |Error:|node:internal/;

describe('flowaudit validate', () => {
  it('exits 0 for a valid map and prints the counts line', () => {
    const result = validate(glob, '--map', 'fixtures/maps/valid-full.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('✔ valid  fixtures/maps/valid-full.yaml: 1 systems, 2 vendors, 2 flows, 1 custom categories, 1 notices');
    expect(result.stdout).toContain('fixtures/maps/valid-full.yaml:20:13  warning  systems[0].paths[0]: glob "apps/web/**" matches no file under the scanned root');
  });

  it('reports a valid map as json with its counts and warnings', () => {
    const result = validate(glob, '--map', 'fixtures/maps/dir-merge/a-core.yaml', '--format', 'json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      valid: true,
      files: ['fixtures/maps/dir-merge/a-core.yaml'],
      counts: { systems: 1, vendors: 1, flows: 0, categories: 0, notices: 0 },
      problems: [],
    });
  });

  it('exits 2 and lists every problem of an invalid map, with the summary line', () => {
    const result = validate(glob, '--map', 'fixtures/maps/five-errors.yaml');
    expect(result.code).toBe(2);
    const lines = result.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('fixtures/maps/five-errors.yaml:'))).toHaveLength(5);
    expect(lines).toContain(
      'fixtures/maps/five-errors.yaml:11:9  error  flows[0].to: unknown vendor or system "meta-pixle"; declared: storefront, meta-pixel, stripe (did you mean "meta-pixel"?)',
    );
    expect(lines.at(-1)).toBe('✖ data-map invalid: 5 errors, 0 warnings');
  });

  it('exits 2 with json problems for --format json', () => {
    const result = validate(glob, '--map', 'fixtures/maps/misspelled-vendor.yaml', '--format', 'json');
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      valid: false,
      problems: [
        {
          severity: 'error',
          file: 'fixtures/maps/misspelled-vendor.yaml',
          line: 9,
          column: 9,
          path: 'flows[0].to',
          message: 'unknown vendor or system "meta-pixle"; declared: storefront, meta-pixel',
          suggestion: 'did you mean "meta-pixel"?',
        },
      ],
    });
  });

  const oneLine: [string, string][] = [
    ['invalid-yaml.yaml', 'fixtures/maps/invalid-yaml.yaml:3:3  error  invalid YAML: Block collections are not allowed within flow collections'],
    ['empty.yaml', 'fixtures/maps/empty.yaml:1:1  error  the data-map file is empty; it needs at least "version: 1"'],
    ['list-document.yaml', 'fixtures/maps/list-document.yaml:1:1  error  the data-map must be a mapping of sections (version, systems, vendors, …), not a list'],
    ['does-not-exist.yaml', 'fixtures/maps/does-not-exist.yaml:1:1  error  no data-map found at fixtures/maps/does-not-exist.yaml'],
    ['alias-bomb.yaml', 'fixtures/maps/alias-bomb.yaml:1:1  error  too many alias references (more than 1000); refusing to expand a possible alias bomb'],
  ];
  for (const [fixture, line] of oneLine) {
    it(`exits 2 with a one-line cause for ${fixture}`, () => {
      const result = validate(glob, '--map', `fixtures/maps/${fixture}`);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe(`${line}\n\n✖ data-map invalid: 1 error, 0 warnings\n`);
      expect(result.stdout + result.stderr).not.toMatch(NO_STACK);
    });
  }

  it('exits 2 with "no data-map found" when the root has no map', () => {
    const result = validate('fixtures/maps/root-without-map');
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^fixtures\/maps\/root-without-map\/datamap\.yaml:1:1 {2}error {2}no data-map found: looked for datamap\.yaml, datamap\.yml and \.flowaudit\/ in fixtures\/maps\/root-without-map; pass --map <file\|dir>\n/);
    expect(result.stdout + result.stderr).not.toMatch(NO_STACK);
  });

  it('finds <root>/.flowaudit/ without --map', () => {
    const result = validate('fixtures/maps/root-with-dotdir');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('✔ valid  fixtures/maps/root-with-dotdir/.flowaudit/map.yaml: 1 systems, 0 vendors, 0 flows, 0 custom categories, 0 notices\n');
  });
});
