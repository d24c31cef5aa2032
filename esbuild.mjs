// Builds every bundle the product ships or runs:
//   dist/extension.js      the VS Code extension (never loads TensorFlow.js), and
//   dist/extension-services.js  what its commands and views do, loaded on first use
//   dist/cli.js            the headless CLI (`npm run search`)
//   dist/search-child.js   the engine entry the extension forks
//   dist/block-worker.js   one block-training worker process
//   dist/bench.js          `npm run bench`
//   dist/webview.js/.css   the search panel
// plus the tfjs wasm binaries and the project's own training kernels next to them.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, copyFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const quiet = args.has('--quiet');
const watch = args.has('--watch');
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

// Native accelerators stay outside the bundle: they are optional and loaded at run time.
const nativeExternals = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];

const nodeCommon = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: quiet ? 'warning' : 'info',
  external: nativeExternals,
  // jsonc-parser's main is a UMD build whose require('./impl/format') runs only at run time, so a
  // bundle cannot satisfy it ("Cannot find module './impl/format'"); its ESM build bundles cleanly.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

const builds = [
  { ...nodeCommon, entryPoints: { extension: 'src/extension/extension.ts' }, external: ['vscode'] },
  // What the extension's commands and views do, required on first use so activation stays cheap.
  { ...nodeCommon, entryPoints: { 'extension-services': 'src/extension/services.ts' }, external: ['vscode'] },
  { ...nodeCommon, entryPoints: { cli: 'src/engine/cli/main.ts' } },
  { ...nodeCommon, entryPoints: { 'search-child': 'src/engine/child/search-child.ts' } },
  { ...nodeCommon, entryPoints: { 'block-worker': 'src/engine/parallel/block-worker.ts' } },
  { ...nodeCommon, entryPoints: { bench: 'bench/main.ts' } },
  {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: quiet ? 'warning' : 'info',
    entryPoints: { webview: 'webview/main.ts' },
  },
].filter((b) => {
  const src = Object.values(b.entryPoints)[0];
  return existsSync(join(root, src));
});

/** The tfjs wasm backend loads its .wasm files from a path we set; ship them beside the bundles. */
function copyTfjsWasmBinaries() {
  const from = join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
  for (const f of readdirSync(from)) if (f.endsWith('.wasm')) copyFileSync(join(from, f), join(dist, f));
}

/** The project's own WebAssembly training kernels are compiled from source at build time. */
async function buildKernels() {
  const script = join(root, 'src', 'engine', 'backend', 'kernels', 'build-kernels.mjs');
  if (!existsSync(script)) return;
  const { buildKernelWasm } = await import(script);
  await buildKernelWasm({ outDir: dist, quiet });
}

/** Bundles a user's machine never runs from the .vsix (the terminal CLI, the benchmarks). */
const notShipped = new Set(['cli', 'bench']);

copyTfjsWasmBinaries();
await buildKernels();
const shippedMetafiles = [];
for (const options of builds) {
  options.absWorkingDir = root;
  options.outdir = dist;
  options.metafile = production;
  if (watch) await (await esbuild.context(options)).watch();
  else {
    const result = await esbuild.build(options);
    if (result.metafile && !notShipped.has(Object.keys(options.entryPoints)[0])) shippedMetafiles.push(result.metafile);
  }
}
// A production build is what gets packaged: its notices list exactly what the bundles contain.
if (production && !watch) {
  const { writeThirdPartyNotices } = await import('./scripts/third-party-notices.mjs');
  const n = writeThirdPartyNotices(root, shippedMetafiles);
  if (!quiet) console.log(`THIRD_PARTY_NOTICES.md: ${n} bundled packages`);
}
