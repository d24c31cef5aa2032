import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../../src/engine/data/random';
import { readSupernetProgress } from '../../../src/engine/distill/supernet-checkpoint';
import { trainSupernet, type DistillJob } from '../../../src/engine/distill/train-supernet';
import { featureBundlePath } from '../../../src/engine/features/teacher-features';
import { readTensorBundle, writeTensorBundle } from '../../../src/engine/io/tensor-bundle';
import type { SearchSpaceSpec } from '../../../src/shared/search-space';

before(async () => {
  await tf.setBackend('cpu');
});

const space: SearchSpaceSpec = {
  ops: [
    { kernel: 3, expansion: 2 },
    { kernel: 1, expansion: 3 },
  ],
  family: { seRatio: 0.25, activation: 'relu6' },
  blocks: [{ index: 0, name: 'b0', inputShape: [5, 5, 3], outputShape: [5, 5, 3], stride: 1, width: 4, depths: [2] }],
};

/** A learnable target: the teacher's "block" is a fixed smooth function of its input. */
function writeFeatures(runDir: string): void {
  const rng = createRng(3);
  for (const [split, n] of [['train', 48], ['heldOut', 16]] as const) {
    const x = Float32Array.from({ length: n * 75 }, () => rng.next() * 2 - 1);
    const y = x.map((v, i) => Math.tanh(v + 0.5 * x[i - (i % 3)]));
    writeTensorBundle(featureBundlePath(runDir, split, 0), { map: { shape: [n, 5, 5, 3], values: x } });
    writeTensorBundle(featureBundlePath(runDir, split, 1), { map: { shape: [n, 5, 5, 3], values: y } });
  }
}

function job(runDir: string): DistillJob {
  return { runDir, space, block: 0, depth: 2, seed: 5, learningRate: 0.01, distill: { epochs: 3, batchSize: 8, learningRate: 0.01, lrDecay: 0.9, weightDecay: 1e-4 } };
}

test('a supernet learns the teacher map, and stop + resume gives exactly the uninterrupted result', async () => {
  const straight = mkdtempSync(join(tmpdir(), 'dna-distill-a-'));
  const interrupted = mkdtempSync(join(tmpdir(), 'dna-distill-b-'));
  writeFeatures(straight);
  writeFeatures(interrupted);
  const tensorsBefore = tf.memory().numTensors;

  const epochs: { trainLoss: number; heldOutLoss: number }[] = [];
  assert.equal(await trainSupernet(job(straight), { onEpoch: (e) => epochs.push(e) }), 'done');
  assert.equal(epochs.length, 3);
  assert.ok(epochs[2].trainLoss < epochs[0].trainLoss * 0.9, `train loss falls: ${epochs.map((e) => e.trainLoss.toFixed(4))}`);
  assert.equal(tf.memory().numTensors, tensorsBefore, 'training leaks no tensors');

  // Stop in the middle of epoch 2 (step 3 of 6), then resume in a "new process" (fresh objects).
  let steps = 0;
  assert.equal(await trainSupernet(job(interrupted), { onProgress: () => {}, shouldStop: () => ++steps === 6 + 3 }), 'stopped');
  assert.deepEqual(
    (({ epoch, step, done }) => ({ epoch, step, done }))(readSupernetProgress(interrupted, 0, 2)!),
    { epoch: 1, step: 2, done: false },
  );
  assert.equal(await trainSupernet(job(interrupted)), 'done');

  const a = readTensorBundle(join(straight, 'supernets/b0-d2/weights')).arrays;
  const b = readTensorBundle(join(interrupted, 'supernets/b0-d2/weights')).arrays;
  assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort());
  for (const k of Object.keys(a)) assert.deepEqual(Array.from(b[k].values), Array.from(a[k].values), `weights ${k} differ after resume`);
  assert.deepEqual(readSupernetProgress(interrupted, 0, 2)!.history.map((h) => h.heldOutLoss), readSupernetProgress(straight, 0, 2)!.history.map((h) => h.heldOutLoss));
  // A finished supernet is never trained again.
  let called = false;
  assert.equal(await trainSupernet(job(straight), { onProgress: () => (called = true) }), 'done');
  assert.equal(called, false);
});
