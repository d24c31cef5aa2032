/**
 * Architectures for the code generator tests: the demo teacher's search space with chosen ops,
 * and seeded random architectures that together cover every op kind, depth, residual and
 * non-residual layer, squeeze-excite on and off, every activation and every fixed layer kind.
 */
import type { ArchitectureSpec, ChosenBlock, FixedActivation, FixedLayer } from '../../../src/shared/architecture';
import type { Activation, MBConvOp, Shape3 } from '../../../src/shared/search-space';
import { sameOutputSize } from '../../../src/shared/search-space';
import { checkArchitecture } from '../../../src/shared/architecture-check';
import { architectureLayerNames, MBCONV_SUFFIX } from '../../../src/shared/layer-names';
import { mulberry } from '../search/prng';

/** The built-in teacher's fixed stem and head, as the engine's cut produces them. */
export const FASHION_STEM: FixedLayer[] = [
  { kind: 'conv2d', name: 'stem_conv', filters: 16, kernel: 3, stride: 2, padding: 'same', useBias: false, activation: 'linear' },
  { kind: 'batchNorm', name: 'stem_conv_bn', epsilon: 0.001, momentum: 0.99 },
  { kind: 'activation', name: 'stem_conv_relu6', fn: 'relu6' },
];
export const FASHION_HEAD: FixedLayer[] = [
  { kind: 'conv2d', name: 'head_conv', filters: 256, kernel: 1, stride: 1, padding: 'same', useBias: false, activation: 'linear' },
  { kind: 'batchNorm', name: 'head_conv_bn', epsilon: 0.001, momentum: 0.99 },
  { kind: 'activation', name: 'head_conv_relu6', fn: 'relu6' },
  { kind: 'globalAvgPool', name: 'head_pool' },
  { kind: 'dropout', name: 'head_dropout', rate: 0.2 },
  { kind: 'dense', name: 'classifier', units: 10, useBias: true, activation: 'softmax' },
];
/** The built-in teacher's blocks (name, input, output, stride). */
export const FASHION_BLOCKS: { name: string; inputShape: Shape3; outputShape: Shape3; stride: number }[] = [
  { name: 'stage1', inputShape: [14, 14, 16], outputShape: [14, 14, 24], stride: 1 },
  { name: 'stage2', inputShape: [14, 14, 24], outputShape: [7, 7, 32], stride: 2 },
  { name: 'stage3', inputShape: [7, 7, 32], outputShape: [7, 7, 48], stride: 1 },
  { name: 'stage4', inputShape: [7, 7, 48], outputShape: [4, 4, 64], stride: 2 },
  { name: 'stage5', inputShape: [4, 4, 64], outputShape: [4, 4, 96], stride: 1 },
];

const op = (id: string): MBConvOp => {
  const m = /^k(\d)e(\d+)$/.exec(id)!;
  return { kernel: Number(m[1]), expansion: Number(m[2]) };
};

/** The demo search space's architecture with the given op ids per block, e.g. [['k3e6'], ['k5e3', 'k3e3'], ...]. */
export function fashionArchitecture(ops: string[][], name = 'dna-fashion-a'): ArchitectureSpec {
  return {
    name,
    inputShape: [28, 28, 1],
    numClasses: 10,
    family: { seRatio: 0.25, activation: 'swish' },
    stem: FASHION_STEM,
    blocks: FASHION_BLOCKS.map((b, index) => ({ ...b, index, width: b.outputShape[2], ops: ops[index].map(op) })),
    head: FASHION_HEAD,
    provenance: { runId: '2024-05-01-fashion-7f3a', note: 'Pareto point 3 of 12' },
  };
}

