/**
 * Builds the plain TF.js LayersModel of any ArchitectureSpec: the teacher's fixed stem, each
 * block's chosen MBConv layers, the teacher's fixed head. Standard layers only, so the model saves
 * and loads as an ordinary model.json, and `countParams()` equals `architectureCost(arch).params`.
 *
 * Layer semantics — the supernet, this builder and the generated TF.js / Keras / PyTorch code
 * (src/codegen/) all follow exactly this; change it in all four places or nowhere:
 *
 * MBConv layer (in, out, stride, kernel k, expansion e; family.activation; family.seRatio):
 *   1. expand: conv2d 1x1 -> in*e filters, no bias, padding same -> BatchNorm -> activation.
 *      Skipped entirely when e == 1 (the depthwise conv then runs on the input itself).
 *   2. depthwise: depthwiseConv2d k x k, stride, padding same, no bias -> BatchNorm -> activation.
 *   3. squeeze-excite, only when seRatio > 0: global average pool -> reshape [1, 1, in*e] ->
 *      conv2d 1x1 -> seChannels(in, seRatio) filters WITH bias + activation -> conv2d 1x1 ->
 *      in*e filters WITH bias + sigmoid -> multiply with the depthwise output.
 *      (seChannels is a ratio of the layer's INPUT channels, as in EfficientNet.)
 *   4. project: conv2d 1x1 -> out, no bias -> BatchNorm, no activation.
 *   5. residual add when stride == 1 and in == out.
 * BatchNorm: epsilon 1e-3, momentum 0.99 (Keras defaults; PyTorch momentum = 1 - 0.99 = 0.01).
 * 'same' padding is TensorFlow's: for an odd total the extra row/column goes bottom/right
 * (PyTorch code pads explicitly to match).
 * Activations: 'swish' is x * sigmoid(x) (TF.js/Keras 'swish', PyTorch SiLU).
 * Layer names come from src/shared/layer-names.ts (`${block}_l${i}_expand`, `_dw`, ...).
 */
import * as tf from '@tensorflow/tfjs';
import type { ArchitectureSpec, FixedLayer } from '../../shared/architecture';
import { checkArchitecture, type TracedBlock } from '../../shared/architecture-check';
import { seChannels } from '../../shared/cost';
import { architectureLayerNames, mbconvLayerNames, type MBConvLayerNames } from '../../shared/layer-names';
import type { MBConvLayerSpec, OpFamily } from '../../shared/search-space';

export { ArchitectureError, checkArchitecture } from '../../shared/architecture-check';

/** BatchNorm settings of every MBConv layer (Keras defaults). */
export const MBCONV_BN = { epsilon: 1e-3, momentum: 0.99 } as const;

export interface BuildOptions {
  /** Seeds the weight initializers, so the same seed gives the same initial weights. */
  seed?: number;
}

/**
 * Hands out kernel initializers. Unseeded: undefined (TF.js's own default, glorotUniform).
 * Seeded: glorotUniform too, each layer with its own seed derived from the base seed.
 */
export type InitializerSource = () => ReturnType<typeof tf.initializers.glorotUniform> | undefined;

export function initializerSource(seed?: number): InitializerSource {
  let next = 0;
  return () => (seed === undefined ? undefined : tf.initializers.glorotUniform({ seed: seed * 1009 + next++ }));
}

const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]): tf.SymbolicTensor => layer.apply(x) as tf.SymbolicTensor;

/** The plain LayersModel of an architecture; throws ArchitectureError for specs it cannot build. */
export function buildArchitectureModel(arch: ArchitectureSpec, opts: BuildOptions = {}): tf.LayersModel {
  const trace = checkArchitecture(arch);
  const names = architectureLayerNames(arch);
  const init = initializerSource(opts.seed);
  const input = tf.input({ name: names.input, shape: [...arch.inputShape] });
  let x = buildFixedChain(input, arch.stem, names.stem, init);
  trace.blocks.forEach((block, b) => {
    x = buildBlock(x, block, arch.family, names.blocks[b].layers, init);
  });
  x = buildFixedChain(x, arch.head, names.head, init);
  return tf.model({ name: names.model, inputs: input, outputs: x });
}

/** One chosen block: its MBConv layers in order, named by `layerPrefixes` (one per layer). */
export function buildBlock(x: tf.SymbolicTensor, block: TracedBlock, family: OpFamily, layerPrefixes: string[], init: InitializerSource = initializerSource()): tf.SymbolicTensor {
  block.layers.forEach((layer, i) => {
    x = buildMBConvLayer(x, layer, family, mbconvLayerNames(layerPrefixes[i]), init);
  });
  return x;
}

