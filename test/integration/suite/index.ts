// Entry point VS Code loads inside the extension host (`--extensionTestsPath`): runs every
// compiled *.test.js next to it with mocha and prints one machine-readable result line that
// scripts/test/layers/integration.mjs counts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export const RESULT_PREFIX = 'integration-result:';

function compiledTestFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.js'))
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

export function run(): Promise<void> {
  // No colours: the output travels through the browser console into a CI log.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  for (const file of compiledTestFiles(__dirname)) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    const runner = mocha.run(() => {
      const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      const result = { passed: stats.passes, failed: stats.failures, skipped: stats.pending };
      console.log(`${RESULT_PREFIX} ${JSON.stringify(result)}`);
      if (result.failed > 0) reject(new Error(`${result.failed} integration test(s) failed`));
      else resolve();
    });
  });
}
