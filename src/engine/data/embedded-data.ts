/**
 * Where the data shipped with DNA Search lives, found the same way from the TypeScript sources
 * (src/engine/data/), the bundles (dist/) and an installed extension: walk up from this module to
 * the folder whose package.json is named "dna-search".
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataError } from './data-error';

export const PACKAGE_NAME = 'dna-search';

/** The folder of this module; the bundles are CommonJS, so __dirname exists there and under tsx. */
function moduleDir(): string {
  return typeof __dirname === 'string' ? __dirname : process.cwd();
}

export function findPackageRoot(startDir: string = moduleDir()): string {
  for (let dir = startDir; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME) return dir;
      } catch {
        // an unreadable package.json on the way up is not ours; keep walking
      }
    }
    if (dirname(dir) === dir) break;
  }
  throw new DataError(
    `cannot find the ${PACKAGE_NAME} package folder (no package.json named "${PACKAGE_NAME}" above this module)`,
    startDir,
    'run DNA Search from its repository or installed extension, so its data/ folder is reachable',
  );
}

/** The embedded Fashion-MNIST subset: {train,test}-{images,labels}.idx.gz and its README. */
export function embeddedFashionMnistSubsetDir(startDir?: string): string {
  return join(findPackageRoot(startDir), 'data', 'fashion-mnist-subset');
}
