/**
 * tfjs-backend-wasm's own kernels, called directly from inside pack kernels (captured before the
 * pack overrides any of them, so an override can still fall back to the original).
 */
import * as tf from '@tensorflow/tfjs';
import type { WasmBackend } from './wasm-heap';

type KernelFn = (args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }) => tf.TensorInfo | tf.TensorInfo[];

const captured = new Map<string, KernelFn>();

/** Remembers the stock kernel for `name` (once: later calls keep the first, original one). */
export function captureStockKernel(name: string): KernelFn | undefined {
  if (!captured.has(name)) {
    const config = tf.getKernel(name, 'wasm');
    if (config) captured.set(name, config.kernelFunc as unknown as KernelFn);
  }
  return captured.get(name);
}

export function stockKernel(name: string): KernelFn {
  const fn = captureStockKernel(name);
  if (!fn) throw new Error(`tfjs-backend-wasm has no '${name}' kernel`);
  return fn;
}

export function callStock(name: string, backend: WasmBackend, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap = {}): tf.TensorInfo {
  return stockKernel(name)({ inputs, backend, attrs }) as tf.TensorInfo;
}

/** a [m, k] x b [k, n] on XNNPACK. Keep the narrower matrix as b: it is re-packed every call. */
export function matMul2d(backend: WasmBackend, a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo {
  return callStock(tf.BatchMatMul, backend, { a, b }, { transposeA: false, transposeB: false });
}

export function transpose2d(backend: WasmBackend, x: tf.TensorInfo): tf.TensorInfo {
  return callStock(tf.Transpose, backend, { x }, { perm: [1, 0] });
}
