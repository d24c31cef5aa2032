/**
 * Exact parameter and FLOPs counts. Parameters count every weight TensorFlow.js stores (so a
 * batch norm counts gamma, beta, moving mean and moving variance), which makes the totals equal to
 * `model.countParams()` of the built model. FLOPs are multiply-adds of convolutions and dense
 * layers — the convention of the MobileNet/EfficientNet/DNA papers; element-wise work (BN,
 * activations, the SE product, residual adds, pooling) is not counted.
 */
import type { ArchitectureSpec, ChosenBlock, FixedLayer } from './architecture';
import { pathLayers, sameOutputSize, type MBConvLayerSpec, type MBConvOp, type OpFamily, type SearchSpaceSpec, type Shape3, type StudentBlockSpec } from './search-space';

export interface Cost {
  params: number;
  flops: number;
}

export const ZERO_COST: Cost = Object.freeze({ params: 0, flops: 0 });

export function addCost(a: Cost, b: Cost): Cost {
  return { params: a.params + b.params, flops: a.flops + b.flops };
}

/** Squeeze-excite bottleneck width: a ratio of the layer's input channels, at least 1. */
export function seChannels(inChannels: number, seRatio: number): number {
  return Math.max(1, Math.floor(inChannels * seRatio));
}

/** One MBConv layer: expand 1x1 (+BN), depthwise kxk (+BN), SE (two biased dense), project 1x1 (+BN). */
export function mbconvLayerCost(layer: MBConvLayerSpec, family: OpFamily): Cost {
  const expanded = layer.inChannels * layer.expansion;
  const outH = sameOutputSize(layer.inputHeight, layer.stride);
  const outW = sameOutputSize(layer.inputWidth, layer.stride);
  let params = 0;
  let flops = 0;
  if (layer.expansion !== 1) {
    params += layer.inChannels * expanded + 4 * expanded;
    flops += layer.inputHeight * layer.inputWidth * layer.inChannels * expanded;
  }
  params += layer.kernel * layer.kernel * expanded + 4 * expanded;
  flops += outH * outW * layer.kernel * layer.kernel * expanded;
  if (family.seRatio > 0) {
    const se = seChannels(layer.inChannels, family.seRatio);
    params += expanded * se + se + se * expanded + expanded;
    flops += 2 * expanded * se;
  }
  params += expanded * layer.outChannels + 4 * layer.outChannels;
  flops += outH * outW * expanded * layer.outChannels;
  return { params, flops };
}

export function pathCost(block: StudentBlockSpec | ChosenBlock, ops: MBConvOp[], family: OpFamily): Cost {
  const spec: StudentBlockSpec = { ...block, depths: [ops.length] };
  return pathLayers(spec, ops).reduce((c, l) => addCost(c, mbconvLayerCost(l, family)), ZERO_COST);
}

/** Cost of a fixed chain (stem or head) and the shape it produces. */
export function fixedChainCost(layers: FixedLayer[], input: Shape3): { cost: Cost; output: Shape3 | [number] } {
  let shape: number[] = [...input];
  let params = 0;
  let flops = 0;
  for (const layer of layers) {
    switch (layer.kind) {
      case 'conv2d': {
        const [h, w, c] = shape;
        const oh = convOut(h, layer.kernel, layer.stride, layer.padding);
        const ow = convOut(w, layer.kernel, layer.stride, layer.padding);
        params += layer.kernel * layer.kernel * c * layer.filters + (layer.useBias ? layer.filters : 0);
        flops += oh * ow * layer.kernel * layer.kernel * c * layer.filters;
        shape = [oh, ow, layer.filters];
        break;
      }
      case 'depthwiseConv2d': {
        const [h, w, c] = shape;
        const oh = convOut(h, layer.kernel, layer.stride, layer.padding);
        const ow = convOut(w, layer.kernel, layer.stride, layer.padding);
        const outC = c * layer.depthMultiplier;
        params += layer.kernel * layer.kernel * outC + (layer.useBias ? outC : 0);
        flops += oh * ow * layer.kernel * layer.kernel * outC;
        shape = [oh, ow, outC];
        break;
      }
      case 'batchNorm':
        params += 4 * shape[shape.length - 1];
        break;
      case 'globalAvgPool':
        shape = [shape[shape.length - 1]];
        break;
      case 'flatten':
        shape = [shape.reduce((a, b) => a * b, 1)];
        break;
      case 'dense': {
        const inUnits = shape[shape.length - 1];
        params += inUnits * layer.units + (layer.useBias ? layer.units : 0);
        flops += inUnits * layer.units;
        shape = [...shape.slice(0, -1), layer.units];
        break;
      }
      case 'activation':
      case 'dropout':
        break;
    }
  }
  return { cost: { params, flops }, output: shape as Shape3 | [number] };
}

function convOut(size: number, kernel: number, stride: number, padding: 'same' | 'valid'): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - kernel) / stride) + 1;
}

export interface ArchitectureCost extends Cost {
  stem: Cost;
  blocks: Cost[];
  head: Cost;
}

export function architectureCost(arch: ArchitectureSpec): ArchitectureCost {
  const stem = fixedChainCost(arch.stem, arch.inputShape).cost;
  const blocks = arch.blocks.map((b) => pathCost(b, b.ops, arch.family));
  const lastShape = arch.blocks.length ? arch.blocks[arch.blocks.length - 1].outputShape : arch.inputShape;
  const head = fixedChainCost(arch.head, lastShape).cost;
  const total = [stem, ...blocks, head].reduce(addCost, ZERO_COST);
  return { ...total, stem, blocks, head };
}

/**
 * What training one supernet step costs, relative to the others: the FLOPs of its average path
 * (one uniformly sampled path is trained per step). Orders jobs longest first and weighs each
 * supernet's share of the distillation progress.
 */
export function supernetStepFlops(space: SearchSpaceSpec, block: number, depth: number): number {
  const b = space.blocks[block];
  if (!b) return 0;
  return space.ops.reduce((s, op) => s + pathCost(b, new Array<MBConvOp>(depth).fill(op), space.family).flops, 0) / Math.max(1, space.ops.length);
}
