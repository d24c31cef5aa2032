/**
 * The few differentiable building blocks every training loop here uses. They are plain tfjs ops
 * (correct on every backend); the wasm backend pack may register faster kernels underneath.
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../../shared/search-space';

export const BN_EPSILON = 1e-3;

export interface BatchStats {
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

/** Batch norm over N, H, W with the batch's own statistics (training mode); returns them too. */
export function batchNormTrain(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D): { y: tf.Tensor4D; stats: BatchStats } {
  const { mean, variance } = tf.moments(x, [0, 1, 2]);
  const y = tf.batchNorm4d(x, mean as tf.Tensor1D, variance as tf.Tensor1D, beta, gamma, BN_EPSILON);
  return { y, stats: { mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D } };
}

export function batchNormInfer(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, stats: BatchStats): tf.Tensor4D {
  return tf.batchNorm4d(x, stats.mean, stats.variance, beta, gamma, BN_EPSILON);
}

export function activate<T extends tf.Tensor>(x: T, fn: Activation): T {
  switch (fn) {
    case 'relu':
      return tf.relu(x);
    case 'relu6':
      return tf.relu6(x);
    case 'swish':
      return tf.mul(x, tf.sigmoid(x));
  }
}

export function mseLoss(pred: tf.Tensor, target: tf.Tensor): tf.Scalar {
  return tf.mean(tf.squaredDifference(pred, target)) as tf.Scalar;
}

/** Global average pooling as an avgPool with a full window (much faster than a multi-axis mean on wasm). */
export function globalAvgPool(x: tf.Tensor4D): tf.Tensor2D {
  const [n, h, w, c] = x.shape;
  return tf.reshape(tf.avgPool(x, [h, w], [h, w], 'valid'), [n, c]);
}
