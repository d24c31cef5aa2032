/**
 * Backend choice: 'auto' on this machine (no tfjs-node) picks wasm and says why; a forced
 * backend that is missing or fails to load throws BackendUnavailableError naming what to
 * install; tfjs-node is loaded onto the engine's own tfjs instance through a require hook that
 * is gone once it has loaded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { BackendUnavailableError, initBackend } from '../../../src/engine/backend';
import { forgetNativeAttemptsForTests, loadNativeTensorflow } from '../../../src/engine/backend/native-tensorflow';
import { visibleDeviceLimit, detectGpuCount } from '../../../src/engine/backend/gpu-count';

function writePackage(dir: string, name: string, main: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '4.22.0', main: 'index.js' }));
  writeFileSync(join(dir, 'index.js'), main);
}

/** A node_modules tree with a fake @tensorflow/tfjs-node whose index.js is `main`. */
function fakeNativeInstall(main: string): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'dna-fake-tfjs-node-'));
  const pkg = join(root, 'node_modules', '@tensorflow', 'tfjs-node');
  writePackage(pkg, '@tensorflow/tfjs-node', main);
  // The package's own (different) tfjs: what it would get without the hook.
  writePackage(join(pkg, 'node_modules', '@tensorflow', 'tfjs'), '@tensorflow/tfjs', 'module.exports = { fake: true };');
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

test("auto picks wasm here and the reason says why tfjs-node(-gpu) were not used", async () => {
  const lines: string[] = [];
  const record = await initBackend('auto', { log: (l) => lines.push(l) });
  assert.equal(record.kind, 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
  assert.equal(record.threads, 1);
  assert.equal(record.tfjsVersion, tf.version_core);
  assert.match(record.reason, /@tensorflow\/tfjs-node-gpu is not installed/);
  assert.match(record.reason, /@tensorflow\/tfjs-node is not installed/);
  assert.equal(lines.length, 1, 'the choice is reported once');
  assert.match(lines[0], /^compute backend: wasm .* — auto: /);
  // asking again in the same process returns the same choice without re-running the checks
  assert.deepEqual(await initBackend('auto', { log: (l) => lines.push(l) }), record);
  assert.equal(lines.length, 1);
});

test('forcing a native backend that is not installed names what to install', async () => {
  await assert.rejects(initBackend('tensorflow'), (err: unknown) => {
    assert.ok(err instanceof BackendUnavailableError);
    assert.match(err.message, /'tensorflow' is not available: @tensorflow\/tfjs-node is not installed/);
    assert.match(err.message, /npm install @tensorflow\/tfjs-node@4\.22\.0/);
    return true;
  });
  await assert.rejects(initBackend('tensorflow-gpu'), /npm install @tensorflow\/tfjs-node-gpu@4\.22\.0.*CUDA/);
  assert.equal(tf.getBackend(), 'wasm', 'a failed forced choice leaves the working backend active');
});

test('an unknown preference is a clear error', async () => {
  await assert.rejects(initBackend('gpu' as never), /unknown compute backend 'gpu'; use one of auto, tensorflow-gpu, tensorflow, wasm, cpu/);
});

test('tfjs-node that is installed but fails to load: a clear reason, no crash', async () => {
  const fake = fakeNativeInstall("throw new Error('libtensorflow.so.2: cannot open shared object file: No such file or directory\\nRequire stack: ...');");
  try {
    forgetNativeAttemptsForTests();
    await assert.rejects(initBackend('tensorflow', { nativePaths: [fake.root] }), (err: unknown) => {
      assert.ok(err instanceof BackendUnavailableError);
      assert.match(err.message, /@tensorflow\/tfjs-node is installed but failed to load: libtensorflow\.so\.2: cannot open shared object file: No such file or directory;/);
      assert.doesNotMatch(err.message, /Require stack/);
      return true;
    });
  } finally {
    forgetNativeAttemptsForTests();
    fake.cleanup();
  }
});

test("tfjs-node is loaded onto the engine's tfjs instance, and the hook is gone afterwards", () => {
  const fake = fakeNativeInstall(`
    const seen = require('@tensorflow/tfjs');
    const core = require('@tensorflow/tfjs-core');
    module.exports = { seen, core, later: () => require('@tensorflow/tfjs') };
  `);
  try {
    forgetNativeAttemptsForTests();
    const result = loadNativeTensorflow('@tensorflow/tfjs-node', [fake.root]);
    // the fake registers no backend, so the load is refused with that reason...
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.why : '', /loaded but registered no 'tensorflow' backend on the engine's TensorFlow.js instance/);
    // ...but what it required while loading was the engine's instance, not its own nested copy
    const loaded = createRequire(__filename)(join(fake.root, 'node_modules', '@tensorflow', 'tfjs-node', 'index.js')) as { seen: typeof tf & { fake?: boolean }; core: typeof tf; later: () => { fake?: boolean } };
    assert.notEqual(loaded.seen.fake, true);
    assert.equal(loaded.seen.registerBackend, tf.registerBackend);
    assert.equal(loaded.core.registerKernel, tf.registerKernel);
    assert.equal(loaded.later().fake, true, 'after loading, the package resolves normally again');
  } finally {
    forgetNativeAttemptsForTests();
    fake.cleanup();
  }
});

test('GPU count: CUDA_VISIBLE_DEVICES narrows it, and the probe never hangs or throws', () => {
  assert.equal(visibleDeviceLimit(undefined), undefined);
  assert.equal(visibleDeviceLimit(''), 0);
  assert.equal(visibleDeviceLimit('0,1'), 2);
  assert.equal(visibleDeviceLimit('1,-1,2'), 1);
  assert.equal(detectGpuCount({ CUDA_VISIBLE_DEVICES: '-1' }), 0);
  const n = detectGpuCount();
  assert.ok(Number.isInteger(n) && n >= 0);
});
