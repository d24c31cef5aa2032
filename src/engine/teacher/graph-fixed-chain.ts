/**
 * Reads a graph model's stem or head (a plain chain of nodes) as FixedLayer descriptions: the
 * structure the student rebuilds and retrains from scratch, so weights do not matter, only kinds,
 * filters, kernels, strides, padding, activations and units.
 *
 * Converted graphs fuse what Keras keeps apart: a conv with its (folded) BatchNorm and activation
 * becomes one _FusedConv2D with BiasAdd + Relu6. A fused op reads as one layer with a bias and an
 * activation; unfused BiasAdd and activations merge into the conv or dense layer right before them
 * when they can, and stand alone otherwise. Pad + VALID conv reads as a 'same' conv where the
 * padding is exactly TensorFlow's 'same'. Anything else is refused by node and op, with the fix.
 */
import type { FixedActivation, FixedLayer } from '../../shared/architecture';
import { attrBool, attrInts, attrNumber, attrString, attrStrings } from './graph-def';
import type { GraphOpNode } from './graph-view';
import { TeacherGraphError } from './teacher-graph';

const ACTIVATIONS: Record<string, FixedActivation> = { Relu: 'relu', Relu6: 'relu6', Sigmoid: 'sigmoid', Softmax: 'softmax' };
const CONVS = new Set(['Conv2D', '_FusedConv2D', 'DepthwiseConv2dNative', 'FusedDepthwiseConv2dNative']);
const NO_OPS = new Set(['Placeholder', 'Identity', 'StopGradient', 'Snapshot']);

export const SUPPORTED_FIXED_OPS = [
  'Conv2D',
  'DepthwiseConv2dNative',
  '_FusedConv2D',
  'FusedDepthwiseConv2dNative',
  'BiasAdd',
  'FusedBatchNorm(V2/V3)',
  'Relu',
  'Relu6',
  'Sigmoid',
  'Softmax',
  'Mean (over height and width)',
  'MatMul',
  '_FusedMatMul',
  'Reshape',
  'Squeeze',
  'Identity',
  'Pad (before a conv)',
];

