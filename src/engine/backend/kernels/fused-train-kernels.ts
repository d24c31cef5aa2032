/**
 * The fused training kernels (names in ../fused-kernel-names.ts) on the wasm backend: batch
 * norm statistics / normalisation / full gradient, swish and the activation gradients, each one or two
 * SIMD passes over memory where the stock op chains take many (a multi-axis tf.moments alone
 * is ~20 ms on a [64,14,14,240] tensor there).
 */
import * as tf from '@tensorflow/tfjs';
import { ACTIVATION_GRAD, BATCH_NORM_APPLY, BATCH_NORM_GRAD, BATCH_NORM_INFER_GRAD, BATCH_NORM_STATS, CLIP_GRAD, SWISH } from '../fused-kernel-names';
import { kernelsFor } from './kernels-for-backend';
import { stockKernel } from './stock-kernels';
import { UnsupportedKernelShapeError } from './unsupported-shape';
import { addressOf, withScratch, type KernelArgs } from './wasm-heap';

function rowsAndChannels(op: string, x: tf.TensorInfo): [number, number] {
  if (x.dtype !== 'float32') throw new UnsupportedKernelShapeError(op, `dtype ${x.dtype}`, { x: x.shape });
  const c = x.shape[x.shape.length - 1];
  const size = x.shape.reduce((a, b) => a * b, 1);
  if (x.shape.length < 2 || c === 0) throw new UnsupportedKernelShapeError(op, 'a tensor without a channel axis', { x: x.shape });
  return [size / c, c];
}

function checkChannelVectors(op: string, c: number, vectors: Record<string, tf.TensorInfo>): void {
  for (const [name, v] of Object.entries(vectors)) {
    if (v.shape.length !== 1 || v.shape[0] !== c) throw new UnsupportedKernelShapeError(op, `${name} not a vector of the ${c} channels`, { [name]: v.shape });
  }
}

function batchNormStats(args: KernelArgs): tf.TensorInfo[] {
  const { x } = args.inputs as { x: tf.TensorInfo };
  const [rows, c] = rowsAndChannels(BATCH_NORM_STATS, x);
  const { k, backend } = kernelsFor(args.backend);
  const mean = backend.makeOutput([c], 'float32');
  const variance = backend.makeOutput([c], 'float32');
  withScratch(backend, k.batchNormWorkBytes(c), (work) => k.batchNormStats(addressOf(backend, x), rows, c, addressOf(backend, mean), addressOf(backend, variance), work));
  return [mean, variance];
}

function batchNormApply(args: KernelArgs): tf.TensorInfo {
  const { x, mean, variance, gamma, beta } = args.inputs as Record<'x' | 'mean' | 'variance' | 'gamma' | 'beta', tf.TensorInfo>;
  const { epsilon } = args.attrs as { epsilon: number };
  const [rows, c] = rowsAndChannels(BATCH_NORM_APPLY, x);
  checkChannelVectors(BATCH_NORM_APPLY, c, { mean, variance, gamma, beta });
  const { k, backend } = kernelsFor(args.backend);
  const y = backend.makeOutput(x.shape, 'float32');
  const at = (t: tf.TensorInfo) => addressOf(backend, t);
  withScratch(backend, k.batchNormWorkBytes(c), (work) => k.batchNormApply(at(x), at(mean), at(variance), at(gamma), at(beta), epsilon, at(y), rows, c, work));
  return y;
}

function batchNormGrad(args: KernelArgs): tf.TensorInfo[] {
  const { dy, x, mean, variance, gamma } = args.inputs as Record<'dy' | 'x' | 'mean' | 'variance' | 'gamma', tf.TensorInfo>;
  const { epsilon } = args.attrs as { epsilon: number };
  const [rows, c] = rowsAndChannels(BATCH_NORM_GRAD, x);
  if (dy.shape.join() !== x.shape.join()) throw new UnsupportedKernelShapeError(BATCH_NORM_GRAD, 'dy and x of different shapes', { dy: dy.shape, x: x.shape });
  checkChannelVectors(BATCH_NORM_GRAD, c, { mean, variance, gamma });
  const { k, backend } = kernelsFor(args.backend);
  const dx = backend.makeOutput(x.shape, 'float32');
  const dgamma = backend.makeOutput([c], 'float32');
  const dbeta = backend.makeOutput([c], 'float32');
  const at = (t: tf.TensorInfo) => addressOf(backend, t);
  withScratch(backend, k.batchNormWorkBytes(c), (work) => k.batchNormBackward(at(dy), at(x), at(mean), at(variance), at(gamma), epsilon, at(dx), at(dgamma), at(dbeta), rows, c, work));
  return [dx, dgamma, dbeta];
}

function batchNormInferGrad(args: KernelArgs): tf.TensorInfo[] {
  const { dy, x, mean, variance, gamma } = args.inputs as Record<'dy' | 'x' | 'mean' | 'variance' | 'gamma', tf.TensorInfo>;
  const { epsilon } = args.attrs as { epsilon: number };
  const [rows, c] = rowsAndChannels(BATCH_NORM_INFER_GRAD, x);
  if (dy.shape.join() !== x.shape.join()) throw new UnsupportedKernelShapeError(BATCH_NORM_INFER_GRAD, 'dy and x of different shapes', { dy: dy.shape, x: x.shape });
  checkChannelVectors(BATCH_NORM_INFER_GRAD, c, { mean, variance, gamma });
  const { k, backend } = kernelsFor(args.backend);
  const dx = backend.makeOutput(x.shape, 'float32');
  const [dmean, dvariance, dgamma, dbeta] = [0, 1, 2, 3].map(() => backend.makeOutput([c], 'float32'));
  const at = (t: tf.TensorInfo) => addressOf(backend, t);
  withScratch(backend, k.batchNormWorkBytes(c), (work) => k.batchNormInferBackward(at(dy), at(x), at(mean), at(variance), at(gamma), epsilon, at(dx), at(dmean), at(dvariance), at(dgamma), at(dbeta), rows, c, work));
  return [dx, dmean, dvariance, dgamma, dbeta];
}

