/**
 * The maths behind src/engine/supernet/train-ops.ts, each as ONE call: the project's fused
 * kernel when the active backend has it registered (the wasm training pack), otherwise the
 * same formula from ordinary tfjs ops (cpu, tensorflow). Callers get identical semantics on
 * every backend; the unit tests compare both routes.
 */
import * as tf from '@tensorflow/tfjs';
import { ACTIVATION_GRAD, BATCH_NORM_APPLY, BATCH_NORM_GRAD, BATCH_NORM_STATS, SWISH } from './fused-kernel-names';

export type FusedActivation = 'relu' | 'relu6' | 'swish';

function fused(name: string): boolean {
  return tf.getKernel(name, tf.getBackend()) !== undefined;
}

/** Every axis but the channel axis (the last). */
function reductionAxes(x: tf.Tensor): number[] {
  return x.shape.slice(0, -1).map((_, i) => i);
}

/** Batch mean and biased variance per channel (as tf.moments over all but the last axis). */
export function channelMoments(x: tf.Tensor): { mean: tf.Tensor1D; variance: tf.Tensor1D } {
  if (fused(BATCH_NORM_STATS)) {
    const [mean, variance] = tf.engine().runKernel(BATCH_NORM_STATS, { x }) as tf.Tensor1D[];
    return { mean, variance };
  }
  const { mean, variance } = tf.moments(x, reductionAxes(x));
  return { mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
}

/** (x - mean) / sqrt(variance + epsilon) * gamma + beta, per channel. */
export function normalize<T extends tf.Tensor>(x: T, mean: tf.Tensor1D, variance: tf.Tensor1D, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number): T {
  if (fused(BATCH_NORM_APPLY)) return tf.engine().runKernel(BATCH_NORM_APPLY, { x, mean, variance, gamma, beta }, { epsilon }) as T;
  return tf.batchNorm(x, mean, variance, beta, gamma, epsilon) as T;
}

/**
 * Gradient of training-mode batch norm (mean and variance computed from x itself):
 * dbeta = sum dy, dgamma = sum dy * xhat, dx = gamma * invstd / R * (R dy - dbeta - xhat dgamma).
 */
export function batchNormGradient(dy: tf.Tensor, x: tf.Tensor, mean: tf.Tensor1D, variance: tf.Tensor1D, gamma: tf.Tensor1D, epsilon: number): { dx: tf.Tensor; dgamma: tf.Tensor1D; dbeta: tf.Tensor1D } {
  if (fused(BATCH_NORM_GRAD)) {
    const [dx, dgamma, dbeta] = tf.engine().runKernel(BATCH_NORM_GRAD, { dy, x, mean, variance, gamma }, { epsilon }) as tf.Tensor[];
    return { dx, dgamma: dgamma as tf.Tensor1D, dbeta: dbeta as tf.Tensor1D };
  }
  return tf.tidy(() => {
    const axes = reductionAxes(x);
    const rows = x.size / x.shape[x.shape.length - 1];
    const invStd = tf.rsqrt(tf.add(variance, epsilon));
    const xhat = tf.mul(tf.sub(x, mean), invStd);
    const dbeta = tf.sum(dy, axes) as tf.Tensor1D;
    const dgamma = tf.sum(tf.mul(dy, xhat), axes) as tf.Tensor1D;
    const inner = tf.sub(tf.sub(tf.mul(dy, rows), dbeta), tf.mul(xhat, dgamma));
    const dx = tf.mul(inner, tf.div(tf.mul(gamma, invStd), rows));
    return { dx, dgamma, dbeta };
  });
}

/**
 * dy times the activation's derivative at x, with tfjs's own conventions: relu passes where
 * x > 0, relu6 where 0 < x <= 6; swish needs s = sigmoid(x) from the forward pass.
 */
export function activationGradient(dy: tf.Tensor, x: tf.Tensor, activation: FusedActivation, s?: tf.Tensor): tf.Tensor {
  if (activation === 'swish' && !s) throw new Error('activationGradient: swish needs s = sigmoid(x)');
  if (fused(ACTIVATION_GRAD)) {
    const inputs: tf.NamedTensorMap = s ? { dy, x, s } : { dy, x };
    return tf.engine().runKernel(ACTIVATION_GRAD, inputs, { activation }) as tf.Tensor;
  }
  return tf.tidy(() => {
    switch (activation) {
      case 'relu':
        return tf.mul(dy, tf.step(x));
      case 'relu6':
        return tf.mul(dy, tf.mul(tf.step(x), tf.cast(tf.lessEqual(x, 6), 'float32')));
      case 'swish':
        return tf.mul(dy, tf.mul(s!, tf.add(1, tf.mul(x, tf.sub(1, s!)))));
    }
  });
}

/** y = x * sigmoid(x), and s = sigmoid(x) for the gradient. */
export function swishWithSigmoid(x: tf.Tensor): { y: tf.Tensor; s: tf.Tensor } {
  if (fused(SWISH)) {
    const [y, s] = tf.engine().runKernel(SWISH, { x }) as tf.Tensor[];
    return { y, s };
  }
  const s = tf.sigmoid(x);
  return { y: tf.mul(x, s), s };
}
