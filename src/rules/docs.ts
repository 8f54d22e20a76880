import { join } from 'node:path';
import { packageRoot } from '../package-root.js';

/** Where rule documentation is published; `docs/rules/<id>.md` in the repository. */
export const DOCS_BASE_URL = 'https://github.com/flowaudit/flowaudit/blob/main/docs/rules/';

export function ruleDocPath(ruleId: string): string {
  return join(packageRoot, 'docs', 'rules', `${ruleId}.md`);
}

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
