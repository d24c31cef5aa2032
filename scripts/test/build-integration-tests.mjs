// Compiles the integration suites (TypeScript) to CommonJS under out/test/integration/suite/,
// one bundle per file, for VS Code's extension host to load.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { findTestFiles } from './lib/find-test-files.mjs';

const SUITE_DIR = 'test/integration/suite';
export const OUT_DIR = 'out/test/integration/suite';

/**
 * Every bundle must share ONE mocha instance (`describe` in a suite file registers on the runner
 * that index.js created), so mocha stays outside the bundles. Its CommonJS build is named
 * directly because mocha's main entry is ESM, which older extension hosts cannot require().
 */
const mochaAtRunTime = {
  name: 'mocha-at-run-time',
  setup(build) {
    build.onResolve({ filter: /^mocha$/ }, () => ({ path: 'mocha/lib/mocha.cjs', external: true }));
  },
};

export async function buildIntegrationTests(root) {
  rmSync(join(root, OUT_DIR), { recursive: true, force: true });
  const entryPoints = findTestFiles(root, SUITE_DIR, '.ts');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints,
    outbase: SUITE_DIR,
    outdir: OUT_DIR,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode'],
    plugins: [mochaAtRunTime],
    logLevel: 'warning',
  });
  return join(root, OUT_DIR, 'index.js');
}
