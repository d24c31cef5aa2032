/**
 * One MBConv candidate op of a supernet layer: its weights and its forward pass. The layer
 * semantics are exactly those of src/engine/model/build-architecture.ts (the retrained model) —
 * expand 1x1 + BN + act, depthwise kxk + BN + act, squeeze-excite, project 1x1 + BN, residual —
 * so a candidate scored here is the network that is later retrained.
 */
import * as tf from '@tensorflow/tfjs';
import { seChannels } from '../../shared/cost';
import type { MBConvLayerSpec, OpFamily } from '../../shared/search-space';
import { activate, batchNormInfer, batchNormTrain, globalAvgPool, type BatchStats } from './train-ops';

export interface MBConvWeights {
  expand?: { kernel: tf.Variable; gamma: tf.Variable; beta: tf.Variable };
  dw: { kernel: tf.Variable; gamma: tf.Variable; beta: tf.Variable };
  se?: { w1: tf.Variable; b1: tf.Variable; w2: tf.Variable; b2: tf.Variable };
  project: { kernel: tf.Variable; gamma: tf.Variable; beta: tf.Variable };
}

/** BN statistics of one op, in forward order (expand?, dw, project). */
export type OpStats = BatchStats[];

/** How batch norm gets its statistics: from the batch (and report them), or from given ones. */
export type BnMode = { kind: 'batch'; collect?: OpStats } | { kind: 'fixed'; stats: OpStats };

function heNormal(shape: number[], fanIn: number, rand: () => number): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(n);
  const std = Math.sqrt(2 / fanIn);
  for (let i = 0; i < n; i += 2) {
    // Box-Muller from the seeded generator, so supernets are reproducible per seed.
    const u = Math.max(rand(), 1e-12);
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    values[i] = r * Math.cos(2 * Math.PI * v) * std;
    if (i + 1 < n) values[i + 1] = r * Math.sin(2 * Math.PI * v) * std;
  }
  return tf.tensor(values, shape);
}

export function createMBConvWeights(layer: MBConvLayerSpec, family: OpFamily, prefix: string, rand: () => number): MBConvWeights {
  const exp = layer.inChannels * layer.expansion;
  // tf.variable shares the initial tensor's data but leaves that tensor registered: dispose it.
  const v = (t: tf.Tensor, name: string) => {
    const variable = tf.variable(t, true, `${prefix}/${name}`);
    t.dispose();
    return variable;
  };
  const bn = (c: number, name: string) => ({ gamma: v(tf.ones([c]), `${name}_gamma`), beta: v(tf.zeros([c]), `${name}_beta`) });
  const w: MBConvWeights = {
    dw: { kernel: v(heNormal([layer.kernel, layer.kernel, exp, 1], layer.kernel * layer.kernel, rand), 'dw_kernel'), ...bn(exp, 'dw_bn') },
    project: { kernel: v(heNormal([1, 1, exp, layer.outChannels], exp, rand), 'project_kernel'), ...bn(layer.outChannels, 'project_bn') },
  };
  if (layer.expansion !== 1) w.expand = { kernel: v(heNormal([1, 1, layer.inChannels, exp], layer.inChannels, rand), 'expand_kernel'), ...bn(exp, 'expand_bn') };
  if (family.seRatio > 0) {
    const se = seChannels(layer.inChannels, family.seRatio);
    w.se = {
      w1: v(heNormal([exp, se], exp, rand), 'se_w1'),
      b1: v(tf.zeros([se]), 'se_b1'),
      w2: v(heNormal([se, exp], se, rand), 'se_w2'),
      b2: v(tf.zeros([exp]), 'se_b2'),
    };
  }
  return w;
}

export function mbconvVariables(w: MBConvWeights): tf.Variable[] {
  const list: tf.Variable[] = [];
  if (w.expand) list.push(w.expand.kernel, w.expand.gamma, w.expand.beta);
  list.push(w.dw.kernel, w.dw.gamma, w.dw.beta);
  if (w.se) list.push(w.se.w1, w.se.b1, w.se.w2, w.se.b2);
  list.push(w.project.kernel, w.project.gamma, w.project.beta);
  return list;
}

/** Kernels get weight decay; BN parameters and biases do not (as in the paper's recipe). */
export function mbconvDecayed(w: MBConvWeights): tf.Variable[] {
  const list = [w.dw.kernel, w.project.kernel];
  if (w.expand) list.push(w.expand.kernel);
  if (w.se) list.push(w.se.w1, w.se.w2);
  return list;
}

export function mbconvForward(w: MBConvWeights, x: tf.Tensor4D, layer: MBConvLayerSpec, family: OpFamily, mode: BnMode): tf.Tensor4D {
  let statIndex = 0;
  const bn = (t: tf.Tensor4D, gamma: tf.Variable, beta: tf.Variable): tf.Tensor4D => {
    if (mode.kind === 'fixed') return batchNormInfer(t, gamma as tf.Tensor1D, beta as tf.Tensor1D, mode.stats[statIndex++]);
    const { y, stats } = batchNormTrain(t, gamma as tf.Tensor1D, beta as tf.Tensor1D);
    mode.collect?.push(stats);
    return y;
  };
  let h = x;
  if (w.expand) h = activate(bn(tf.conv2d(h, w.expand.kernel as tf.Tensor4D, 1, 'same'), w.expand.gamma, w.expand.beta), family.activation);
  h = activate(bn(tf.depthwiseConv2d(h, w.dw.kernel as tf.Tensor4D, layer.stride, 'same'), w.dw.gamma, w.dw.beta), family.activation);
  if (w.se) {
    const [n, , , c] = h.shape;
    const pooled = globalAvgPool(h);
    const reduced = activate(tf.add(tf.matMul(pooled, w.se.w1 as tf.Tensor2D), w.se.b1), family.activation);
    const gate = tf.sigmoid(tf.add(tf.matMul(reduced, w.se.w2 as tf.Tensor2D), w.se.b2));
    h = tf.mul(h, tf.reshape(gate, [n, 1, 1, c]));
  }
  h = bn(tf.conv2d(h, w.project.kernel as tf.Tensor4D, 1, 'same'), w.project.gamma, w.project.beta);
  return layer.residual ? tf.add(h, x) : h;
}
