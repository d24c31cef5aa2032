/**
 * Params and FLOPs (multiply-adds of convolutions and dense layers) of one teacher layer, with the
 * same convention as src/shared/cost.ts so teacher and student numbers compare fairly.
 */
import type { GraphLayer } from './teacher-graph';

export function layerParams(l: GraphLayer): number {
  return l.layer.countParams();
}

export function layerFlops(l: GraphLayer, graph: GraphLayer[]): number {
  const config = l.layer.getConfig() as Record<string, unknown>;
  const out = l.outputShape;
  const inShape = l.inbound.length ? graph[l.inbound[0]].outputShape : [];
  const inChannels = inShape[inShape.length - 1] ?? 0;
  const kernel = (config.kernelSize as number[] | number | undefined) ?? 1;
  const [kh, kw] = Array.isArray(kernel) ? kernel : [kernel, kernel];
  switch (l.className) {
    case 'Conv2D':
      return out[0] * out[1] * out[2] * kh * kw * inChannels;
    case 'DepthwiseConv2D':
      return out[0] * out[1] * out[2] * kh * kw;
    case 'SeparableConv2D':
      return out[0] * out[1] * inChannels * ((config.depthMultiplier as number) ?? 1) * (kh * kw + out[2]);
    case 'Dense':
      return out.slice(0, -1).reduce((a, b) => a * b, 1) * inChannels * out[out.length - 1];
    default:
      return 0;
  }
}
