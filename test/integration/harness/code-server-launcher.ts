// Runs an extension test suite the way desktop VS Code would for @vscode/test-electron, but in
// code-server: reads the desktop flags, starts code-server, opens the workbench in headless
// chromium with the test payload, forwards the suite's output to stdout, and exits with the
// suite's exit code.
import { format } from 'node:util';
import { launchChromium } from '../../../scripts/test/vscode-web/chromium';
import { startCodeServer, type CodeServer } from '../../../scripts/test/vscode-web/code-server';
import { workbenchUrl } from '../../../scripts/test/vscode-web/workbench-url';
import { parseLauncherArgs } from './launcher-args';

const SUITE_TIMEOUT_MS = Number(process.env.DNA_INTEGRATION_TIMEOUT_MS ?? 9 * 60_000);

/** Environment the suite should see: whatever test-electron's extensionTestsEnv put in ours, by prefix. */
function suiteEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith('DNA_') && v !== undefined) env[k] = v;
  return env;
}

async function main(): Promise<number> {
  const args = parseLauncherArgs(process.argv.slice(2));
  let server: CodeServer | undefined;
  const browser = await launchChromium();
  try {
    server = await startCodeServer({ env: suiteEnvironment() });
    const page = await browser.newPage();
    let finish!: (code: number) => void;
    const exitCode = new Promise<number>((resolve) => (finish = resolve));
    // The workbench's smoke-test driver reports the suite's console output and its exit code
    // through these two functions.
    await page.exposeFunction('codeAutomationLog', (type: string, logArgs: unknown[]) => {
      // The arguments of a console call: a printf-style format string first (mocha uses %s, %d).
      const line = format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      if (type === 'info' || type === 'log') process.stdout.write(`${line}\n`);
      else process.stderr.write(`[${type}] ${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    await page.goto(
      workbenchUrl(server.origin, args.folder, {
        extensionDevelopmentPath: args.extensionDevelopmentPath,
        extensionTestsPath: args.extensionTestsPath,
      }),
    );
    const timeout = new Promise<number>((resolve) =>
      setTimeout(() => {
        process.stderr.write(`[launcher] the suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s\n`);
        resolve(124);
      }, SUITE_TIMEOUT_MS).unref(),
    );
    const code = await Promise.race([exitCode, timeout]);
    if (code !== 0) process.stderr.write(`[launcher] code-server log (tail):\n${server.logTail()}\n`);
    return code;
  } finally {
    await browser.close().catch(() => {});
    await server?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`[launcher] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
