/**
 * Names of the project's own fused training kernels. src/engine/supernet/train-ops.ts runs them
 * when the active backend has them registered (the wasm pack does) and otherwise composes the
 * same maths from ordinary tfjs ops, so every backend computes the same thing.
 */
/** inputs { x [.., c] } -> [mean [c], variance [c]] over all leading axes (biased variance). */
export const BATCH_NORM_STATS = 'DnaBatchNormStats';
/** inputs { x, mean, variance, gamma, beta }, attrs { epsilon } -> y. */
export const BATCH_NORM_APPLY = 'DnaBatchNormApply';
/** inputs { dy, x, mean, variance, gamma }, attrs { epsilon } -> [dx, dgamma, dbeta] (training-mode BN). */
export const BATCH_NORM_GRAD = 'DnaBatchNormGrad';
/** inputs { dy, x, s? }, attrs { activation: 'relu' | 'relu6' | 'swish' } -> dx; s = sigmoid(x) for swish. */
export const ACTIVATION_GRAD = 'DnaActivationGrad';

/** inputs { x } -> [y = x * sigmoid(x), s = sigmoid(x)] (s is what the gradient needs). */
export const SWISH = 'DnaSwish';

export const FUSED_TRAINING_KERNELS = [BATCH_NORM_STATS, BATCH_NORM_APPLY, BATCH_NORM_GRAD, ACTIVATION_GRAD, SWISH] as const;
