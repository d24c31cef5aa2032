/**
 * Keras (Python) source for an architecture: the functional API with the same layers, order and
 * names as the engine's TF.js model, so `model.count_params()` equals architectureCost(arch).params
 * (Keras, like TF.js, counts batch-norm moving statistics) and weights map by layer name.
 * Targets Keras 3 (`import keras`, also what TensorFlow 2.16+ ships as tf.keras), whose activation
 * names include "relu6" and "swish".
 */
import type { ArchitectureSpec, FixedLayer } from '../shared/architecture';
import { checkArchitecture } from '../shared/architecture-check';
import { pathCost, seChannels } from '../shared/cost';
import { architectureLayerNames, MBCONV_SUFFIX } from '../shared/layer-names';
import { BLOCK_BATCH_NORM, describeArchitecture, describeBlock, numberLiteral, pyDoc, pyString } from './emit-helpers';
import { assemble, type GeneratedCode, type GenerateOptions, type GeneratedSection } from './generated-code';
import { NameAllocator } from './identifiers';

const I = '    ';

/** `a, b=c` from ordered arguments, leaving out undefined ones. */
function args(list: (string | [string, string | undefined])[]): string {
  return list
    .filter((a) => typeof a === 'string' || a[1] !== undefined)
    .map((a) => (typeof a === 'string' ? a : `${a[0]}=${a[1]}`))
    .join(', ');
}

const pyBool = (b: boolean): string => (b ? 'True' : 'False');

function fixedLayerCall(layer: FixedLayer, name: string): string {
  const n: [string, string] = ['name', pyString(name)];
  const act = (a: string): string | undefined => (a === 'linear' ? undefined : pyString(a));
  switch (layer.kind) {
    case 'conv2d':
      return `layers.Conv2D(${args([String(layer.filters), String(layer.kernel), ['strides', layer.stride === 1 ? undefined : String(layer.stride)], ['padding', pyString(layer.padding)], ['use_bias', layer.useBias ? undefined : pyBool(false)], ['activation', act(layer.activation)], n])})`;
    case 'depthwiseConv2d':
      return `layers.DepthwiseConv2D(${args([String(layer.kernel), ['strides', layer.stride === 1 ? undefined : String(layer.stride)], ['padding', pyString(layer.padding)], ['depth_multiplier', layer.depthMultiplier === 1 ? undefined : String(layer.depthMultiplier)], ['use_bias', layer.useBias ? undefined : pyBool(false)], ['activation', act(layer.activation)], n])})`;
    case 'batchNorm':
      return `layers.BatchNormalization(${args([['epsilon', numberLiteral(layer.epsilon)], ['momentum', numberLiteral(layer.momentum)], n])})`;
    case 'activation':
      return `layers.Activation(${args([pyString(layer.fn), n])})`;
    case 'globalAvgPool':
      return `layers.GlobalAveragePooling2D(${args([n])})`;
    case 'flatten':
      return `layers.Flatten(${args([n])})`;
    case 'dropout':
      return `layers.Dropout(${args([numberLiteral(layer.rate), n])})`;
    case 'dense':
      return `layers.Dense(${args([String(layer.units), ['use_bias', layer.useBias ? undefined : pyBool(false)], ['activation', act(layer.activation)], n])})`;
  }
}

