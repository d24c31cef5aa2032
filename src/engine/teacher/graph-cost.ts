/**
 * Params and FLOPs of one graph-model node, with the conventions of src/shared/cost.ts (and
 * layer-cost.ts for Layers teachers): params are the weights its constant inputs hold, FLOPs the
 * multiply-adds of convolutions and matrix products.
 */
import type { Cost } from '../../shared/cost';
import type { GraphOpNode } from './graph-view';

/** Ops whose every float constant input is a trained weight, scalars included. */
const WEIGHT_OPS = new Set([
  'Conv2D',
  '_FusedConv2D',
  'DepthwiseConv2dNative',
  'FusedDepthwiseConv2dNative',
  'MatMul',
  '_FusedMatMul',
  'BatchMatMul',
  'BatchMatMulV2',
  'BiasAdd',
  'FusedBatchNorm',
  'FusedBatchNormV2',
  'FusedBatchNormV3',
  'Conv2DBackpropInput',
]);

const FLOAT = new Set(['float32', 'float16']);

const product = (s: number[]) => s.reduce((a, b) => a * b, 1);

/**
 * Params of a node; `counted` holds the weights already attributed to an earlier node. For other
 * ops (Mul, AddV2, Minimum, ...) only constants with more than one element count: a per-channel
 * scale or shift is a weight (a BatchNorm folded into Mul + AddV2), a scalar is a setting (the 6
 * of a Relu6 written as Minimum, the 1/255 of input rescaling), as Keras counts them.
 */
function nodeParams(n: GraphOpNode, counted: Set<string>): number {
  let params = 0;
  for (const c of n.consts) {
    if (!FLOAT.has(c.dtype) || counted.has(c.name)) continue;
    const size = product(c.shape);
    if (!WEIGHT_OPS.has(n.op) && size <= 1) continue;
    counted.add(c.name);
    params += size;
  }
  return params;
}

function nodeFlops(n: GraphOpNode): number {
  const out = n.outputShape;
  const filter = n.consts.find((c) => c.position === 1)?.shape;
  switch (n.op) {
    case 'Conv2D':
    case '_FusedConv2D':
      // filter [kh, kw, in, out]
      return filter ? out[0] * out[1] * product(filter) : 0;
    case 'DepthwiseConv2dNative':
    case 'FusedDepthwiseConv2dNative':
      // filter [kh, kw, in, multiplier]: one kh x kw product per output channel
      return filter ? out[0] * out[1] * product(filter) : 0;
    case 'MatMul':
    case '_FusedMatMul':
    case 'BatchMatMul':
    case 'BatchMatMulV2': {
      const transposeA = n.def.attr?.transpose_a?.b ?? n.def.attr?.adj_x?.b ?? false;
      const inner = transposeA ? n.inputShape[n.inputShape.length - 2] : n.inputShape[n.inputShape.length - 1];
      return product(out) * (inner ?? 0);
    }
    default:
      return 0;
  }
}

export function graphNodeCost(n: GraphOpNode, counted: Set<string>): Cost {
  return { params: nodeParams(n, counted), flops: nodeFlops(n) };
}
