import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { test } from 'node:test';
import { slotEnvironment } from '../../../src/engine/run/phases/job-phases';

test('each job process gets one GPU, or its share of the cores on native CPU TensorFlow', () => {
  assert.deepEqual(slotEnvironment('tensorflow-gpu', 3, 4), { CUDA_VISIBLE_DEVICES: '3' });
  const share = String(Math.max(1, Math.floor(availableParallelism() / 2)));
  assert.deepEqual(slotEnvironment('tensorflow', 0, 2), { TF_NUM_INTRAOP_THREADS: share, TF_NUM_INTEROP_THREADS: '1' });
  assert.deepEqual(slotEnvironment('tensorflow', 0, 64), { TF_NUM_INTRAOP_THREADS: '1', TF_NUM_INTEROP_THREADS: '1' });
  assert.deepEqual(slotEnvironment('wasm', 1, 2), {});
});
