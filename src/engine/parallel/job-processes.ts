/**
 * Forks job processes — one per job — and can fork the first ones AHEAD of time, so that their
 * start (loading the bundle, starting the backend: about a second) overlaps with the main
 * process's own preparation instead of delaying the first training step.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendRecord } from '../../shared/events';
import { FromWorkerSchema } from './worker-protocol';

export interface JobProcess {
  child: ChildProcess;
  /** Resolves when the process has its backend and waits for its job. */
  ready: Promise<void>;
}

/** The job process entry: the bundle beside this one, or the TypeScript source under tsx. */
function workerEntry(): { file: string; execArgv: string[] } {
  const bundled = join(__dirname, 'block-worker.js');
  if (existsSync(bundled)) return { file: bundled, execArgv: [] };
  const source = join(__dirname, 'block-worker.ts');
  if (existsSync(source)) return { file: source, execArgv: ['--import', 'tsx'] };
  throw new Error(`cannot find the job process entry (looked for ${bundled} and ${source}); run \`npm run build\``);
}

export class JobProcesses {
  private readonly warm = new Map<number, JobProcess>();

  constructor(
    private readonly backend: BackendRecord['kind'],
    private readonly slotEnv: (slot: number) => Record<string, string> = () => ({}),
  ) {}

  /** Forks a process for each of the first `slots` slots now; `take` hands them out later. */
  prewarm(slots: number): void {
    for (let slot = 0; slot < slots; slot++) if (!this.warm.has(slot)) this.warm.set(slot, this.spawn(slot));
  }

  /** A process for one job in this slot: the warm one if it is still alive, else a new one. */
  take(slot: number): JobProcess {
    const warm = this.warm.get(slot);
    this.warm.delete(slot);
    if (warm && warm.child.exitCode === null && warm.child.signalCode === null && warm.child.connected) return warm;
    if (warm) warm.child.kill();
    return this.spawn(slot);
  }

  /** Ends the warm processes nobody took (a run that stops or fails before its jobs). */
  dispose(): void {
    for (const { child } of this.warm.values()) child.kill();
    this.warm.clear();
  }

  private spawn(slot: number): JobProcess {
    const entry = workerEntry();
    const child = fork(entry.file, [this.backend], {
      execArgv: entry.execArgv,
      env: { ...process.env, ...this.slotEnv(slot) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (raw: unknown) => {
        const m = FromWorkerSchema.safeParse(raw);
        if (m.success && m.data.type === 'ready') done(resolve);
        else if (m.success && m.data.type === 'failed') done(() => reject(new Error(m.data.type === 'failed' ? m.data.message : '')));
      };
      const onExit = (code: number | null, signal: string | null) => done(() => reject(new Error(signal ? `its process was killed (${signal}) before it was ready` : `its process exited with code ${code} before it was ready`)));
      const done = (settle: () => void) => {
        child.off('message', onMessage);
        child.off('exit', onExit);
        settle();
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
    // A warm process nobody takes must not fail the run by rejecting unobserved.
    ready.catch(() => {});
    return { child, ready };
  }
}
