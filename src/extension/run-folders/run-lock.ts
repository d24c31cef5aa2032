/**
 * Who owns a run folder. The engine writes `run.lock` {pid, host, startedAt} while it runs and
 * removes it when it ends; a crash leaves it behind. The extension checks it before resuming so
 * two windows (or a window and the CLI) never run one folder at once: a lock of a live process
 * refuses, a lock of a dead one (same host) is stale and no obstacle.
 *
 * This is the friendly early check; the engine still takes the lock atomically itself, because
 * two processes can pass this check at the same moment.
 */
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { runFile, type RunLock } from '../../shared/run-layout';
import { isProcessAlive } from '../../shared/node/process-alive';
import { RunLockSchema, firstIssue } from './run-manifest';

export type LockState =
  | { state: 'free' }
  | { state: 'stale'; lock: RunLock }
  | { state: 'held'; lock: RunLock; sameHost: boolean }
  | { state: 'unreadable'; reason: string };

export async function readLockState(runDir: string, thisHost = hostname()): Promise<LockState> {
  let text: string;
  try {
    text = await readFile(runFile(runDir, 'lock'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'free' };
    return { state: 'unreadable', reason: (err as Error).message };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { state: 'unreadable', reason: `not JSON (${(err as Error).message})` };
  }
  const parsed = RunLockSchema.safeParse(json);
  if (!parsed.success) return { state: 'unreadable', reason: firstIssue(parsed.error) };
  const lock = parsed.data;
  // A lock from another machine (a shared drive) cannot be checked from here: assume it is live.
  if (lock.host !== thisHost) return { state: 'held', lock, sameHost: false };
  return isProcessAlive(lock.pid) ? { state: 'held', lock, sameHost: true } : { state: 'stale', lock };
}

/** Why a run cannot be started on now, in words for the user; undefined when it can. */
export function lockObstacle(runDir: string, s: LockState): string | undefined {
  switch (s.state) {
    case 'free':
    case 'stale':
      return undefined;
    case 'held':
      return s.sameHost
        ? `This run is in use by another search process (pid ${s.lock.pid}, since ${s.lock.startedAt}). ` +
            'Stop that search first (in the window or terminal that runs it).'
        : `This run is locked by a search on host "${s.lock.host}" (pid ${s.lock.pid}, since ${s.lock.startedAt}). ` +
            `If no search is running there any more, delete ${runFile(runDir, 'lock')} and try again.`;
    case 'unreadable':
      return `The lock file ${runFile(runDir, 'lock')} cannot be read (${s.reason}). ` +
        'If no search is running on this run, delete it and try again.';
  }
}
