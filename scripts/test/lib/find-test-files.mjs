// Lists test files under a folder: Node 20's `--test` does not expand globs of .ts files itself.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every file under `dir` (relative to `root`) whose name ends with `suffix`, sorted. With
 * DNA_TEST_FILES set (comma-separated parts of paths), only the files whose path contains one of
 * them: `DNA_TEST_FILES=start-search npm run test:e2e` runs one file with the layer's set-up.
 */
export function findTestFiles(root, dir, suffix = '.test.ts') {
  const start = join(root, dir);
  if (!existsSync(start)) return [];
  const only = (process.env.DNA_TEST_FILES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return readdirSync(start, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => relative(root, join(e.parentPath ?? e.path, e.name)))
    .filter((f) => only.length === 0 || only.some((part) => f.includes(part)))
    .sort();
}
