// Runs the compiled integration suite in a real VS Code through @vscode/test-electron's runTests:
// desktop VS Code (downloaded by test-electron) when DNA_TEST_DESKTOP_VSCODE=1, otherwise
// code-server through code-server-launcher.sh, which takes the same command line.
// Usage: node --import tsx test/integration/harness/run-tests.ts <compiled suite index.js>
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeTinySearchFixture } from './tiny-search-fixture';

const repoRoot = resolve(import.meta.dirname, '../../..');
const fixture = join(repoRoot, 'test/integration/fixtures/workspace');
const launcher = join(import.meta.dirname, 'code-server-launcher.sh');

async function main(): Promise<number> {
  const extensionTestsPath = process.argv[2];
  if (!extensionTestsPath) throw new Error('usage: run-tests.ts <compiled suite index.js>');
  const desktop = process.env.DNA_TEST_DESKTOP_VSCODE === '1';
  if (desktop && process.platform === 'linux' && !process.env.DISPLAY) {
    throw new Error('desktop VS Code needs a display: run under `xvfb-run -a`');
  }
  // Each run gets its own copy of the workspace and its own profile, so runs never see each other.
  const scratch = mkdtempSync(join(tmpdir(), 'dna-integration-'));
  const workspace = join(scratch, 'workspace');
  cpSync(fixture, workspace, { recursive: true });
  await writeTinySearchFixture(workspace);
  try {
    return await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: resolve(extensionTestsPath),
      vscodeExecutablePath: desktop ? undefined : launcher,
      launchArgs: [
        workspace,
        '--disable-extensions', // only the extension under test
        `--user-data-dir=${join(scratch, 'user-data')}`,
        `--extensions-dir=${join(scratch, 'extensions')}`,
      ],
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    // runTests rejects with TestRunFailedError when the suite fails; its output is already printed.
    process.stderr.write(`[integration] ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
