/**
 * Each convolution kernel of the wasm training pack against the cpu backend: forward values and
 * both gradients, over a grid of kernel sizes, strides, paddings, odd spatial sizes and channel
 * counts that are not multiples of 4 (the SIMD width).
 */
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { assertWasmMatchesCpu, seededTensor } from './compare-backends';

const KERNELS = [1, 3, 5, 7];
const STRIDES = [1, 2];
const PADS = ['same', 'valid'] as const;

/** Forward output and gradients (x, filter) of sum(conv(x) * probe) for a fixed random probe. */
function convGrads(kind: 'depthwise' | 'regular', xShape: number[], filterShape: number[], stride: number, pad: 'same' | 'valid' | number[][], seed: number): () => tf.Tensor[] {
  return () => {
    const x = seededTensor(xShape, seed);
    const filter = seededTensor(filterShape, seed + 1);
    const conv = (a: tf.Tensor, w: tf.Tensor) =>
      kind === 'depthwise'
        ? tf.depthwiseConv2d(a as tf.Tensor4D, w as tf.Tensor4D, stride, pad as 'same')
        : tf.conv2d(a as tf.Tensor4D, w as tf.Tensor4D, stride, pad as 'same');
    const y = conv(x, filter);
    const probe = seededTensor(y.shape, seed + 2);
    const [dx, dw] = tf.grads((a: tf.Tensor, w: tf.Tensor) => tf.sum(tf.mul(conv(a, w), probe)))([x, filter]);
    return [y, dx, dw];
  };
}

for (const k of KERNELS) {
  for (const stride of STRIDES) {
    for (const pad of PADS) {
      const size = k === 7 ? 11 : 9; // odd, and large enough for 'valid' with k = 7
      test(`depthwise k${k} s${stride} ${pad}: forward, input and filter gradients match cpu`, async () => {
        await assertWasmMatchesCpu(`dw k${k} s${stride} ${pad}`, convGrads('depthwise', [2, size, size + 2, 7], [k, k, 7, 1], stride, pad, 10 * k + stride));
      });
      test(`conv2d k${k} s${stride} ${pad}: forward, input and filter gradients match cpu`, async () => {
        await assertWasmMatchesCpu(`conv k${k} s${stride} ${pad}`, convGrads('regular', [2, size, size, 5], [k, k, 5, 6], stride, pad, 100 + 10 * k + stride));
      });
    }
  }
}

test('depthwise with a channel multiplier of 3 and a non-square kernel matches cpu', async () => {
  await assertWasmMatchesCpu('dw multiplier 3', convGrads('depthwise', [2, 7, 9, 5], [3, 5, 5, 3], 1, 'same', 7));
  await assertWasmMatchesCpu('dw multiplier 2 s2', convGrads('depthwise', [1, 9, 9, 6], [5, 3, 6, 2], 2, 'valid', 8));
});

test('pointwise (1x1) fast paths match cpu whichever side is wider, 1 and 13 channels', async () => {
  await assertWasmMatchesCpu('1x1 widen', convGrads('regular', [3, 5, 7, 5], [1, 1, 5, 13], 1, 'same', 3));
  await assertWasmMatchesCpu('1x1 narrow', convGrads('regular', [3, 5, 7, 13], [1, 1, 13, 5], 1, 'valid', 4));
  await assertWasmMatchesCpu('1x1 to one channel', convGrads('regular', [2, 3, 3, 1], [1, 1, 1, 1], 1, 'same', 5));
});

test('explicit (asymmetric) padding matches cpu', async () => {
  const pad = [[0, 0], [2, 1], [0, 3], [0, 0]];
  await assertWasmMatchesCpu('dw explicit pad', convGrads('depthwise', [2, 8, 7, 6], [3, 3, 6, 1], 2, pad, 11));
  await assertWasmMatchesCpu('conv explicit pad', convGrads('regular', [2, 8, 7, 3], [3, 3, 3, 4], 1, pad, 12));
});

test('MBConv-sized depthwise k5 on 240 channels matches cpu', async () => {
  await assertWasmMatchesCpu('dw k5 c240', convGrads('depthwise', [2, 14, 14, 240], [5, 5, 240, 1], 1, 'same', 13));
});
