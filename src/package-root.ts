import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package's root folder (works from `src/` under vitest and from `dist/`). */
export const packageRoot: string = join(dirname(fileURLToPath(import.meta.url)), '..');

export const toolVersion: string = (
  JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }
).version;
