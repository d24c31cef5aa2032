// Runs one command in its own process group with a hard time limit, so a hung child (a
// code-server, a browser, a stuck test) can never hang the whole test run: on timeout the
// entire group is killed, helpers included.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

const KILL_GRACE_MS = 5_000;
const TAIL_CHARS = 6_000;

/** Every group still running, so an interrupted run-all can take them down with it. */
const liveGroups = new Set();

/** Signals a whole process group; a group that is already gone is fine. */
export function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** SIGTERM first so our harnesses can stop the code-servers they started, then SIGKILL. */
export async function stopAllLiveGroups() {
  for (const pid of liveGroups) killGroup(pid, 'SIGTERM');
  if (liveGroups.size) await new Promise((r) => setTimeout(r, KILL_GRACE_MS));
  for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ timeoutMs: number, cwd?: string, env?: NodeJS.ProcessEnv, label?: string,
 *           capture?: boolean, logFile?: string }} options
 *   Output is echoed live, unless logFile is given (then it goes only there).
 *   capture keeps the whole output in memory for the caller to parse.
 * @returns {Promise<{ code: number, timedOut: boolean, output: string, tail: string }>}
 */
export function spawnBounded(command, args, options) {
  const { timeoutMs, cwd, env, label = command, capture = false, logFile } = options;
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so it can be killed as a whole
    });
    liveGroups.add(child.pid);
    const log = logFile ? createWriteStream(logFile) : undefined;
    let output = '';
    let tail = '';
    const sink = (stream) => (chunk) => {
      if (log) log.write(chunk);
      else stream.write(chunk);
      const text = chunk.toString();
      if (capture) output += text;
      tail = (tail + text).slice(-TAIL_CHARS);
    };
    child.stdout.on('data', sink(process.stdout));
    child.stderr.on('data', sink(process.stderr));

    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.stderr.write(`\n[test] ${label} ran past ${Math.round(timeoutMs / 1000)} s: killing its process group\n`);
      // SIGTERM first: our harnesses catch it and stop the code-servers they started.
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS).unref();
    }, timeoutMs);

    let settled = false;
    const finish = (code) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Whatever the child left behind in its group goes too.
      killGroup(child.pid, 'SIGKILL');
      liveGroups.delete(child.pid);
      const done = () => resolve({ code, timedOut, output, tail });
      if (log) log.end(done);
      else done();
    };
    child.on('error', (err) => {
      tail += `\n${err.message}`;
      finish(127);
    });
    // A helper that inherited our pipes would hold 'close' back forever: once the main process
    // exits, its group goes.
    child.on('exit', () => killGroup(child.pid, 'SIGKILL'));
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}
