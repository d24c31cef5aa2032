/** The start-up self-check: its kernel list covers real training steps, and it passes on wasm and cpu. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../src/engine/backend';
import { missingTrainingKernels, selfCheckActiveBackend, TRAINING_KERNELS } from '../../../src/engine/backend/self-check';
import { createMBConvWeights, mbconvForward, mbconvVariables } from '../../../src/engine/supernet/mbconv-op';
import { mseLoss } from '../../../src/engine/supernet/train-ops';
import { AdamW } from '../../../src/engine/optim/adamw';
import type { MBConvLayerSpec, OpFamily } from '../../../src/shared/search-space';

/** Kernel names (not scope names) a function runs, as recorded by tf.profile. */
async function kernelsUsed(fn: () => Promise<void> | void): Promise<string[]> {
  const profile = await tf.profile(fn as () => tf.TensorContainer);
  return [...new Set(profile.kernelNames)].filter((k) => tf.getKernel(k, tf.getBackend()) !== undefined);
}

test('TRAINING_KERNELS covers an MBConv training step (every op family) and a tf.layers fit()', async () => {
  await initBackend('cpu');
  const used = new Set<string>();
  let seed = 3;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (const [activation, seRatio, stride, expansion] of [['relu6', 0, 1, 6], ['swish', 0.25, 2, 3], ['relu', 0, 1, 1]] as const) {
    const layer: MBConvLayerSpec = { inChannels: 4, outChannels: stride === 1 ? 4 : 6, stride, kernel: 3, expansion, residual: stride === 1, inputHeight: 6, inputWidth: 6 };
    const family: OpFamily = { activation, seRatio };
    const w = createMBConvWeights(layer, family, `kernels-${activation}`, rand);
    const vars = mbconvVariables(w);
    const opt = new AdamW({ learningRate: 1e-3, weightDecay: 1e-4 });
    const x = tf.randomNormal([2, 6, 6, 4]) as tf.Tensor4D;
    for (const k of await kernelsUsed(() => {
      const { value, grads } = tf.variableGrads(() => {
        const y = mbconvForward(w, x, layer, family, { kind: 'batch' });
        return mseLoss(y, tf.zerosLike(y));
      }, vars);
      opt.apply(new Map(vars.map((v) => [v.name, v])), grads, new Set([vars[0].name]));
      tf.dispose([value, ...Object.values(grads)]);
    })) used.add(k);
  }
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, strides: 2, padding: 'same' }),
      tf.layers.batchNormalization(),
      tf.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', activation: 'relu' }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dropout({ rate: 0.1 }),
      tf.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const xs = tf.randomNormal([6, 8, 8, 1]);
  const ys = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32'), 3);
  for (const k of await kernelsUsed(async () => void (await model.fit(xs, ys, { epochs: 1, batchSize: 3, verbose: 0 })))) used.add(k);
  const missing = [...used].filter((k) => !TRAINING_KERNELS.includes(k));
  assert.deepEqual(missing, [], `kernels used in training but not self-checked: ${missing.join(', ')}`);
});

test('the self-check passes on wasm (pack registered) and lists what a backend lacks', async () => {
  await initBackend('wasm');
  assert.deepEqual(missingTrainingKernels('wasm'), []);
  const result = await selfCheckActiveBackend();
  assert.ok(result.ok, result.ok ? '' : result.why);
  assert.ok(result.maxRelativeError < 1e-4, `max relative error ${result.maxRelativeError}`);
  assert.equal(tf.getBackend(), 'wasm', 'the check restores the active backend');
  assert.deepEqual(missingTrainingKernels('no-such-backend').length, TRAINING_KERNELS.length);
});