function mbconvHelper(fn: string): string {
  const N = (key: keyof typeof MBCONV_SUFFIX): string => `name=f"{name}${MBCONV_SUFFIX[key]}"`;
  const bn = `epsilon=${numberLiteral(BLOCK_BATCH_NORM.epsilon)}, momentum=${numberLiteral(BLOCK_BATCH_NORM.momentum)}`;
  return [
    `def ${fn}(x, name, filters, kernel, stride, expansion, se_filters, activation):`,
    pyDoc(
      [
        'One MBConv layer, exactly as DNA Search builds it: 1x1 expand (left out when expansion is 1), depthwise kernel x kernel with the stride, squeeze-excite (when se_filters > 0), 1x1 project, each convolution followed by batch norm; an identity shortcut when the stride is 1 and the channel count stays the same. Its layers are named f"{name}_expand", f"{name}_dw", ... so weights map by name.',
      ],
      I,
    ),
    `${I}in_channels = x.shape[-1]`,
    `${I}expanded = in_channels * expansion`,
    `${I}shortcut = x`,
    `${I}if expansion != 1:`,
    `${I}${I}x = layers.Conv2D(expanded, 1, padding="same", use_bias=False, ${N('expand')})(x)`,
    `${I}${I}x = layers.BatchNormalization(${bn}, ${N('expandBn')})(x)`,
    `${I}${I}x = layers.Activation(activation, ${N('expandAct')})(x)`,
    `${I}x = layers.DepthwiseConv2D(kernel, strides=stride, padding="same", use_bias=False, ${N('dw')})(x)`,
    `${I}x = layers.BatchNormalization(${bn}, ${N('dwBn')})(x)`,
    `${I}x = layers.Activation(activation, ${N('dwAct')})(x)`,
    `${I}if se_filters > 0:`,
    `${I}${I}s = layers.GlobalAveragePooling2D(${N('sePool')})(x)`,
    `${I}${I}s = layers.Reshape((1, 1, expanded), ${N('seReshape')})(s)`,
    `${I}${I}s = layers.Conv2D(se_filters, 1, activation=activation, ${N('seReduce')})(s)`,
    `${I}${I}s = layers.Conv2D(expanded, 1, activation="sigmoid", ${N('seExpand')})(s)`,
    `${I}${I}x = layers.Multiply(${N('seScale')})([x, s])`,
    `${I}x = layers.Conv2D(filters, 1, padding="same", use_bias=False, ${N('project')})(x)`,
    `${I}x = layers.BatchNormalization(${bn}, ${N('projectBn')})(x)`,
    `${I}if stride == 1 and in_channels == filters:`,
    `${I}${I}x = layers.Add(${N('add')})([x, shortcut])`,
    `${I}return x`,
  ].join('\n');
}

/** Keras source for `arch`. Throws ArchitectureError for a spec that cannot be built. */
export function generateKeras(arch: ArchitectureSpec, opts: GenerateOptions = {}): GeneratedCode {
  const trace = checkArchitecture(arch);
  const names = architectureLayerNames(arch);
  const mbconv = new NameAllocator(opts.helperSuffix ?? '').take('mbconv');
  const top = new NameAllocator(opts.suffix ?? '');
  top.reserve(mbconv);
  const sections: GeneratedSection[] = [{ kind: 'helper', name: mbconv, text: mbconvHelper(mbconv) }];

  const blockFns = trace.blocks.map((traced, b) => {
    const fn = top.take(`${names.blocks[b].prefix}_block`);
    const calls = traced.layers.map((layer, i) => {
      const se = arch.family.seRatio > 0 ? seChannels(layer.inChannels, arch.family.seRatio) : 0;
      return `${I}x = ${mbconv}(${args(['x', pyString(names.blocks[b].layers[i]), ['filters', String(layer.outChannels)], ['kernel', String(layer.kernel)], ['stride', String(layer.stride)], ['expansion', String(layer.expansion)], ['se_filters', String(se)], ['activation', pyString(arch.family.activation)]])})`;
    });
    const doc = pyDoc([describeBlock(traced.block, pathCost(traced.block, traced.block.ops, arch.family))], I);
    sections.push({ kind: 'block', name: fn, text: [`def ${fn}(x):`, doc, ...calls, `${I}return x`].join('\n') });
    return fn;
  });

  const entry = opts.entryName ?? top.take(`build_${names.model}`);
  const apply = (layer: FixedLayer, name: string): string => `${I}x = ${fixedLayerCall(layer, name)}(x)`;
  const body = [
    `def ${entry}():`,
    pyDoc([...describeArchitecture(arch), "Layer names match DNA Search's own TF.js model, so its weights map by name. Written for Keras 3 (`import keras`; TensorFlow 2.16+ ships it as tf.keras), whose activations include relu6 and swish."], I),
    `${I}inputs = keras.Input(shape=(${arch.inputShape.join(', ')}), name=${pyString(names.input)})`,
    `${I}x = inputs`,
  ];
  if (arch.stem.length) body.push(`${I}# Stem: the teacher's layers, unchanged.`, ...arch.stem.map((l, i) => apply(l, names.stem[i])));
  body.push(`${I}# Searched blocks.`, ...blockFns.map((fn) => `${I}x = ${fn}(x)`));
  if (arch.head.length) body.push(`${I}# Head: the teacher's layers, unchanged.`, ...arch.head.map((l, i) => apply(l, names.head[i])));
  body.push(`${I}return keras.Model(inputs, x, name=${pyString(names.model)})`);
  sections.push({ kind: 'entry', name: entry, text: body.join('\n') });

  return assemble('keras', 'python', ['import keras', 'from keras import layers'], sections);
}
