/**
 * Depthwise convolution on the wasm backend: the two gradients tfjs-backend-wasm lacks, and a
 * forward pass that beats its built-in one for the 3x3..7x7 kernels NAS uses. Channel
 * multipliers > 1 run as multiplier 1 on channel-repeated input; dilation > 1 is refused.
 */
import * as tf from '@tensorflow/tfjs';
import { kernelsFor } from './kernels-for-backend';
import { stockKernel } from './stock-kernels';
import { UnsupportedKernelShapeError } from './unsupported-shape';
import { addressOf, withScratch, type KernelArgs, type WasmBackend } from './wasm-heap';
import type { TrainKernels } from './kernel-module';

type Conv2DInfo = tf.backend_util.Conv2DInfo;
type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

interface DepthwiseAttrs {
  strides: number | [number, number];
  pad: Pad;
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function geometry(op: string, xShape: number[], filterShape: number[], attrs: DepthwiseAttrs, shapes: Record<string, number[]>): Conv2DInfo {
  if (xShape.length !== 4 || filterShape.length !== 4) throw new UnsupportedKernelShapeError(op, 'a rank other than 4', shapes);
  const info = tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number], filterShape as [number, number, number, number], attrs.strides, attrs.dilations ?? 1, attrs.pad, attrs.dimRoundingMode, true);
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) {
    throw new UnsupportedKernelShapeError(op, `dilation [${info.dilationHeight}, ${info.dilationWidth}]`, shapes);
  }
  return info;
}

/** Arguments shared by the three kernels: n, h, w, c, kh, kw, sh, sw, pt, pl, ho, wo. */
function dims(info: Conv2DInfo, channels: number): [number, number, number, number, number, number, number, number, number, number, number, number] {
  return [info.batchSize, info.inHeight, info.inWidth, channels, info.filterHeight, info.filterWidth, info.strideHeight, info.strideWidth, info.padInfo.top, info.padInfo.left, info.outHeight, info.outWidth];
}

/** Runs `fn` on x with every channel repeated m times ([n,h,w,c] -> [n,h,w,c*m]); m = 1 is x itself. */
function withRepeatedChannels<T>(k: TrainKernels, backend: WasmBackend, x: tf.TensorInfo, m: number, fn: (xr: tf.TensorInfo) => T): T {
  if (m === 1) return fn(x);
  const [n, h, w, c] = x.shape;
  const xr = backend.makeOutput([n, h, w, c * m], 'float32');
  try {
    k.repeatChannels(addressOf(backend, x), addressOf(backend, xr), n * h * w, c, m);
    return fn(xr);
  } finally {
    backend.disposeData(xr.dataId);
  }
}

function isEmpty(...ts: tf.TensorInfo[]): boolean {
  return ts.some((t) => t.shape.includes(0));
}

function zeroFill(backend: WasmBackend, t: tf.TensorInfo): tf.TensorInfo {
  const at = addressOf(backend, t);
  backend.wasm.HEAPU8.fill(0, at, at + t.shape.reduce((p, d) => p * d, 1) * 4);
  return t;
}

function depthwiseForward({ inputs, backend: b, attrs }: KernelArgs): tf.TensorInfo {
  const { x, filter } = inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
  const a = attrs as unknown as DepthwiseAttrs;
  const multiplier = filter.shape[3];
  const dilations = a.dilations ?? 1;
  const dilated = Array.isArray(dilations) ? dilations.some((d) => d !== 1) : dilations !== 1;
  // The built-in XNNPACK kernel handles what ours does not (multipliers, dilation) in the forward pass.
  if (multiplier !== 1 || dilated || x.shape.length !== 4) return stockKernel(tf.DepthwiseConv2dNative)({ inputs, backend: b, attrs }) as tf.TensorInfo;
  const { k, backend } = kernelsFor(b);
  const info = geometry(tf.DepthwiseConv2dNative, x.shape, filter.shape, a, { x: x.shape, filter: filter.shape });
  const d = dims(info, info.inChannels);
  const y = backend.makeOutput(info.outShape, 'float32');
  if (isEmpty(x, y)) return y;
  const scratchBytes = k.forwardScratchBytes(d[3], d[4], d[5], d[6], d[7], d[10], d[11]);
  withScratch(backend, scratchBytes, (scratch) => k.depthwiseForward(addressOf(backend, x), addressOf(backend, filter), addressOf(backend, y), scratch, ...d));
  return y;
}

