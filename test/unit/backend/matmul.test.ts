/** Matmuls with transposed operands (dense / squeeze-excite gradients) on wasm against cpu. */
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { assertWasmMatchesCpu, seededTensor } from './compare-backends';

const SHAPES: [number, number, number][] = [
  [37, 13, 29], // every tile kind: 4x12 blocks, 1-column tails, 4-wide and scalar column tails
  [300, 40, 240], // several row blocks
  [5, 1, 3],
  [64, 24, 6], // narrow result: computed the other way round
];

for (const [rows, m, n] of SHAPES) {
  test(`matMul with transposeA / transposeB / both for [${rows}, ${m}] and [${rows}, ${n}] matches cpu`, async () => {
    await assertWasmMatchesCpu(`aT b ${rows}x${m}x${n}`, () => [tf.matMul(seededTensor([rows, m], 1), seededTensor([rows, n], 2), true, false)]);
    await assertWasmMatchesCpu(`a bT ${rows}x${m}x${n}`, () => [tf.matMul(seededTensor([m, rows], 3), seededTensor([n, rows], 4), false, true)]);
    await assertWasmMatchesCpu(`aT bT ${rows}x${m}x${n}`, () => [tf.matMul(seededTensor([rows, m], 5), seededTensor([n, rows], 6), true, true)]);
  });
}

test('dense layer gradients (both transposed products) match cpu; batched matmuls still work', async () => {
  await assertWasmMatchesCpu('dense grads', () => {
    const x = seededTensor([17, 9], 7);
    const w = seededTensor([9, 14], 8);
    const probe = seededTensor([17, 14], 9);
    return tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.matMul(a, b), probe)))([x, w]);
  });
  await assertWasmMatchesCpu('batched', () => [tf.matMul(seededTensor([3, 5, 7], 10), seededTensor([3, 5, 4], 11), true, false)]);
});
