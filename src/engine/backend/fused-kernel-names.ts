/**
 * Names of the project's own fused training kernels. src/engine/supernet/train-ops.ts (and the
 * pack's gradient overrides for tf.layers) run them when the active backend has them registered
 * (the wasm pack does) and otherwise compute the same maths from ordinary tfjs ops, so every
 * backend computes the same thing.
 */
/** inputs { x [.., c] } -> [mean [c], variance [c]] over all leading axes (biased variance). */
export const BATCH_NORM_STATS = 'DnaBatchNormStats';
/** inputs { x, mean, variance, gamma, beta }, attrs { epsilon } -> y. */
export const BATCH_NORM_APPLY = 'DnaBatchNormApply';
/** inputs { dy, x, mean, variance, gamma }, attrs { epsilon } -> [dx, dgamma, dbeta] (training-mode BN). */
export const BATCH_NORM_GRAD = 'DnaBatchNormGrad';
/** inputs { dy, x, s? }, attrs { activation: 'relu' | 'relu6' | 'swish' } -> dx; s = sigmoid(x) for swish. */
export const ACTIVATION_GRAD = 'DnaActivationGrad';

/**
 * inputs { dy, x, mean, variance, gamma }, attrs { epsilon } -> [dx, dmean, dvariance, dgamma,
 * dbeta]: the gradient of tf.batchNorm with the statistics as separate inputs (tf.layers).
 */
export const BATCH_NORM_INFER_GRAD = 'DnaBatchNormInferGrad';
/** inputs { dy, x }, attrs { clipValueMin, clipValueMax } -> dx (dy where min <= x <= max). */
export const CLIP_GRAD = 'DnaClipGrad';
/** inputs { x } -> [y = x * sigmoid(x), s = sigmoid(x)] (s is what the gradient needs). */
export const SWISH = 'DnaSwish';

export const FUSED_TRAINING_KERNELS = [BATCH_NORM_STATS, BATCH_NORM_APPLY, BATCH_NORM_GRAD, BATCH_NORM_INFER_GRAD, ACTIVATION_GRAD, CLIP_GRAD, SWISH] as const;