export const FASHION_A = (): ArchitectureSpec =>
  fashionArchitecture([['k3e3'], ['k5e6', 'k3e3'], ['k3e6', 'k3e3', 'k7e3'], ['k5e6', 'k3e3'], ['k3e6']]);

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const int = (rand: () => number, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

const FIXED_ACTS: FixedActivation[] = ['linear', 'relu', 'relu6', 'swish', 'sigmoid', 'softmax'];
const BLOCK_ACTS: Activation[] = ['relu', 'relu6', 'swish'];
const KERNELS = [1, 3, 5, 7];
const EXPANSIONS = [1, 2, 3, 6];

type Map3 = [number, number, number];

function randomStem(rand: () => number, input: Map3): { layers: FixedLayer[]; shape: Map3 } {
  const layers: FixedLayer[] = [];
  let [h, w] = input;
  let c: number;
  const kernel = int(rand, 1, 4); // even kernels exercise TF's asymmetric 'same' padding in PyTorch
  const stride = int(rand, 1, 2);
  const padding = rand() < 0.7 || kernel > Math.min(h, w) ? 'same' : 'valid';
  const filters = int(rand, 3, 8);
  layers.push({ kind: 'conv2d', name: 'stem_conv', filters, kernel, stride, padding, useBias: rand() < 0.5, activation: pick(rand, FIXED_ACTS) });
  const out = (n: number, k: number, s: number, p: string) => (p === 'same' ? sameOutputSize(n, s) : Math.floor((n - k) / s) + 1);
  [h, w, c] = [out(h, kernel, stride, padding), out(w, kernel, stride, padding), filters];
  if (rand() < 0.5) {
    const k = pick(rand, [2, 3]);
    const s = int(rand, 1, 2);
    const m = int(rand, 1, 2);
    layers.push({ kind: 'depthwiseConv2d', name: 'stem/dw:0', kernel: k, stride: s, padding: 'same', useBias: rand() < 0.5, depthMultiplier: m, activation: pick(rand, FIXED_ACTS) });
    [h, w, c] = [sameOutputSize(h, s), sameOutputSize(w, s), c * m];
  }
  layers.push({ kind: 'batchNorm', name: 'stem_bn', epsilon: pick(rand, [1e-3, 1e-5]), momentum: pick(rand, [0.99, 0.9]) });
  layers.push({ kind: 'activation', name: 'stem_act', fn: pick(rand, FIXED_ACTS) });
  return { layers, shape: [h, w, c] };
}

function randomHead(rand: () => number, numClasses: number): FixedLayer[] {
  const last: FixedLayer = { kind: 'dense', name: 'classifier', units: numClasses, useBias: rand() < 0.8, activation: pick(rand, ['softmax', 'linear'] as const) };
  switch (int(rand, 0, 2)) {
    case 0:
      return [
        { kind: 'conv2d', name: 'head_conv', filters: int(rand, 4, 12), kernel: 1, stride: 1, padding: 'same', useBias: false, activation: 'linear' },
        { kind: 'batchNorm', name: 'head_bn', epsilon: 1e-3, momentum: 0.99 },
        { kind: 'activation', name: 'head_act', fn: pick(rand, FIXED_ACTS) },
        { kind: 'globalAvgPool', name: 'head_pool' },
        { kind: 'dropout', name: 'head_dropout', rate: 0.2 },
        last,
      ];
    case 1:
      // Dense on a feature map acts on the channel axis; Flatten keeps TF's HWC order.
      return [{ kind: 'dense', name: 'head_mix', units: int(rand, 2, 6), useBias: true, activation: pick(rand, FIXED_ACTS) }, { kind: 'flatten', name: 'head_flatten' }, last];
    default:
      return [{ kind: 'globalAvgPool', name: 'pool' }, { kind: 'dense', name: 'hidden', units: int(rand, 4, 9), useBias: true, activation: pick(rand, FIXED_ACTS) }, last];
  }
}

/** A random buildable architecture, small enough to build and run quickly on the cpu backend. */
export function randomArchitecture(rand: () => number, index: number): ArchitectureSpec {
  const inputShape: Map3 = [int(rand, 6, 13), int(rand, 6, 13), int(rand, 1, 3)];
  const stem = randomStem(rand, inputShape);
  let shape = stem.shape;
  const blocks: ChosenBlock[] = [];
  const nBlocks = int(rand, 1, 3);
  for (let b = 0; b < nBlocks; b++) {
    const stride = int(rand, 1, 2);
    // Keep the input channels now and then so single-layer blocks can be residual too.
    const outC = rand() < 0.3 ? shape[2] : int(rand, 2, 10);
    const depth = int(rand, 1, 3);
    const outputShape: Map3 = [sameOutputSize(shape[0], stride), sameOutputSize(shape[1], stride), outC];
    blocks.push({
      index: b,
      name: pick(rand, ['stage', 'block', 'layer']) + `${b + 1}`,
      inputShape: shape,
      outputShape,
      stride,
      width: int(rand, 2, 10),
      ops: Array.from({ length: depth }, () => ({ kernel: pick(rand, KERNELS), expansion: pick(rand, EXPANSIONS) })),
    });
    shape = outputShape;
  }
  const numClasses = int(rand, 2, 7);
  return {
    name: `random-${index}`,
    inputShape,
    numClasses,
    family: { seRatio: pick(rand, [0, 0.25, 0.5]), activation: pick(rand, BLOCK_ACTS) },
    stem: stem.layers,
    blocks,
    head: randomHead(rand, numClasses),
    provenance: { runId: `test-run-${index}` },
  };
}

/** The set every generator test runs: the demo architecture and seeded random ones (see the coverage test). */
export function testArchitectures(randomCount = 14, seed = 20240501): ArchitectureSpec[] {
  const archs = [FASHION_A()];
  const rand = mulberry(seed);
  for (let i = 0; i < randomCount; i++) archs.push(randomArchitecture(rand, i));
  return archs;
}

/**
 * For comparing feature maps block by block: each block's PyTorch attribute and the engine model's
 * layers whose outputs enter it (the stem's last layer, or the previous block's end) and leave it
 * (the last MBConv layer's residual add, or its project BN).
 */
export function blockBoundaries(arch: ArchitectureSpec): { attr: string; inputLayer: string; outputLayer: string }[] {
  const names = architectureLayerNames(arch);
  const ends = [names.stem.length ? names.stem[names.stem.length - 1] : names.input];
  checkArchitecture(arch).blocks.forEach((traced, b) => {
    const last = traced.layers[traced.layers.length - 1];
    ends.push(names.blocks[b].layers[traced.layers.length - 1] + (last.residual ? MBCONV_SUFFIX.add : MBCONV_SUFFIX.projectBn));
  });
  return arch.blocks.map((_, b) => ({ attr: names.blocks[b].prefix, inputLayer: ends[b], outputLayer: ends[b + 1] }));
}
