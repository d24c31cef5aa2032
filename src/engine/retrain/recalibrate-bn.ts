/**
 * Sets every batch norm's moving statistics to the average over a number of training batches.
 *
 * Why: a LayersModel's moving mean/variance are exponential averages (momentum 0.99) that start
 * at 0 and 1; after a short retraining (the quick preset's one epoch is ~140 steps) a quarter of
 * that starting value is still in them, and in a deep network the error compounds until inference
 * is at chance level. Averaging the batch statistics of the trained network over a few batches
 * gives inference the statistics it will actually see — the same recalibration the ranking uses.
 */
import * as tf from '@tensorflow/tfjs';

interface BatchNormLike {
  momentum: number;
}

export function recalibrateBatchNorm(model: tf.LayersModel, batches: Iterable<tf.Tensor4D>): number {
  const layers = model.layers.filter((l) => l.getClassName() === 'BatchNormalization') as unknown as BatchNormLike[];
  if (layers.length === 0) return 0;
  const saved = layers.map((l) => l.momentum);
  let n = 0;
  try {
    for (const x of batches) {
      n++;
      // moving <- moving·m + batch·(1 - m) with m = 1 - 1/n is the running mean of the batch values.
      for (const l of layers) l.momentum = 1 - 1 / n;
      tf.tidy(() => {
        model.apply(x, { training: true });
      });
    }
  } finally {
    layers.forEach((l, i) => (l.momentum = saved[i]));
  }
  return n;
}
