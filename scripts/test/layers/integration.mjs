// Integration layer: the mocha suites in test/integration/suite, compiled and run inside a real
// VS Code extension host by test/integration/harness/run-tests.ts. Counts come from the
// `integration-result:` line the suite index prints.
import { buildIntegrationTests } from '../build-integration-tests.mjs';
import { spawnBounded } from '../lib/spawn-bounded.mjs';

export const needs = { codeServer: true, build: true };

const RESULT_LINE = /^.*integration-result: (\{.*\})\s*$/gm;

export function parseIntegrationResult(output) {
  const matches = [...output.matchAll(RESULT_LINE)];
  if (matches.length === 0) return undefined;
  const r = JSON.parse(matches[matches.length - 1][1]);
  return { passed: r.passed, failed: r.failed, skipped: r.skipped };
}

export async function runIntegration(root) {
  const suiteIndex = await buildIntegrationTests(root);
  const run = await spawnBounded(
    process.execPath,
    ['--import', 'tsx', 'test/integration/harness/run-tests.ts', suiteIndex],
    { cwd: root, timeoutMs: 10 * 60_000, capture: true, label: 'integration tests' },
  );
  const counts = parseIntegrationResult(run.output) ?? { passed: 0, failed: 0, skipped: 0 };
  // A VS Code that never started, crashed or timed out must never read as green.
  if (run.code !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}
