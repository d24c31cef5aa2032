import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { recalibrateBatchNorm } from '../../../src/engine/retrain/recalibrate-bn';

before(async () => {
  await tf.setBackend('cpu');
});

test('moving statistics become the average of the batch statistics, and momentum is restored', () => {
  const input = tf.input({ shape: [2, 2, 3] });
  const bn = tf.layers.batchNormalization({ momentum: 0.99 });
  const model = tf.model({ inputs: input, outputs: bn.apply(tf.layers.conv2d({ filters: 3, kernelSize: 1, kernelInitializer: 'ones', useBias: false }).apply(input) as tf.SymbolicTensor) as tf.SymbolicTensor });
  const batches = [0, 1, 2].map((k) => tf.add(tf.mul(tf.randomNormal([4, 2, 2, 3], 0, 1, 'float32', k), k + 1), k * 3) as tf.Tensor4D);
  assert.equal(recalibrateBatchNorm(model, batches), 3);
  const expectedMean = tf.tidy(() => tf.mean(tf.stack(batches.map((b) => tf.moments(tf.sum(b, -1, true).tile([1, 1, 1, 3]), [0, 1, 2]).mean)), 0));
  const expectedVar = tf.tidy(() => tf.mean(tf.stack(batches.map((b) => tf.moments(tf.sum(b, -1, true).tile([1, 1, 1, 3]), [0, 1, 2]).variance)), 0));
  const [, , movingMean, movingVar] = bn.getWeights();
  const close = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
  assert.ok(close(movingMean, expectedMean) < 1e-4, 'moving mean = mean of batch means');
  assert.ok(close(movingVar, expectedVar) < 1e-3, 'moving variance = mean of batch variances');
  assert.equal((bn as unknown as { momentum: number }).momentum, 0.99);
});
