/**
 * The few differentiable building blocks every training loop here uses. Each has a hand-written
 * gradient (tf.customGrad): the stock op-by-op gradients of batch norm, the activations and the
 * loss take several passes over memory each and dominated a training step on wasm. The maths
 * runs through ../backend/fused-ops, which uses the wasm pack's fused kernels when present and
 * plain tfjs ops elsewhere, so values and gradients are the same on every backend.
 *
 * One deliberate difference from composing tf.moments + tf.batchNorm: the returned batch
 * statistics are outputs only (for running averages / inference), not differentiable inputs.
 * The gradient with respect to x already includes the dependence of mean and variance on x.
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../../shared/search-space';
import { activationGradient, batchNormGradient, channelMoments, normalize, swishWithSigmoid } from '../backend/fused-ops';

export const BN_EPSILON = 1e-3;

export interface BatchStats {
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

type Saved = tf.GradSaveFunc;

/** Batch norm over N, H, W with the batch's own statistics (training mode); returns them too. */
export function batchNormTrain(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D): { y: tf.Tensor4D; stats: BatchStats } {
  const { mean, variance } = channelMoments(x);
  // Statistics enter through the closure, not as inputs, so the tape never tries to
  // differentiate the (gradient-less) statistics kernel; save() keeps them for the backward pass.
  const op = tf.customGrad((xIn, gIn, bIn, save) => {
    const [xt, g, b] = [xIn, gIn, bIn] as tf.Tensor[];
    (save as Saved)([xt, g, mean, variance]);
    const y = normalize(xt as tf.Tensor4D, mean, variance, g as tf.Tensor1D, b as tf.Tensor1D, BN_EPSILON);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, gs, ms, vs] = saved;
        const { dx, dgamma, dbeta } = batchNormGradient(dy, xs, ms as tf.Tensor1D, vs as tf.Tensor1D, gs as tf.Tensor1D, BN_EPSILON);
        return [dx, dgamma, dbeta];
      },
    };
  });
  const y = op(x, gamma, beta) as tf.Tensor4D;
  return { y, stats: { mean, variance } };
}

/** Batch norm with given (fixed) statistics; differentiable in x, gamma and beta. */
export function batchNormInfer(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, stats: BatchStats): tf.Tensor4D {
  const { mean, variance } = stats;
  const op = tf.customGrad((xIn, gIn, bIn, save) => {
    const [xt, g, b] = [xIn, gIn, bIn] as tf.Tensor[];
    (save as Saved)([xt, g, mean, variance]);
    return {
      value: normalize(xt as tf.Tensor4D, mean, variance, g as tf.Tensor1D, b as tf.Tensor1D, BN_EPSILON),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, gs, ms, vs] = saved;
        const axes = [0, 1, 2];
        const invStd = tf.rsqrt(tf.add(vs, BN_EPSILON));
        const xhat = tf.mul(tf.sub(xs, ms), invStd);
        return [tf.mul(dy, tf.mul(gs, invStd)), tf.sum(tf.mul(dy, xhat), axes), tf.sum(dy, axes)];
      },
    };
  });
  return op(x, gamma, beta) as tf.Tensor4D;
}

function pointwiseActivation(fn: 'relu' | 'relu6') {
  return tf.customGrad((xIn, save) => {
    const x = xIn as tf.Tensor;
    (save as Saved)([x]);
    return {
      value: fn === 'relu' ? tf.relu(x) : tf.relu6(x),
      gradFunc: (dy: tf.Tensor, [xs]: tf.Tensor[]) => activationGradient(dy, xs, fn),
    };
  });
}

const reluOp = pointwiseActivation('relu');
const relu6Op = pointwiseActivation('relu6');
const swishOp = tf.customGrad((xIn, save) => {
  const x = xIn as tf.Tensor;
  const { y, s } = swishWithSigmoid(x);
  (save as Saved)([x, s]);
  return {
    value: y,
    gradFunc: (dy: tf.Tensor, [xs, ss]: tf.Tensor[]) => activationGradient(dy, xs, 'swish', ss),
  };
});

export function activate<T extends tf.Tensor>(x: T, fn: Activation): T {
  switch (fn) {
    case 'relu':
      return reluOp(x) as T;
    case 'relu6':
      return relu6Op(x) as T;
    case 'swish':
      return swishOp(x) as T;
  }
}

const mseOp = tf.customGrad((pIn, tIn, save) => {
  const [pred, target] = [pIn, tIn] as tf.Tensor[];
  (save as Saved)([pred, target]);
  return {
    value: tf.mean(tf.squaredDifference(pred, target)) as tf.Scalar,
    gradFunc: (dy: tf.Tensor, [p, t]: tf.Tensor[]) => {
      const d = tf.mul(tf.sub(p, t), tf.mul(dy, 2 / p.size));
      return [d, tf.neg(d)];
    },
  };
});

export function mseLoss(pred: tf.Tensor, target: tf.Tensor): tf.Scalar {
  // The hand-written gradient covers equal shapes; broadcasting keeps tfjs's own gradient.
  if (pred.shape.join() !== target.shape.join()) return tf.mean(tf.squaredDifference(pred, target)) as tf.Scalar;
  return mseOp(pred, target) as tf.Scalar;
}

/** Global average pooling as an avgPool with a full window (much faster than a multi-axis mean on wasm). */
export function globalAvgPool(x: tf.Tensor4D): tf.Tensor2D {
  const [n, h, w, c] = x.shape;
  return tf.reshape(tf.avgPool(x, [h, w], [h, w], 'valid'), [n, c]);
}
