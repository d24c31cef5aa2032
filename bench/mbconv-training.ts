/**
 * One MBConv block training step as the engine runs it: the product's own MBConv op
 * (src/engine/supernet/mbconv-op.ts: 1x1 expand + BN + act, depthwise + BN + act, 1x1 project +
 * BN, residual), train-ops' MSE, and the product's Adam (AdamW with no decay = Adam).
 */
import * as tf from '@tensorflow/tfjs';
import { createMBConvWeights, mbconvForward, mbconvVariables } from '../src/engine/supernet/mbconv-op';
import { mseLoss } from '../src/engine/supernet/train-ops';
import { AdamW } from '../src/engine/optim/adamw';
import type { MBConvLayerSpec, OpFamily } from '../src/shared/search-space';

export interface MBConvShape {
  batch: number;
  size: number;
  channels: number;
  expand: number;
  kernel: number;
}

export const BENCH_MBCONV: MBConvShape = { batch: 64, size: 14, channels: 40, expand: 6, kernel: 5 };

function seededNormal(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
  return out;
}

export interface MBConvTrainer {
  /** One training step; returns the loss. */
  step(): number;
  dispose(): void;
}

let instance = 0;

/** Builds weights, data and optimiser on the ACTIVE backend. */
export function mbconvTrainer(shape: MBConvShape, family: OpFamily = { activation: 'relu6', seRatio: 0 }): MBConvTrainer {
  const { batch, size, channels, expand, kernel } = shape;
  const layer: MBConvLayerSpec = { inChannels: channels, outChannels: channels, stride: 1, kernel, expansion: expand, residual: true, inputHeight: size, inputWidth: size };
  let s = 12345;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const weights = createMBConvWeights(layer, family, `bench${instance++}`, rand);
  const vars = mbconvVariables(weights);
  const byName = new Map(vars.map((v) => [v.name, v]));
  const optimizer = new AdamW({ learningRate: 1e-3 });
  const n = batch * size * size * channels;
  const x = tf.tensor4d(seededNormal(n, 1), [batch, size, size, channels]);
  const target = tf.tensor4d(seededNormal(n, 2), [batch, size, size, channels]);
  return {
    step: () =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => mseLoss(mbconvForward(weights, x, layer, family, { kind: 'batch' }), target), vars);
        optimizer.apply(byName, grads, new Set());
        return value.dataSync()[0];
      }),
    dispose: () => {
      optimizer.dispose();
      tf.dispose([x, target, ...vars]);
    },
  };
}

/** Kernel time per kernel name over one step (tf.profile), largest first. */
export async function profileStep(trainer: MBConvTrainer): Promise<{ name: string; ms: number; calls: number }[]> {
  const profile = await tf.profile(() => void trainer.step());
  const byName = new Map<string, { ms: number; calls: number }>();
  for (const k of profile.kernels) {
    const e = byName.get(k.name) ?? { ms: 0, calls: 0 };
    e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    e.calls++;
    byName.set(k.name, e);
  }
  return [...byName.entries()].map(([name, e]) => ({ name, ...e })).sort((a, b) => b.ms - a.ms);
}
