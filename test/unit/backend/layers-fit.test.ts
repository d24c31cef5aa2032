/**
 * tf.layers fit() on wasm with the kernel pack: conv2d + depthwiseConv2d + batchNormalization +
 * dense trains (the stock wasm backend throws "Kernel 'Conv2DBackpropFilter' not registered").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../src/engine/backend';
import { seeded } from './compare-backends';

/** 64 images 10x10: class 1 has a bright square in the left half, class 0 in the right. */
function dataset(): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const n = 64;
  const noise = seeded(n * 100, 42);
  const pixels = new Float32Array(n * 100);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const left = i % 2 === 1;
    const col0 = left ? 1 + (i % 3) : 6 + (i % 3);
    const row0 = 1 + ((i >> 2) % 5);
    for (let r = 0; r < 10; r++) {
      for (let c = 0; c < 10; c++) {
        const inSquare = r >= row0 && r < row0 + 3 && c >= col0 && c < col0 + 3;
        pixels[i * 100 + r * 10 + c] = (inSquare ? 1 : 0) + 0.2 * noise[i * 100 + r * 10 + c];
      }
    }
    labels.push(left ? 1 : 0);
  }
  return { xs: tf.tensor4d(pixels, [n, 10, 10, 1]), ys: tf.oneHot(tf.tensor1d(labels, 'int32'), 2) as tf.Tensor2D };
}

test('a conv2d + depthwiseConv2d + batchNormalization + dense model fits on wasm and its loss falls', async () => {
  await initBackend('wasm');
  assert.equal(tf.getBackend(), 'wasm');
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [10, 10, 1], filters: 6, kernelSize: 3, strides: 1, padding: 'same', useBias: false, kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.batchNormalization(),
      tf.layers.reLU({ maxValue: 6 }),
      tf.layers.depthwiseConv2d({ kernelSize: 5, strides: 2, padding: 'same', depthwiseInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
      tf.layers.batchNormalization(),
      tf.layers.activation({ activation: 'relu' }),
      tf.layers.conv2d({ filters: 5, kernelSize: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  const { xs, ys } = dataset();
  const history = await model.fit(xs, ys, { epochs: 12, batchSize: 16, shuffle: false, verbose: 0 });
  const losses = history.history.loss as number[];
  assert.ok(losses.every(Number.isFinite), `losses must be finite: ${losses.join(', ')}`);
  assert.ok(losses[losses.length - 1] < 0.5 * losses[0], `loss should at least halve: ${losses.map((l) => l.toFixed(3)).join(' -> ')}`);
  tf.dispose([xs, ys]);
  model.dispose();
});
