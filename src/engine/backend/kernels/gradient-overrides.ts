/**
 * Faster gradients for two ops tf.layers training leans on, where tfjs-core's own gradient
 * functions chain ops that are slow on wasm:
 *  - FusedBatchNorm (every tf.layers batchNormalization): its gradient tiles the variance to
 *    the full tensor (the wasm Tile kernel took ~60 ms per call on a MobileNetV2 layer) and
 *    makes several full-size passes;
 *  - ClipByValue (tf.layers reLU with maxValue, i.e. ReLU6): greaterEqual + lessEqual +
 *    logicalAnd + where + zerosLike, each a slow full-size wasm kernel.
 * Gradients are registered per op, not per backend, so each override runs the pack's fused
 * kernel only when the active backend has it and otherwise calls tfjs's original gradient
 * function unchanged: other backends behave exactly as before.
 */
import * as tf from '@tensorflow/tfjs';
import { BATCH_NORM_INFER_GRAD, CLIP_GRAD } from '../fused-kernel-names';

type GradConfig = ReturnType<typeof tf.getGradient>;
type GradFunc = NonNullable<GradConfig>['gradFunc'];

function fusedOnActiveBackend(name: string): boolean {
  return tf.getKernel(name, tf.getBackend()) !== undefined;
}

function fusedBatchNormGrad(original: GradFunc): GradFunc {
  return (dy, saved, attrs) => {
    const [x, mean, variance, scale] = saved;
    const c = x.shape[x.shape.length - 1];
    const vectors = [mean, variance, scale].every((t) => t !== undefined && t !== null && t.rank === 1 && t.shape[0] === c);
    if (!fusedOnActiveBackend(BATCH_NORM_INFER_GRAD) || !vectors || x.dtype !== 'float32' || Array.isArray(dy)) return original(dy, saved, attrs);
    // One kernel computes all five, now: the tape runs each input's thunk inside its own tidy,
    // which would dispose parts computed by an earlier thunk. Computed here, they live in the
    // backward pass's scope, which disposes whatever the tape does not use.
    const parts = tf.engine().runKernel(BATCH_NORM_INFER_GRAD, { dy, x, mean, variance, gamma: scale }, { epsilon: (attrs as { varianceEpsilon: number }).varianceEpsilon }) as tf.Tensor[];
    const part = (i: number) => () => parts[i];
    return { x: part(0), mean: part(1), variance: part(2), scale: part(3), offset: part(4) };
  };
}

function clipByValueGrad(original: GradFunc): GradFunc {
  return (dy, saved, attrs) => {
    const [x] = saved;
    if (!fusedOnActiveBackend(CLIP_GRAD) || x.dtype !== 'float32' || Array.isArray(dy)) return original(dy, saved, attrs);
    const { clipValueMin, clipValueMax } = attrs as { clipValueMin: number; clipValueMax: number };
    return { x: () => tf.engine().runKernel(CLIP_GRAD, { dy, x }, { clipValueMin, clipValueMax }) as tf.Tensor };
  };
}

let registered = false;

export function registerGradientOverrides(): void {
  if (registered) return;
  for (const [kernelName, wrap] of [
    [tf.FusedBatchNorm, fusedBatchNormGrad],
    [tf.ClipByValue, clipByValueGrad],
  ] as const) {
    const original = tf.getGradient(kernelName);
    if (!original) throw new Error(`tfjs has no gradient for '${kernelName}' to speed up`);
    tf.registerGradient({ ...original, gradFunc: wrap(original.gradFunc) });
  }
  registered = true;
}
