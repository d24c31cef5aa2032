/** Weight helpers for comparing generated models with the engine's TF.js model. */
import * as tf from '@tensorflow/tfjs';
import { mulberry } from '../search/prng';

/**
 * Fills every weight with seeded random values scaled so activations stay near unit size (kernels
 * uniform with variance 1 / fan-in, BN gamma and variance around 1, small offsets). Outputs then
 * neither vanish nor saturate, so a wrong padding, BN or activation shows in them.
 */
export function randomizeWeights(model: tf.LayersModel, seed: number): void {
  const rand = mulberry(seed);
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * rand();
  for (const layer of model.layers) {
    const values = layer.weights.map((w) => {
      const shape = w.shape as number[];
      const n = shape.reduce((a, b) => a * b, 1);
      const kind = w.name.replace(/^.*\//, '').replace(/_\d+$/, '');
      let draw: () => number;
      if (kind === 'kernel' || kind === 'depthwise_kernel') {
        const fanIn = kind === 'depthwise_kernel' ? shape[0] * shape[1] : n / shape[shape.length - 1];
        const a = Math.sqrt(3 / fanIn);
        draw = () => uniform(-a, a);
      } else if (kind === 'gamma' || kind === 'moving_variance') {
        draw = () => uniform(0.5, 1.5);
      } else {
        draw = () => uniform(-0.2, 0.2);
      }
      return tf.tensor(Float32Array.from({ length: n }, draw), shape);
    });
    if (values.length) layer.setWeights(values);
    tf.dispose(values);
  }
}

export interface ArrayJson {
  shape: number[];
  data: number[];
}

export function tensorJson(t: tf.Tensor): ArrayJson {
  return { shape: t.shape, data: Array.from(t.dataSync()) };
}

/** Every layer's weights by layer name, with its class (the PyTorch loader needs to tell depthwise kernels apart). */
export function weightsByLayer(model: tf.LayersModel): Record<string, { className: string; weights: ArrayJson[] }> {
  const out: Record<string, { className: string; weights: ArrayJson[] }> = {};
  for (const layer of model.layers) {
    if (!layer.weights.length) continue;
    const values = layer.getWeights();
    out[layer.name] = { className: layer.getClassName(), weights: values.map(tensorJson) };
  }
  return out;
}
