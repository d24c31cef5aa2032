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
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { buildArchitectureModel } from '../../../src/engine/model/build-architecture';
import type { ArchitectureSpec } from '../../../src/shared/architecture';
import { checkArchitecture } from '../../../src/shared/architecture-check';
import { architectureCost } from '../../../src/shared/cost';
import { architectureLayerNames, MBCONV_SUFFIX } from '../../../src/shared/layer-names';
import { generateCode } from '../../../src/codegen/generate';
import { testArchitectures } from './architectures';
import { findPython } from './run-generated';
import { randomizeWeights, tensorJson, weightsByLayer } from './tfjs-weights';

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

/** The TF.js layer that ends each block: the last MBConv layer's residual add, or its project BN. */
function blockOutputLayers(arch: ArchitectureSpec): string[] {
  const names = architectureLayerNames(arch);
  return checkArchitecture(arch).blocks.map((traced, b) => {
    const last = traced.layers[traced.layers.length - 1];
    return names.blocks[b].layers[traced.layers.length - 1] + (last.residual ? MBCONV_SUFFIX.add : MBCONV_SUFFIX.projectBn);
  });
}

function runPython(python: string, args: string[]): string {
  const r = spawnSync(python, args, { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, `${python} ${args.join(' ')} failed:\n${r.stderr || r.error?.message}`);
  return r.stdout;
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
      randomizeWeights(engine, 500 + i);
      const input = tf.randomUniform([2, ...arch.inputShape], -1, 1, 'float32', 11 + i);
      // The feature maps entering and leaving each block, to compare through PyTorch forward hooks.
      const names = architectureLayerNames(arch);
      const boundaries = [names.stem.length ? names.stem[names.stem.length - 1] : names.input, ...blockOutputLayers(arch)];
      const probe = tf.model({ inputs: engine.inputs, outputs: [...boundaries.map((n) => engine.getLayer(n).output as tf.SymbolicTensor), engine.outputs[0]] });
      const outputs = probe.predict(input) as tf.Tensor[];
      const expected = outputs[outputs.length - 1];
      const blocks = arch.blocks.map((_, b) => ({ attr: names.blocks[b].prefix, input: tensorJson(outputs[b]), output: tensorJson(outputs[b + 1]) }));
      const c = { name: arch.name, file, className: code.entryName, weights: weightsByLayer(engine), input: tensorJson(input), expected: tensorJson(expected), blocks };
      tf.dispose([input, ...outputs]);
      engine.dispose();
      return c;
    });
    const manifest = join(dir, 'torch-cases.json');
    writeFileSync(manifest, JSON.stringify(cases));
    const results = runPython(torchPython.python!, [join(__dirname, 'python', 'check_torch.py'), manifest])
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { name: string; params: number; outputShape: number[]; unmappedModules: string[]; unusedTfLayers: string[]; maxAbsDiff: number; maxBlockMapDiff: number });
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
    const manifest = join(dir, 'keras-cases.json');
    writeFileSync(manifest, JSON.stringify(generated.map(({ arch, code, file }) => ({ name: arch.name, file, entryName: code.entryName }))));
    const results = runPython(kerasPython.python!, [join(__dirname, 'python', 'check_keras.py'), manifest])
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { name: string; params: number; outputShape: number[]; layers: string[] });
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
