/**
 * Phases 2, 3 and 5 — distill, rank, retrain — run as jobs in separate processes (worker-pool.ts).
 * Each phase lists only the jobs whose results are not on disk yet, so a resumed run never redoes
 * finished work; worker messages become engine events here.
 */
import { availableParallelism } from 'node:os';
import { readSupernetProgress } from '../../distill/supernet-checkpoint';
import { WorkerPool } from '../../parallel/worker-pool';
import type { FromWorker, Job } from '../../parallel/worker-protocol';
import { readRanking } from '../../rank/rank-job';
import { readRetrainState } from '../../retrain/retrain';
import { supernetStepFlops } from '../../../shared/cost';
import type { SearchSpaceSpec } from '../../../shared/search-space';
import { readArtifact } from '../run-artifacts';
import { trainsOnFirstPass } from './features';
import type { RunContext } from '../run-context';

function supernets(space: SearchSpaceSpec): { block: number; depth: number }[] {
  return space.blocks.flatMap((b) => b.depths.map((depth) => ({ block: b.index, depth })));
}

/**
 * Longest jobs first (classic LPT scheduling), so the last job to finish is a short one. A
 * supernet's step costs about its average path's FLOPs, dominated by the block's map size.
 */
function byEstimatedCost(space: SearchSpaceSpec, jobs: { block: number; depth: number }[], perPath: boolean): { block: number; depth: number }[] {
  const estimate = (j: { block: number; depth: number }) => {
    const mean = supernetStepFlops(space, j.block, j.depth);
    return perPath ? mean * space.ops.length ** (j.depth - 1) : mean;
  };
  return [...jobs].sort((a, b) => estimate(b) - estimate(a));
}

function forward(ctx: RunContext, job: Job, m: FromWorker): void {
  const where = job.kind === 'retrain' ? {} : { block: job.block, depth: job.depth };
  switch (m.type) {
    case 'distill-progress':
    case 'distill-epoch':
    case 'rank-progress':
      if (job.kind !== 'retrain') ctx.events.emit({ ...m, ...where } as never);
      break;
    case 'retrain-progress':
    case 'retrain-epoch':
      ctx.events.emit(m);
      break;
    case 'log':
      ctx.events.log(m.level, m.message);
      break;
    default:
      break;
  }
}

/**
 * What each job process needs to use its share of the machine: one GPU each on GPU machines; on
 * native CPU TensorFlow, its share of the cores (libtensorflow would otherwise start a thread per
 * core in every process and oversubscribe). wasm is single-threaded by design.
 */
export function slotEnvironment(kind: RunContext['backend']['kind'], slot: number, concurrency: number): Record<string, string> {
  if (kind === 'tensorflow-gpu') return { CUDA_VISIBLE_DEVICES: String(slot) };
  if (kind === 'tensorflow') {
    const threads = String(Math.max(1, Math.floor(availableParallelism() / Math.max(1, concurrency))));
    return { TF_NUM_INTRAOP_THREADS: threads, TF_NUM_INTEROP_THREADS: '1' };
  }
  return {};
}

async function runPool(ctx: RunContext, jobs: Job[], concurrency: number, onDone?: (job: Job) => void, gate?: (job: Job) => Promise<unknown>): Promise<'done' | 'stopped'> {
  if (jobs.length === 0) return 'done';
  const finished = new Set<Job>();
  const pool = new WorkerPool({
    concurrency,
    processes: ctx.processes,
    onMessage: (job, m) => {
      forward(ctx, job, m);
      if (m.type === 'finished' && m.status === 'done' && !finished.has(job)) {
        finished.add(job);
        onDone?.(job);
      }
    },
  });
  const unsubscribe = ctx.onStop(() => pool.stop());
  try {
    return await pool.run(jobs, gate);
  } finally {
    unsubscribe();
  }
}

/**
 * Trains every supernet not finished yet. Block 0's start at once (prepare cached their maps);
 * the others wait for `cacheRemainingFeatures`, which the main process runs meanwhile. Every map
 * is cached when this returns 'done' (ranking needs them all).
 */
export async function runDistill(ctx: RunContext, cacheRemainingFeatures: (abandon: () => boolean) => Promise<'done' | 'stopped'>): Promise<'done' | 'stopped'> {
  const space = readArtifact(ctx.runDir, 'space');
  const todo = supernets(space).filter((s) => !readSupernetProgress(ctx.runDir, s.block, s.depth)?.done);
  const early = todo.filter((s) => trainsOnFirstPass(s.block));
  const later = todo.filter((s) => !trainsOnFirstPass(s.block));
  const jobs: Job[] = [...byEstimatedCost(space, early, false), ...byEstimatedCost(space, later, false)].map((s) => ({ kind: 'distill', runDir: ctx.runDir, ...s }));
  let failed = false;
  const features = cacheRemainingFeatures(() => failed);
  // Its failure is reported below; until something awaits it, it must not count as unhandled.
  features.catch(() => {});
  const gate = (job: Job) => (job.kind === 'distill' && trainsOnFirstPass(job.block) ? Promise.resolve() : features);
  let trained: 'done' | 'stopped';
  try {
    trained = await runPool(ctx, jobs, ctx.workers, undefined, gate);
  } catch (e) {
    // No use computing maps for a phase that failed; and when computing them was what failed,
    // that is the cause to report, not the job it held up.
    failed = true;
    await features;
    throw e;
  }
  const featureState = await features;
  return trained === 'stopped' || featureState === 'stopped' ? 'stopped' : 'done';
}

export async function runRank(ctx: RunContext): Promise<'done' | 'stopped'> {
  const space = readArtifact(ctx.runDir, 'space');
  const todo = supernets(space).filter((s) => !readRanking(ctx.runDir, s.block, s.depth));
  const jobs: Job[] = byEstimatedCost(space, todo, true).map((s) => ({ kind: 'rank', runDir: ctx.runDir, ...s }));
  return runPool(ctx, jobs, ctx.workers, (job) => {
    if (job.kind === 'retrain') return;
    const r = readRanking(ctx.runDir, job.block, job.depth);
    if (r) ctx.events.emit({ type: 'ranking', block: r.block, depth: r.depth, candidates: r.candidates });
  });
}

export async function runRetrain(ctx: RunContext): Promise<{ status: 'done' | 'stopped'; testAccuracy?: number }> {
  const before = readRetrainState(ctx.runDir);
  if (before?.done) return { status: 'done', testAccuracy: before.testAccuracy };
  const status = await runPool(ctx, [{ kind: 'retrain', runDir: ctx.runDir }], 1);
  return { status, testAccuracy: readRetrainState(ctx.runDir)?.testAccuracy };
}
