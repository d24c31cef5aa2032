/**
 * Runs jobs in parallel, each in a forked process of its own, at most `concurrency` at a time
 * (one per core by default, one per GPU on GPU machines). Blocks are independent — each learns
 * from teacher maps only — so nothing has to be shared between jobs but the run folder.
 *
 * A job process that dies without reporting (crash, out of memory, killed) fails its job with a
 * message saying so; jobs that finished keep their results on disk.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendRecord } from '../../shared/events';
import { FromWorkerSchema, type FromWorker, type Job, type ToWorker } from './worker-protocol';

export interface PoolOptions {
  concurrency: number;
  backend: BackendRecord['kind'];
  /** Called for every message of a job's process. */
  onMessage(job: Job, message: FromWorker): void;
  /** Environment per worker slot (e.g. CUDA_VISIBLE_DEVICES for one GPU each). */
  slotEnv?(slot: number): Record<string, string>;
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

/** The job process entry: the bundle beside this one, or the TypeScript source under tsx. */
function workerEntry(): { file: string; execArgv: string[] } {
  const bundled = join(__dirname, 'block-worker.js');
  if (existsSync(bundled)) return { file: bundled, execArgv: [] };
  const source = join(__dirname, 'block-worker.ts');
  if (existsSync(source)) return { file: source, execArgv: ['--import', 'tsx'] };
  throw new Error(`cannot find the job process entry (looked for ${bundled} and ${source}); run \`npm run build\``);
}

export function describeJob(job: Job): string {
  return job.kind === 'retrain' ? 'retraining' : `${job.kind === 'distill' ? 'training' : 'ranking'} block ${job.block} depth ${job.depth}`;
}

export class WorkerPool {
  private readonly running = new Set<ChildProcess>();
  private stopping = false;

  constructor(private readonly opts: PoolOptions) {}

  /** Asks every running job to checkpoint and stop; no new job starts. */
  stop(): void {
    this.stopping = true;
    for (const child of this.running) if (child.connected) child.send({ type: 'stop' } satisfies ToWorker);
  }

  get stopped(): boolean {
    return this.stopping;
  }

  /** Runs all jobs; resolves 'stopped' if a stop was requested, rejects on the first failure. */
  async run(jobs: Job[]): Promise<'done' | 'stopped'> {
    const queue = [...jobs];
    let failure: JobFailedError | undefined;
    const slots = Array.from({ length: Math.max(1, Math.min(this.opts.concurrency, jobs.length)) }, (_, slot) =>
      (async () => {
        while (queue.length && !this.stopping && !failure) {
          const job = queue.shift()!;
          try {
            await this.runOne(job, slot);
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

  private runOne(job: Job, slot: number): Promise<void> {
    const entry = workerEntry();
    const child = fork(entry.file, [], {
      execArgv: entry.execArgv,
      env: { ...process.env, ...(this.opts.slotEnv?.(slot) ?? {}) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    this.running.add(child);
    return new Promise<void>((resolve, reject) => {
      let outcome: 'finished' | 'failed' | undefined;
      let failMessage = '';
      child.on('message', (raw) => {
        const parsed = FromWorkerSchema.safeParse(raw);
        if (!parsed.success) {
          this.opts.onMessage(job, { type: 'log', level: 'warn', message: `ignored an invalid message from the ${describeJob(job)} process: ${parsed.error.issues[0]?.message}` });
          return;
        }
        const m = parsed.data;
        if (m.type === 'ready') child.send({ type: 'job', job, backend: this.opts.backend } satisfies ToWorker);
        else if (m.type === 'finished') outcome = 'finished';
        else if (m.type === 'failed') {
          outcome = 'failed';
          failMessage = m.message;
        }
        if (m.type === 'ready' && this.stopping) child.send({ type: 'stop' } satisfies ToWorker);
        this.opts.onMessage(job, m);
      });
      child.on('error', (e) => {
        outcome = 'failed';
        failMessage = e.message;
      });
      child.on('exit', (code, signal) => {
        this.running.delete(child);
        if (outcome === 'finished' && code === 0) return resolve();
        const why = outcome === 'failed' ? failMessage : signal ? `its process was killed (${signal})` : `its process exited with code ${code} without finishing (out of memory or a crash)`;
        reject(new JobFailedError(job, `${describeJob(job)} failed: ${why}`));
      });
    });
  }
}
