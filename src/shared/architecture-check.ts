/**
 * Checks that an ArchitectureSpec can be built, and traces the tensor shape through it. The TF.js
 * builder and every code generator call this first, so a spec they cannot build fails with one
 * clear message (naming the layer) instead of a TF.js/PyTorch error deep inside generated code;
 * the code generators also need the traced shapes (PyTorch layers take their input channels).
 *
 * The shapes follow the cost model (src/shared/cost.ts): blocks are resolved with `pathLayers`, and
 * the head starts from the last block's outputShape, so a spec that passes here has
 * `countParams() === architectureCost(arch).params` once built.
 */
import type { ArchitectureSpec, ChosenBlock, FixedActivation, FixedLayer } from './architecture';
import { pathLayers, sameOutputSize, type MBConvLayerSpec, type Shape3 } from './search-space';

export class ArchitectureError extends Error {
  override name = 'ArchitectureError';
}

/** A feature map [h, w, c] or a vector [units] (batch dimension left out). */
export type TensorShape = Shape3 | [number];

export interface TracedFixedLayer {
  layer: FixedLayer;
  input: TensorShape;
  output: TensorShape;
}

export interface TracedBlock {
  block: ChosenBlock;
  layers: MBConvLayerSpec[];
}

export interface ArchitectureTrace {
  stem: TracedFixedLayer[];
  blocks: TracedBlock[];
  head: TracedFixedLayer[];
}

export const FIXED_LAYER_KINDS = ['conv2d', 'depthwiseConv2d', 'batchNorm', 'activation', 'globalAvgPool', 'flatten', 'dropout', 'dense'] as const;
export const FIXED_ACTIVATIONS: readonly FixedActivation[] = ['linear', 'relu', 'relu6', 'swish', 'sigmoid', 'softmax'];
const BLOCK_ACTIVATIONS = ['relu', 'relu6', 'swish'];

const isPositiveInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;
const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);
const fmt = (shape: readonly number[]): string => shape.join('x');

/** Traces one fixed chain (stem or head); throws ArchitectureError for anything it cannot build. */
export function traceFixedChain(layers: FixedLayer[], input: TensorShape, where: 'stem' | 'head'): TracedFixedLayer[] {
  let shape: TensorShape = input;
  return layers.map((layer, i) => {
    const at = `${where} layer ${i} ("${(layer as { name?: unknown }).name}", ${(layer as { kind?: unknown }).kind})`;
    const fail = (why: string): never => {
      throw new ArchitectureError(`Cannot build ${at}: ${why}`);
    };
    if (typeof layer.name !== 'string' || layer.name === '') fail('it has no name');
    if (!(FIXED_LAYER_KINDS as readonly string[]).includes(layer.kind)) {
      fail(`unsupported layer kind; supported kinds are ${FIXED_LAYER_KINDS.join(', ')}`);
    }
    const needsMap = (): Shape3 => (shape.length === 3 ? shape : fail(`it needs an HxWxC feature map but gets a vector of ${shape[0]}`));
    const activation = (fn: unknown): void => {
      if (!FIXED_ACTIVATIONS.includes(fn as FixedActivation)) fail(`unsupported activation "${String(fn)}"; supported are ${FIXED_ACTIVATIONS.join(', ')}`);
    };
    const input = shape;
    switch (layer.kind) {
      case 'conv2d':
      case 'depthwiseConv2d': {
        const [h, w, c] = needsMap();
        if (!isPositiveInt(layer.kernel) || !isPositiveInt(layer.stride)) fail(`kernel and stride must be positive integers (got ${layer.kernel}, ${layer.stride})`);
        if (layer.padding !== 'same' && layer.padding !== 'valid') fail(`padding must be "same" or "valid" (got "${layer.padding}")`);
        if (typeof layer.useBias !== 'boolean') fail('useBias must be true or false');
        activation(layer.activation);
        const out = (size: number): number =>
          layer.padding === 'same' ? sameOutputSize(size, layer.stride) : Math.floor((size - layer.kernel) / layer.stride) + 1;
        if (out(h) < 1 || out(w) < 1) fail(`a ${layer.kernel}x${layer.kernel} "valid" window does not fit its ${h}x${w} input`);
        let channels: number;
        if (layer.kind === 'conv2d') {
          if (!isPositiveInt(layer.filters)) fail(`filters must be a positive integer (got ${layer.filters})`);
          channels = layer.filters;
        } else {
          if (!isPositiveInt(layer.depthMultiplier)) fail(`depthMultiplier must be a positive integer (got ${layer.depthMultiplier})`);
          channels = c * layer.depthMultiplier;
        }
        shape = [out(h), out(w), channels];
        break;
      }
      case 'batchNorm':
        if (!(layer.epsilon > 0) || !Number.isFinite(layer.epsilon)) fail(`epsilon must be a positive number (got ${layer.epsilon})`);
        if (!(layer.momentum >= 0 && layer.momentum < 1)) fail(`momentum must be in [0, 1) (got ${layer.momentum})`);
        break;
      case 'activation':
        activation(layer.fn);
        break;
      case 'globalAvgPool':
        shape = [needsMap()[2]];
        break;
      case 'flatten': {
        const [h, w, c] = needsMap();
        shape = [h * w * c];
        break;
      }
      case 'dropout':
        if (!(layer.rate >= 0 && layer.rate < 1)) fail(`rate must be in [0, 1) (got ${layer.rate})`);
        break;
      case 'dense':
        if (!isPositiveInt(layer.units)) fail(`units must be a positive integer (got ${layer.units})`);
        if (typeof layer.useBias !== 'boolean') fail('useBias must be true or false');
        activation(layer.activation);
        // Dense acts on the last axis, so on a feature map it is a 1x1 convolution (as in TF.js).
        shape = shape.length === 3 ? [shape[0], shape[1], layer.units] : [layer.units];
        break;
    }
    return { layer, input, output: shape };
  });
}

