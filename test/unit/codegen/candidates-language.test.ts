/** Candidate ids to architectures, and language/target detection with its error messages. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { architectureCost, pathCost } from '../../../src/shared/cost';
import {
  architectureForCandidates,
  detectPythonTarget,
  languageOf,
  resolveTarget,
  tryLanguageOf,
  UnsupportedLanguageError,
} from '../../../src/codegen/index';
import { FASHION_A } from './architectures';

test('a candidate list replaces the named blocks\' ops and keeps the rest', () => {
  const base = FASHION_A();
  const arch = architectureForCandidates(base, ['b1.d3:k3e6-k5e3-k7e6', 'b4.d1:k5e3'], 'point-7');
  assert.equal(arch.name, 'point-7');
  assert.deepEqual(arch.blocks[1].ops, [{ kernel: 3, expansion: 6 }, { kernel: 5, expansion: 3 }, { kernel: 7, expansion: 6 }]);
  assert.deepEqual(arch.blocks[4].ops, [{ kernel: 5, expansion: 3 }]);
  assert.deepEqual(arch.blocks[0].ops, base.blocks[0].ops);
  assert.deepEqual(arch.provenance, { runId: base.provenance!.runId, note: 'candidates b1.d3:k3e6-k5e3-k7e6, b4.d1:k5e3' });
  assert.deepEqual(base.blocks[1].ops.length, 2, 'the base is not changed');
  const delta = architectureCost(arch).params - architectureCost(base).params;
  const blockDelta = [1, 4].reduce((s, b) => s + pathCost(arch.blocks[b], arch.blocks[b].ops, arch.family).params - pathCost(base.blocks[b], base.blocks[b].ops, base.family).params, 0);
  assert.equal(delta, blockDelta);
  assert.throws(() => architectureForCandidates(base, ['b9.d1:k3e3']), /has no block 9/);
  assert.throws(() => architectureForCandidates(base, ['b1.d2:k3e3']), /depth 2 but 1 ops/);
  assert.throws(() => architectureForCandidates(base, ['stage1']), /Not a candidate id/);
});

test('languages from VS Code language ids and file names', () => {
  assert.equal(languageOf({ languageId: 'typescriptreact' }), 'typescript');
  assert.equal(languageOf({ fileName: '/a/b/model.MJS' }), 'javascript');
  assert.equal(languageOf({ fileName: 'C:\\work\\net.py' }), 'python');
  assert.equal(languageOf({ languageId: 'python', fileName: 'x.txt' }), 'python', 'the language id wins');
  assert.equal(tryLanguageOf({ languageId: 'rust', fileName: 'main.rs' }), undefined);
  assert.throws(
    () => languageOf({ languageId: 'rust', fileName: '/w/main.rs' }),
    (e: Error) =>
      e instanceof UnsupportedLanguageError &&
      e.message === '"main.rs" (language "rust") is not a language DNA Search can write model code in. Supported: TypeScript (.ts: TensorFlow.js), JavaScript (.js: TensorFlow.js) and Python (.py: Keras or PyTorch). Open a file in one of these languages, or open the architecture as a new document.',
  );
});

test('Python framework from the imports; targets checked against the language', () => {
  assert.equal(detectPythonTarget('import torch\n'), 'pytorch');
  assert.equal(detectPythonTarget('from torch import nn\n'), 'pytorch');
  assert.equal(detectPythonTarget('import tensorflow as tf\n'), 'keras');
  assert.equal(detectPythonTarget('from keras import layers\n'), 'keras');
  assert.equal(detectPythonTarget('import numpy\n'), undefined);
  assert.equal(detectPythonTarget('import torch\nimport keras\n'), undefined);
  assert.equal(resolveTarget('typescript', ''), 'tfjs-ts');
  assert.equal(resolveTarget('python', 'import torch'), 'pytorch');
  assert.equal(resolveTarget('python', 'import torch', 'keras'), 'keras', 'an explicit target wins');
  assert.throws(() => resolveTarget('javascript', '', 'tfjs-ts'), /TensorFlow\.js \(TypeScript\) code cannot go into a javascript file; for javascript choose TensorFlow\.js \(JavaScript\)/);
  assert.throws(() => resolveTarget('python', 'x = 1'), /Choose one: Keras \(Python\), PyTorch \(Python\)/);
});
