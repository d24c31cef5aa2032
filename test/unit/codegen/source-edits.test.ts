/**
 * Insert and replace edits, compared with the exact text expected for TS, JS and Python files:
 * imports added once after the file's own (not when their names are bound already), the code
 * set apart by the language's blank lines, moved out of a definition the cursor is in, helpers
 * reused and clashing names numbered on a second insertion, CRLF kept, and the edits applied
 * give the returned text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, generateCode, insertArchitecture, replaceModel, UnsupportedLanguageError, type CodeEditResult, type SourceFile } from '../../../src/codegen/index';
import { fashionArchitecture } from './architectures';

const ARCH = fashionArchitecture([['k3e3'], ['k5e6'], ['k3e3'], ['k3e6'], ['k7e3']], 'dna-small');
const OTHER = fashionArchitecture([['k3e6'], ['k3e6'], ['k3e6'], ['k3e6'], ['k3e6']], 'dna-other');

function check(file: SourceFile, result: CodeEditResult, expected: string): void {
  assert.equal(result.text, expected);
  assert.equal(applyEdits(file.text, result.edits), expected, 'the edits give the returned text');
  const sorted = [...result.edits].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].offset >= sorted[i - 1].offset + sorted[i - 1].length, 'edits do not overlap');
}

test('TS: insert between statements; the tfjs import is already there, so none is added', () => {
  const body = generateCode(ARCH, 'tfjs-ts').body;
  const file = { fileName: '/w/model.ts', text: "import * as tf from '@tensorflow/tfjs';\nimport { load } from './data';\n\nexport const a = 1;\n\nexport const b = 2;\n" };
  const r = insertArchitecture(file, ARCH, { line: 4 });
  check(file, r, `import * as tf from '@tensorflow/tfjs';\nimport { load } from './data';\n\nexport const a = 1;\n\n${body}\n\nexport const b = 2;\n`);
  assert.equal(r.edits.length, 1);
  assert.equal(r.entryName, 'buildDnaSmall');
  assert.deepEqual(r.notices, []);
  assert.equal(r.text.split('\n')[r.codeLines.start], '/**');
  assert.equal(r.text.split('\n')[r.codeLines.end], '}');
  assert.equal(r.codeLines.end - r.codeLines.start + 1, body.split('\n').length);
});

test('TS: the cursor inside a function puts the code after it, with a notice; the import goes after the last import', () => {
  const body = generateCode(ARCH, 'tfjs-ts').body;
  const file = { languageId: 'typescript', text: "import { load } from './data';\n\nfunction train() {\n  load();\n}\n" };
  const r = insertArchitecture(file, ARCH, { line: 3 });
  check(file, r, `import { load } from './data';\nimport * as tf from '@tensorflow/tfjs';\n\nfunction train() {\n  load();\n}\n\n${body}\n`);
  assert.deepEqual(r.notices, ['The cursor was inside "train"; the architecture went after it, at line 6.']);
});

test('TS: an import binding tf from tfjs-node counts; an empty file gets the import, a blank line, the code', () => {
  const file = { fileName: 'a.ts', text: "import * as tf from '@tensorflow/tfjs-node';\n" };
  const r = insertArchitecture(file, ARCH, { line: 1 });
  check(file, r, `import * as tf from '@tensorflow/tfjs-node';\n\n${generateCode(ARCH, 'tfjs-ts').body}\n`);
  const empty = { fileName: 'b.ts', text: '' };
  check(empty, insertArchitecture(empty, ARCH, { line: 0 }), generateCode(ARCH, 'tfjs-ts').text);
});

test('TS: a header comment stays on top, above the new import', () => {
  const file = { fileName: 'a.ts', text: '// Copyright 2024 Someone.\n\nexport const a = 1;\n' };
  const r = insertArchitecture(file, ARCH, { line: 0 });
  check(file, r, `// Copyright 2024 Someone.\n\nimport * as tf from '@tensorflow/tfjs';\n\n${generateCode(ARCH, 'tfjs-ts').body}\n\nexport const a = 1;\n`);
  assert.deepEqual(r.notices, ["The architecture went below the file's imports and header, at line 3."]);
});

test('TS: a second architecture reuses the helper and the import, and numbers the names that would clash', () => {
  const file = { fileName: 'a.ts', text: '' };
  const first = insertArchitecture(file, ARCH, { line: 0 });
  const second = { fileName: 'a.ts', text: first.text };
  const r = insertArchitecture(second, OTHER, { line: 1000 });
  const other = generateCode(OTHER, 'tfjs-ts', { suffix: '2' });
  const withoutHelper = other.sections.filter((s) => s.kind !== 'helper').map((s) => s.text).join('\n\n');
  check(second, r, `${first.text}\n${withoutHelper}\n`);
  assert.equal(r.entryName, 'buildDnaOther2');
  assert.equal(r.text.match(/^function mbconv\(/gm)?.length, 1, 'one mbconv helper');
  assert.equal(r.text.match(/^import /gm)?.length, 1, 'one import');
  assert.match(r.text, /^function stage1Block2\(x: tf\.SymbolicTensor\)/m);
});

test('TS: a CRLF file gets CRLF edits', () => {
  const file = { fileName: 'a.ts', text: 'const a = 1;\r\n' };
  const r = insertArchitecture(file, ARCH, { line: 1 });
  const code = generateCode(ARCH, 'tfjs-ts');
  check(file, r, `${code.imports[0]}\r\n\r\nconst a = 1;\r\n\r\n${code.body.replace(/\n/g, '\r\n')}\r\n`);
  assert.ok(!/[^\r]\n/.test(r.text), 'no bare LF');
});

test('JS: a CommonJS file gets a require after its own, and no export keyword', () => {
  const body = generateCode(ARCH, 'tfjs-js', { moduleSystem: 'commonjs' }).body;
  assert.doesNotMatch(body, /export /);
  const file = { fileName: 'train.js', text: "const fs = require('fs');\n\nmodule.exports = {};\n" };
  const r = insertArchitecture(file, ARCH, { line: 2 });
  check(file, r, `const fs = require('fs');\nconst tf = require('@tensorflow/tfjs');\n\n${body}\n\nmodule.exports = {};\n`);
});

test('JS: an ES module with the tfjs import already present gets only the code', () => {
  const file = { languageId: 'javascript', text: "import * as tf from '@tensorflow/tfjs';\n" };
  const r = insertArchitecture(file, ARCH, { line: 1 });
  check(file, r, `import * as tf from '@tensorflow/tfjs';\n\n${generateCode(ARCH, 'tfjs-js').body}\n`);
});

test('PyTorch: the missing imports join `import torch`; the code comes two blank lines after; a cursor in a class moves below it', () => {
  const body = generateCode(ARCH, 'pytorch').body;
  const file = { fileName: 'net.py', text: '"""My nets."""\nimport torch\n\n\nclass Old(torch.nn.Module):\n    pass\n\n\nprint(1)\n' };
  const r = insertArchitecture(file, ARCH, { line: 5 });
  check(file, r, `"""My nets."""\nimport torch\nimport torch.nn.functional as F\nfrom torch import nn\n\n\nclass Old(torch.nn.Module):\n    pass\n\n\n${body}\n\n\nprint(1)\n`);
  assert.equal(r.target, 'pytorch');
  assert.deepEqual(r.notices, ['The cursor was inside "Old"; the architecture went after it, at line 7.']);
});

test('Keras: `from tensorflow import keras` and `from tensorflow.keras import layers` satisfy the imports', () => {
  const file = { fileName: 'k.py', text: 'from tensorflow import keras\nfrom tensorflow.keras import layers\n' };
  const r = insertArchitecture(file, ARCH, { line: 2 });
  check(file, r, `from tensorflow import keras\nfrom tensorflow.keras import layers\n\n\n${generateCode(ARCH, 'keras').body}\n`);
  assert.equal(r.edits.length, 1);
});

test('Python without imports: the target must be given; the imports go after the module docstring', () => {
  const file = { fileName: 'k.py', text: '"""Models."""\n\nX = 1\n' };
  assert.throws(() => insertArchitecture(file, ARCH, { line: 2 }), (e: Error) => e instanceof UnsupportedLanguageError && /Keras or PyTorch/.test(e.message));
  const r = insertArchitecture(file, ARCH, { line: 3 }, { target: 'keras' });
  check(file, r, `"""Models."""\n\nimport keras\nfrom keras import layers\n\n\nX = 1\n\n\n${generateCode(ARCH, 'keras').body}\n`);
});

test('an unsupported language or a target of another language is a clear error', () => {
  assert.throws(
    () => insertArchitecture({ fileName: '/w/model.rs', text: '' }, ARCH, { line: 0 }),
    (e: Error) => e instanceof UnsupportedLanguageError && e.message === '"model.rs" is not a language DNA Search can write model code in. Supported: TypeScript (.ts: TensorFlow.js), JavaScript (.js: TensorFlow.js) and Python (.py: Keras or PyTorch). Open a file in one of these languages, or open the architecture as a new document.',
  );
  assert.throws(() => insertArchitecture({ fileName: 'a.ts', text: '' }, ARCH, { line: 0 }, { target: 'keras' }), /Keras \(Python\) code cannot go into a typescript file; for typescript choose TensorFlow\.js \(TypeScript\)/);
});

test('replace: a marked model region is replaced between its markers, which stay', () => {
  const file = { fileName: 'm.ts', text: "import * as tf from '@tensorflow/tfjs';\n\n// #region dna-search: model\nexport function old() {\n  return 1;\n}\n// #endregion\n" };
  const r = replaceModel(file, ARCH);
  const body = generateCode(ARCH, 'tfjs-ts', { entryName: 'old' }).body;
  check(file, r, `import * as tf from '@tensorflow/tfjs';\n\n// #region dna-search: model\n${body}\n// #endregion\n`);
  assert.equal(r.how, 'marker');
  assert.equal(r.entryName, 'old');
  assert.match(r.text, /^export function old\(\): tf\.LayersModel \{$/m, 'keeps the name and the export');
  const lines = r.text.split('\n');
  assert.deepEqual([lines[r.codeLines.start - 1], lines[r.codeLines.start], lines[r.codeLines.end], lines[r.codeLines.end + 1]], ['// #region dna-search: model', '/**', '}', '// #endregion']);
});

test('replace: an empty marked region is filled', () => {
  const file = { fileName: 'm.py', text: 'import torch\n\n# region dna-search: model\n# endregion\n' };
  const r = replaceModel(file, ARCH);
  const code = generateCode(ARCH, 'pytorch');
  check(file, r, `import torch\nimport torch.nn.functional as F\nfrom torch import nn\n\n# region dna-search: model\n${code.body}\n# endregion\n`);
});

test('replace: without a model the code is appended, with a notice saying how to mark the model', () => {
  const file = { fileName: 'm.js', text: 'const a = 1;' };
  const r = replaceModel(file, ARCH);
  const code = generateCode(ARCH, 'tfjs-js');
  check(file, r, `${code.imports[0]}\n\nconst a = 1;\n\n${code.body}\n`);
  assert.equal(r.how, 'appended');
  assert.equal(r.codeLines.start, 4);
  assert.equal(r.codeLines.end, r.text.split('\n').length - 2);
  assert.deepEqual(r.notices, ['Found no model definition in this file, so the architecture is added at the end. To replace the model instead, put it between "// #region dna-search: model" and "// #endregion".']);
});

test('a different definition with a helper\'s name makes the helper numbered, and the blocks call it', () => {
  const file = { fileName: 'a.py', text: 'import torch\n\n\ndef pad_same(x):\n    return x\n' };
  const r = insertArchitecture(file, ARCH, { line: 5 });
  const code = generateCode(ARCH, 'pytorch', { helperSuffix: '2' });
  check(file, r, `import torch\nimport torch.nn.functional as F\nfrom torch import nn\n\n\ndef pad_same(x):\n    return x\n\n\n${code.body}\n`);
  assert.match(r.text, /^def pad_same2\(x: torch\.Tensor/m);
  assert.match(r.text, /self\.dw\(pad_same2\(x, self\.kernel, self\.stride\)\)/);
  assert.match(r.text, /^class MBConv2\(nn\.Module\):/m);
});
