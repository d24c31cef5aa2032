/**
 * Where the .wasm binaries are at run time. Two layouts must work:
 *  - the bundles in dist/ (cli.js, search-child.js, block-worker.js, bench.js, and the packaged
 *    extension, which ships no node_modules): esbuild.mjs copies tfjs's .wasm files and builds
 *    our kernels next to them, and a bundle's __dirname IS dist/;
 *  - the TypeScript sources run by tsx (unit tests): this file is src/engine/backend/, the
 *    build output is <repo>/dist/, and tfjs's binaries are also in node_modules.
 */
import { existsSync, statSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const KERNEL_WASM_NAME = 'dna-train-kernels.wasm';
const TFJS_WASM_PROBE = 'tfjs-backend-wasm-simd.wasm';

function repoDist(): string {
  return resolve(__dirname, '..', '..', '..', 'dist');
}

function tfjsWasmPackageDist(): string | undefined {
  try {
    return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  } catch {
    return undefined;
  }
}

/** Folder (with trailing separator, as setWasmPaths wants) holding tfjs-backend-wasm's binaries. */
export function tfjsWasmFolder(): string {
  const candidates = [__dirname, repoDist(), tfjsWasmPackageDist()].filter((d): d is string => d !== undefined);
  const found = candidates.find((d) => existsSync(join(d, TFJS_WASM_PROBE)));
  if (!found) {
    throw new Error(`tfjs-backend-wasm binaries (${TFJS_WASM_PROBE}) not found in ${candidates.join(', ')}; run \`npm run build\` (it copies them into dist/)`);
  }
  return found.endsWith('/') ? found : `${found}/`;
}

/** Path of the project's compiled training kernels. */
export function kernelWasmPath(): string {
  const candidates = [join(__dirname, KERNEL_WASM_NAME), join(repoDist(), KERNEL_WASM_NAME)];
  const found = candidates.find((f) => existsSync(f));
  if (!found) {
    throw new Error(`training kernels ${KERNEL_WASM_NAME} not built (looked in ${candidates.join(', ')}); run \`npm run build\` — they are compiled from src/engine/backend/kernels/assembly at build time`);
  }
  const stale = staleAgainstSources(found);
  if (stale) throw new Error(`training kernels ${found} are older than their source ${stale}; run \`npm run build\``);
  return found;
}

/** When running from sources, a kernel binary older than any AssemblyScript source is stale. */
function staleAgainstSources(wasmFile: string): string | undefined {
  const sourceDir = join(__dirname, 'kernels', 'assembly');
  if (!existsSync(sourceDir)) return undefined; // bundled: no sources next to us
  const built = statSync(wasmFile).mtimeMs;
  for (const f of readdirSync(sourceDir)) {
    const file = join(sourceDir, f);
    if (statSync(file).mtimeMs > built) return file;
  }
  return undefined;
}
