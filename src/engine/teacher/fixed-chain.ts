/**
 * Translates the teacher's stem and head layers into FixedLayer descriptions, the form that the
 * student builder and the code generators understand. Anything outside this small vocabulary is
 * reported by name so the user knows which layer to change or to move into a searched block.
 */
import type { FixedActivation, FixedLayer } from '../../shared/architecture';
import type { GraphLayer } from './teacher-graph';

const ACTIVATIONS: Record<string, FixedActivation> = { linear: 'linear', relu: 'relu', relu6: 'relu6', swish: 'swish', sigmoid: 'sigmoid', softmax: 'softmax' };

function activation(name: unknown, where: string): FixedActivation {
  const a = ACTIVATIONS[String(name ?? 'linear')];
  if (!a) throw new Error(`${where}: activation "${String(name)}" is not supported in the fixed stem/head (supported: ${Object.keys(ACTIVATIONS).join(', ')}).`);
  return a;
}

function square(v: unknown, what: string, where: string): number {
  const [a, b] = Array.isArray(v) ? v : [v, v];
  if (a !== b) throw new Error(`${where}: non-square ${what} ${JSON.stringify(v)} is not supported in the fixed stem/head.`);
  return Number(a);
}

export function toFixedLayer(l: GraphLayer): FixedLayer | null {
  const c = l.layer.getConfig() as Record<string, unknown>;
  const where = `teacher layer "${l.name}" (${l.className})`;
  switch (l.className) {
    case 'InputLayer':
      return null;
    case 'Conv2D':
      if (square(c.dilationRate ?? 1, 'dilation', where) !== 1) throw new Error(`${where}: dilated convolutions are not supported in the fixed stem/head.`);
      return { kind: 'conv2d', name: l.name, filters: Number(c.filters), kernel: square(c.kernelSize, 'kernel', where), stride: square(c.strides ?? 1, 'stride', where), padding: c.padding === 'valid' ? 'valid' : 'same', useBias: Boolean(c.useBias), activation: activation(c.activation, where) };
    case 'DepthwiseConv2D':
      return { kind: 'depthwiseConv2d', name: l.name, kernel: square(c.kernelSize, 'kernel', where), stride: square(c.strides ?? 1, 'stride', where), padding: c.padding === 'valid' ? 'valid' : 'same', useBias: Boolean(c.useBias), depthMultiplier: Number(c.depthMultiplier ?? 1), activation: activation(c.activation, where) };
    case 'BatchNormalization':
      return { kind: 'batchNorm', name: l.name, epsilon: Number(c.epsilon ?? 1e-3), momentum: Number(c.momentum ?? 0.99) };
    case 'Activation':
      return { kind: 'activation', name: l.name, fn: activation(c.activation, where) };
    case 'ReLU': {
      const max = c.maxValue as number | null | undefined;
      if (max == null) return { kind: 'activation', name: l.name, fn: 'relu' };
      if (max === 6) return { kind: 'activation', name: l.name, fn: 'relu6' };
      throw new Error(`${where}: ReLU with maxValue ${max} is not supported (only 6 or none).`);
    }
    case 'GlobalAveragePooling2D':
      return { kind: 'globalAvgPool', name: l.name };
    case 'Flatten':
      return { kind: 'flatten', name: l.name };
    case 'Dropout':
      return { kind: 'dropout', name: l.name, rate: Number(c.rate ?? 0) };
    case 'Dense':
      return { kind: 'dense', name: l.name, units: Number(c.units), useBias: Boolean(c.useBias), activation: activation(c.activation, where) };
    default:
      throw new Error(`${where} cannot be part of the fixed stem or head (supported: Conv2D, DepthwiseConv2D, BatchNormalization, Activation, ReLU, GlobalAveragePooling2D, Flatten, Dropout, Dense). Move it into a searched block with teacher.cuts, or simplify the stem/head.`);
  }
}
