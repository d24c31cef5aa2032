/**
 * Benchmark: whole supernet block training as the search runs it (src/engine/distill's step:
 * a uniformly sampled path per step, train-ops MSE, the product's AdamW with weight decay), on
 * the default search space (6 MBConv ops, swish, squeeze-excite 0.25), in images per second.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendPreference } from '../src/engine/backend';
import { samplePath } from '../src/engine/distill/path-sampler';
import { AdamW } from '../src/engine/optim/adamw';
import { SupernetBlock } from '../src/engine/supernet/supernet-block';
import { mseLoss } from '../src/engine/supernet/train-ops';
import { SpaceSchema } from '../src/shared/config/search-config';
import type { SearchSpaceSpec, StudentBlockSpec } from '../src/shared/search-space';
import { intFlag, type Benchmark } from './benchmark';
import { fmt, loadText, median, peakRssMiB, timeSteps, wasmHeapMiB } from './measure';

/** Two blocks shaped like the built-in Fashion-MNIST teacher's (28x28 input, stem stride 2). */
const BLOCKS: StudentBlockSpec[] = [
  { index: 0, name: 'stage1 (14x14x16 -> 14x14x24)', inputShape: [14, 14, 16], outputShape: [14, 14, 24], stride: 1, width: 24, depths: [1, 2, 3] },
  { index: 1, name: 'stage2 (14x14x24 -> 7x7x32)', inputShape: [14, 14, 24], outputShape: [7, 7, 32], stride: 2, width: 32, depths: [1, 2, 3] },
];

function defaultSpace(): SearchSpaceSpec {
  const space = SpaceSchema.parse({});
  return { ops: space.ops.map((o) => ({ kernel: o.kernel, expansion: o.expansion })), family: { seRatio: space.seRatio, activation: space.activation }, blocks: BLOCKS };
}

export const supernetBlockBenchmark: Benchmark = {
  name: 'supernet-block',
  summary: 'images/s of supernet block training (default space: 6 ops, swish, SE) and peak memory',
  flags: { steps: 'timed steps per block and depth (default 30)', batch: 'images per step (default 64)', backend: 'backend preference (default wasm)' },
  async run(opts) {
    const steps = intFlag(opts, 'steps', 30);
    const batch = intFlag(opts, 'batch', 64);
    const pref = (opts.flags.get('backend') ?? 'wasm') as BackendPreference;
    const backend = await initBackend(pref);
    const space = defaultSpace();
    const rows: (string | number)[][] = [];
    for (const block of BLOCKS) {
      for (const depth of block.depths) {
        let seed = 99;
        const net = new SupernetBlock(space, block, depth, () => ((seed = (seed * 16807) % 2147483647) / 2147483647));
        const optimizer = new AdamW({ learningRate: 3e-3, weightDecay: 1e-4 });
        const byName = new Map(net.allVariables().map((v) => [v.name, v]));
        const decayed = new Set(net.decayedVariables().map((v) => v.name));
        const x = tf.randomNormal([batch, ...block.inputShape], 0, 1, 'float32', 1) as tf.Tensor4D;
        const y = tf.randomNormal([batch, ...block.outputShape], 0, 1, 'float32', 2) as tf.Tensor4D;
        let step = 0;
        const train = () =>
          tf.tidy(() => {
            const path = samplePath(7, block.index, depth, 0, step++, space.ops.length);
            const { value, grads } = tf.variableGrads(() => mseLoss(net.forward(x, path), y), net.pathVariables(path));
            optimizer.apply(byName, grads, decayed);
            return value.dataSync()[0];
          });
        // warm-up: every op once per layer, so no timed step pays first-use costs
        const warmup = space.ops.length;
        const times = timeSteps(train, steps, warmup);
        const ms = median(times);
        const mean = times.reduce((a, b) => a + b, 0) / times.length;
        rows.push([block.name, depth, steps, fmt(ms, 1), fmt((batch * 1000) / ms, 0), fmt((batch * 1000) / mean, 0)]);
        optimizer.dispose();
        net.dispose();
        tf.dispose([x, y]);
      }
    }
    return [
      {
        title: `Supernet block training on ${backend.name}`,
        columns: ['block', 'depth', 'steps', 'median ms/step', 'images/s (median)', 'images/s (mean)'],
        rows,
        notes: [
          `default space: ${space.ops.length} ops (k3/5/7 x e3/6), ${space.family.activation}, SE ${space.family.seRatio}; batch ${batch}; one sampled path per step (fwd + bwd + AdamW), ${space.ops.length} warm-up steps`,
          `peak memory: process RSS ${fmt(peakRssMiB(), 0)} MiB, wasm heap ${fmt(wasmHeapMiB(), 0)} MiB (the heap never shrinks)`,
          `load average now: ${loadText()}`,
        ],
      },
    ];
  },
};
