/**
 * Retrains the chosen architecture from scratch as a plain TF.js LayersModel (standard layers, so
 * it saves and loads as an ordinary model.json): labels plus, optionally, knowledge distillation
 * from the teacher's probabilities; Adam with per-epoch decay; validation on the held-out part of
 * the training data each epoch; the test split only once, at the end. Checkpointed every epoch.
 */
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import type { ArchitectureSpec } from '../../shared/architecture';
import type { SearchConfig } from '../../shared/config/search-config';
import { runFile } from '../../shared/run-layout';
import { isAugmentationOn } from '../data/augment';
import { iterateBatches } from '../data/batches';
import type { ImageDataset } from '../data/dataset';
import { deriveSeed } from '../data/random';
import { readLogits } from '../features/teacher-features';
import { readJsonFile, writeJsonAtomic } from '../io/atomic-write';
import { readTensorBundle, writeTensorBundle, type NamedArray } from '../io/tensor-bundle';
import { buildArchitectureModel } from '../model/build-architecture';
import { fileSaveHandler } from '../model/fs-model-io';
import { AdamW } from '../optim/adamw';
import { retrainLoss, softenProbabilities } from './distillation-loss';
import { eventLoopYielder } from '../run/yield-to-events';
import type { TeacherModel } from '../teacher/teacher-model';
import { accuracy } from './evaluate';
import { recalibrateBatchNorm } from './recalibrate-bn';

export interface RetrainJob {
  runDir: string;
  architecture: ArchitectureSpec;
  config: SearchConfig;
  /** Training part and held-out part of the training data, and the test split. */
  train: ImageDataset;
  heldOut: ImageDataset;
  test: ImageDataset;
  /** Needed only when augmentation is on (cached teacher outputs cannot follow random crops). */
  teacher?: TeacherModel;
}

export interface RetrainHooks {
  onProgress?(p: { epoch: number; epochs: number; step: number; steps: number; loss: number }): void;
  onEpoch?(e: { epoch: number; trainLoss: number; trainAccuracy: number; heldOutAccuracy: number }): void;
  shouldStop?(): boolean;
}

interface RetrainState {
  epoch: number;
  learningRate: number;
  history: { epoch: number; trainLoss: number; trainAccuracy: number; heldOutAccuracy: number }[];
  done: boolean;
  testAccuracy?: number;
}

const dir = (runDir: string) => `${runDir}/retrain`;
const stateFile = (runDir: string) => `${dir(runDir)}/state.json`;
const PROGRESS_EVERY_MS = 250;

export function readRetrainState(runDir: string): RetrainState | undefined {
  return existsSync(stateFile(runDir)) ? (readJsonFile(stateFile(runDir)) as RetrainState) : undefined;
}

/** The same network with logits out: the final softmax is applied in the loss instead. */
export function withLogitsOutput(arch: ArchitectureSpec): ArchitectureSpec {
  const head = arch.head.map((l, i) => (i === arch.head.length - 1 && l.kind === 'dense' && l.activation === 'softmax' ? { ...l, activation: 'linear' as const } : l));
  return { ...arch, head };
}

function saveCheckpoint(runDir: string, model: tf.LayersModel, optimizer: AdamW, state: RetrainState): void {
  const arrays: Record<string, NamedArray> = {};
  model.weights.forEach((w, i) => {
    const t = w.read();
    arrays[`w${i}`] = { shape: t.shape, values: t.dataSync() as Float32Array };
  });
  const opt = optimizer.state();
  for (const [name, t] of Object.entries(opt.tensors)) arrays[`adam:${name}`] = { shape: t.shape, values: t.dataSync() as Float32Array };
  writeTensorBundle(`${dir(runDir)}/weights`, arrays, { adamSteps: opt.steps, names: model.weights.map((w) => w.name) });
  writeJsonAtomic(stateFile(runDir), state);
}

function loadCheckpoint(runDir: string, model: tf.LayersModel, optimizer: AdamW): void {
  const { arrays, meta } = readTensorBundle(`${dir(runDir)}/weights`);
  model.setWeights(model.weights.map((_, i) => tf.tensor(arrays[`w${i}`].values, arrays[`w${i}`].shape)));
  const tensors: Record<string, tf.Tensor> = {};
  for (const [name, a] of Object.entries(arrays)) if (name.startsWith('adam:')) tensors[name.slice(5)] = tf.tensor(a.values, a.shape);
  optimizer.restore(tensors, (meta as { adamSteps: Record<string, number> }).adamSteps);
  for (const t of Object.values(tensors)) t.dispose();
}

/** Batch norm statistics from a fixed sample of training batches (see recalibrate-bn.ts). */
const RECALIBRATION_BATCHES = 16;

function recalibrate(model: tf.LayersModel, job: RetrainJob): void {
  const batchSize = job.config.retrain.batchSize;
  function* batches(): Generator<tf.Tensor4D> {
    let k = 0;
    for (const b of iterateBatches(job.train, { batchSize, normalisation: job.config.data.normalisation, shuffle: true, seed: deriveSeed(job.config.seed, 506), dropRemainder: true })) {
      if (k++ >= RECALIBRATION_BATCHES) return;
      const x = tf.tensor4d(b.images, [b.size, job.train.height, job.train.width, job.train.channels]);
      try {
        yield x;
      } finally {
        x.dispose();
      }
    }
  }
  recalibrateBatchNorm(model, batches());
}

