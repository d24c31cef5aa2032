// The Debian packages the tests need: chromium (the e2e browser), libkrb5-dev (code-server's
// native kerberos module will not compile without it), dataset-fashion-mnist (real data for
// engine tests), and the compilers code-server's native modules build with. Installed on demand
// when we are root; otherwise we say exactly what is missing.
// Also a command (`node scripts/test/lib/apt-packages.mjs`) for .ci/run, which needs the same list
// before `npm ci`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REQUIRED_APT_PACKAGES = ['chromium', 'libkrb5-dev', 'dataset-fashion-mnist'];

/**
 * Wanted but not required: with Debian's PyTorch the generated PyTorch code is built and its
 * parameter count checked (those tests say they are skipped without it), and `npm run bench`
 * compares against it. A machine whose mirror lacks it still runs every other test.
 */
export const OPTIONAL_APT_PACKAGES = ['python3-torch'];

/** Build tools by the command that must exist; any provider of the command will do (pyenv's python, say). */
const REQUIRED_COMMANDS = { 'g++': 'g++', make: 'make', python3: 'python3' };

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function isInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function run(command, args) {
  const r = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${r.status}`);
}

export function ensureAptPackages(packages = REQUIRED_APT_PACKAGES) {
  if (spawnSync('dpkg-query', ['--version']).status !== 0) {
    throw new Error('dpkg-query not found: the tests expect a Debian machine (apt packages: ' + packages.join(', ') + ')');
  }
  const missing = [
    ...packages.filter((p) => !isInstalled(p)),
    ...Object.entries(REQUIRED_COMMANDS).filter(([cmd]) => !hasCommand(cmd)).map(([, pkg]) => pkg),
  ];
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `missing Debian packages: ${missing.join(' ')}\n` +
        `install them as root:  apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`,
    );
  }
  console.log(`[setup] installing Debian packages: ${missing.join(' ')}`);
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing]);
}

/** Installs what it can of `packages` (root only); says what is left out and why, never fails. */
export function tryAptPackages(packages = OPTIONAL_APT_PACKAGES) {
  const missing = packages.filter((p) => !isInstalled(p));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.log(`[setup] optional Debian packages not installed (not root): ${missing.join(' ')}; the tests that need them say they are skipped`);
    return;
  }
  console.log(`[setup] installing optional Debian packages: ${missing.join(' ')}`);
  spawnSync('apt-get', ['update'], { stdio: 'inherit' });
  const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) console.log(`[setup] could not install ${missing.join(' ')} (apt-get exit ${r.status}); the tests that need them say they are skipped`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    ensureAptPackages();
    tryAptPackages();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
