/**
 * Generated Python: every Keras and PyTorch file parses (`python3 -m py_compile`); where PyTorch
 * is importable, each generated module is built and must have the engine's parameter count
 * (parameters + BN running statistics, as TF.js counts them) and output shape, its submodules
 * must map one-to-one onto the TF.js layer names, and with the TF.js weights loaded by name it
 * must compute the same outputs (which checks TF 'same' padding, BN and activations). Where Keras
 * is importable, each Keras model is built and compared the same way (params, shape, names).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { buildArchitectureModel } from '../../../src/engine/model/build-architecture';
import { architectureCost } from '../../../src/shared/cost';
import { generateCode } from '../../../src/codegen/generate';
import { blockBoundaries, testArchitectures } from './architectures';
import { findPython } from './run-generated';
import { runKerasChecks, runPython, runTorchChecks, torchCase } from './python-checks';

const PYTHON_FOR_SYNTAX = '/usr/bin/python3';
const architectures = testArchitectures();
const dir = mkdtempSync(join(tmpdir(), 'dna-codegen-'));

before(async () => {
  await tf.setBackend('cpu');
});
after(() => rmSync(dir, { recursive: true, force: true }));

function writeGenerated(target: 'keras' | 'pytorch') {
  return architectures.map((arch, i) => {
    const code = generateCode(arch, target);
    const file = join(dir, `${target}_${i}.py`);
    writeFileSync(file, code.text);
    return { arch, code, file };
  });
}

test('generated Keras and PyTorch code parses (python3 -m py_compile)', () => {
  const files = [...writeGenerated('keras'), ...writeGenerated('pytorch')].map((g) => g.file);
  runPython(PYTHON_FOR_SYNTAX, ['-m', 'py_compile', ...files]);
});

const torchPython = findPython('torch');
test(
  'generated PyTorch modules build with the engine\'s params and output shape, map to its layer names and compute its outputs',
  { skip: torchPython.python ? false : `PyTorch is not importable here (${torchPython.tried.join('; ')}); install python3-torch or set DNA_SEARCH_PYTHON` },
  () => {
    const cases = writeGenerated('pytorch').map(({ arch, code, file }, i) => {
      const engine = buildArchitectureModel(arch);
      const c = torchCase(arch.name, file, code.entryName, engine, blockBoundaries(arch), 500 + i);
      engine.dispose();
      return c;
    });
    const results = runTorchChecks(torchPython.python!, dir, cases);
    assert.equal(results.length, architectures.length);
    results.forEach((r, i) => {
      const arch = architectures[i];
      assert.equal(r.name, arch.name);
      assert.equal(r.params, architectureCost(arch).params, `${arch.name}: params`);
      assert.deepEqual(r.outputShape, [2, arch.numClasses], `${arch.name}: output shape`);
      assert.deepEqual(r.unmappedModules, [], `${arch.name}: PyTorch submodules without a TF.js layer of that name`);
      assert.deepEqual(r.unusedTfLayers, [], `${arch.name}: TF.js layers with weights that no submodule maps to`);
      assert.ok(r.maxAbsDiff <= 2e-5, `${arch.name}: PyTorch output differs from TF.js by ${r.maxAbsDiff}`);
      assert.ok(r.maxBlockMapDiff <= 2e-5, `${arch.name}: a block's PyTorch feature map differs from TF.js by ${r.maxBlockMapDiff}`);
    });
  },
);

const kerasPython = findPython('keras');
test(
  'generated Keras models build with the engine\'s params, output shape and layer names',
  { skip: kerasPython.python ? false : `Keras is not importable here (${kerasPython.tried.join('; ')}); it runs where \`import keras\` works (or set DNA_SEARCH_PYTHON)` },
  () => {
    const generated = writeGenerated('keras');
    const results = runKerasChecks(kerasPython.python!, dir, generated.map(({ arch, code, file }) => ({ name: arch.name, file, entryName: code.entryName })));
    assert.equal(results.length, architectures.length);
    results.forEach((r, i) => {
      const arch = architectures[i];
      const engine = buildArchitectureModel(arch);
      assert.equal(r.params, architectureCost(arch).params, `${arch.name}: params`);
      assert.deepEqual(r.outputShape, [arch.numClasses], `${arch.name}: output shape`);
      assert.deepEqual(r.layers, engine.layers.map((l) => l.name), `${arch.name}: layer names`);
      engine.dispose();
    });
  },
);