/** One MBConv layer, exactly as described at the top of this file. */
export function buildMBConvLayer(
  x: tf.SymbolicTensor,
  layer: MBConvLayerSpec,
  family: OpFamily,
  names: MBConvLayerNames,
  init: InitializerSource = initializerSource(),
): tf.SymbolicTensor {
  if (x.shape[3] !== layer.inChannels) throw new Error(`MBConv "${names.dw}": expects ${layer.inChannels} input channels, got ${x.shape[3]}`);
  const expanded = layer.inChannels * layer.expansion;
  const act = family.activation;
  const shortcut = x;
  if (layer.expansion !== 1) {
    x = apply(tf.layers.conv2d({ name: names.expand, filters: expanded, kernelSize: 1, padding: 'same', useBias: false, kernelInitializer: init() }), x);
    x = apply(tf.layers.batchNormalization({ name: names.expandBn, ...MBCONV_BN }), x);
    x = apply(tf.layers.activation({ name: names.expandAct, activation: act }), x);
  }
  x = apply(
    tf.layers.depthwiseConv2d({ name: names.dw, kernelSize: layer.kernel, strides: layer.stride, padding: 'same', useBias: false, depthwiseInitializer: init() }),
    x,
  );
  x = apply(tf.layers.batchNormalization({ name: names.dwBn, ...MBCONV_BN }), x);
  x = apply(tf.layers.activation({ name: names.dwAct, activation: act }), x);
  if (family.seRatio > 0) {
    let s = apply(tf.layers.globalAveragePooling2d({ name: names.sePool }), x);
    s = apply(tf.layers.reshape({ name: names.seReshape, targetShape: [1, 1, expanded] }), s);
    s = apply(tf.layers.conv2d({ name: names.seReduce, filters: seChannels(layer.inChannels, family.seRatio), kernelSize: 1, activation: act, kernelInitializer: init() }), s);
    s = apply(tf.layers.conv2d({ name: names.seExpand, filters: expanded, kernelSize: 1, activation: 'sigmoid', kernelInitializer: init() }), s);
    x = apply(tf.layers.multiply({ name: names.seScale }), [x, s]);
  }
  x = apply(tf.layers.conv2d({ name: names.project, filters: layer.outChannels, kernelSize: 1, padding: 'same', useBias: false, kernelInitializer: init() }), x);
  x = apply(tf.layers.batchNormalization({ name: names.projectBn, ...MBCONV_BN }), x);
  if (layer.residual) x = apply(tf.layers.add({ name: names.add }), [x, shortcut]);
  return x;
}

/**
 * A fixed chain (stem or head) as TF.js layers, named by `names` (one per layer; pass the
 * sanitized names of architectureLayerNames). Validate first with checkArchitecture /
 * traceFixedChain: this assumes well-formed layers.
 */
export function buildFixedChain(x: tf.SymbolicTensor, layers: FixedLayer[], names: string[], init: InitializerSource = initializerSource()): tf.SymbolicTensor {
  layers.forEach((layer, i) => {
    x = apply(fixedLayer(layer, names[i], init), x);
  });
  return x;
}

function fixedLayer(layer: FixedLayer, name: string, init: InitializerSource): tf.layers.Layer {
  switch (layer.kind) {
    case 'conv2d':
      return tf.layers.conv2d({
        name,
        filters: layer.filters,
        kernelSize: layer.kernel,
        strides: layer.stride,
        padding: layer.padding,
        useBias: layer.useBias,
        activation: layer.activation,
        kernelInitializer: init(),
      });
    case 'depthwiseConv2d':
      return tf.layers.depthwiseConv2d({
        name,
        kernelSize: layer.kernel,
        strides: layer.stride,
        padding: layer.padding,
        useBias: layer.useBias,
        depthMultiplier: layer.depthMultiplier,
        activation: layer.activation,
        depthwiseInitializer: init(),
      });
    case 'batchNorm':
      return tf.layers.batchNormalization({ name, epsilon: layer.epsilon, momentum: layer.momentum });
    case 'activation':
      return tf.layers.activation({ name, activation: layer.fn });
    case 'globalAvgPool':
      return tf.layers.globalAveragePooling2d({ name });
    case 'flatten':
      return tf.layers.flatten({ name });
    case 'dropout':
      return tf.layers.dropout({ name, rate: layer.rate });
    case 'dense':
      return tf.layers.dense({ name, units: layer.units, useBias: layer.useBias, activation: layer.activation, kernelInitializer: init() });
    default:
      throw new Error(`Unsupported fixed layer kind "${(layer as { kind: string }).kind}" (layer "${name}")`);
  }
}