interface Padding {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

type Weighted = Extract<FixedLayer, { kind: 'conv2d' | 'depthwiseConv2d' | 'dense' }>;

const isWeighted = (l: FixedLayer | undefined): l is Weighted => l?.kind === 'conv2d' || l?.kind === 'depthwiseConv2d' || l?.kind === 'dense';

/** TensorFlow's 'same' padding of one spatial dimension: the odd extra row/column goes after. */
function samePadding(size: number, kernel: number, stride: number): [number, number] {
  const total = Math.max((Math.ceil(size / stride) - 1) * stride + kernel - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

export function graphFixedChain(nodes: GraphOpNode[], what: 'stem' | 'head', valueOf: (name: string) => number[], file: string): FixedLayer[] {
  const layers: FixedLayer[] = [];
  /** A Pad node waiting for the conv it pads. */
  let pending: { node: GraphOpNode; padding: Padding } | undefined;
  /** Whether the student's tensor is already a vector (after pooling, flatten or dense). */
  let flat = false;
  const fix = what === 'stem' ? 'move the first cut (teacher.cuts[0]) before it, so it falls inside the first searched block' : 'move the last cut (the last name in teacher.cuts) after it, so it falls inside the last searched block';
  const where = (n: GraphOpNode) => `${file}: ${what} node "${n.name}" (${n.op})`;
  const refuse = (n: GraphOpNode, why: string): never => {
    throw new TeacherGraphError(`${where(n)}: ${why}. The fixed ${what} supports ${SUPPORTED_FIXED_OPS.join(', ')}; ${fix}, or simplify the ${what}.`);
  };
  const constValues = (n: GraphOpNode, position: number, what: string): number[] => {
    const c = n.consts.find((k) => k.position === position);
    if (!c) return refuse(n, `its ${what} is computed, not a constant`);
    return valueOf(c.name);
  };
  const weightShape = (n: GraphOpNode, position: number, what: string): number[] => {
    const c = n.consts.find((k) => k.position === position);
    if (!c) return refuse(n, `its ${what} is computed, not a constant weight`);
    return c.shape;
  };
  /** The fused ops of a _Fused* node: whether it adds a bias, and its activation. */
  const fused = (n: GraphOpNode): { bias: boolean; activation: FixedActivation } => {
    if (!n.op.startsWith('_Fused') && !n.op.startsWith('Fused')) return { bias: false, activation: 'linear' };
    const ops = attrStrings(n.def, 'fused_ops');
    let bias = false;
    let activation: FixedActivation = 'linear';
    ops.forEach((op, i) => {
      if (op === 'BiasAdd' && i === 0) bias = true;
      else if (i === ops.length - 1 && ACTIVATIONS[op] && op !== 'Softmax') activation = ACTIVATIONS[op];
      else refuse(n, `its fused op "${op}" (of ${ops.join(' + ')}) is not supported (a fused BiasAdd, then Relu, Relu6 or Sigmoid, is)`);
    });
    return { bias, activation };
  };
  const activate = (n: GraphOpNode, fn: FixedActivation) => {
    const prev = layers[layers.length - 1];
    if (isWeighted(prev) && prev.activation === 'linear') prev.activation = fn;
    else layers.push({ kind: 'activation', name: n.shortName, fn });
  };

  const convLayer = (n: GraphOpNode, pad: { node: GraphOpNode; padding: Padding } | undefined): FixedLayer => {
    if (flat) refuse(n, 'a convolution after global pooling is not supported');
    const filter = weightShape(n, 1, 'filter');
    const [kh, kw] = filter;
    const strides = attrInts(n.def, 'strides') ?? [1, 1, 1, 1];
    const dilations = attrInts(n.def, 'dilations') ?? [1, 1, 1, 1];
    const format = attrString(n.def, 'data_format') ?? 'NHWC';
    if (format !== 'NHWC') refuse(n, `data format ${format} is not supported (only NHWC, what TF.js runs)`);
    if (kh !== kw) refuse(n, `a non-square ${kh}x${kw} kernel is not supported`);
    if (strides[1] !== strides[2]) refuse(n, `non-square strides ${strides[1]}x${strides[2]} are not supported`);
    if (dilations[1] !== 1 || dilations[2] !== 1) refuse(n, 'dilated convolutions are not supported');
    const stride = strides[1];
    const mode = attrString(n.def, 'padding') ?? 'VALID';
    let explicit: Padding | undefined;
    let size = n.inputShape;
    if (mode === 'EXPLICIT') {
      const p = attrInts(n.def, 'explicit_paddings') ?? [];
      explicit = { top: p[2] ?? 0, bottom: p[3] ?? 0, left: p[4] ?? 0, right: p[5] ?? 0 };
    }
    if (pad) {
      if (mode !== 'VALID') refuse(n, `it pads (${mode}) after the explicit padding of "${pad.node.name}"`);
      explicit = pad.padding;
      size = pad.node.inputShape;
    }
    let padding: 'same' | 'valid' = mode === 'SAME' ? 'same' : 'valid';
    if (explicit) {
      const [top, bottom] = samePadding(size[0], kh, stride);
      const [left, right] = samePadding(size[1], kw, stride);
      const e = explicit;
      if (e.top === top && e.bottom === bottom && e.left === left && e.right === right) padding = 'same';
      else if (e.top || e.bottom || e.left || e.right) {
        refuse(pad?.node ?? n, `its explicit padding (top ${e.top}, bottom ${e.bottom}, left ${e.left}, right ${e.right}) is neither 'valid' nor TensorFlow's 'same' (${top}, ${bottom}, ${left}, ${right}) for the ${kh}x${kw} stride-${stride} convolution on ${size[0]}x${size[1]}`);
      }
    }
    const { bias, activation } = fused(n);
    const name = n.shortName;
    if (n.op === 'Conv2D' || n.op === '_FusedConv2D') return { kind: 'conv2d', name, filters: filter[3], kernel: kh, stride, padding, useBias: bias, activation };
    return { kind: 'depthwiseConv2d', name, kernel: kh, stride, padding, useBias: bias, depthMultiplier: filter[3], activation };
  };

  for (const n of nodes) {
    if (pending && !CONVS.has(n.op)) refuse(pending.node, `it pads explicitly but "${n.name}" after it is not a convolution`);
    if (NO_OPS.has(n.op)) continue;
    if (CONVS.has(n.op)) {
      layers.push(convLayer(n, pending));
      pending = undefined;
      continue;
    }
    switch (n.op) {
      case 'Pad': {
        const p = constValues(n, 1, 'padding');
        if (p.length !== 8 || p[0] || p[1] || p[6] || p[7]) refuse(n, `it pads the batch or channel dimension (paddings [${p}])`);
        pending = { node: n, padding: { top: p[2], bottom: p[3], left: p[4], right: p[5] } };
        break;
      }
      case 'BiasAdd':
      case 'Add':
      case 'AddV2': {
        const prev = layers[layers.length - 1];
        const bias = n.consts.find((c) => c.shape.length === 1);
        if (n.op !== 'BiasAdd' && !bias) refuse(n, 'an addition other than a per-channel bias is not supported');
        if (!isWeighted(prev) || prev.useBias || prev.activation !== 'linear') refuse(n, 'a bias that does not directly follow a convolution or matrix product is not supported');
        (prev as Weighted).useBias = true;
        break;
      }
      case 'FusedBatchNorm':
      case 'FusedBatchNormV2':
      case 'FusedBatchNormV3':
        if (attrBool(n.def, 'is_training')) refuse(n, 'it is in training mode; convert the model for inference');
        // The graph keeps no momentum; the student trains with the Keras default.
        layers.push({ kind: 'batchNorm', name: n.shortName, epsilon: attrNumber(n.def, 'epsilon') ?? 1e-4, momentum: 0.99 });
        break;
      case 'Relu':
      case 'Relu6':
      case 'Sigmoid':
      case 'Softmax':
        activate(n, ACTIVATIONS[n.op]);
        break;
      case 'Mean': {
        const axes = constValues(n, 1, 'reduction axes').map((a) => (a < 0 ? a + 4 : a)).sort();
        if (n.inputShape.length !== 3 || axes.join() !== '1,2') refuse(n, `a mean over axes [${axes}] is not a global average pool over height and width`);
        layers.push({ kind: 'globalAvgPool', name: n.shortName });
        flat = true;
        break;
      }
      case 'MatMul':
      case '_FusedMatMul': {
        if (attrBool(n.def, 'transpose_a')) refuse(n, 'a transposed input is not supported');
        if (!flat) refuse(n, 'a matrix product of a feature map (not a vector) is not supported; pool or flatten first');
        const w = weightShape(n, 1, 'weight matrix');
        const { bias, activation } = fused(n);
        layers.push({ kind: 'dense', name: n.shortName, units: attrBool(n.def, 'transpose_b') ? w[0] : w[1], useBias: bias, activation });
        break;
      }
      case 'Reshape':
      case 'Squeeze': {
        const out = n.outputShape;
        if (out.length === n.inputShape.length && out.every((d, i) => d === n.inputShape[i])) break;
        if (out.length !== 1) refuse(n, `reshaping [${n.inputShape}] to [${out}] is not supported (only to a vector)`);
        if (!flat) layers.push({ kind: 'flatten', name: n.shortName });
        flat = true;
        break;
      }
      default:
        refuse(n, 'this op is not supported in the fixed stem or head');
    }
  }
  if (pending) refuse(pending.node, 'it pads explicitly but no convolution follows it');
  return layers;
}
