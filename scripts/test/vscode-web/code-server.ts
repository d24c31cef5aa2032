// Starts a real VS Code (code-server) for one test run, isolated in a fresh temporary folder
// (user data, extensions, XDG dirs, config), and stops it by killing its whole process group:
// killing only the main pid leaves its helper processes behind.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killGroupOnExit } from './kill-on-exit';

export interface CodeServer {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly port: number;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** code-server's own stdout/stderr, for diagnosing a failure. */
  logTail(chars?: number): string;
  stop(): Promise<void>;
}

export interface StartCodeServerOptions {
  /** A packaged extension to install into the fresh extensions folder before starting. */
  vsix?: string;
  /** Extra environment for code-server and therefore for the extension host. */
  env?: Record<string, string>;
}

const START_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 5_000;

/** Settings that keep the workbench quiet and deterministic: no AI chat, telemetry, updates or welcome pages. */
const QUIET_SETTINGS = {
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'window.restoreWindows': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

function codeServerCommand(): { node: string; entry: string } {
  const node = process.env.DNA_CODE_SERVER_NODE;
  const entry = process.env.DNA_CODE_SERVER_ENTRY;
  if (!node || !entry) {
    throw new Error(
      'DNA_CODE_SERVER_NODE / DNA_CODE_SERVER_ENTRY are not set: run the tests through `npm test` ' +
        '(scripts/test/run-all.mjs installs code-server and sets them).',
    );
  }
  return { node, entry };
}

/** The environment of the parent minus what would make code-server act as a client of some other VS Code. */
function isolatedEnv(root: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE' || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  return {
    ...env,
    XDG_CONFIG_HOME: join(root, 'xdg-config'),
    XDG_DATA_HOME: join(root, 'xdg-data'),
    XDG_CACHE_HOME: join(root, 'xdg-cache'),
    // An empty gallery: otherwise the workbench keeps querying open-vsx.org for extension updates.
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

function installExtension(vsix: string, dirs: { userDataDir: string; extensionsDir: string }, env: NodeJS.ProcessEnv): void {
  const { node, entry } = codeServerCommand();
  const r = spawnSync(
    node,
    [entry, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir, '--install-extension', vsix],
    { env, encoding: 'utf8', timeout: 120_000 },
  );
  if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
}

async function waitUntilHealthy(origin: string, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not become healthy within ${START_TIMEOUT_MS / 1000} s`);
}

/** code-server prints the address it bound; binding port 0 and reading it back avoids port races. */
function waitForPort(child: ChildProcess, deadline: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error('code-server never printed its address')), deadline - Date.now());
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const m = /listening on https?:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with code ${code} before listening`));
    });
  });
}

export async function startCodeServer(options: StartCodeServerOptions = {}): Promise<CodeServer> {
  const { node, entry } = codeServerCommand();
  const root = mkdtempSync(join(tmpdir(), 'dna-code-server-'));
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
  writeFileSync(join(root, 'config.yaml'), 'auth: none\n');
  const env = isolatedEnv(root, options.env);
  if (options.vsix) installExtension(options.vsix, { userDataDir, extensionsDir }, env);

  const logPath = join(root, 'code-server.log');
  const log = createWriteStream(logPath);
  const child = spawn(
    node,
    [
      entry,
      '--bind-addr', '127.0.0.1:0',
      '--auth', 'none',
      '--config', join(root, 'config.yaml'),
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      // Without the smoke-test driver the workbench ignores the test payload in the URL.
      '--vscode-option', 'enable-smoke-test-driver',
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const forgetExitKill = killGroupOnExit(child.pid!);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const exited = new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
    signalGroup(child.pid!, 'SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, STOP_GRACE_MS))]);
    signalGroup(child.pid!, 'SIGKILL');
    forgetExitKill();
    log.end();
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
  const logTail = (chars = 4_000) => {
    try {
      return readFileSync(logPath, 'utf8').slice(-chars);
    } catch {
      return '';
    }
  };

  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    const port = await waitForPort(child, deadline);
    const origin = `http://127.0.0.1:${port}`;
    await waitUntilHealthy(origin, child, deadline);
    return { origin, port, userDataDir, extensionsDir, logTail, stop };
  } catch (err) {
    const tail = logTail();
    await stop();
    throw new Error(`${(err as Error).message}\n--- code-server log ---\n${tail}`, { cause: err });
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
