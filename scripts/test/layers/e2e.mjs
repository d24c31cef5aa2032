// End-to-end layer: packages the extension as a .vsix, then runs test/e2e/**/*.test.ts (Node's
// test runner, one file at a time) which install it into code-server and drive chromium.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findTestFiles } from '../lib/find-test-files.mjs';
import { runNodeTestFiles } from '../lib/node-test-layer.mjs';
import { spawnBounded } from '../lib/spawn-bounded.mjs';

export const needs = { codeServer: true, build: false };

export const VSIX_PATH = 'out/e2e/dna-search.vsix';

async function packageVsix(root) {
  mkdirSync(join(root, 'out/e2e'), { recursive: true });
  const r = await spawnBounded('npm', ['run', 'package', '--', '--out', VSIX_PATH, '--allow-missing-repository'], {
    cwd: root,
    timeoutMs: 5 * 60_000,
    label: 'npm run package',
  });
  if (r.code !== 0) throw new Error(`packaging the extension failed (exit ${r.code})`);
  return join(root, VSIX_PATH);
}

export async function runE2e(root) {
  const vsix = await packageVsix(root);
  return runNodeTestFiles({
    name: 'e2e',
    files: findTestFiles(root, 'test/e2e'),
    cwd: root,
    env: { ...process.env, DNA_E2E_VSIX: vsix },
    concurrency: 1, // each file starts its own code-server + chromium: one at a time on 2 cores
    // Node 20's runner applies --test-timeout to each file's run as a whole too, not only to each
    // test in it: this bounds a whole file. search-to-code.test.ts runs the quick demo to the end
    // (~1.5 min of training on 2 cores, ~2 min for the file) and needs room on a loaded machine.
    testTimeoutMs: 6 * 60_000,
    timeoutMs: 20 * 60_000,
  });
}
