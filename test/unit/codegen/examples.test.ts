/**
 * The shipped examples are what they claim: each config is valid and names its teacher file; the
 * TF.js example builds the built-in teacher exactly (layers, names, weights, params); the PyTorch
 * example has the teacher's weights under the teacher's names and computes the teacher's outputs;
 * all parse. And the diff's right side is real code: each example with an architecture in place
 * of its model still builds, with the architecture's params (TF.js and PyTorch executed, the
 * TypeScript type-checked).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { buildArchitectureModel } from '../../../src/engine/model/build-architecture';
import { BUILTIN_TEACHER_ID, buildMobileNetV2 } from '../../../src/engine/teacher/builtin/mobilenetv2-teacher';
import { cutTeacher } from '../../../src/engine/teacher/cut-teacher';
import { validateConfigText } from '../../../src/shared/config/validate-config';
import { architectureCost } from '../../../src/shared/cost';
import { replaceModel } from '../../../src/codegen/index';
import { blockBoundaries, FASHION_A } from './architectures';
import { buildGeneratedTfjs, findPython, typecheckTypescript } from './run-generated';
import { runKerasChecks, runPython, runTorchChecks, torchCase } from './python-checks';
import { builtinTeacherBlocks } from './teacher-blocks';

const examples = join(__dirname, '..', '..', '..', 'examples');
const FILES = { tfjs: 'tfjs-typescript/mobilenetv2-teacher.ts', keras: 'keras/mobilenetv2_teacher.py', pytorch: 'pytorch/mobilenetv2_teacher.py' };
const read = (rel: string): string => readFileSync(join(examples, rel), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'dna-examples-'));
const torchPython = findPython('torch');
const kerasPython = findPython('keras');

let cachedBlocks: Awaited<ReturnType<typeof builtinTeacherBlocks>>;

before(async () => {
  await tf.setBackend('cpu');
  cachedBlocks = await builtinTeacherBlocks();
});
after(() => rmSync(dir, { recursive: true, force: true }));

const describeLayers = (m: tf.LayersModel): string[] => m.layers.map((l) => `${l.name}:${l.getClassName()}:${l.weights.map((w) => w.shape.join('x')).join(',')}`);

test('each example config is valid, names its teacher file and keeps the built-in teacher', () => {
  for (const [folder, file] of Object.entries({ 'tfjs-typescript': FILES.tfjs, keras: FILES.keras, pytorch: FILES.pytorch })) {
    const r = validateConfigText(readFileSync(join(examples, folder, 'dna-search.json'), 'utf8'));
    assert.ok(r.ok, `${folder}/dna-search.json: ${JSON.stringify(!r.ok && r.problems)}`);
    assert.equal(join(folder, r.config.teacher.sourceFile!), file);
    assert.ok(existsSync(join(examples, folder, r.config.teacher.sourceFile!)));
    assert.equal(r.config.teacher.model, BUILTIN_TEACHER_ID);
  }
});

test('the TF.js example builds the built-in teacher: same layers, names, weight shapes and params', () => {
  const teacher = buildMobileNetV2();
  const example = buildGeneratedTfjs(read(FILES.tfjs), 'mobilenetv2-teacher.ts', 'buildTeacher');
  assert.deepEqual(describeLayers(example), describeLayers(teacher));
  assert.equal(example.countParams(), 301_210);
  assert.equal(example.countParams(), teacher.countParams());
  assert.equal(example.name, teacher.name);
  teacher.dispose();
  example.dispose();
});

test('the examples parse (TypeScript type-checks, also with an architecture in place of its model; Python compiles)', () => {
  const replaced = replaceModel({ fileName: FILES.tfjs, text: read(FILES.tfjs) }, FASHION_A(), { blocks: cachedBlocks }).text;
  // One program for both files: loading the tfjs typings is most of the cost.
  assert.deepEqual(typecheckTypescript({ [join(examples, FILES.tfjs)]: read(FILES.tfjs), [join(examples, 'tfjs-typescript', 'replaced.ts')]: replaced }), []);
  runPython('/usr/bin/python3', ['-m', 'py_compile', join(examples, FILES.keras), join(examples, FILES.pytorch)]);
});

test(
  "the PyTorch example holds the teacher's weights under its layer names and computes its outputs",
  { skip: torchPython.python ? false : `PyTorch is not importable here (${torchPython.tried.join('; ')})` },
  () => {
    const teacher = buildMobileNetV2();
    const cut = cutTeacher(teacher, 'builtin');
    const blocks = cut.blocks.map((b) => ({ attr: b.name, inputLayer: cut.boundaries[b.index], outputLayer: cut.boundaries[b.index + 1] }));
    const c = torchCase('pytorch example', join(examples, FILES.pytorch), 'FashionMobileNetV2', teacher, blocks, 77);
    const [r] = runTorchChecks(torchPython.python!, dir, [c]);
    assert.equal(r.params, 301_210);
    assert.deepEqual(r.outputShape, [2, 10]);
    assert.deepEqual(r.unmappedModules, []);
    assert.deepEqual(r.unusedTfLayers, []);
    assert.ok(r.maxAbsDiff <= 2e-5 && r.maxBlockMapDiff <= 2e-5, `differs from the TF.js teacher by ${r.maxAbsDiff} (blocks ${r.maxBlockMapDiff})`);
    teacher.dispose();
  },
);

test('TF.js example with the architecture in place of buildTeacher: builds the architecture, the rest untouched', () => {
  const arch = FASHION_A();
  const r = replaceModel({ fileName: FILES.tfjs, text: read(FILES.tfjs) }, arch, { blocks: cachedBlocks });
  assert.equal(r.how, 'definition');
  assert.equal(r.entryName, 'buildTeacher');
  const model = buildGeneratedTfjs(r.text, 'replaced.ts', 'buildTeacher');
  const engine = buildArchitectureModel(arch);
  assert.equal(model.countParams(), architectureCost(arch).params);
  assert.deepEqual(describeLayers(model), describeLayers(engine));
  // Everything outside the model definition is untouched.
  const before = read(FILES.tfjs).split('\n');
  const afterLines = r.text.split('\n');
  assert.deepEqual(afterLines.slice(0, 30), before.slice(0, 30));
  assert.deepEqual(afterLines.slice(afterLines.length - (before.length - 58)), before.slice(58));
  model.dispose();
  engine.dispose();
});

test(
  'PyTorch example with the architecture in place of its class: builds it and computes what the engine computes',
  { skip: torchPython.python ? false : `PyTorch is not importable here (${torchPython.tried.join('; ')})` },
  () => {
    const arch = FASHION_A();
    const r = replaceModel({ fileName: FILES.pytorch, text: read(FILES.pytorch) }, arch, { blocks: cachedBlocks });
    assert.equal(r.entryName, 'FashionMobileNetV2');
    assert.equal(r.edits.length, 1, 'no import added: the example imports torch, F and nn already');
    const file = join(dir, 'replaced_pytorch.py');
    writeFileSync(file, r.text);
    const engine = buildArchitectureModel(arch);
    const [result] = runTorchChecks(torchPython.python!, dir, [torchCase('replaced pytorch example', file, 'FashionMobileNetV2', engine, blockBoundaries(arch), 78)]);
    assert.equal(result.params, architectureCost(arch).params);
    assert.deepEqual(result.unmappedModules, []);
    assert.ok(result.maxAbsDiff <= 2e-5 && result.maxBlockMapDiff <= 2e-5, `differs by ${result.maxAbsDiff} (blocks ${result.maxBlockMapDiff})`);
    engine.dispose();
  },
);

function replacedKeras(): { file: string; text: string } {
  const r = replaceModel({ fileName: FILES.keras, text: read(FILES.keras) }, FASHION_A(), { blocks: cachedBlocks });
  assert.equal(r.how, 'marker');
  const file = join(dir, 'replaced_keras.py');
  writeFileSync(file, r.text);
  return { file, text: r.text };
}

test('Keras example with the architecture between its model markers: the markers stay, the file compiles', () => {
  const { file, text } = replacedKeras();
  assert.match(text, /# region dna-search: model\ndef mbconv\(/);
  assert.match(text, /return keras\.Model\(inputs, x, name="dna_fashion_a"\)\n# endregion\n/);
  runPython('/usr/bin/python3', ['-m', 'py_compile', file]);
});

test(
  "Keras example and its replaced version build with the teacher's and the architecture's params",
  { skip: kerasPython.python ? false : `Keras is not importable here (${kerasPython.tried.join('; ')}); it runs where \`import keras\` works (or set DNA_SEARCH_PYTHON)` },
  () => {
    const { file } = replacedKeras();
    const [built, teacher] = runKerasChecks(kerasPython.python!, dir, [
      { name: 'replaced', file, entryName: 'build_teacher' },
      { name: 'example', file: join(examples, FILES.keras), entryName: 'build_teacher' },
    ]);
    assert.equal(built.params, architectureCost(FASHION_A()).params);
    assert.equal(teacher.params, 301_210);
    const tfTeacher = buildMobileNetV2();
    assert.deepEqual(teacher.layers, tfTeacher.layers.map((l) => l.name));
    tfTeacher.dispose();
  },
);
