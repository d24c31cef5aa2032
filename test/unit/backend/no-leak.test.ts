/**
 * 500 supernet-style training steps (train-ops + AdamW, the engine's own loop) on wasm: the
 * number of live tensors and of wasm data buffers stays constant after the first step.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../src/engine/backend';
import { createMBConvWeights, mbconvForward, mbconvVariables, mbconvDecayed } from '../../../src/engine/supernet/mbconv-op';
import { mseLoss } from '../../../src/engine/supernet/train-ops';
import { AdamW } from '../../../src/engine/optim/adamw';
import type { MBConvLayerSpec, OpFamily } from '../../../src/shared/search-space';
import { seededTensor } from './compare-backends';

test('500 MBConv training steps on wasm leak no tensors and no wasm buffers', async () => {
  await initBackend('wasm');
  const layer: MBConvLayerSpec = { inChannels: 6, outChannels: 6, stride: 1, kernel: 5, expansion: 3, residual: true, inputHeight: 6, inputWidth: 6 };
  const family: OpFamily = { activation: 'swish', seRatio: 0.25 };
  let s = 7;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const weights = createMBConvWeights(layer, family, 'leaktest', rand);
  const vars = mbconvVariables(weights);
  const byName = new Map(vars.map((v) => [v.name, v]));
  const decayed = new Set(mbconvDecayed(weights).map((v) => v.name));
  const opt = new AdamW({ learningRate: 1e-3, weightDecay: 1e-4 });
  const x = seededTensor([4, 6, 6, 6], 1) as tf.Tensor4D;
  const target = seededTensor([4, 6, 6, 6], 2) as tf.Tensor4D;
  const backend = tf.backend() as unknown as { numDataIds(): number };
  const step = () => {
    const { value, grads } = tf.variableGrads(() => mseLoss(mbconvForward(weights, x, layer, family, { kind: 'batch' }), target), vars);
    opt.apply(byName, grads, decayed);
    const loss = value.dataSync()[0];
    tf.dispose([value, ...Object.values(grads)]);
    return loss;
  };
  const first = step();
  const tensors = tf.memory().numTensors;
  const buffers = backend.numDataIds();
  let last = first;
  for (let i = 1; i < 500; i++) last = step();
  assert.equal(tf.memory().numTensors, tensors, 'live tensors after 500 steps');
  assert.equal(backend.numDataIds(), buffers, 'wasm data buffers after 500 steps');
  assert.ok(last < first, `the loss falls (${first} -> ${last})`);
  opt.dispose();
  tf.dispose([x, target, ...vars]);
});
