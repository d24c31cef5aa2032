/**
 * Matrix products for training on wasm. tfjs-backend-wasm runs a matmul with transposeA or
 * transposeB as a scalar loop (~1 GFLOP/s), and tfjs's MatMul gradient asks for exactly those
 * (da = dy . b^T, db = a^T . dy), as do dense layers and squeeze-excite. Here:
 *  - a^T . b runs the pack's own SIMD kernel (no transposed copy, no re-packing of a big operand);
 *  - a . b^T transposes the (small) b explicitly, then uses XNNPACK.
 */
import * as tf from '@tensorflow/tfjs';
import { kernelsFor } from './kernels-for-backend';
import { matMul2d, stockKernel, transpose2d } from './stock-kernels';
import { addressOf, viewAs, type KernelArgs, type WasmBackend } from './wasm-heap';

/** The SIMD kernel's register tile is 4 x 12: keep the wider operand on its 12 side. */
const TILE_WIDTH = 12;

/** out [m, n] = a^T . b for a [rows, m], b [rows, n]. */
export function matMulTransposeA(b0: unknown, a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo {
  const { k, backend } = kernelsFor(b0);
  const [rows, m] = a.shape;
  const n = b.shape[1];
  if (n < TILE_WIDTH && m >= TILE_WIDTH) {
    // (b^T a)^T: same result, better tile use
    const outT = backend.makeOutput([n, m], 'float32');
    try {
      k.matmulTN(addressOf(backend, b), addressOf(backend, a), addressOf(backend, outT), rows, n, m);
      return transpose2d(backend, outT);
    } finally {
      backend.disposeData(outT.dataId);
    }
  }
  const out = backend.makeOutput([m, n], 'float32');
  k.matmulTN(addressOf(backend, a), addressOf(backend, b), addressOf(backend, out), rows, m, n);
  return out;
}

function batchMatMul(args: KernelArgs): tf.TensorInfo {
  const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
  const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
  const backend = args.backend as WasmBackend;
  const batchA = a.shape.slice(0, -2).reduce((p, d) => p * d, 1);
  const batchB = b.shape.slice(0, -2).reduce((p, d) => p * d, 1);
  const plain = a.dtype === 'float32' && b.dtype === 'float32' && batchA === 1 && batchB === 1 && a.shape.length >= 2 && b.shape.length >= 2;
  if (!plain || (!transposeA && !transposeB)) return stockKernel(tf.BatchMatMul)(args) as tf.TensorInfo;
  const [ar, ac] = a.shape.slice(-2);
  const [br, bc] = b.shape.slice(-2);
  const outShape = [...(a.shape.length >= b.shape.length ? a.shape : b.shape).slice(0, -2), transposeA ? ac : ar, transposeB ? br : bc];
  const a2 = viewAs(a, [ar, ac]);
  const b2 = viewAs(b, [br, bc]);
  if (transposeA) {
    const bt = transposeB ? transpose2d(backend, b2) : b2;
    try {
      return viewAs(matMulTransposeA(backend, a2, bt), outShape);
    } finally {
      if (transposeB) backend.disposeData(bt.dataId);
    }
  }
  const bt = transpose2d(backend, b2);
  try {
    return viewAs(matMul2d(backend, a2, bt), outShape);
  } finally {
    backend.disposeData(bt.dataId);
  }
}

export const matmulKernelConfigs: tf.KernelConfig[] = [{ kernelName: tf.BatchMatMul, backendName: 'wasm', kernelFunc: batchMatMul as unknown as tf.KernelFunc }];
