/**
 * TensorFlow.js (layers API) source for an architecture, as TypeScript or JavaScript. Builds
 * exactly what src/engine/model/build-architecture.ts builds — same layers, same order, same
 * names — so the generated model's countParams() equals architectureCost(arch).params and the
 * engine's weights load into it by name.
 */
import type { ArchitectureSpec, FixedLayer } from '../shared/architecture';
import { checkArchitecture } from '../shared/architecture-check';
import { pathCost, seChannels } from '../shared/cost';
import { architectureLayerNames, MBCONV_SUFFIX } from '../shared/layer-names';
import { BLOCK_BATCH_NORM, describeArchitecture, describeBlock, jsDoc, numberLiteral, tsString } from './emit-helpers';
import { assemble, type GeneratedCode, type GenerateOptions, type GeneratedSection } from './generated-code';
import { camelCase, NameAllocator, pascalCase } from './identifiers';

const I = '  ';

/** `{ name: 'a', filters: 3 }` from ordered entries, leaving out undefined values. */
function objectLiteral(entries: [string, string | undefined][]): string {
  return `{ ${entries.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
}

function fixedLayerExpression(layer: FixedLayer, name: string): string {
  const n: [string, string] = ['name', tsString(name)];
  const act = (a: string): string | undefined => (a === 'linear' ? undefined : tsString(a));
  switch (layer.kind) {
    case 'conv2d':
      return `tf.layers.conv2d(${objectLiteral([n, ['filters', String(layer.filters)], ['kernelSize', String(layer.kernel)], ['strides', layer.stride === 1 ? undefined : String(layer.stride)], ['padding', tsString(layer.padding)], ['useBias', layer.useBias ? undefined : 'false'], ['activation', act(layer.activation)]])})`;
    case 'depthwiseConv2d':
      return `tf.layers.depthwiseConv2d(${objectLiteral([n, ['kernelSize', String(layer.kernel)], ['strides', layer.stride === 1 ? undefined : String(layer.stride)], ['padding', tsString(layer.padding)], ['depthMultiplier', layer.depthMultiplier === 1 ? undefined : String(layer.depthMultiplier)], ['useBias', layer.useBias ? undefined : 'false'], ['activation', act(layer.activation)]])})`;
    case 'batchNorm':
      return `tf.layers.batchNormalization(${objectLiteral([n, ['epsilon', numberLiteral(layer.epsilon)], ['momentum', numberLiteral(layer.momentum)]])})`;
    case 'activation':
      return `tf.layers.activation(${objectLiteral([n, ['activation', tsString(layer.fn)]])})`;
    case 'globalAvgPool':
      return `tf.layers.globalAveragePooling2d(${objectLiteral([n])})`;
    case 'flatten':
      return `tf.layers.flatten(${objectLiteral([n])})`;
    case 'dropout':
      return `tf.layers.dropout(${objectLiteral([n, ['rate', numberLiteral(layer.rate)]])})`;
    case 'dense':
      return `tf.layers.dense(${objectLiteral([n, ['units', String(layer.units)], ['useBias', layer.useBias ? undefined : 'false'], ['activation', act(layer.activation)]])})`;
  }
}

function mbconvHelper(name: string, typed: boolean): string {
  const S = (key: keyof typeof MBCONV_SUFFIX): string => `\`\${name}${MBCONV_SUFFIX[key]}\``;
  const bn = `epsilon: ${numberLiteral(BLOCK_BATCH_NORM.epsilon)}, momentum: ${numberLiteral(BLOCK_BATCH_NORM.momentum)}`;
  const doc = [
    'One MBConv layer, exactly as DNA Search builds it: 1x1 expand (left out when expansion is 1), depthwise kernel x kernel with the stride, squeeze-excite (when seFilters > 0), 1x1 project, each convolution followed by batch norm; an identity shortcut when the stride is 1 and the channel count stays the same. Its layers are named `${name}_expand`, `${name}_dw`, ... so weights map by name.',
  ];
  const optionsType = "{ filters: number; kernel: number; stride: number; expansion: number; seFilters: number; activation: 'relu' | 'relu6' | 'swish' }";
  if (!typed) {
    doc.push(
      '',
      '@param {tf.SymbolicTensor} x',
      '@param {string} name prefix of the layer names',
      `@param {${optionsType.replace(/;/g, ',')}} o`,
      '@returns {tf.SymbolicTensor}',
    );
  }
  const T = (t: string): string => (typed ? t : '');
  const apply = typed
    ? 'const apply = (layer: tf.layers.Layer, input: tf.SymbolicTensor | tf.SymbolicTensor[]) => layer.apply(input) as tf.SymbolicTensor;'
    : 'const apply = (layer, input) => layer.apply(input);';
  return [
    jsDoc(doc),
    ...(typed
      ? [`function ${name}(`, `${I}x: tf.SymbolicTensor,`, `${I}name: string,`, `${I}o: ${optionsType},`, '): tf.SymbolicTensor {']
      : [`function ${name}(x, name, o) {`]),
    `${I}${apply}`,
    `${I}const inChannels = x.shape[3]${T(' as number')};`,
    `${I}const expanded = inChannels * o.expansion;`,
    `${I}const shortcut = x;`,
    `${I}if (o.expansion !== 1) {`,
    `${I}${I}x = apply(tf.layers.conv2d({ name: ${S('expand')}, filters: expanded, kernelSize: 1, padding: 'same', useBias: false }), x);`,
    `${I}${I}x = apply(tf.layers.batchNormalization({ name: ${S('expandBn')}, ${bn} }), x);`,
    `${I}${I}x = apply(tf.layers.activation({ name: ${S('expandAct')}, activation: o.activation }), x);`,
    `${I}}`,
    `${I}x = apply(tf.layers.depthwiseConv2d({ name: ${S('dw')}, kernelSize: o.kernel, strides: o.stride, padding: 'same', useBias: false }), x);`,
    `${I}x = apply(tf.layers.batchNormalization({ name: ${S('dwBn')}, ${bn} }), x);`,
    `${I}x = apply(tf.layers.activation({ name: ${S('dwAct')}, activation: o.activation }), x);`,
    `${I}if (o.seFilters > 0) {`,
    `${I}${I}let s = apply(tf.layers.globalAveragePooling2d({ name: ${S('sePool')} }), x);`,
    `${I}${I}s = apply(tf.layers.reshape({ name: ${S('seReshape')}, targetShape: [1, 1, expanded] }), s);`,
    `${I}${I}s = apply(tf.layers.conv2d({ name: ${S('seReduce')}, filters: o.seFilters, kernelSize: 1, activation: o.activation }), s);`,
    `${I}${I}s = apply(tf.layers.conv2d({ name: ${S('seExpand')}, filters: expanded, kernelSize: 1, activation: 'sigmoid' }), s);`,
    `${I}${I}x = apply(tf.layers.multiply({ name: ${S('seScale')} }), [x, s]);`,
    `${I}}`,
    `${I}x = apply(tf.layers.conv2d({ name: ${S('project')}, filters: o.filters, kernelSize: 1, padding: 'same', useBias: false }), x);`,
    `${I}x = apply(tf.layers.batchNormalization({ name: ${S('projectBn')}, ${bn} }), x);`,
    `${I}if (o.stride === 1 && inChannels === o.filters) x = apply(tf.layers.add({ name: ${S('add')} }), [x, shortcut]);`,
    `${I}return x;`,
    '}',
  ].join('\n');
}

