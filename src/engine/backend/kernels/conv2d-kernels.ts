/**
 * Regular 2-D convolution on the wasm backend for training:
 *  - Conv2DBackpropFilter, which tfjs-backend-wasm lacks;
 *  - faster 1x1 paths for Conv2D and Conv2DBackpropInput (the MBConv expand / project convs):
 *    as plain XNNPACK matmuls they beat the built-in conv operators.
 * Anything else falls back to the built-in kernels; NCHW and dilation are refused by name.
 */
import * as tf from '@tensorflow/tfjs';
import { kernelsFor } from './kernels-for-backend';
import { matMulTransposeA } from './matmul-kernels';
import { matMul2d, stockKernel, transpose2d } from './stock-kernels';
import { UnsupportedKernelShapeError } from './unsupported-shape';
import { addressOf, viewAs, type KernelArgs, type WasmBackend } from './wasm-heap';

type Conv2DInfo = tf.backend_util.Conv2DInfo;
type Shape4 = [number, number, number, number];

interface ConvAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function isNchw(a: ConvAttrs): boolean {
  return a.dataFormat === 'NCHW';
}

function geometry(xShape: number[], filterShape: number[], a: ConvAttrs): Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(xShape as Shape4, filterShape as Shape4, a.strides, a.dilations ?? 1, a.pad, a.dimRoundingMode, false, 'channelsLast');
}

/** A 1x1, stride-1, unpadded, undilated conv: nothing but a matmul over pixels. */
function isPointwise(info: Conv2DInfo): boolean {
  const p = info.padInfo;
  return info.filterHeight === 1 && info.filterWidth === 1 && info.strideHeight === 1 && info.strideWidth === 1 && info.dilationHeight === 1 && info.dilationWidth === 1 && p.top === 0 && p.bottom === 0 && p.left === 0 && p.right === 0;
}

function pixels(shape: number[]): number {
  return shape[0] * shape[1] * shape[2];
}

function conv2d(args: KernelArgs): tf.TensorInfo {
  const { x, filter } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
  const a = args.attrs as unknown as ConvAttrs;
  if (isNchw(a) || x.shape.length !== 4) return stockKernel(tf.Conv2D)(args) as tf.TensorInfo;
  const info = geometry(x.shape, filter.shape, a);
  if (!isPointwise(info)) return stockKernel(tf.Conv2D)(args) as tf.TensorInfo;
  const backend = args.backend as WasmBackend;
  const [ci, co] = [filter.shape[2], filter.shape[3]];
  const y = matMul2d(backend, viewAs(x, [pixels(x.shape), ci]), viewAs(filter, [ci, co]));
  return viewAs(y, info.outShape);
}

function conv2dBackpropInput(args: KernelArgs): tf.TensorInfo {
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const a = args.attrs as unknown as ConvAttrs & { inputShape: number[] };
  if (isNchw(a)) return stockKernel(tf.Conv2DBackpropInput)(args) as tf.TensorInfo;
  const info = geometry(a.inputShape, filter.shape, a);
  if (!isPointwise(info)) return stockKernel(tf.Conv2DBackpropInput)(args) as tf.TensorInfo;
  const backend = args.backend as WasmBackend;
  const [ci, co] = [filter.shape[2], filter.shape[3]];
  // dx = dy . W^T; the filter is tiny, so transposing it explicitly costs nothing (a transposed
  // matmul on this backend falls back to a slow scalar loop).
  const wt = transpose2d(backend, viewAs(filter, [ci, co]));
  try {
    const dx = matMul2d(backend, viewAs(dy, [pixels(dy.shape), co]), wt);
    return viewAs(dx, a.inputShape);
  } finally {
    backend.disposeData(wt.dataId);
  }
}

/** dW [ci, co] = X^T [ci, p] . dY [p, co], by the pack's transposed-A matmul (no copies). */
function pointwiseFilterGrad(backend: WasmBackend, x: tf.TensorInfo, dy: tf.TensorInfo, filterShape: number[]): tf.TensorInfo {
  const p = pixels(x.shape);
  return viewAs(matMulTransposeA(backend, viewAs(x, [p, x.shape[3]]), viewAs(dy, [p, dy.shape[3]])), filterShape);
}

