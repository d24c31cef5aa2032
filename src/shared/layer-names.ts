/**
 * The one place that decides layer names of a built architecture. The TF.js builder
 * (src/engine/model/build-architecture.ts) and every code generator (src/codegen/) take their names
 * from here, so a generated model's layers (and therefore its weight names, e.g.
 * `stage1_l0_dw/depthwise_kernel`) are the same as the engine's: weights can be moved between them
 * by name. Pure string work: no TensorFlow.js here.
 */
import type { ArchitectureSpec } from './architecture';

/** Name of the model's input layer; reserved so no stem/head layer can take it. */
export const INPUT_LAYER_NAME = 'input';

/**
 * Suffixes of the layers of one MBConv layer, appended to its prefix (`${block}_l${i}`).
 * Generated code rebuilds the names as `${name}${suffix}`, so these strings are its contract too.
 */
export const MBCONV_SUFFIX = {
  expand: '_expand',
  expandBn: '_expand_bn',
  expandAct: '_expand_act',
  dw: '_dw',
  dwBn: '_dw_bn',
  dwAct: '_dw_act',
  sePool: '_se_pool',
  seReshape: '_se_reshape',
  seReduce: '_se_reduce',
  seExpand: '_se_expand',
  seScale: '_se_scale',
  project: '_project',
  projectBn: '_project_bn',
  add: '_add',
} as const;

export type MBConvLayerNames = { -readonly [K in keyof typeof MBCONV_SUFFIX]: string };

/** Prefix of layer `i` (0-based, like block indices) of a block. */
export function mbconvPrefix(blockPrefix: string, layerIndex: number): string {
  return `${blockPrefix}_l${layerIndex}`;
}

export function mbconvLayerNames(prefix: string): MBConvLayerNames {
  const names = {} as MBConvLayerNames;
  for (const key of Object.keys(MBCONV_SUFFIX) as (keyof MBConvLayerNames)[]) names[key] = prefix + MBCONV_SUFFIX[key];
  return names;
}

/**
 * A name valid everywhere it is used: a TF.js/Keras layer name (TF.js accepts only
 * `[A-Za-z0-9][-A-Za-z0-9._/]*`) and the stem of a TypeScript/Python identifier. Teacher layer
 * names such as `block_1/conv:0` or `1st stage` become `block_1_conv_0` and `n1st_stage`.
 */
export function sanitizeLayerName(raw: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9_]+/g, '_').replace(/_+/g, '_').replace(/^_+|_+$/g, '');
  if (cleaned === '') return 'layer';
  return /^[0-9]/.test(cleaned) ? `n${cleaned}` : cleaned;
}

/** Every layer name of an architecture, unique across the whole model. */
export interface ArchitectureLayerNames {
  input: string;
  model: string;
  stem: string[];
  blocks: { prefix: string; layers: string[] }[];
  head: string[];
}

/**
 * Names for all layers: teacher names for the stem/head (sanitized; duplicates get `_2`, `_3`),
 * block prefixes from the block names (a prefix gets a number when any of its layer names would
 * collide with a name already taken).
 */
export function architectureLayerNames(arch: ArchitectureSpec, depths = arch.blocks.map((b) => b.ops.length)): ArchitectureLayerNames {
  const taken = new Set<string>([INPUT_LAYER_NAME]);
  const unique = (base: string): string => {
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    return name;
  };
  const stem = arch.stem.map((l) => unique(sanitizeLayerName(l.name)));
  const head = arch.head.map((l) => unique(sanitizeLayerName(l.name)));
  const blocks = arch.blocks.map((block, b) => {
    const base = sanitizeLayerName(block.name);
    const namesOf = (prefix: string): string[] => {
      const all: string[] = [];
      for (let i = 0; i < depths[b]; i++) all.push(...Object.values(mbconvLayerNames(mbconvPrefix(prefix, i))));
      return all;
    };
    let prefix = base;
    for (let n = 2; taken.has(prefix) || namesOf(prefix).some((name) => taken.has(name)); n++) prefix = `${base}_${n}`;
    taken.add(prefix);
    for (const name of namesOf(prefix)) taken.add(name);
    return { prefix, layers: Array.from({ length: depths[b] }, (_, i) => mbconvPrefix(prefix, i)) };
  });
  return { input: INPUT_LAYER_NAME, model: sanitizeLayerName(arch.name), stem, blocks, head };
}
