/**
 * Lists the runs in a runs folder for the Runs tree and the pickers: cheap (manifest and lock
 * only; events are read when a run is expanded or opened), newest first.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RunManifest, RunStatus } from '../../shared/run-layout';
import { runFile } from '../../shared/run-layout';
import { readLockState, type LockState } from './run-lock';
import { readManifest } from './run-folder';

/** A manifest 'running' whose owner is gone is shown as interrupted (resumable). */
export type RunDisplayStatus = RunStatus | 'interrupted' | 'unreadable';

export interface RunSummary {
  runDir: string;
  name: string;
  manifest?: RunManifest;
  /** Why the run can only be viewed (other format version, damaged run.json). */
  readOnlyReason?: string;
  lock: LockState;
  status: RunDisplayStatus;
  /** For sorting: manifest createdAt, else the folder's modification time. */
  sortKey: number;
}

export function displayStatus(manifest: RunManifest | undefined, lock: LockState): RunDisplayStatus {
  if (!manifest) return 'unreadable';
  if (manifest.status === 'running' && lock.state !== 'held') return 'interrupted';
  return manifest.status;
}

/** Resumable: stopped, failed or interrupted, readable, and not owned by a live process. */
export function isResumable(s: Pick<RunSummary, 'status' | 'readOnlyReason' | 'lock'>): boolean {
  return !s.readOnlyReason && s.lock.state !== 'held' && (s.status === 'stopped' || s.status === 'failed' || s.status === 'interrupted');
}

export async function summariseRun(runDir: string): Promise<RunSummary | undefined> {
  const [manifest, lock] = await Promise.all([readManifest(runDir), readLockState(runDir)]);
  if (!manifest.ok && manifest.missing) {
    // Not a run folder, unless an events file says it is one whose manifest was lost.
    const events = await stat(runFile(runDir, 'events')).catch(() => undefined);
    if (!events) return undefined;
  }
  const created = manifest.ok ? Date.parse(manifest.manifest.createdAt) : NaN;
  const sortKey = Number.isFinite(created) ? created : ((await stat(runDir).catch(() => undefined))?.mtimeMs ?? 0);
  return {
    runDir,
    name: manifest.ok ? manifest.manifest.name : basename(runDir),
    manifest: manifest.ok ? manifest.manifest : undefined,
    readOnlyReason: manifest.ok ? undefined : manifest.reason,
    lock,
    status: displayStatus(manifest.ok ? manifest.manifest : undefined, lock),
    sortKey,
  };
}

export async function listRuns(runsDir: string): Promise<RunSummary[]> {
  let entries;
  try {
    entries = await readdir(runsDir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const runs = await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => summariseRun(join(runsDir, e.name))));
  return runs.filter((r): r is RunSummary => r !== undefined).sort((a, b) => b.sortKey - a.sortKey);
}
