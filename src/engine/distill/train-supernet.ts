/**
 * Block-wise distillation of one supernet (one depth variant of one student block): its input is
 * the teacher's feature map entering the block, its target the teacher's map leaving it, and each
 * step trains one uniformly sampled path with MSE. Adam (decoupled weight decay on kernels only),
 * the block's learning rate, multiplied by lrDecay after every epoch. The teacher is not involved
 * here at all: its maps were computed once (features/teacher-features.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { SearchConfig } from '../../shared/config/search-config';
import type { SearchSpaceSpec } from '../../shared/search-space';
import { createRng, deriveSeed } from '../data/random';
import { gatherRows, readBoundary, rows } from '../features/teacher-features';
import type { NamedArray } from '../io/tensor-bundle';
import { AdamW } from '../optim/adamw';
import { SupernetBlock } from '../supernet/supernet-block';
import { mseLoss } from '../supernet/train-ops';
import { eventLoopYielder } from '../run/yield-to-events';
import { probePaths, samplePath } from './path-sampler';
import { loadSupernet, readSupernetProgress, saveSupernet, type SupernetProgress } from './supernet-checkpoint';

export interface DistillJob {
  runDir: string;
  space: SearchSpaceSpec;
  block: number;
  depth: number;
  distill: SearchConfig['distill'];
  learningRate: number;
  seed: number;
}

export interface DistillHooks {
  onProgress?(p: { epoch: number; epochs: number; step: number; steps: number; loss: number; imagesPerSecond: number }): void;
  onEpoch?(e: { epoch: number; trainLoss: number; heldOutLoss: number }): void;
  /** Polled between steps; true = checkpoint now and return 'stopped'. */
  shouldStop?(): boolean;
}

/** How often progress is reported: often enough for live curves, rarely enough not to flood. */
const PROGRESS_EVERY_MS = 250;
const EVAL_BATCH = 256;

function tensor4(values: Float32Array, a: NamedArray, count: number): tf.Tensor4D {
  return tf.tensor4d(values, [count, a.shape[1], a.shape[2], a.shape[3]]);
}

/** Mean MSE of a few fixed paths over the held-out maps (BN on each batch's own statistics). */
export function heldOutLoss(net: SupernetBlock, x: NamedArray, y: NamedArray, paths: number[][]): number {
  let sum = 0;
  let n = 0;
  for (const path of paths) {
    for (let start = 0; start < x.shape[0]; start += EVAL_BATCH) {
      const count = Math.min(EVAL_BATCH, x.shape[0] - start);
      const loss = tf.tidy(() => mseLoss(net.forward(tensor4(rows(x, start, count), x, count), path), tensor4(rows(y, start, count), y, count)).dataSync()[0]);
      sum += loss * count;
      n += count;
    }
  }
  return sum / n;
}

export function epochOrder(job: DistillJob, trainCount: number, epoch: number): Uint32Array {
  const order = createRng(deriveSeed(job.seed, 303, job.block, job.depth, epoch)).permutation(trainCount);
  return job.distill.maxTrainImages ? order.subarray(0, Math.min(trainCount, job.distill.maxTrainImages)) : order;
}

export async function trainSupernet(job: DistillJob, hooks: DistillHooks = {}): Promise<'done' | 'stopped'> {
  const spec = job.space.blocks[job.block];
  const saved = readSupernetProgress(job.runDir, job.block, job.depth);
  if (saved?.done) return 'done';

  const xTrain = readBoundary(job.runDir, 'train', job.block);
  const yTrain = readBoundary(job.runDir, 'train', job.block + 1);
  const xHeld = readBoundary(job.runDir, 'heldOut', job.block);
  const yHeld = readBoundary(job.runDir, 'heldOut', job.block + 1);
  const { epochs, batchSize } = job.distill;

  const net = new SupernetBlock(job.space, spec, job.depth, createRng(deriveSeed(job.seed, 404, job.block, job.depth)).next);
  const optimizer = new AdamW({ learningRate: job.learningRate, weightDecay: job.distill.weightDecay });
  const progress: SupernetProgress = saved ?? { epoch: 0, step: 0, learningRate: job.learningRate, done: false, history: [] };
  if (saved) loadSupernet(job.runDir, net, optimizer);
  optimizer.learningRate = progress.learningRate;

  const byName = new Map(net.allVariables().map((v) => [v.name, v]));
  const decayed = new Set(net.decayedVariables().map((v) => v.name));
  const probes = probePaths(job.seed, job.block, job.depth, job.space.ops.length);
  const maybeYield = eventLoopYielder();

  try {
    for (; progress.epoch < epochs; progress.epoch++, progress.step = 0) {
      const order = epochOrder(job, xTrain.shape[0], progress.epoch);
      const steps = Math.max(1, Math.floor(order.length / batchSize));
      let lossSum = 0;
      let lossCount = 0;
      let lastReport = 0;
      let windowStart = performance.now();
      let windowImages = 0;
      for (; progress.step < steps; progress.step++) {
        if (hooks.shouldStop?.()) {
          saveSupernet(job.runDir, net, optimizer, progress);
          return 'stopped';
        }
        const idx = order.subarray(progress.step * batchSize, Math.min(order.length, (progress.step + 1) * batchSize));
        const path = samplePath(job.seed, job.block, job.depth, progress.epoch, progress.step, job.space.ops.length);
        const loss = tf.tidy(() => {
          const x = tensor4(gatherRows(xTrain, idx), xTrain, idx.length);
          const y = tensor4(gatherRows(yTrain, idx), yTrain, idx.length);
          const { value, grads } = tf.variableGrads(() => mseLoss(net.forward(x, path), y), net.pathVariables(path));
          optimizer.apply(byName, grads, decayed);
          return value.dataSync()[0];
        });
        if (!Number.isFinite(loss)) throw new Error(`block ${job.block} depth ${job.depth}: the distillation loss became ${loss} at epoch ${progress.epoch + 1}, step ${progress.step + 1}; lower distill.learningRate`);
        lossSum += loss;
        lossCount++;
        windowImages += idx.length;
        const now = performance.now();
        if (now - lastReport >= PROGRESS_EVERY_MS || progress.step === steps - 1) {
          hooks.onProgress?.({ epoch: progress.epoch, epochs, step: progress.step + 1, steps, loss, imagesPerSecond: (windowImages * 1000) / Math.max(1, now - windowStart) });
          lastReport = now;
          windowStart = now;
          windowImages = 0;
        }
        await maybeYield();
      }
      const entry = { epoch: progress.epoch, trainLoss: lossSum / Math.max(1, lossCount), heldOutLoss: heldOutLoss(net, xHeld, yHeld, probes) };
      progress.history = [...progress.history.filter((h) => h.epoch !== entry.epoch), entry];
      progress.learningRate *= job.distill.lrDecay;
      optimizer.learningRate = progress.learningRate;
      // The checkpoint names the NEXT epoch, so a crash after this point resumes after it.
      saveSupernet(job.runDir, net, optimizer, { ...progress, epoch: progress.epoch + 1, step: 0 });
      hooks.onEpoch?.(entry);
    }
    saveSupernet(job.runDir, net, undefined, { ...progress, done: true });
    return 'done';
  } finally {
    optimizer.dispose();
    net.dispose();
  }
}
