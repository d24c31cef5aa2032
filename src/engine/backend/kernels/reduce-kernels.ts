/**
 * Sum, Mean and AvgPoolGrad on wasm for the shapes training produces:
 *  - Sum / Mean over leading / middle axes (bias gradients, the squeeze-excite gate's broadcast
 *    gradient, tf.layers batch-norm moments): the built-in kernels transpose the whole tensor
 *    before reducing;
 *  - AvgPoolGrad of non-overlapping, unpadded windows (global average pooling): the built-in
 *    kernel's generic loop is ~100x slower than writing dy / window into each window.
 * Everything else goes to the built-in kernels.
 */
import * as tf from '@tensorflow/tfjs';
import { kernelsFor } from './kernels-for-backend';
import { stockKernel } from './stock-kernels';
import { addressOf, withScratch, type KernelArgs } from './wasm-heap';

/** Sum (or mean) over a contiguous run of axes that excludes the last one; else the built-in kernel. */
function reduce(name: typeof tf.Sum | typeof tf.Mean, args: KernelArgs): tf.TensorInfo {
  const { x } = args.inputs as { x: tf.TensorInfo };
  const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims: boolean };
  const rank = x.shape.length;
  const axes = [...new Set(tf.util.parseAxisParam(axis, x.shape))].sort((a, b) => a - b);
  const contiguous = axes.length > 0 && axes.every((a, i) => i === 0 || a === axes[i - 1] + 1);
  // Reductions that include the last axis are what the built-in kernel does well.
  if (x.dtype !== 'float32' || !contiguous || axes[axes.length - 1] === rank - 1 || x.shape.includes(0)) return stockKernel(name)(args) as tf.TensorInfo;
  const prod = (from: number, to: number) => x.shape.slice(from, to).reduce((p, d) => p * d, 1);
  const outer = prod(0, axes[0]);
  const mid = prod(axes[0], axes[axes.length - 1] + 1);
  const inner = prod(axes[axes.length - 1] + 1, rank);
  const { k, backend } = kernelsFor(args.backend);
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outShape = keepDims ? kept : x.shape.filter((_, i) => !axes.includes(i));
  const out = backend.makeOutput(outShape, 'float32');
  withScratch(backend, inner * 12, (work) => k.sumMiddle(addressOf(backend, x), addressOf(backend, out), outer, mid, inner, work));
  if (name === tf.Mean) {
    const at = addressOf(backend, out) / 4;
    const values = backend.wasm.HEAPF32.subarray(at, at + outer * inner);
    for (let i = 0; i < values.length; i++) values[i] /= mid;
  }
  return out;
}

function avgPoolGrad(args: KernelArgs): tf.TensorInfo {
  const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = args.attrs as { filterSize: number | [number, number]; strides: number | [number, number]; pad: 'valid' | 'same' | number; dimRoundingMode?: 'floor' | 'round' | 'ceil' };
  if (input.shape.length !== 4 || input.dtype !== 'float32') return stockKernel(tf.AvgPoolGrad)(args) as tf.TensorInfo;
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
  const p = info.padInfo;
  const tiled = info.strideHeight === info.filterHeight && info.strideWidth === info.filterWidth && p.top === 0 && p.left === 0 && p.bottom === 0 && p.right === 0;
  if (!tiled || dy.shape.join() !== info.outShape.join()) return stockKernel(tf.AvgPoolGrad)(args) as tf.TensorInfo;
  const { k, backend } = kernelsFor(args.backend);
  const dx = backend.makeOutput(input.shape, 'float32');
  k.avgPoolGradTiled(addressOf(backend, dy), addressOf(backend, dx), info.batchSize, info.inHeight, info.inWidth, info.inChannels, info.filterHeight, info.filterWidth, info.outHeight, info.outWidth);
  return dx;
}

export const reduceKernelConfigs: tf.KernelConfig[] = [
  { kernelName: tf.Sum, backendName: 'wasm', kernelFunc: ((args: KernelArgs) => reduce(tf.Sum, args)) as unknown as tf.KernelFunc },
  { kernelName: tf.Mean, backendName: 'wasm', kernelFunc: ((args: KernelArgs) => reduce(tf.Mean, args)) as unknown as tf.KernelFunc },
  { kernelName: tf.AvgPoolGrad, backendName: 'wasm', kernelFunc: avgPoolGrad as unknown as tf.KernelFunc },
];
