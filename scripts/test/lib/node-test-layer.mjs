// Runs TypeScript test files with Node's built-in test runner (loaded through tsx) and counts the
// results. Used by the unit and e2e layers, so both report the same way.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnBounded } from './spawn-bounded.mjs';
import { parseTapSummary } from './tap-summary.mjs';

/**
 * @param {{ name: string, files: string[], cwd: string, timeoutMs: number, testTimeoutMs: number,
 *           concurrency: number, env?: NodeJS.ProcessEnv }} options
 * @returns {Promise<{ passed: number, failed: number, skipped: number }>}
 */
export async function runNodeTestFiles({ name, files, cwd, timeoutMs, testTimeoutMs, concurrency, env }) {
  if (files.length === 0) return { passed: 0, failed: 0, skipped: 0 };
  const scratch = mkdtempSync(join(tmpdir(), `dna-${name}-`));
  const tapFile = join(scratch, 'results.tap');
  try {
    const args = [
      '--import', 'tsx',
      '--test',
      `--test-timeout=${testTimeoutMs}`,
      `--test-concurrency=${concurrency}`,
      // People read spec on the console; we count from TAP in a file.
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
      ...files,
    ];
    const run = await spawnBounded(process.execPath, args, { cwd, env, timeoutMs, label: `${name} tests` });
    let tap = '';
    try {
      tap = readFileSync(tapFile, 'utf8');
    } catch {
      // no summary at all: counted as a failure below
    }
    const counts = parseTapSummary(tap) ?? { passed: 0, failed: 0, skipped: 0 };
    // A runner that died, timed out or failed outside any test must never read as green.
    if (run.code !== 0 && counts.failed === 0) counts.failed = 1;
    return counts;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
