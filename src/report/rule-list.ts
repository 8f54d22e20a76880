import { Chalk } from 'chalk';
import type { Rule } from '../rules/types.js';
import { ruleDocsUrl } from '../rules/docs.js';

export function formatRuleList(rules: readonly Rule[], format: 'stylish' | 'json', color: boolean): string {
  if (format === 'json') {
    const list = rules.map((r) => ({ id: r.id, severity: r.defaultSeverity, title: r.title, citation: r.citation, description: r.description, docsUrl: ruleDocsUrl(r.id) }));
    return `${JSON.stringify(list, null, 2)}\n`;
  }
  const c = new Chalk({ level: color ? 1 : 0 });
  const idWidth = Math.max(...rules.map((r) => r.id.length), 2);
  const lines = rules.map((r) => {
    const sev = r.defaultSeverity === 'error' ? c.red('error  ') : r.defaultSeverity === 'warning' ? c.yellow('warning') : c.blue('info   ');
    return `${r.id.padEnd(idWidth)}  ${sev}  ${r.title}\n${' '.repeat(idWidth + 11)}${c.dim(r.citation)}`;
  });
  return `${lines.join('\n')}\n\n${rules.length} rules. flowaudit explain <rule-id> shows a rule's documentation.\n`;
}
