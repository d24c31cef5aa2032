/**
 * The pack's overrides on tf.layers' path, against cpu: tf.batchNorm (FusedBatchNorm) forward
 * and its gradient for all five inputs, and clipByValue's gradient (tf.layers ReLU6), boundary
 * values included.
 */
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { assertWasmMatchesCpu, seededTensor } from './compare-backends';

test('tf.batchNorm forward and gradients for x, mean, variance, offset and scale match cpu', async () => {
  await assertWasmMatchesCpu('batchNorm', () => {
    const x = tf.add(tf.mul(seededTensor([3, 5, 7, 11], 1), 3), 1);
    const mean = seededTensor([11], 2);
    const variance = tf.add(tf.abs(seededTensor([11], 3)), 0.2);
    const offset = seededTensor([11], 4);
    const scale = tf.add(seededTensor([11], 5), 1.2);
    const probe = seededTensor([3, 5, 7, 11], 6);
    const f = (a: tf.Tensor, m: tf.Tensor, v: tf.Tensor, o: tf.Tensor, s: tf.Tensor) => tf.batchNorm(a, m as tf.Tensor1D, v as tf.Tensor1D, o as tf.Tensor1D, s as tf.Tensor1D, 1e-3);
    const { value, grads } = tf.valueAndGrads((...t: tf.Tensor[]) => tf.sum(tf.mul(f(t[0], t[1], t[2], t[3], t[4]), probe)))([x, mean, variance, offset, scale]);
    return [f(x, mean, variance, offset, scale), value, ...grads];
  }, 1e-4);
});

test('tf.moments + tf.batchNorm (how tf.layers trains batch norm) differentiates like cpu', async () => {
  await assertWasmMatchesCpu('layers-style bn', () => {
    const x = seededTensor([4, 6, 6, 9], 7);
    const probe = seededTensor([4, 6, 6, 9], 8);
    const g = tf.grad((a: tf.Tensor) => {
      const { mean, variance } = tf.moments(a, [0, 1, 2]);
      return tf.sum(tf.mul(tf.batchNorm(a, mean, variance, tf.zeros([9]), tf.ones([9]), 1e-3), probe));
    });
    return [g(x)];
  }, 1e-4);
});

test('clipByValue gradient matches cpu, including values exactly at the bounds', async () => {
  await assertWasmMatchesCpu('clip grad', () => {
    const values = seededTensor([5, 7, 9], 9);
    const x = tf.concat([tf.mul(values, 8), tf.tensor1d([0, 6, -0, 6.000001, -1e-7]).reshape([1, 1, 5]).tile([5, 7, 1])], 2);
    const probe = seededTensor(x.shape, 10);
    return [tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.clipByValue(a, 0, 6), probe)))(x)];
  });
});
