/**
 * Helpers for the backend tests: run the same computation on two backends from the same plain
 * numbers, and compare results within float32 tolerance.
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../src/engine/backend';

/** Seeded values in [-1, 1) (independent of any backend's RNG). */
export function seeded(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

export function seededTensor(shape: number[], seed: number): tf.Tensor {
  return tf.tensor(seeded(shape.reduce((a, b) => a * b, 1), seed), shape);
}

/** Runs fn on `backend` and returns its outputs as plain arrays (tensors are disposed). */
export async function runOn(backend: 'wasm' | 'cpu', fn: () => tf.Tensor[]): Promise<Float32Array[]> {
  if (backend === 'wasm') await initBackend('wasm');
  else await tf.setBackend('cpu');
  return tf.tidy(() => fn().map((t) => t.dataSync() as Float32Array));
}

/** Max |a - b| must be within `tol` of the reference's largest magnitude (and 1e-6 absolute). */
export function assertClose(actual: Float32Array, expected: Float32Array, label: string, tol = 2e-5): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  let scale = 0;
  for (const v of expected) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  let at = -1;
  for (let i = 0; i < actual.length; i++) {
    const e = Math.abs(actual[i] - expected[i]);
    if (!(e <= worst)) {
      worst = e;
      at = i;
    }
  }
  const limit = tol * Math.max(scale, 1e-3) + 1e-6;
  assert.ok(worst <= limit, `${label}: max error ${worst.toExponential(2)} at ${at} (got ${actual[at]}, want ${expected[at]}) > ${limit.toExponential(2)}`);
}

/** Compares every output of fn on wasm (with the kernel pack) against the cpu backend. */
export async function assertWasmMatchesCpu(label: string, fn: () => tf.Tensor[], tol?: number): Promise<void> {
  const got = await runOn('wasm', fn);
  const want = await runOn('cpu', fn);
  assert.equal(got.length, want.length);
  got.forEach((g, i) => assertClose(g, want[i], `${label} output ${i}`, tol));
}
