/**
 * Runs jobs in parallel, each in a process of its own (job-processes.ts), at most `concurrency`
 * at a time (one per core by default, one per GPU on GPU machines). Blocks are independent — each
 * learns from teacher maps only — so nothing has to be shared between jobs but the run folder.
 *
 * A job process that dies without reporting (crash, out of memory, killed) fails its job with a
 * message saying so; jobs that finished keep their results on disk.
 */
import type { ChildProcess } from 'node:child_process';
import type { JobProcesses } from './job-processes';
import { FromWorkerSchema, type FromWorker, type Job, type ToWorker } from './worker-protocol';

export interface PoolOptions {
  concurrency: number;
  processes: JobProcesses;
  /** Called for every message of a job's process. */
  onMessage(job: Job, message: FromWorker): void;
}

export class JobFailedError extends Error {
  override name = 'JobFailedError';
  constructor(
    readonly job: Job,
    message: string,
  ) {
    super(message);
  }
}

export function describeJob(job: Job): string {
  return job.kind === 'retrain' ? 'retraining' : `${job.kind === 'distill' ? 'training' : 'ranking'} block ${job.block} depth ${job.depth}`;
}

export class WorkerPool {
  private readonly running = new Set<ChildProcess>();
  private stopping = false;
  private signalStop!: () => void;
  /** Resolves on stop(), so a job waiting for its inputs does not hold the pool up. */
  private readonly stopSignal = new Promise<void>((resolve) => (this.signalStop = resolve));

  constructor(private readonly opts: PoolOptions) {}

  /** Asks every running job to checkpoint and stop; no new job starts. */
  stop(): void {
    this.stopping = true;
    this.signalStop();
    for (const child of this.running) if (child.connected) child.send({ type: 'stop' } satisfies ToWorker);
  }

  get stopped(): boolean {
    return this.stopping;
  }

  /**
   * Runs all jobs; resolves 'stopped' if a stop was requested, rejects on the first failure. A job
   * is sent to its process only once `gate(job)` resolves (its inputs exist); a gate that
   * rejects fails the job.
   */
  async run(jobs: Job[], gate?: (job: Job) => Promise<unknown>): Promise<'done' | 'stopped'> {
    const queue = [...jobs];
    let failure: JobFailedError | undefined;
    const slots = Array.from({ length: Math.max(1, Math.min(this.opts.concurrency, jobs.length)) }, (_, slot) =>
      (async () => {
        while (queue.length && !this.stopping && !failure) {
          const job = queue.shift()!;
          try {
            await this.runOne(job, slot, gate);
          } catch (e) {
            failure ??= e as JobFailedError;
            this.stop();
          }
        }
      })(),
    );
    await Promise.all(slots);
    if (failure) throw failure;
    return this.stopping ? 'stopped' : 'done';
  }

  private async runOne(job: Job, slot: number, gate?: (job: Job) => Promise<unknown>): Promise<void> {
    const { child, ready } = this.opts.processes.take(slot);
    let outcome: 'finished' | 'failed' | undefined;
    let failMessage = '';
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
      else child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    child.on('message', (raw) => {
      const parsed = FromWorkerSchema.safeParse(raw);
      if (!parsed.success) {
        this.opts.onMessage(job, { type: 'log', level: 'warn', message: `ignored an invalid message from the ${describeJob(job)} process: ${parsed.error.issues[0]?.message}` });
        return;
      }
      const m = parsed.data;
      if (m.type === 'finished') outcome = 'finished';
      else if (m.type === 'failed') {
        outcome = 'failed';
        failMessage = m.message;
      }
      if (m.type !== 'ready' && m.type !== 'backend') this.opts.onMessage(job, m);
    });
    child.on('error', (e) => {
      outcome = 'failed';
      failMessage = e.message;
    });
    try {
      // The process starts while the job's inputs are still being made.
      await Promise.all([ready, Promise.race([gate?.(job), this.stopSignal])]);
    } catch (e) {
      outcome = 'failed';
      failMessage = (e as Error).message;
    }
    // Never got its job: nothing else would end it (a no-op when it has exited already).
    if (outcome === 'failed') child.kill();
    else {
      // Stopped while its process was starting or its inputs were being made: the job never
      // began, so there is nothing to save.
      if (this.stopping) {
        child.kill();
        return;
      }
      this.running.add(child);
      child.send({ type: 'job', job } satisfies ToWorker);
    }
    const { code, signal } = await exited;
    this.running.delete(child);
    if (outcome === 'finished' && code === 0) return;
    // A terminal's Ctrl-C reaches the job processes too. One still loading (before it ignores
    // SIGINT, block-worker.ts) dies of it; that is the user's stop, which the main process's own
    // handler asks for at the same moment — give it that moment rather than report a failure.
    if (child.signalCode === 'SIGINT' || signal === 'SIGINT') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (this.stopping) return;
    }
    const why = outcome === 'failed' ? failMessage : signal ? `its process was killed (${signal})` : `its process exited with code ${code} without finishing (out of memory or a crash)`;
    throw new JobFailedError(job, `${describeJob(job)} failed: ${why}`);
  }
}
