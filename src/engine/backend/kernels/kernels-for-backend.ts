/**
 * One instance of the training kernels per wasm backend object, attached to that backend's
 * memory (a re-created backend gets a fresh heap, so instances are never shared across them).
 */
import { instantiateTrainKernels, type TrainKernels } from './kernel-module';
import { asWasmBackend, heapMemory, type WasmBackend } from './wasm-heap';

const instances = new WeakMap<object, TrainKernels>();

export function kernelsFor(backend: unknown): { k: TrainKernels; backend: WasmBackend } {
  const wasmBackend = asWasmBackend(backend);
  let k = instances.get(wasmBackend);
  if (!k) {
    k = instantiateTrainKernels(heapMemory(wasmBackend));
    instances.set(wasmBackend, k);
  }
  return { k, backend: wasmBackend };
}