/**
 * General k x k / strided filter gradient, one filter tap at a time: the pixels that tap reads
 * (gathered and transposed in one pass) times dY is that tap's [ci, co] slice of dW.
 */
function tapwiseFilterGrad(args: KernelArgs, info: Conv2DInfo, filterShape: number[]): tf.TensorInfo {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { k, backend } = kernelsFor(args.backend);
  const [n, h, w, ci] = x.shape;
  const co = filterShape[3];
  const positions = pixels(dy.shape);
  const dw = backend.makeOutput(filterShape, 'float32');
  const tapBytes = ci * co * 4;
  const dy2 = viewAs(dy, [positions, co]);
  for (let i = 0; i < info.filterHeight; i++) {
    for (let j = 0; j < info.filterWidth; j++) {
      const tap = backend.makeOutput([ci, positions], 'float32');
      let slice: tf.TensorInfo | undefined;
      try {
        k.gatherTapTransposed(addressOf(backend, x), addressOf(backend, tap), n, h, w, ci, i, j, info.strideHeight, info.strideWidth, info.padInfo.top, info.padInfo.left, info.outHeight, info.outWidth);
        slice = matMul2d(backend, tap, dy2);
        const src = addressOf(backend, slice);
        const dst = addressOf(backend, dw) + (i * info.filterWidth + j) * tapBytes;
        backend.wasm.HEAPU8.copyWithin(dst, src, src + tapBytes);
      } finally {
        backend.disposeData(tap.dataId);
        if (slice) backend.disposeData(slice.dataId);
      }
    }
  }
  return dw;
}

/** An empty input contributes nothing: the gradient is all zeros (XNNPACK refuses empty matmuls). */
function zeros(backend: WasmBackend, shape: number[]): tf.TensorInfo {
  const out = backend.makeOutput(shape, 'float32');
  const at = addressOf(backend, out);
  backend.wasm.HEAPU8.fill(0, at, at + shape.reduce((p, d) => p * d, 1) * 4);
  return out;
}

function conv2dBackpropFilter(args: KernelArgs): tf.TensorInfo {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = args.attrs as unknown as ConvAttrs & { filterShape: number[] };
  const op = tf.Conv2DBackpropFilter;
  const shapes = { x: x.shape, dy: dy.shape, filterShape: a.filterShape };
  if (isNchw(a)) throw new UnsupportedKernelShapeError(op, "dataFormat 'NCHW'", shapes);
  if (x.shape.length !== 4 || a.filterShape.length !== 4) throw new UnsupportedKernelShapeError(op, 'a rank other than 4', shapes);
  const info = geometry(x.shape, a.filterShape, a);
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) throw new UnsupportedKernelShapeError(op, `dilation [${info.dilationHeight}, ${info.dilationWidth}]`, shapes);
  if (dy.shape.join() !== info.outShape.join()) throw new UnsupportedKernelShapeError(op, `dy shape not matching the forward output [${info.outShape.join(', ')}]`, shapes);
  if (a.filterShape[2] !== x.shape[3]) throw new UnsupportedKernelShapeError(op, 'grouped convolution (filter in-channels != x channels)', shapes);
  const backend = args.backend as WasmBackend;
  if (x.shape.includes(0) || dy.shape.includes(0)) return zeros(backend, a.filterShape);
  if (isPointwise(info)) return pointwiseFilterGrad(args.backend as WasmBackend, x, dy, a.filterShape);
  return tapwiseFilterGrad(args, info, a.filterShape);
}

export const conv2dKernelConfigs: tf.KernelConfig[] = [
  { kernelName: tf.Conv2D, backendName: 'wasm', kernelFunc: conv2d as unknown as tf.KernelFunc },
  { kernelName: tf.Conv2DBackpropInput, backendName: 'wasm', kernelFunc: conv2dBackpropInput as unknown as tf.KernelFunc },
  { kernelName: tf.Conv2DBackpropFilter, backendName: 'wasm', kernelFunc: conv2dBackpropFilter as unknown as tf.KernelFunc },
];
