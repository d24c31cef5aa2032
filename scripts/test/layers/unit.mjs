// Unit layer: every test/unit/**/*.test.ts under Node's built-in test runner, straight from
// TypeScript through tsx.
import { availableParallelism } from 'node:os';
import { findTestFiles } from '../lib/find-test-files.mjs';
import { runNodeTestFiles } from '../lib/node-test-layer.mjs';

// build: the wasm training kernels (dist/dna-train-kernels.wasm) are compiled by the build.
export const needs = { codeServer: false, build: true };

export function runUnit(root) {
  return runNodeTestFiles({
    name: 'unit',
    files: findTestFiles(root, 'test/unit'),
    cwd: root,
    concurrency: availableParallelism(),
    testTimeoutMs: 5 * 60_000,
    timeoutMs: 15 * 60_000,
  });
}
