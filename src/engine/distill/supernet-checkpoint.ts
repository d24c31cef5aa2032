/**
 * Checkpoints of one supernet: every op's weights, the optimiser's per-variable moments and step
 * counts, and where training stands (epoch, step, learning rate, finished or not). Written
 * atomically after every epoch and on stop, so a crash loses at most the epoch in progress and a
 * stop loses nothing.
 */
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { supernetDir } from '../../shared/run-layout';
import { readJsonFile, writeJsonAtomic } from '../io/atomic-write';
import { readTensorBundle, writeTensorBundle, type NamedArray } from '../io/tensor-bundle';
import type { AdamW } from '../optim/adamw';
import type { SupernetBlock } from '../supernet/supernet-block';

export interface SupernetProgress {
  /** Next step to run: `step` of `epoch` (0-based). */
  epoch: number;
  step: number;
  learningRate: number;
  done: boolean;
  /** Mean training loss of each finished epoch, and its held-out loss. */
  history: { epoch: number; trainLoss: number; heldOutLoss: number }[];
}

const stateFile = (dir: string) => `${dir}/state.json`;
const weightsBase = (dir: string) => `${dir}/weights`;

export function readSupernetProgress(runDir: string, block: number, depth: number): SupernetProgress | undefined {
  const dir = supernetDir(runDir, block, depth);
  return existsSync(stateFile(dir)) ? (readJsonFile(stateFile(dir)) as SupernetProgress) : undefined;
}

function toArray(t: tf.Tensor): NamedArray {
  return { shape: t.shape, values: t.dataSync() as Float32Array };
}

export function saveSupernet(runDir: string, net: SupernetBlock, optimizer: AdamW | undefined, progress: SupernetProgress): void {
  const dir = supernetDir(runDir, net.block.index, net.depth);
  const arrays: Record<string, NamedArray> = {};
  for (const v of net.allVariables()) arrays[`w:${v.name}`] = toArray(v);
  let steps: Record<string, number> = {};
  if (optimizer) {
    const state = optimizer.state();
    for (const [name, t] of Object.entries(state.tensors)) arrays[`adam:${name}`] = toArray(t);
    steps = state.steps;
  }
  // Weights first, then the state that refers to them: a state.json always has its weights.
  writeTensorBundle(weightsBase(dir), arrays, { adamSteps: steps });
  writeJsonAtomic(stateFile(dir), progress);
}

/** Loads weights (and optimiser state, when given an optimiser) into a freshly built supernet. */
export function loadSupernet(runDir: string, net: SupernetBlock, optimizer?: AdamW): void {
  const dir = supernetDir(runDir, net.block.index, net.depth);
  const { arrays, meta } = readTensorBundle(weightsBase(dir));
  for (const v of net.allVariables()) {
    const a = arrays[`w:${v.name}`];
    if (!a) throw new Error(`${weightsBase(dir)}: no weights for "${v.name}"; the checkpoint is from a different search space`);
    if (a.shape.join('x') !== v.shape.join('x')) throw new Error(`${weightsBase(dir)}: "${v.name}" has shape [${a.shape}], the supernet expects [${v.shape}]`);
    tf.tidy(() => v.assign(tf.tensor(a.values, a.shape)));
  }
  if (optimizer) {
    const tensors: Record<string, tf.Tensor> = {};
    for (const [name, a] of Object.entries(arrays)) if (name.startsWith('adam:')) tensors[name.slice(5)] = tf.tensor(a.values, a.shape);
    optimizer.restore(tensors, (meta as { adamSteps: Record<string, number> }).adamSteps);
    for (const t of Object.values(tensors)) t.dispose();
  }
}
