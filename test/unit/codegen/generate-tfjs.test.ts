/**
 * Generated TF.js code, executed: for random architectures of the space and the demo one, the
 * TypeScript and JavaScript that generateCode writes build (on the cpu backend) a model equal to
 * the engine's own buildArchitectureModel — same layers in the same order with the same names,
 * classes and weight shapes, params equal to architectureCost, same output shape — and, with
 * the engine model's weights copied over by layer name, the same outputs.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { buildArchitectureModel, MBCONV_BN } from '../../../src/engine/model/build-architecture';
import { architectureCost } from '../../../src/shared/cost';
import type { ArchitectureSpec } from '../../../src/shared/architecture';
import { generateCode } from '../../../src/codegen/generate';
import { BLOCK_BATCH_NORM } from '../../../src/codegen/emit-helpers';
import { testArchitectures } from './architectures';
import { buildGeneratedTfjs, typecheckTypescript } from './run-generated';
import { randomizeWeights } from './tfjs-weights';

const architectures: ArchitectureSpec[] = testArchitectures();

before(async () => {
  await tf.setBackend('cpu');
});

function describeLayers(model: tf.LayersModel): string[] {
  return model.layers.map((l) => `${l.name}:${l.getClassName()}:${l.weights.map((w) => w.shape.join('x')).join(',')}`);
}

test('the random architectures cover every op, depth, residual kind, SE on/off and every activation', () => {
  const seen = new Set<string>();
  for (const arch of architectures) {
    seen.add(`se:${arch.family.seRatio > 0}`);
    seen.add(`act:${arch.family.activation}`);
    for (const l of [...arch.stem, ...arch.head]) {
      seen.add(`fixed:${l.kind}`);
      if ('activation' in l) seen.add(`fixed-act:${l.activation}`);
      if (l.kind === 'activation') seen.add(`fixed-act:${l.fn}`);
    }
    for (const b of arch.blocks) {
      seen.add(`depth:${b.ops.length}`);
      seen.add(`stride:${b.stride}`);
      for (const op of b.ops) seen.add(`op:k${op.kernel}e${op.expansion}`);
      // A layer is residual when stride 1 and channels unchanged (see pathLayers).
      b.ops.forEach((_, i) => {
        const cin = i === 0 ? b.inputShape[2] : b.width;
        const cout = i === b.ops.length - 1 ? b.outputShape[2] : b.width;
        seen.add(`residual:${(i === 0 ? b.stride : 1) === 1 && cin === cout}`);
      });
    }
  }
  const expected = [
    'se:true', 'se:false', 'act:relu', 'act:relu6', 'act:swish', 'depth:1', 'depth:2', 'depth:3', 'stride:1', 'stride:2',
    'residual:true', 'residual:false',
    ...[1, 3, 5, 7].flatMap((k) => [1, 2, 3, 6].map((e) => `op:k${k}e${e}`)),
    ...['conv2d', 'depthwiseConv2d', 'batchNorm', 'activation', 'globalAvgPool', 'flatten', 'dropout', 'dense'].map((k) => `fixed:${k}`),
    ...['linear', 'relu', 'relu6', 'swish', 'sigmoid', 'softmax'].map((a) => `fixed-act:${a}`),
  ];
  const missing = expected.filter((e) => !seen.has(e));
  assert.deepEqual(missing, [], `add architectures (or change the seed) to cover: ${missing.join(', ')}`);
});

test('MBConv batch norm settings of the generators are the engine builder\'s', () => {
  assert.deepEqual({ ...BLOCK_BATCH_NORM }, { ...MBCONV_BN });
});

for (const target of ['tfjs-ts', 'tfjs-js'] as const) {
  test(`${target}: generated code builds the engine's model exactly (${architectures.length} architectures)`, () => {
    architectures.forEach((arch, i) => {
      const code = generateCode(arch, target);
      const engine = buildArchitectureModel(arch);
      const generated = buildGeneratedTfjs(code.text, `${arch.name}.${target === 'tfjs-ts' ? 'ts' : 'js'}`, code.entryName);
      const what = `${target} ${arch.name}`;
      assert.equal(generated.countParams(), architectureCost(arch).params, `${what}: params`);
      assert.equal(generated.countParams(), engine.countParams(), `${what}: params vs engine`);
      assert.deepEqual(generated.outputs[0].shape, engine.outputs[0].shape, `${what}: output shape`);
      assert.deepEqual(generated.outputs[0].shape, [null, arch.numClasses], `${what}: output shape`);
      assert.deepEqual(describeLayers(generated), describeLayers(engine), `${what}: layers (name:class:weight shapes)`);
      assert.equal(generated.name, engine.name, `${what}: model name`);

      randomizeWeights(engine, 1000 + i);
      for (const layer of engine.layers) if (layer.weights.length) generated.getLayer(layer.name).setWeights(layer.getWeights());
      const input = tf.randomUniform([2, ...arch.inputShape], -1, 1, 'float32', 7 + i);
      const [a, b] = [engine.predict(input) as tf.Tensor, generated.predict(input) as tf.Tensor];
      const diff = tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
      assert.ok(diff <= 1e-6, `${what}: outputs differ by ${diff}`);
      tf.dispose([input, a, b]);
      engine.dispose();
      generated.dispose();
    });
  });
}

test('generated TypeScript type-checks under strict mode against the tfjs typings', () => {
  const dir = join(__dirname, '__virtual__');
  const files: Record<string, string> = {};
  architectures.slice(0, 4).forEach((arch, i) => {
    files[join(dir, `arch${i}.ts`)] = generateCode(arch, 'tfjs-ts').text;
  });
  assert.deepEqual(typecheckTypescript(files), []);
});
