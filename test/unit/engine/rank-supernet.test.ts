import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../../src/engine/data/random';
import { RankingStopped, rankSupernet, standardDeviation } from '../../../src/engine/rank/rank-supernet';
import { SupernetBlock } from '../../../src/engine/supernet/supernet-block';
import type { NamedArray } from '../../../src/engine/io/tensor-bundle';
import type { SearchSpaceSpec } from '../../../src/shared/search-space';
import { pathCost } from '../../../src/shared/cost';
import { parseOpId } from '../../../src/shared/search-space';

before(async () => {
  await tf.setBackend('cpu');
});

const space: SearchSpaceSpec = {
  ops: [
    { kernel: 3, expansion: 2 },
    { kernel: 5, expansion: 1 },
    { kernel: 3, expansion: 3 },
  ],
  family: { seRatio: 0.25, activation: 'swish' },
  blocks: [{ index: 0, name: 'b0', inputShape: [6, 6, 4], outputShape: [3, 3, 6], stride: 2, width: 5, depths: [3] }],
};

function randomArray(shape: number[], seed: number): NamedArray {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return { shape, values: Float32Array.from({ length: n }, () => rng.next() * 2 - 1) };
}

test('prefix sharing scores every path exactly as scoring each path from scratch', async () => {
  const net = new SupernetBlock(space, space.blocks[0], 3, createRng(7).next);
  const data = { calibration: randomArray([8, 6, 6, 4], 1), heldOutIn: randomArray([10, 6, 6, 4], 2), heldOutOut: randomArray([10, 3, 3, 6], 3) };
  const before = tf.memory().numTensors;
  const shared = await rankSupernet(net, data, { prefixSharing: true, chunk: 4 });
  const separate = await rankSupernet(net, data, { prefixSharing: false, chunk: 4 });
  assert.equal(tf.memory().numTensors, before, 'ranking leaks no tensors');
  assert.equal(shared.length, 27);
  const bySeparate = new Map(separate.map((c) => [c.ops, c.score]));
  for (const c of shared) assert.ok(Math.abs(c.score - bySeparate.get(c.ops)!) < 1e-5, `${c.ops}: ${c.score} vs ${bySeparate.get(c.ops)}`);
  // Sorted best first, costs are the exact cost model's.
  for (let i = 1; i < shared.length; i++) assert.ok(shared[i - 1].score <= shared[i].score);
  const c0 = shared[0];
  assert.deepEqual({ params: c0.params, flops: c0.flops }, pathCost(space.blocks[0], c0.ops.split('-').map(parseOpId), space.family));
  net.dispose();
});

test('a score is mean |Y - Ŷ| / std(Y) with BN statistics from the calibration batch', async () => {
  const net = new SupernetBlock(space, space.blocks[0], 3, createRng(9).next);
  const data = { calibration: randomArray([8, 6, 6, 4], 4), heldOutIn: randomArray([5, 6, 6, 4], 5), heldOutOut: randomArray([5, 3, 3, 6], 6) };
  const ranked = await rankSupernet(net, data);
  const target = ranked.find((c) => c.ops === 'k5e1-k3e2-k3e3')!;
  // Computed independently, layer by layer: each layer's BN statistics come from the calibration
  // maps entering it, and are then applied to the held-out maps.
  const path = [1, 0, 2];
  const expected = tf.tidy(() => {
    let cal = tf.tensor4d(data.calibration.values, [8, 6, 6, 4]);
    let held = tf.tensor4d(data.heldOutIn.values, [5, 6, 6, 4]);
    path.forEach((op, layer) => {
      const stats: { mean: tf.Tensor1D; variance: tf.Tensor1D }[] = [];
      const nextCal = net.layer(cal, layer, op, { kind: 'batch', collect: stats });
      held = net.layer(held, layer, op, { kind: 'fixed', stats });
      cal = nextCal;
    });
    const y = tf.tensor4d(data.heldOutOut.values, [5, 3, 3, 6]);
    return tf.mean(tf.abs(tf.sub(y, held))).dataSync()[0] / standardDeviation(data.heldOutOut.values);
  });
  assert.ok(Math.abs(target.score - expected) < 1e-5, `${target.score} vs ${expected}`);
  // Recalibration matters: scoring with the held-out batch's own statistics gives another number.
  const own = tf.tidy(() => {
    const y = net.forward(tf.tensor4d(data.heldOutIn.values, [5, 6, 6, 4]), path);
    return tf.mean(tf.abs(tf.sub(tf.tensor4d(data.heldOutOut.values, [5, 3, 3, 6]), y))).dataSync()[0] / standardDeviation(data.heldOutOut.values);
  });
  assert.ok(Math.abs(own - expected) > 1e-4);
  net.dispose();
});

test('a stop abandons the ranking part way, leaking nothing', async () => {
  const net = new SupernetBlock(space, space.blocks[0], 3, createRng(11).next);
  const data = { calibration: randomArray([8, 6, 6, 4], 1), heldOutIn: randomArray([10, 6, 6, 4], 2), heldOutOut: randomArray([10, 3, 3, 6], 3) };
  const before = tf.memory().numTensors;
  let done = 0;
  await assert.rejects(
    rankSupernet(net, data, { onProgress: (d) => (done = d), shouldStop: () => done >= 5 }),
    (e: unknown) => e instanceof RankingStopped,
  );
  assert.equal(done, 5);
  assert.equal(tf.memory().numTensors, before);
  net.dispose();
});
