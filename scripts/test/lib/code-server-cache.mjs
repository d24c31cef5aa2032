// Installs the real VS Code the integration and e2e layers run: code-server (VS Code as a web
// server) plus the Node 24 it insists on, both from the npm registry. The install takes minutes
// and hundreds of MB, so it lives in a cache outside the clone (~/.cache/dna-search), one
// versioned folder per thing. Each folder is built under a temporary name and renamed into place
// only when complete, so an interrupted install never leaves a half cache behind.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { spawnBounded } from './spawn-bounded.mjs';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_VERSION = '24.21.0';

const MINUTE = 60_000;

export function cacheRoot() {
  return process.env.DNA_TEST_CACHE_DIR ?? join(homedir(), '.cache', 'dna-search');
}

function nodeDir() {
  return join(cacheRoot(), `node-${NODE24_VERSION}`);
}

function codeServerDir() {
  return join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}-node-${NODE24_VERSION}`);
}

/** Where everything lives once installed (the test harnesses read these from the environment). */
export function codeServerPaths() {
  const node = nodeDir();
  return {
    nodeBin: join(node, 'node_modules', 'node', 'bin', 'node'),
    nodeHeaders: join(node, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`),
    codeServerEntry: join(codeServerDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

/** The environment variables through which the harnesses find code-server (see scripts/test/vscode-web). */
export function codeServerEnv() {
  const { nodeBin, codeServerEntry } = codeServerPaths();
  return { DNA_CODE_SERVER_NODE: nodeBin, DNA_CODE_SERVER_ENTRY: codeServerEntry };
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Partial folders of installs that died half way (their pid is in the name) are thrown away. */
function removeAbandonedPartials() {
  for (const name of readdirSync(cacheRoot())) {
    const m = /^\.partial-.*-(\d+)$/.exec(name);
    if (m && !isAlive(Number(m[1]))) rmSync(join(cacheRoot(), name), { recursive: true, force: true });
  }
}

/**
 * Runs `install(tempDir)` and renames tempDir to `finalDir` on success. A concurrent run that won
 * the race is fine: its folder is just as complete as ours.
 */
async function installAtomically(finalDir, label, install) {
  if (existsSync(finalDir)) return;
  mkdirSync(cacheRoot(), { recursive: true });
  removeAbandonedPartials();
  const temp = join(cacheRoot(), `.partial-${label}-${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  try {
    await install(temp);
    try {
      renameSync(temp, finalDir);
    } catch (err) {
      if (!existsSync(finalDir)) throw err;
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

async function npmInstall(dir, spec, { env, timeoutMs, label }) {
  const logFile = join(dir, 'install.log');
  const r = await spawnBounded('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts', spec], {
    cwd: dir,
    env,
    timeoutMs,
    label,
    logFile,
  });
  if (r.code !== 0) {
    throw new Error(`${label} failed (exit ${r.code}${r.timedOut ? ', timed out' : ''}); last lines of its log:\n${r.tail}`);
  }
}

async function ensureNode24() {
  await installAtomically(nodeDir(), `node-${NODE24_VERSION}`, async (dir) => {
    console.log(`[setup] installing Node ${NODE24_VERSION} from the npm registry into ${nodeDir()}`);
    // The `node` package downloads its binary in a preinstall script, which npm 11 runs only when
    // the project allows it.
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, allowScripts: { node: true } }));
    await npmInstall(dir, `node@${NODE24_VERSION}`, { env: process.env, timeoutMs: 10 * MINUTE, label: 'npm install node' });
  });
}

async function ensureCodeServerPackage() {
  const { nodeBin, nodeHeaders } = codeServerPaths();
  await installAtomically(codeServerDir(), `code-server-${CODE_SERVER_VERSION}`, async (dir) => {
    console.log(`[setup] installing code-server ${CODE_SERVER_VERSION} into ${codeServerDir()} (about 5 minutes, once per machine)`);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, allowScripts: { 'code-server': true } }));
    const env = {
      ...process.env,
      // code-server's postinstall refuses any Node but 24, and compiles native modules against it.
      PATH: `${join(nodeBin, '..')}:${process.env.PATH}`,
      npm_config_nodedir: nodeHeaders,
      // The postinstall runs nested `npm install`s inside code-server's own folders, whose
      // package.json files carry no allowScripts; without this their native modules (node-pty,
      // spdlog, kerberos, ...) would silently not build. Scoped to this one pinned install.
      npm_config_dangerously_allow_all_scripts: 'true',
    };
    await npmInstall(dir, `code-server@${CODE_SERVER_VERSION}`, { env, timeoutMs: 25 * MINUTE, label: 'npm install code-server' });
  });
}

/** Installs what is missing; returns the environment variables the harnesses need. */
export async function ensureCodeServer() {
  await ensureNode24();
  await ensureCodeServerPackage();
  return codeServerEnv();
}
