/**
 * Runs the Python-side checks (python/check_torch.py, python/check_keras.py) on generated or
 * example files, with the TF.js model they must equal.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { randomizeWeights, tensorJson, weightsByLayer, type ArrayJson } from './tfjs-weights';

export interface TorchResult {
  name: string;
  params: number;
  outputShape: number[];
  unmappedModules: string[];
  unusedTfLayers: string[];
  maxAbsDiff: number;
  maxBlockMapDiff: number;
}

export interface KerasResult {
  name: string;
  params: number;
  outputShape: number[];
  layers: string[];
}

export function runPython(python: string, args: string[]): string {
  const r = spawnSync(python, args, { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, `${python} ${args.join(' ')} failed:\n${r.stderr || r.error?.message}`);
  return r.stdout;
}

/**
 * One check_torch.py case: `model` (the TF.js reference) gets seeded random weights, and its
 * output plus the feature maps around each block (`blocks`: the PyTorch attribute and the TF.js
 * layers whose outputs enter and leave it) become the expected values.
 */
export function torchCase(
  name: string,
  file: string,
  className: string,
  model: tf.LayersModel,
  blocks: { attr: string; inputLayer: string; outputLayer: string }[],
  seed: number,
): object {
  randomizeWeights(model, seed);
  const inputShape = (model.inputs[0].shape as number[]).slice(1);
  const input = tf.randomUniform([2, ...inputShape], -1, 1, 'float32', seed);
  // A TF.js model cannot list one tensor twice among its outputs: probe each layer once.
  const layers = [...new Set(blocks.flatMap((b) => [b.inputLayer, b.outputLayer]))];
  const probe = tf.model({ inputs: model.inputs, outputs: [...layers.map((n) => model.getLayer(n).output as tf.SymbolicTensor), model.outputs[0]] });
  const outputs = probe.predict(input) as tf.Tensor[];
  const byLayer = new Map<string, ArrayJson>(layers.map((n, i) => [n, tensorJson(outputs[i])]));
  const c = {
    name,
    file,
    className,
    weights: weightsByLayer(model),
    input: tensorJson(input),
    expected: tensorJson(outputs[outputs.length - 1]),
    blocks: blocks.map((b) => ({ attr: b.attr, input: byLayer.get(b.inputLayer), output: byLayer.get(b.outputLayer) })),
  };
  tf.dispose([input, ...outputs]);
  return c;
}

export function runTorchChecks(python: string, dir: string, cases: object[]): TorchResult[] {
  const manifest = join(dir, `torch-cases-${Date.now()}.json`);
  writeFileSync(manifest, JSON.stringify(cases));
  return runPython(python, [join(__dirname, 'python', 'check_torch.py'), manifest])
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as TorchResult);
}

export function runKerasChecks(python: string, dir: string, cases: { name: string; file: string; entryName: string }[]): KerasResult[] {
  const manifest = join(dir, `keras-cases-${Date.now()}.json`);
  writeFileSync(manifest, JSON.stringify(cases));
  return runPython(python, [join(__dirname, 'python', 'check_keras.py'), manifest])
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as KerasResult);
}
