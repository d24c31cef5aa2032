/**
 * The few parts of tfjs-backend-wasm's backend object the kernel pack touches, typed in one
 * place: where a tensor lives on the wasm heap, how outputs and scratch are allocated there.
 */
import type * as tf from '@tensorflow/tfjs';
import { webAssembly, type WasmMemory } from './webassembly-api';

export interface EmscriptenHeap {
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  HEAPU8: Uint8Array;
  HEAPF32: Float32Array;
  asm?: { memory?: WasmMemory };
  wasmMemory?: WasmMemory;
}

/** tfjs-backend-wasm's BackendWasm, reduced to what the pack uses. */
export interface WasmBackend {
  wasm: EmscriptenHeap;
  getMemoryOffset(dataId: tf.DataId): number;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
  incRef(dataId: tf.DataId): void;
}

export function asWasmBackend(backend: unknown): WasmBackend {
  return backend as WasmBackend;
}

/** The WebAssembly.Memory behind the backend's heap (its non-threaded build exports it). */
export function heapMemory(backend: WasmBackend): WasmMemory {
  const memory = backend.wasm.asm?.memory ?? backend.wasm.wasmMemory;
  if (!(memory instanceof webAssembly.Memory)) {
    throw new Error('tfjs-backend-wasm does not expose its WebAssembly.Memory (expected Module.asm.memory); the training kernel pack cannot attach to it');
  }
  return memory;
}

/** Byte offset of a tensor's data on the heap. */
export function addressOf(backend: WasmBackend, t: tf.TensorInfo): number {
  return backend.getMemoryOffset(t.dataId) >>> 0;
}

/**
 * Runs `fn` with a scratch buffer of `bytes` on the heap and frees it afterwards. Allocate
 * outputs BEFORE scratch and take addresses after both: malloc may grow the heap.
 */
export function withScratch<T>(backend: WasmBackend, bytes: number, fn: (ptr: number) => T): T {
  const ptr = backend.wasm._malloc(Math.max(16, bytes)) >>> 0;
  if (ptr === 0) throw new Error(`wasm heap exhausted allocating ${bytes} bytes of kernel scratch`);
  try {
    return fn(ptr);
  } finally {
    backend.wasm._free(ptr);
  }
}

/** A view of an existing tensor with another shape (same data, no copy, no ref count change). */
export function viewAs(t: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return { dataId: t.dataId, shape, dtype: t.dtype };
}

/** What tfjs passes a kernel function. */
export type KernelArgs = Parameters<tf.KernelFunc>[0];
