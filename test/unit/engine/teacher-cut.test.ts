import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { buildArchitectureModel } from '../../../src/engine/model/build-architecture';
import { smallestNetwork } from '../../../src/engine/run/phases/prepare';
import { architectureOf } from '../../../src/engine/search/choose-architecture';
import { buildSearchSpace } from '../../../src/engine/space/build-space';
import { BUILTIN_TEACHER, buildMobileNetV2 } from '../../../src/engine/teacher/builtin/mobilenetv2-teacher';
import { cutTeacher } from '../../../src/engine/teacher/cut-teacher';
import { layersTeacher } from '../../../src/engine/teacher/layers-teacher';
import { SearchConfigSchema } from '../../../src/shared/config/search-config';
import { architectureCost, pathCost } from '../../../src/shared/cost';
import { enumeratePaths, opId } from '../../../src/shared/search-space';

before(async () => {
  await tf.setBackend('cpu');
});

const teacher = () => buildMobileNetV2(BUILTIN_TEACHER, 1);

test('the built-in teacher is cut at its stage ends, with shapes and exact costs', () => {
  const model = teacher();
  const cut = cutTeacher(model, 'builtin');
  assert.deepEqual(cut.boundaries, ['stem_conv_relu6', 'stage1_unit2_add', 'stage2_unit2_add', 'stage3_unit3_add', 'stage4_unit2_add', 'stage5_unit2_add']);
  assert.deepEqual(cut.blocks.map((b) => [b.name, b.inputShape.join('x'), b.outputShape.join('x')]), [
    ['stage1', '14x14x16', '14x14x24'],
    ['stage2', '14x14x24', '7x7x32'],
    ['stage3', '7x7x32', '7x7x48'],
    ['stage4', '7x7x48', '4x4x64'],
    ['stage5', '4x4x64', '4x4x96'],
  ]);
  assert.equal(cut.total.params, model.countParams());
  const blockParams = cut.blocks.reduce((s, b) => s + b.params, 0);
  assert.equal(cut.stemCost.params + blockParams + cut.headCost.params, model.countParams());
  assert.equal(cut.numClasses, 10);
  assert.equal(cut.outputsProbabilities, true);
});

test("a Layers teacher's maps at some cuts equal the same maps of the full pass, and the class scores its prediction", () => {
  const model = teacher();
  const t = layersTeacher(model, 'builtin');
  const x = tf.randomUniform([3, 28, 28, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
  const full = t.features(x, t.cut.boundaries.map((_, k) => k), true);
  assert.equal(full.length, t.cut.boundaries.length + 1);
  const part = t.features(x, [0, 1], false);
  assert.deepEqual(part.map((p) => p.shape), [full[0].shape, full[1].shape]);
  part.forEach((p, i) => assert.deepEqual(Array.from(p.dataSync()), Array.from(full[i].dataSync())));
  const scores = t.predict(x);
  assert.deepEqual(Array.from(full[full.length - 1].dataSync()), Array.from(scores.dataSync()));
  assert.throws(() => t.features(x, [9], false), /no cut boundary 9/);
  tf.dispose([x, ...full, ...part, scores]);
  model.dispose();
});

test('a student built from the cut counts exactly the params the cost model predicts', () => {
  const cut = cutTeacher(teacher(), 'builtin');
  const space = buildSearchSpace(cut, SearchConfigSchema.parse({}).space);
  const candidates = space.blocks.map((b, i) => `b${b.index}.d${(i % 3) + 1}:${Array.from({ length: (i % 3) + 1 }, (_, l) => opId(space.ops[(i + l) % space.ops.length])).join('-')}`);
  const arch = architectureOf('student', space, cut, candidates);
  const model = buildArchitectureModel(arch);
  const cost = architectureCost(arch);
  assert.equal(model.countParams(), cost.params);
  assert.deepEqual(cost.stem, cut.stemCost);
  assert.deepEqual(cost.head, cut.headCost);
  assert.deepEqual(model.outputs[0].shape, [null, 10]);
});

test('named cuts that do not exist or that a skip connection crosses are refused with the fix', () => {
  const model = teacher();
  assert.throws(() => cutTeacher(model, 't.json', ['stem_conv_relu6', 'nope']), /teacher\.cuts\[1\]: no layer named "nope" in t\.json/);
  assert.throws(() => cutTeacher(model, 't.json', ['stem_conv_relu6', 'stage1_unit2_dw']), /cannot be cut after "stage1_unit2_dw": the connection from "stage1_unit1_project_bn" to "stage1_unit2_add" crosses it. Cut after "stage1_unit1_project_bn" or after "stage1_unit2_add" instead/);
  const ok = cutTeacher(model, 't.json', ['stem_conv_relu6', 'stage2_unit2_add', 'stage5_unit2_add']);
  assert.deepEqual(ok.blocks.map((b) => b.outputShape.join('x')), ['7x7x32', '4x4x96']);
});

test('the smallest network of the space is the brute-force minimum', () => {
  const cut = cutTeacher(teacher(), 'builtin');
  const space = buildSearchSpace(cut, { ...SearchConfigSchema.parse({}).space, depths: [1, 2] });
  let flops = cut.stemCost.flops + cut.headCost.flops;
  let params = cut.stemCost.params + cut.headCost.params;
  for (const b of space.blocks) {
    let f = Infinity;
    let p = Infinity;
    for (const d of b.depths) {
      for (const path of enumeratePaths(space, b.index, d)) {
        const c = pathCost(b, path.ops.map((o) => space.ops[o]), space.family);
        f = Math.min(f, c.flops);
        p = Math.min(p, c.params);
      }
    }
    flops += f;
    params += p;
  }
  assert.deepEqual(smallestNetwork(space, cut), { flops, params });
});
