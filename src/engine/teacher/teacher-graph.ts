/**
 * A read-only view of a LayersModel's graph: layers in topological order, who feeds whom, and
 * each layer's output shape. Cutting the teacher needs exactly this and nothing from tfjs internals
 * beyond `inboundNodes`.
 */
import type * as tf from '@tensorflow/tfjs';

export interface GraphLayer {
  index: number;
  name: string;
  className: string;
  /** Output shape without the batch dimension. */
  outputShape: number[];
  inbound: number[];
  layer: tf.layers.Layer;
}

export class TeacherGraphError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeacherGraphError';
  }
}

export function readGraph(model: tf.LayersModel, file: string): GraphLayer[] {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new TeacherGraphError(`${file}: the teacher must have exactly one input and one output (it has ${model.inputs.length} and ${model.outputs.length}).`);
  }
  const byName = new Map<string, number>();
  model.layers.forEach((l, i) => byName.set(l.name, i));
  return model.layers.map((layer, index) => {
    const shape = layer.outputShape;
    if (Array.isArray(shape[0])) throw new TeacherGraphError(`${file}: layer "${layer.name}" has several outputs; only single-output layers are supported.`);
    const nodes = (layer as unknown as { inboundNodes: { inboundLayers: tf.layers.Layer[] }[] }).inboundNodes;
    if (nodes.length > 1) throw new TeacherGraphError(`${file}: layer "${layer.name}" is used ${nodes.length} times (shared layers are not supported).`);
    const inbound = (nodes[0]?.inboundLayers ?? []).map((l) => byName.get(l.name)!);
    return { index, name: layer.name, className: layer.getClassName(), outputShape: (shape as (number | null)[]).slice(1) as number[], inbound, layer };
  });
}

/**
 * Layers after which the graph can be cut: nothing computed before the layer is used after it
 * except through the layer's own output (no skip connection crosses). Returns, per layer index,
 * null when it is a cut point, or the edge that crosses it.
 */
export function crossingEdges(graph: GraphLayer[]): ({ from: string; to: string } | null)[] {
  const result: ({ from: string; to: string } | null)[] = [];
  // For each position p, the furthest consumer of any layer before p.
  let reach = -1;
  let reachEdge: { from: string; to: string } | null = null;
  const furthest = graph.map(() => ({ to: -1 }));
  graph.forEach((l) => l.inbound.forEach((i) => (furthest[i].to = Math.max(furthest[i].to, l.index))));
  for (let p = 0; p < graph.length; p++) {
    result.push(reach > p ? reachEdge : null);
    if (furthest[p].to > reach) {
      reach = furthest[p].to;
      reachEdge = { from: graph[p].name, to: graph[reach]?.name ?? '?' };
    }
  }
  return result;
}
