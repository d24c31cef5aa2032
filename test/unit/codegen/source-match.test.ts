/**
 * Source analysis against the real teacher blocks (cut from the built-in teacher by the engine):
 * the model definition and every block's exact lines in the three example files; markers win
 * over names; a file whose names do not match reports every block unmatched, with the reason;
 * marker mistakes are reported on their lines.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource, type BlockRef } from '../../../src/codegen/index';
import { builtinTeacherBlocks } from './teacher-blocks';

const examples = join(__dirname, '..', '..', '..', 'examples');
const read = (rel: string): string => readFileSync(join(examples, rel), 'utf8');
let blocks: BlockRef[];

before(async () => {
  blocks = await builtinTeacherBlocks();
});

/** Blocks as [name, via, ranges as "start-end" (0-based lines)]. */
const summary = (a: ReturnType<typeof analyzeSource>): [string, string, string[]][] => a.blocks.map((b) => [b.name, b.via, b.ranges.map((r) => `${r.start}-${r.end}`)]);

test('the engine cuts the built-in teacher into stage1..stage5', () => {
  assert.deepEqual(blocks.map((b) => b.name), ['stage1', 'stage2', 'stage3', 'stage4', 'stage5']);
  assert.equal(blocks[0].layers[0], 'stage1_unit1_expand');
});

test('TF.js example: buildTeacher is the model, each stage is its invertedResidual lines', () => {
  const text = read('tfjs-typescript/mobilenetv2-teacher.ts');
  const a = analyzeSource(text, 'typescript', blocks);
  assert.equal(a.target, 'tfjs-ts');
  assert.deepEqual(a.model, { via: 'definition', name: 'buildTeacher', kind: 'function', exported: true, lensLine: 30, range: { start: 30, end: 57 } });
  assert.deepEqual(summary(a), [
    ['stage1', 'names', ['36-37']],
    ['stage2', 'names', ['39-40']],
    ['stage3', 'names', ['42-44']],
    ['stage4', 'names', ['46-47']],
    ['stage5', 'names', ['49-50']],
  ]);
  const lines = text.split('\n');
  assert.match(lines[30], /^\/\*\* Fashion-MNIST MobileNetV2/);
  assert.match(lines[36], /'stage1_unit1'/);
  assert.match(lines[50], /'stage5_unit2'/);
  assert.equal(a.blocks[0].matchedLayers.length, blocks[0].layers.length, 'the unit prefixes cover every layer of the block');
  assert.deepEqual(a.unmatched, []);
  assert.deepEqual(a.problems, []);
});

test('Keras example: the marked model region, each stage by its names', () => {
  const text = read('keras/mobilenetv2_teacher.py');
  const a = analyzeSource(text, 'python', blocks);
  assert.equal(a.target, 'keras');
  assert.deepEqual(a.model, { via: 'marker', name: 'build_teacher', kind: 'function', exported: true, lensLine: 35, range: { start: 36, end: 62 } });
  const lines = text.split('\n');
  assert.equal(lines[35], '# region dna-search: model');
  assert.equal(lines[63], '# endregion');
  assert.deepEqual(summary(a), [
    ['stage1', 'names', ['42-43']],
    ['stage2', 'names', ['45-46']],
    ['stage3', 'names', ['48-50']],
    ['stage4', 'names', ['52-53']],
    ['stage5', 'names', ['55-56']],
  ]);
  assert.deepEqual(a.unmatched, []);
});

test('PyTorch example: the nn.Module subclass holding the stages; each stage where it is built and where it runs', () => {
  const text = read('pytorch/mobilenetv2_teacher.py');
  const a = analyzeSource(text, 'python', blocks);
  assert.equal(a.target, 'pytorch');
  assert.deepEqual(a.model, { via: 'definition', name: 'FashionMobileNetV2', kind: 'class', exported: true, lensLine: 51, range: { start: 51, end: 93 } });
  assert.deepEqual(summary(a), [
    ['stage1', 'names', ['58-61', '86-86']],
    ['stage2', 'names', ['62-65', '87-87']],
    ['stage3', 'names', ['66-70', '88-88']],
    ['stage4', 'names', ['71-74', '89-89']],
    ['stage5', 'names', ['75-78', '90-90']],
  ]);
  const lines = text.split('\n');
  assert.match(lines[58], /self\.stage1 = nn\.Sequential/);
  assert.match(lines[61], /^\s+\)\)$/);
  assert.match(lines[86], /x = self\.stage1\(x\)/);
  assert.equal(a.blocks[0].range.start, 58, "range is the block's first cluster (where it is built)");
});

