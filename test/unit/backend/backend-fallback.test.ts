/**
 * 'auto' falls back past a backend whose start-up self-check fails, and says why. Runs in its
 * own process (node --test runs each file separately): it breaks the wasm pack on purpose.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { BackendUnavailableError, initBackend } from '../../../src/engine/backend';
import { registerWasmTrainingPack } from '../../../src/engine/backend/kernels/register-pack';
import { BATCH_NORM_GRAD } from '../../../src/engine/backend/fused-kernel-names';

test('auto skips wasm when its kernel pack is incomplete, picks cpu, and the reason names the missing kernel', async () => {
  registerWasmTrainingPack();
  tf.unregisterKernel(BATCH_NORM_GRAD, 'wasm');
  const lines: string[] = [];
  const record = await initBackend('auto', { log: (l) => lines.push(l) });
  assert.equal(record.kind, 'cpu');
  assert.equal(tf.getBackend(), 'cpu');
  assert.match(record.reason, /wasm: start-up self-check failed: backend 'wasm' lacks kernel\(s\) DnaBatchNormGrad/);
  assert.equal(lines.length, 1);
  // forcing the broken backend is an error, not a silent fallback
  await assert.rejects(initBackend('wasm'), (err: unknown) => err instanceof BackendUnavailableError && /lacks kernel\(s\) DnaBatchNormGrad/.test(err.message));
});