/** Checks a whole architecture and returns its traced shapes; throws ArchitectureError otherwise. */
export function checkArchitecture(arch: ArchitectureSpec): ArchitectureTrace {
  const fail = (why: string): never => {
    throw new ArchitectureError(`Architecture "${arch.name}": ${why}`);
  };
  if (arch.inputShape?.length !== 3 || !arch.inputShape.every(isPositiveInt)) fail(`inputShape must be [height, width, channels] (got ${JSON.stringify(arch.inputShape)})`);
  if (!isPositiveInt(arch.numClasses)) fail(`numClasses must be a positive integer (got ${arch.numClasses})`);
  if (!BLOCK_ACTIVATIONS.includes(arch.family.activation)) fail(`unsupported block activation "${arch.family.activation}"; supported are ${BLOCK_ACTIVATIONS.join(', ')}`);
  if (!(arch.family.seRatio >= 0 && arch.family.seRatio <= 1)) fail(`seRatio must be in [0, 1] (got ${arch.family.seRatio})`);
  // The cost model starts the head from the last block's output; with no block that would skip
  // the stem's shape change, so params would no longer match. A searched net always has blocks.
  if (arch.blocks.length === 0) fail('it has no blocks');

  const stem = traceFixedChain(arch.stem, arch.inputShape, 'stem');
  let shape: TensorShape = stem.length ? stem[stem.length - 1].output : arch.inputShape;
  const blocks = arch.blocks.map((block, b): TracedBlock => {
    const at = `block ${b} ("${block.name}")`;
    if (!sameShape(block.inputShape, shape)) fail(`${at} expects a ${fmt(block.inputShape)} input but gets ${fmt(shape)}`);
    if (!isPositiveInt(block.stride) || !isPositiveInt(block.width)) fail(`${at}: stride and width must be positive integers`);
    if (block.ops.length === 0) fail(`${at} has no layers`);
    block.ops.forEach((op, i) => {
      if (!isPositiveInt(op.kernel) || !isPositiveInt(op.expansion)) fail(`${at} layer ${i}: kernel and expansion must be positive integers (got k${op.kernel} e${op.expansion})`);
    });
    const [h, w] = block.inputShape;
    const expected: Shape3 = [sameOutputSize(h, block.stride), sameOutputSize(w, block.stride), block.outputShape[2]];
    if (!sameShape(block.outputShape, expected)) fail(`${at}: outputShape ${fmt(block.outputShape)} does not follow from its input and stride ${block.stride} (expected ${fmt(expected)})`);
    if (!isPositiveInt(block.outputShape[2])) fail(`${at}: output channels must be a positive integer`);
    shape = block.outputShape;
    return { block, layers: pathLayers({ ...block, depths: [block.ops.length] }, block.ops) };
  });
  const head = traceFixedChain(arch.head, shape, 'head');
  const output = head.length ? head[head.length - 1].output : shape;
  if (!sameShape(output, [arch.numClasses])) fail(`the head must end in a vector of numClasses = ${arch.numClasses} but ends in ${fmt(output)}`);
  return { stem, blocks, head };
}