/** TF.js source for `arch`; `typed` picks TypeScript over JavaScript. Throws ArchitectureError for a spec that cannot be built. */
export function generateTfjs(arch: ArchitectureSpec, typed: boolean, opts: GenerateOptions = {}): GeneratedCode {
  const trace = checkArchitecture(arch);
  const names = architectureLayerNames(arch);
  const T = (t: string): string => (typed ? t : '');
  const apply = (expr: string): string => `${I}x = ${expr}.apply(x)${T(' as tf.SymbolicTensor')};`;
  const commonjs = !typed && opts.moduleSystem === 'commonjs';
  const exported = !commonjs && opts.exportEntry !== false;

  const helperNames = new NameAllocator(opts.helperSuffix ?? '');
  const mbconv = helperNames.take('mbconv');
  const top = new NameAllocator(opts.suffix ?? '');
  top.reserve(mbconv);
  const sections: GeneratedSection[] = [{ kind: 'helper', name: mbconv, text: mbconvHelper(mbconv, typed) }];

  const blockFns = trace.blocks.map((traced, b) => {
    const fn = top.take(`${camelCase(names.blocks[b].prefix)}Block`);
    const calls = traced.layers.map((layer, i) => {
      const o = objectLiteral([
        ['filters', String(layer.outChannels)],
        ['kernel', String(layer.kernel)],
        ['stride', String(layer.stride)],
        ['expansion', String(layer.expansion)],
        ['seFilters', String(arch.family.seRatio > 0 ? seChannels(layer.inChannels, arch.family.seRatio) : 0)],
        ['activation', tsString(arch.family.activation)],
      ]);
      return `${I}x = ${mbconv}(x, ${tsString(names.blocks[b].layers[i])}, ${o});`;
    });
    const doc = [describeBlock(traced.block, pathCost(traced.block, traced.block.ops, arch.family))];
    if (!typed) doc.push('', '@param {tf.SymbolicTensor} x', '@returns {tf.SymbolicTensor}');
    sections.push({
      kind: 'block',
      name: fn,
      text: [jsDoc(doc), `function ${fn}(x${T(': tf.SymbolicTensor')})${T(': tf.SymbolicTensor')} {`, ...calls, `${I}return x;`, '}'].join('\n'),
    });
    return fn;
  });

  const entry = opts.entryName ?? top.take(`build${pascalCase(names.model)}`);
  const entryDoc = [...describeArchitecture(arch), "Layer names match DNA Search's own TF.js model, so its saved weights load by name."];
  if (!typed) entryDoc.push('', '@returns {tf.LayersModel}');
  const body = [
    `${I}const input = tf.input({ name: ${tsString(names.input)}, shape: [${arch.inputShape.join(', ')}] });`,
    `${I}let x = input;`,
  ];
  if (arch.stem.length) body.push(`${I}// Stem: the teacher's layers, unchanged.`, ...arch.stem.map((l, i) => apply(fixedLayerExpression(l, names.stem[i]))));
  body.push(`${I}// Searched blocks.`, ...blockFns.map((fn) => `${I}x = ${fn}(x);`));
  if (arch.head.length) body.push(`${I}// Head: the teacher's layers, unchanged.`, ...arch.head.map((l, i) => apply(fixedLayerExpression(l, names.head[i]))));
  body.push(`${I}return tf.model({ name: ${tsString(names.model)}, inputs: input, outputs: x });`);
  sections.push({
    kind: 'entry',
    name: entry,
    text: [jsDoc(entryDoc), `${exported ? 'export ' : ''}function ${entry}()${T(': tf.LayersModel')} {`, ...body, '}'].join('\n'),
  });

  const imports = [commonjs ? "const tf = require('@tensorflow/tfjs');" : "import * as tf from '@tensorflow/tfjs';"];
  return assemble(typed ? 'tfjs-ts' : 'tfjs-js', typed ? 'typescript' : 'javascript', imports, sections);
}
