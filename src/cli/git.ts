import { execFileSync } from 'node:child_process';
import { UsageError } from '../errors.js';

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

/** Files (relative to root, POSIX) changed since `ref`: committed, staged, unstaged and untracked. */
export function changedFilesSince(root: string, ref: string): Set<string> {
  try {
    git(root, ['rev-parse', '--is-inside-work-tree']);
  } catch {
    throw new UsageError(`--changed-since needs a git repository, and ${root} is not inside one`);
  }
  try {
    git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new UsageError(`--changed-since: unknown git ref "${ref}"`);
  }
  const changed = git(root, ['diff', '--name-only', '--relative', ref, '--', '.']);
  const untracked = git(root, ['ls-files', '--others', '--exclude-standard', '--', '.']);
  return new Set(`${changed}\n${untracked}`.split('\n').map((l) => l.trim()).filter(Boolean));
}