function depthwiseBackpropInput({ inputs, backend: b, attrs }: KernelArgs): tf.TensorInfo {
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const a = attrs as unknown as DepthwiseAttrs & { inputShape: number[] };
  const op = tf.DepthwiseConv2dNativeBackpropInput;
  const shapes = { dy: dy.shape, filter: filter.shape, inputShape: a.inputShape };
  const info = geometry(op, a.inputShape, filter.shape, a, shapes);
  if (dy.shape.join() !== info.outShape.join()) throw new UnsupportedKernelShapeError(op, `dy shape not matching the forward output [${info.outShape.join(', ')}]`, shapes);
  const { k, backend } = kernelsFor(b);
  const m = filter.shape[3];
  const wide = info.inChannels * m;
  const d = dims(info, wide);
  const [n, h, w, c] = a.inputShape;
  const dx = backend.makeOutput(a.inputShape, 'float32');
  if (isEmpty(dy, dx)) return zeroFill(backend, dx);
  // Multiplier m: the gradient of the channel-repeated input, then each group of m summed.
  const dxWide = m === 1 ? dx : backend.makeOutput([n, h, w, wide], 'float32');
  try {
    const scratchBytes = k.backpropInputScratchBytes(d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[10], d[11]);
    withScratch(backend, scratchBytes, (scratch) => k.depthwiseBackpropInput(addressOf(backend, dy), addressOf(backend, filter), addressOf(backend, dxWide), scratch, ...d));
    if (m !== 1) k.sumChannelGroups(addressOf(backend, dxWide), addressOf(backend, dx), n * h * w, c, m);
  } finally {
    if (m !== 1) backend.disposeData(dxWide.dataId);
  }
  return dx;
}

function depthwiseBackpropFilter({ inputs, backend: b, attrs }: KernelArgs): tf.TensorInfo {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = attrs as unknown as DepthwiseAttrs & { filterShape: number[] };
  const op = tf.DepthwiseConv2dNativeBackpropFilter;
  const shapes = { x: x.shape, dy: dy.shape, filterShape: a.filterShape };
  const info = geometry(op, x.shape, a.filterShape, a, shapes);
  if (dy.shape.join() !== info.outShape.join()) throw new UnsupportedKernelShapeError(op, `dy shape not matching the forward output [${info.outShape.join(', ')}]`, shapes);
  const { k, backend } = kernelsFor(b);
  const m = a.filterShape[3];
  const d = dims(info, info.inChannels * m);
  const dfilter = backend.makeOutput(a.filterShape, 'float32');
  if (isEmpty(x, dy)) return zeroFill(backend, dfilter);
  withRepeatedChannels(k, backend, x, m, (xr) => {
    const scratchBytes = k.forwardScratchBytes(d[3], d[4], d[5], d[6], d[7], d[10], d[11]);
    withScratch(backend, scratchBytes, (scratch) => k.depthwiseBackpropFilter(addressOf(backend, xr), addressOf(backend, dy), addressOf(backend, dfilter), scratch, ...d));
  });
  return dfilter;
}

export const depthwiseKernelConfigs: tf.KernelConfig[] = [
  { kernelName: tf.DepthwiseConv2dNative, backendName: 'wasm', kernelFunc: depthwiseForward as unknown as tf.KernelFunc },
  { kernelName: tf.DepthwiseConv2dNativeBackpropInput, backendName: 'wasm', kernelFunc: depthwiseBackpropInput as unknown as tf.KernelFunc },
  { kernelName: tf.DepthwiseConv2dNativeBackpropFilter, backendName: 'wasm', kernelFunc: depthwiseBackpropFilter as unknown as tf.KernelFunc },
];
