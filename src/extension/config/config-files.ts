/**
 * Which files are DNA Search configs: `*.dna.json` anywhere, or a file named `dna-search.json`.
 * The same two patterns are in package.json (jsonValidation, the jsonc language association and
 * the explorer menu); keep them in step.
 */
import { basename } from 'node:path';

export const CONFIG_GLOBS = ['**/*.dna.json', '**/dna-search.json'] as const;
/** For workspace.findFiles: one glob. */
export const CONFIG_FIND_GLOB = `{${CONFIG_GLOBS.join(',')}}`;
export const CONFIG_FIND_EXCLUDE = '**/{node_modules,.git}/**';

export function isConfigFileName(path: string): boolean {
  const name = basename(path);
  return name.endsWith('.dna.json') || name === 'dna-search.json';
}
