// Lists test files under a folder: Node 20's `--test` does not expand globs of .ts files itself.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under `dir` (relative to `root`) whose name ends with `suffix`, sorted. */
export function findTestFiles(root, dir, suffix = '.test.ts') {
  const start = join(root, dir);
  if (!existsSync(start)) return [];
  return readdirSync(start, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => relative(root, join(e.parentPath ?? e.path, e.name)))
    .sort();
}
