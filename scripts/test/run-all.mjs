// `npm test`: everything the tests need on a fresh machine, then the three layers.
//   npm test                   set-up, build, type-check, lint, then unit + integration + e2e
//   npm test -- unit e2e       just those layers (with only the set-up they need)
// Prints one summary line per step and layer, then the totals alone on the last line:
// "N passed, N failed". Exits non-zero if anything failed or any layer ran zero tests.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAptPackages } from './lib/apt-packages.mjs';
import { ensureCodeServer } from './lib/code-server-cache.mjs';
import { spawnBounded, stopAllLiveGroups } from './lib/spawn-bounded.mjs';
import { runUnit, needs as unitNeeds } from './layers/unit.mjs';
import { runIntegration, needs as integrationNeeds } from './layers/integration.mjs';
import { runE2e, needs as e2eNeeds } from './layers/e2e.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MINUTE = 60_000;

const LAYERS = {
  unit: { run: runUnit, needs: unitNeeds },
  integration: { run: runIntegration, needs: integrationNeeds },
  e2e: { run: runE2e, needs: e2eNeeds },
};

/** Checks a full run makes before the layers; a failure is reported but the layers still run. */
const CHECKS = [
  { name: 'typecheck', command: ['npm', 'run', 'typecheck'], timeoutMs: 10 * MINUTE },
  { name: 'lint', command: ['npm', 'run', 'lint'], timeoutMs: 10 * MINUTE },
];

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

function chosenLayers() {
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => !(n in LAYERS));
  if (unknown.length) {
    console.error(`unknown layer(s): ${unknown.join(', ')}; choose from ${Object.keys(LAYERS).join(', ')}`);
    process.exit(2);
  }
  return { names: names.length ? names : Object.keys(LAYERS), full: names.length === 0 };
}

function banner(text) {
  console.log(`\n===== ${text} =====`);
}

async function main() {
  const { names, full } = chosenLayers();
  const needs = (key) => names.some((n) => LAYERS[n].needs[key]);
  const summary = [];
  let failedChecks = 0;

  const step = async (name, fn) => {
    banner(name);
    const t0 = Date.now();
    await fn();
    summary.push(`${name}: ok (${seconds(Date.now() - t0)})`);
  };

  // Set-up failures end the run: nothing after them could mean anything.
  await step('setup', async () => {
    ensureAptPackages();
    if (needs('codeServer')) Object.assign(process.env, await ensureCodeServer());
  });
  if (full || needs('build')) {
    await step('build', async () => {
      const r = await spawnBounded('node', ['esbuild.mjs'], { cwd: root, timeoutMs: 10 * MINUTE, label: 'build' });
      if (r.code !== 0) throw new Error(`build failed (exit ${r.code})`);
    });
  }
  if (full) {
    for (const check of CHECKS) {
      banner(check.name);
      const t0 = Date.now();
      const [cmd, ...args] = check.command;
      const r = await spawnBounded(cmd, args, { cwd: root, timeoutMs: check.timeoutMs, label: check.name });
      const ok = r.code === 0;
      if (!ok) failedChecks++;
      summary.push(`${check.name}: ${ok ? 'ok' : `FAILED (exit ${r.code})`} (${seconds(Date.now() - t0)})`);
    }
  }

  let passed = 0;
  let failed = failedChecks;
  for (const name of names) {
    banner(`${name} tests`);
    const t0 = Date.now();
    let counts;
    try {
      counts = await LAYERS[name].run(root);
    } catch (err) {
      console.error(`[test] ${name}: ${err instanceof Error ? err.message : err}`);
      counts = { passed: 0, failed: 1, skipped: 0 };
    }
    const ranNothing = counts.passed + counts.failed + counts.skipped === 0;
    if (ranNothing) counts.failed = 1; // a layer that ran no tests is a failure, never a pass
    passed += counts.passed;
    failed += counts.failed;
    summary.push(
      `${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds(Date.now() - t0)})` +
        (ranNothing ? ' -- ran no tests' : ''),
    );
  }

  banner('summary');
  for (const line of summary) console.log(line);
  if (failedChecks) console.log(`(the failed count includes ${failedChecks} failed check(s))`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(signal, () => {
    void stopAllLiveGroups().then(() => process.exit(code));
  });
}

main().then(
  (code) => process.exit(code),
  async (err) => {
    console.error(`\n[test] ${err instanceof Error ? err.message : err}`);
    await stopAllLiveGroups();
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
