/**
 * train-ops' hand-written gradients (batch norm, activations, MSE) against tfjs's own automatic
 * differentiation of the plain op composition, on cpu (generic route) and on wasm (fused
 * kernels of the pack).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { activate, batchNormInfer, batchNormTrain, BN_EPSILON, mseLoss } from '../../../src/engine/supernet/train-ops';
import { assertClose, runOn, seededTensor } from './compare-backends';

const SHAPE = [3, 5, 7, 19]; // 19 channels: SIMD blocks plus a scalar tail

/** The reference: exactly the ops train-ops used to compose, differentiated by tfjs. */
const reference = {
  batchNormTrain: (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    const { mean, variance } = tf.moments(x, [0, 1, 2]);
    return tf.batchNorm4d(x as tf.Tensor4D, mean as tf.Tensor1D, variance as tf.Tensor1D, b as tf.Tensor1D, g as tf.Tensor1D, BN_EPSILON);
  },
  relu: (x: tf.Tensor) => tf.relu(x),
  relu6: (x: tf.Tensor) => tf.relu6(x),
  swish: (x: tf.Tensor) => tf.mul(x, tf.sigmoid(x)),
};

function inputs(): { x: tf.Tensor; g: tf.Tensor; b: tf.Tensor; probe: tf.Tensor } {
  // x spans [-4, 8) with an offset mean, so relu6 clips on both sides and BN has work to do
  const x = tf.add(tf.mul(seededTensor(SHAPE, 1), 6), 2);
  return { x, g: tf.add(seededTensor([SHAPE[3]], 2), 1.5), b: seededTensor([SHAPE[3]], 3), probe: seededTensor(SHAPE, 4) };
}

/** Value and gradients of sum(f(...) * probe). */
function valueAndGrads(f: (...t: tf.Tensor[]) => tf.Tensor, args: tf.Tensor[], probe: tf.Tensor): tf.Tensor[] {
  const { value, grads } = tf.valueAndGrads((...t: tf.Tensor[]) => tf.sum(tf.mul(f(...t), probe)))(args);
  return [f(...args), value, ...grads];
}

const cases: Record<string, { ours: () => tf.Tensor[]; theirs: () => tf.Tensor[] }> = {
  batchNormTrain: {
    ours: () => {
      const { x, g, b, probe } = inputs();
      return valueAndGrads((xx, gg, bb) => batchNormTrain(xx as tf.Tensor4D, gg as tf.Tensor1D, bb as tf.Tensor1D).y, [x, g, b], probe);
    },
    theirs: () => {
      const { x, g, b, probe } = inputs();
      return valueAndGrads(reference.batchNormTrain, [x, g, b], probe);
    },
  },
  ...Object.fromEntries(
    (['relu', 'relu6', 'swish'] as const).map((fn) => [
      fn,
      {
        ours: () => {
          const { x, probe } = inputs();
          return valueAndGrads((xx) => activate(xx, fn), [x], probe);
        },
        theirs: () => {
          const { x, probe } = inputs();
          return valueAndGrads(reference[fn], [x], probe);
        },
      },
    ]),
  ),
  mseLoss: {
    ours: () => {
      const { x, probe } = inputs();
      const { value, grads } = tf.valueAndGrads((p: tf.Tensor, t: tf.Tensor) => mseLoss(p, t))([x, probe]);
      return [value, ...grads];
    },
    theirs: () => {
      const { x, probe } = inputs();
      const { value, grads } = tf.valueAndGrads((p: tf.Tensor, t: tf.Tensor) => tf.mean(tf.squaredDifference(p, t)))([x, probe]);
      return [value, ...grads];
    },
  },
};

for (const [name, { ours, theirs }] of Object.entries(cases)) {
  test(`${name}: values and gradients equal tfjs autodiff on cpu, and on wasm with the fused kernels`, async () => {
    const want = await runOn('cpu', theirs);
    for (const backend of ['cpu', 'wasm'] as const) {
      const got = await runOn(backend, ours);
      got.forEach((g, i) => assertClose(g, want[i], `${name} on ${backend}, output ${i}`, 1e-4));
    }
  });
}

test('batchNormTrain returns the batch mean and biased variance as tf.moments does', async () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    const [mean, variance, refMean, refVar] = await runOn(backend, () => {
      const { x, g, b } = inputs();
      const { stats } = batchNormTrain(x as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D);
      const ref = tf.moments(x, [0, 1, 2]);
      return [stats.mean, stats.variance, ref.mean, ref.variance];
    });
    assertClose(mean, refMean, `mean on ${backend}`, 1e-5);
    assertClose(variance, refVar, `variance on ${backend}`, 1e-5);
  }
});

test('batchNormInfer normalises with given statistics and differentiates in x, gamma, beta', async () => {
  const run = (ours: boolean) => () => {
    const { x, g, b, probe } = inputs();
    const mean = tf.add(seededTensor([SHAPE[3]], 5), 2) as tf.Tensor1D;
    const variance = tf.add(tf.abs(seededTensor([SHAPE[3]], 6)), 0.5) as tf.Tensor1D;
    const f = ours
      ? (xx: tf.Tensor, gg: tf.Tensor, bb: tf.Tensor) => batchNormInfer(xx as tf.Tensor4D, gg as tf.Tensor1D, bb as tf.Tensor1D, { mean, variance })
      : (xx: tf.Tensor, gg: tf.Tensor, bb: tf.Tensor) => tf.batchNorm4d(xx as tf.Tensor4D, mean, variance, bb as tf.Tensor1D, gg as tf.Tensor1D, BN_EPSILON);
    return valueAndGrads(f, [x, g, b], probe);
  };
  const want = await runOn('cpu', run(false));
  for (const backend of ['cpu', 'wasm'] as const) {
    const got = await runOn(backend, run(true));
    got.forEach((g, i) => assertClose(g, want[i], `batchNormInfer on ${backend}, output ${i}`, 1e-4));
  }
});

test('mseLoss with broadcasting shapes still matches the plain formula', async () => {
  const got = await runOn('wasm', () => {
    const p = seededTensor([4, 3], 1);
    const t = seededTensor([3], 2);
    const { value, grads } = tf.valueAndGrads((a: tf.Tensor) => mseLoss(a, t))([p]);
    return [value, grads[0], tf.mean(tf.squaredDifference(p, t))];
  });
  assert.ok(Math.abs(got[0][0] - got[2][0]) < 1e-6);
  assert.equal(got[1].length, 12);
});

test('batch statistics stay accurate when the mean dwarfs the spread (no float32 cancellation)', async () => {
  const [mean, variance] = await runOn('wasm', () => {
    const x = tf.add(tf.mul(seededTensor([8, 9, 9, 12], 7), 0.01), 500); // values 500 +- 0.01
    const { stats } = batchNormTrain(x as tf.Tensor4D, tf.ones([12]) as tf.Tensor1D, tf.zeros([12]) as tf.Tensor1D);
    return [stats.mean, stats.variance];
  });
  const [refMean, refVar] = await runOn('cpu', () => {
    const x = tf.add(tf.mul(seededTensor([8, 9, 9, 12], 7), 0.01), 500);
    const centred = tf.sub(x, 500); // exact reference: the spread measured without the offset
    const m = tf.moments(centred, [0, 1, 2]);
    return [tf.add(m.mean, 500), m.variance];
  });
  assertClose(mean, refMean, 'mean', 1e-6);
  assertClose(variance, refVar, 'variance', 1e-2);
});
