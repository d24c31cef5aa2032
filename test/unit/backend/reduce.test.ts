/** Sum over non-last axes and tiled average-pool gradients on wasm against cpu. */
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { globalAvgPool } from '../../../src/engine/supernet/train-ops';
import { assertWasmMatchesCpu, seededTensor } from './compare-backends';

test('sum and mean over leading, middle and all-but-last axes (with and without keepDims) match cpu', async () => {
  await assertWasmMatchesCpu('sum', () => {
    const x = seededTensor([3, 5, 7, 13], 1);
    return [tf.sum(x, [1, 2]), tf.sum(x, 0), tf.sum(x, [0, 1, 2], true), tf.sum(x, 1, true), tf.sum(x, [1, 2, 3]), tf.sum(x), tf.sum(seededTensor([300, 6], 2), 0)];
  });
  await assertWasmMatchesCpu('mean', () => {
    const x = seededTensor([3, 5, 7, 13], 3);
    return [tf.mean(x, [0, 1, 2]), tf.mean(x, [1, 2], true), tf.mean(x, 0), tf.mean(x, -1), tf.moments(x, [0, 1, 2]).variance];
  });
});

test('squeeze-excite style gating: gradients through globalAvgPool and a broadcast multiply match cpu', async () => {
  await assertWasmMatchesCpu('se gate', () => {
    const h = seededTensor([4, 9, 9, 10], 3);
    const probe = seededTensor([4, 9, 9, 10], 4);
    const f = (t: tf.Tensor) => {
      const gate = tf.sigmoid(globalAvgPool(t as tf.Tensor4D));
      return tf.sum(tf.mul(tf.mul(t, tf.reshape(gate, [4, 1, 1, 10])), probe));
    };
    return [tf.grad(f)(h)];
  });
});

test('average pooling gradients: non-overlapping (fast path), valid remainder, and overlapping (built-in)', async () => {
  await assertWasmMatchesCpu('avgpool grads', () => {
    const x = seededTensor([2, 9, 8, 6], 5);
    const g = (size: [number, number], stride: [number, number]) => tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.avgPool(t as tf.Tensor4D, size, stride, 'valid'), 1.5)))(x);
    return [g([3, 2], [3, 2]), g([2, 3], [2, 3]), g([3, 3], [2, 2])];
  });
});