export async function retrain(job: RetrainJob, hooks: RetrainHooks = {}): Promise<{ status: 'done' | 'stopped'; testAccuracy?: number }> {
  const { config, train } = job;
  const cfg = config.retrain;
  const saved = readRetrainState(job.runDir);
  if (saved?.done) return { status: 'done', testAccuracy: saved.testAccuracy };

  const model = buildArchitectureModel(withLogitsOutput(job.architecture), { seed: config.seed });
  // Kernels get decoupled weight decay; BN parameters and biases do not.
  const trainable = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const byName = new Map(trainable.map((v) => [v.name, v]));
  const decayed = new Set(model.trainableWeights.filter((w) => /kernel$/.test(w.originalName ?? w.name)).map((w) => (w.read() as tf.Variable).name));
  const optimizer = new AdamW({ learningRate: cfg.learningRate, weightDecay: config.distill.weightDecay });
  const state: RetrainState = saved ?? { epoch: 0, learningRate: cfg.learningRate, history: [], done: false };
  if (saved) loadCheckpoint(job.runDir, model, optimizer);

  const augment = isAugmentationOn(config.data.augmentation) ? config.data.augmentation : undefined;
  const useKd = cfg.kd.weight > 0;
  const cached = useKd && !augment ? readLogits(job.runDir, 'train') : undefined;
  const teacherSoftCached = cached ? tf.tidy(() => softenProbabilities(tf.tensor2d(cached.logits.values, cached.logits.shape as [number, number]), cfg.kd.temperature)) : undefined;
  const numClasses = job.architecture.numClasses;
  const normalisation = config.data.normalisation;
  const maybeYield = eventLoopYielder();

  try {
    for (; state.epoch < cfg.epochs; state.epoch++) {
      optimizer.learningRate = state.learningRate;
      const batches = iterateBatches(train, { batchSize: cfg.batchSize, normalisation, shuffle: true, seed: deriveSeed(config.seed, 505, state.epoch), augmentation: augment, dropRemainder: true });
      const steps = Math.floor(train.count / cfg.batchSize);
      let step = 0;
      let lossSum = 0;
      let correct = 0;
      let seen = 0;
      let lastReport = 0;
      for (const batch of batches) {
        if (hooks.shouldStop?.()) return { status: 'stopped' };
        const [loss, hits] = tf.tidy(() => {
          const x = tf.tensor4d(batch.images, [batch.size, train.height, train.width, train.channels]);
          const y = tf.oneHot(tf.tensor1d(batch.labels, 'int32'), numClasses) as tf.Tensor2D;
          let soft: tf.Tensor2D | undefined;
          if (teacherSoftCached) soft = tf.gather(teacherSoftCached, tf.tensor1d(Int32Array.from(batch.indices), 'int32'));
          else if (useKd && job.teacher) soft = softenProbabilities(job.teacher.predict(x), cfg.kd.temperature);
          // The predictions are read from the same forward pass; keep them past the gradient scope.
          let predictions: tf.Tensor | undefined;
          const { value, grads } = tf.variableGrads(() => {
            const logits = model.apply(x, { training: true }) as tf.Tensor2D;
            predictions = tf.keep(tf.argMax(logits, 1));
            return retrainLoss(logits, y, soft, cfg.kd);
          }, trainable);
          optimizer.apply(byName, grads, decayed);
          const predicted = predictions!.dataSync();
          predictions!.dispose();
          let h = 0;
          for (let i = 0; i < batch.size; i++) if (predicted[i] === batch.labels[i]) h++;
          return [value.dataSync()[0], h];
        });
        if (!Number.isFinite(loss)) throw new Error(`retraining diverged (loss ${loss}) at epoch ${state.epoch + 1}; lower retrain.learningRate`);
        step++;
        lossSum += loss;
        correct += hits;
        seen += batch.size;
        const now = performance.now();
        if (now - lastReport >= PROGRESS_EVERY_MS || step === steps) {
          hooks.onProgress?.({ epoch: state.epoch, epochs: cfg.epochs, step, steps, loss });
          lastReport = now;
        }
        await maybeYield();
      }
      recalibrate(model, job);
      const entry = { epoch: state.epoch, trainLoss: lossSum / Math.max(1, step), trainAccuracy: correct / Math.max(1, seen), heldOutAccuracy: accuracy((x) => model.predict(x) as tf.Tensor, job.heldOut, normalisation) };
      state.history = [...state.history.filter((h) => h.epoch !== entry.epoch), entry];
      state.learningRate *= cfg.lrDecay;
      saveCheckpoint(job.runDir, model, optimizer, { ...state, epoch: state.epoch + 1 });
      hooks.onEpoch?.(entry);
    }
    recalibrate(model, job);
    const testAccuracy = accuracy((x) => model.predict(x) as tf.Tensor, job.test, normalisation);
    // The saved model is the architecture as specified (softmax output), with the trained weights.
    const final = buildArchitectureModel(job.architecture);
    final.setWeights(model.getWeights());
    // What a user of model.json alone needs to feed it: the model does not normalise its input.
    const input = { pixels: 'y = (x / 255 - mean[c]) / std[c] for 0..255 pixels, per channel c', mean: normalisation.mean, std: normalisation.std, classNames: job.test.classNames };
    await final.save(fileSaveHandler(runFile(job.runDir, 'model'), { dnaSearch: { architecture: job.architecture.name, testAccuracy, input } }));
    final.dispose();
    writeJsonAtomic(stateFile(job.runDir), { ...state, done: true, testAccuracy });
    return { status: 'done', testAccuracy };
  } finally {
    teacherSoftCached?.dispose();
    optimizer.dispose();
    model.dispose();
  }
}