test('a block marker wins over the layer names, and names inside it do not count for other blocks', () => {
  const lines = read('tfjs-typescript/mobilenetv2-teacher.ts').split('\n');
  // Mark lines 35..40 (the stage1 comment, stage1's and stage2's calls) as stage1.
  const marked = [...lines.slice(0, 35), '  // #region dna-search: block stage1', ...lines.slice(35, 41), '  // #endregion', ...lines.slice(41)].join('\n');
  const a = analyzeSource(marked, 'typescript', blocks);
  assert.deepEqual(summary(a), [
    ['stage1', 'marker', ['36-41']],
    ['stage3', 'names', ['44-46']],
    ['stage4', 'names', ['48-49']],
    ['stage5', 'names', ['51-52']],
  ]);
  assert.deepEqual(a.unmatched.map((u) => u.name), ['stage2']);
  assert.deepEqual(a.blocks[0].matchedLayers, blocks[0].layers);
});

test('Python block markers: content lines between them', () => {
  const text = ['import keras', '', '', 'def build():', '    # region dna-search: block stage2', '    x = 1', '    y = 2', '    # endregion', '    return keras.Model(x, y)', ''].join('\n');
  const a = analyzeSource(text, 'python', blocks);
  assert.deepEqual(summary(a), [['stage2', 'marker', ['5-6']]]);
  assert.deepEqual(a.model, { via: 'definition', name: 'build', kind: 'function', exported: true, lensLine: 3, range: { start: 3, end: 8 } });
});

test('a file whose layer names do not match the teacher reports every block unmatched, with the reason', () => {
  const text = read('tfjs-typescript/mobilenetv2-teacher.ts');
  const other: BlockRef[] = [
    { index: 0, name: 'block_1', layers: ['block_1_expand', 'block_1_dw', 'block_1_project'] },
    { index: 1, name: 'block_2', layers: ['block_2_expand', 'block_2_dw', 'block_2_project', 'block_2_add'] },
  ];
  const a = analyzeSource(text, 'typescript', other);
  assert.deepEqual(a.blocks, []);
  assert.deepEqual(a.unmatched.map((u) => [u.index, u.name]), [[0, 'block_1'], [1, 'block_2']]);
  assert.equal(
    a.unmatched[1].reason,
    'None of the 4 layer names of teacher block "block_2" ("block_2_expand", "block_2_dw", "block_2_project", ...) appear in this file, and no marker names it. Put its lines between "// #region dna-search: block block_2" and "// #endregion".',
  );
  // The model is still found (it calls tf.model), so the diff can replace it.
  assert.equal(a.model?.name, 'buildTeacher');
});

test('a prefix shared by two blocks names neither; comments do not count', () => {
  const two: BlockRef[] = [
    { name: 'a', layers: ['block_1_conv', 'block_1_bn'] },
    { name: 'b', layers: ['block_2_conv', 'block_2_bn'] },
  ];
  const text = ["const x = 'block';", '// block_1_conv', "const y = 'block_2';", "const z = 'block_1_bn';", ''].join('\n');
  const a = analyzeSource(text, 'javascript', two);
  assert.deepEqual(summary(a), [['a', 'names', ['3-3']], ['b', 'names', ['2-2']]]);
  assert.deepEqual(a.blocks[0].matchedLayers, ['block_1_bn']);
  assert.equal(a.model, undefined);
});

test('marker mistakes are problems on their lines', () => {
  const text = [
    '// #region dna-search: block nosuch',
    '// #endregion',
    '// #region dna-search: block stage1',
    "f('stage1_unit1');",
    '// #endregion',
    '// #region dna-search: block stage1',
    '// #endregion',
    '// #region dna-search: modle',
    '// #endregion',
    '// #region dna-search: model',
    '',
  ].join('\n');
  const a = analyzeSource(text, 'typescript', blocks);
  assert.deepEqual(
    a.problems.map((p) => p.line),
    [7, 9, 0, 5],
  );
  assert.match(a.problems[0].message, /Unknown DNA Search marker "dna-search: modle"/);
  assert.match(a.problems[1].message, /never closed; add \/\/ #endregion/);
  assert.match(a.problems[2].message, /No teacher block is named "nosuch"; the run's blocks are stage1, stage2, stage3, stage4, stage5/);
  assert.match(a.problems[3].message, /already marked at line 3/);
  assert.deepEqual(summary(a), [['stage1', 'marker', ['3-3']]]);
});

test('a Python file importing neither Keras nor PyTorch has no target', () => {
  assert.equal(analyzeSource('def build():\n    pass\n', 'python', blocks).target, undefined);
});
