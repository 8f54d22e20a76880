/** Output of `flowaudit validate` and of a map that stops an audit. */
import chalk, { Chalk } from 'chalk';
import type { DataMap, MapProblem } from '../data-map/types.js';
import { compareLocations, compareText } from '../order.js';
import { sanitizeTerminal } from './text.js';

function paint(color: boolean): typeof chalk {
  return new Chalk({ level: color ? 1 : 0 });
}

export function problemLine(p: MapProblem): string {
  const where = `${p.file}:${p.line}:${p.column}`;
  const path = p.path ? `${p.path}: ` : '';
  const hint = p.suggestion ? ` (${p.suggestion})` : '';
  return sanitizeTerminal(`${where}  ${p.severity}  ${path}${p.message}${hint}`);
}

function sortProblems(problems: readonly MapProblem[]): MapProblem[] {
  return [...problems].sort((a, b) => compareLocations(a, b) || compareText(a.message, b.message));
}

export function formatProblems(problems: readonly MapProblem[], format: 'stylish' | 'json', color: boolean): string {
  const sorted = sortProblems(problems);
  if (format === 'json') return `${JSON.stringify({ valid: false, problems: sorted }, null, 2)}\n`;
  const c = paint(color);
  const lines = sorted.map((p) => {
    const line = problemLine(p);
    return p.severity === 'error' ? line.replace('  error  ', `  ${c.red('error')}  `) : line.replace('  warning  ', `  ${c.yellow('warning')}  `);
  });
  const errors = sorted.filter((p) => p.severity === 'error').length;
  const warnings = sorted.length - errors;
  lines.push('', c.red(`✖ data-map invalid: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`));
  return `${lines.join('\n')}\n`;
}

export function formatValidation(map: DataMap, warnings: readonly MapProblem[], format: 'stylish' | 'json', color: boolean): string {
  const counts = { systems: map.systems.length, vendors: map.vendors.length, flows: map.flows.length, categories: map.categories.length, notices: map.notices.length };
  if (format === 'json') return `${JSON.stringify({ valid: true, files: map.files, counts, problems: sortProblems(warnings) }, null, 2)}\n`;
  const c = paint(color);
  const lines = sortProblems(warnings).map((p) => problemLine(p).replace('  warning  ', `  ${c.yellow('warning')}  `));
  if (lines.length > 0) lines.push('');
  lines.push(
    `${c.green('✔ valid')}  ${sanitizeTerminal(map.files.join(', '))}: ${counts.systems} systems, ${counts.vendors} vendors, ${counts.flows} flows, ${counts.categories} custom categories, ${counts.notices} notices`,
  );
  return `${lines.join('\n')}\n`;
}