function clipGrad(args: KernelArgs): tf.TensorInfo {
  const { dy, x } = args.inputs as { dy: tf.TensorInfo; x: tf.TensorInfo };
  const { clipValueMin, clipValueMax } = args.attrs as { clipValueMin: number; clipValueMax: number };
  if (dy.shape.join() !== x.shape.join() || x.dtype !== 'float32') throw new UnsupportedKernelShapeError(CLIP_GRAD, 'dy and x of different shapes or dtypes', { dy: dy.shape, x: x.shape });
  const { k, backend } = kernelsFor(args.backend);
  const dx = backend.makeOutput(x.shape, 'float32');
  k.clipGrad(addressOf(backend, dy), addressOf(backend, x), addressOf(backend, dx), x.shape.reduce((a, b) => a * b, 1), clipValueMin, clipValueMax);
  return dx;
}

function activationGrad(args: KernelArgs): tf.TensorInfo {
  const { dy, x, s } = args.inputs as { dy: tf.TensorInfo; x: tf.TensorInfo; s?: tf.TensorInfo };
  const { activation } = args.attrs as { activation: string };
  if (dy.shape.join() !== x.shape.join() || x.dtype !== 'float32') throw new UnsupportedKernelShapeError(ACTIVATION_GRAD, 'dy and x of different shapes or dtypes', { dy: dy.shape, x: x.shape });
  const { k, backend } = kernelsFor(args.backend);
  const n = x.shape.reduce((a, b) => a * b, 1);
  const dx = backend.makeOutput(x.shape, 'float32');
  const at = (t: tf.TensorInfo) => addressOf(backend, t);
  switch (activation) {
    case 'relu':
      k.reluGrad(at(dy), at(x), at(dx), n);
      break;
    case 'relu6':
      k.relu6Grad(at(dy), at(x), at(dx), n);
      break;
    case 'swish':
      if (!s) throw new UnsupportedKernelShapeError(ACTIVATION_GRAD, 'swish without its saved sigmoid input s', { x: x.shape });
      k.swishGrad(at(dy), at(x), at(s), at(dx), n);
      break;
    default:
      backend.disposeData(dx.dataId);
      throw new UnsupportedKernelShapeError(ACTIVATION_GRAD, `activation '${activation}'`, { x: x.shape });
  }
  return dx;
}

function swish(args: KernelArgs): tf.TensorInfo[] {
  const { x } = args.inputs as { x: tf.TensorInfo };
  if (x.dtype !== 'float32') throw new UnsupportedKernelShapeError(SWISH, `dtype ${x.dtype}`, { x: x.shape });
  const { k, backend } = kernelsFor(args.backend);
  const y = backend.makeOutput(x.shape, 'float32');
  const s = backend.makeOutput(x.shape, 'float32');
  k.swishForward(addressOf(backend, x), addressOf(backend, y), addressOf(backend, s), x.shape.reduce((a, b) => a * b, 1));
  return [y, s];
}

/**
 * tfjs's own FusedBatchNorm (tf.batchNorm, every tf.layers batchNormalization) on the pack's
 * normalisation kernel; shapes it does not cover (no scale or offset, non-vector statistics)
 * go to the built-in kernel.
 */
function fusedBatchNorm(args: KernelArgs): tf.TensorInfo {
  const { x, mean, variance, offset, scale } = args.inputs as Record<'x' | 'mean' | 'variance', tf.TensorInfo> & { offset?: tf.TensorInfo; scale?: tf.TensorInfo };
  const { varianceEpsilon } = args.attrs as { varianceEpsilon: number };
  const c = x.shape[x.shape.length - 1];
  const vector = (t?: tf.TensorInfo) => t !== undefined && t !== null && t.shape.length === 1 && t.shape[0] === c && t.dtype === 'float32';
  if (x.dtype !== 'float32' || x.shape.length < 2 || ![mean, variance, offset, scale].every(vector)) return stockKernel(tf.FusedBatchNorm)(args) as tf.TensorInfo;
  return batchNormApply({ ...args, inputs: { x, mean, variance, gamma: scale!, beta: offset! }, attrs: { epsilon: varianceEpsilon } });
}

const kernel = (kernelName: string, fn: (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[]): tf.KernelConfig => ({ kernelName, backendName: 'wasm', kernelFunc: fn as unknown as tf.KernelFunc });

export const fusedTrainKernelConfigs: tf.KernelConfig[] = [
  kernel(BATCH_NORM_STATS, batchNormStats),
  kernel(BATCH_NORM_APPLY, batchNormApply),
  kernel(BATCH_NORM_GRAD, batchNormGrad),
  kernel(ACTIVATION_GRAD, activationGrad),
  kernel(SWISH, swish),
  kernel(BATCH_NORM_INFER_GRAD, batchNormInferGrad),
  kernel(CLIP_GRAD, clipGrad),
  kernel(tf.FusedBatchNorm, fusedBatchNorm),
];
