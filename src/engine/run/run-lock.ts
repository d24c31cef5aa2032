/**
 * One process owns a run folder at a time. The owner holds `run.lock` (pid, host); a second
 * process — another window, another terminal — is refused with a clear message. A lock left by a
 * process that died (crash, kill -9, power loss) is stale and is taken over, so a crash never
 * blocks Resume.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { isProcessAlive } from '../../shared/node/process-alive';
import { runFile, type RunLock } from '../../shared/run-layout';

export class RunLockedError extends Error {
  override name = 'RunLockedError';
  constructor(
    readonly runDir: string,
    readonly holder: RunLock,
  ) {
    super(`${runDir} is in use by process ${holder.pid} on ${holder.host} (since ${holder.startedAt}). Stop that search first, or wait for it to finish; only one search may write a run folder at a time.`);
  }
}

export function readLock(runDir: string): RunLock | undefined {
  try {
    const lock = JSON.parse(readFileSync(runFile(runDir, 'lock'), 'utf8')) as RunLock;
    return typeof lock.pid === 'number' && typeof lock.host === 'string' ? lock : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a live process holds the lock (a lock from another host is assumed live). */
export function isLockHeld(lock: RunLock | undefined): lock is RunLock {
  if (!lock) return false;
  if (lock.host !== hostname()) return true;
  return lock.pid !== process.pid && isProcessAlive(lock.pid);
}

export interface HeldLock {
  release(): void;
}

export function acquireRunLock(runDir: string): HeldLock {
  const file = runFile(runDir, 'lock');
  const mine: RunLock = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // 'wx' fails if the file exists: two processes racing for a free folder cannot both win.
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(mine));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          if (readLock(runDir)?.pid === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readLock(runDir);
      if (isLockHeld(holder)) throw new RunLockedError(runDir, holder);
      rmSync(file, { force: true }); // stale: its owner is gone
    }
  }
  throw new Error(`${file}: could not take the run lock (another process keeps recreating it)`);
}
