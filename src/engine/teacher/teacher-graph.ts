/**
 * A read-only, format-neutral view of a teacher's graph: its nodes in topological order, who feeds
 * whom, each node's output shape, and the few questions cutting needs answered per node (cost,
 * whether it is pointwise, how a run of nodes reads as fixed stem/head layers). cut-teacher.ts
 * cuts any such view; a LayersModel gives one here (layersGraph), a graph model in graph-view.ts.
 */
import type * as tf from '@tensorflow/tfjs';
import type { FixedLayer } from '../../shared/architecture';
import type { Cost } from '../../shared/cost';
import { toFixedLayer } from './fixed-chain';
import { layerFlops, layerParams } from './layer-cost';

export interface GraphNode {
  index: number;
  name: string;
  /** Layer class (LayersModel) or op (graph model). */
  className: string;
  /** Output shape without the batch dimension. */
  outputShape: number[];
  /** Indices of the computed inputs (weights are not nodes). Empty only for the model's input. */
  inbound: number[];
}

export interface GraphLayer extends GraphNode {
  layer: tf.layers.Layer;
}

export interface TeacherGraph<N extends GraphNode = GraphNode> {
  /** What messages call a node: 'layer' (LayersModel) or 'node' (graph model). */
  unit: 'layer' | 'node';
  /** Topological order; the first is the input, the last the class scores. */
  nodes: N[];
  /** The model's input shape without the batch dimension. */
  inputShape: number[];
  /** Every weight of the model, each counted once. */
  totalParams: number;
  /** Whether the output is already a probability distribution (softmax). */
  outputsProbabilities: boolean;
  cost(node: N): Cost;
  /** Mixes only channels or works element-wise (1x1 conv, BN, activation): such a tail is head. */
  isPointwise(node: N): boolean;
  /** The stem or head (a plain chain, checked by the caller) as fixed layers. */
  fixedChain(nodes: N[], what: 'stem' | 'head'): FixedLayer[];
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

const POINTWISE_LAYERS = new Set(['Conv2D', 'BatchNormalization', 'Activation', 'ReLU']);

function isPointwiseLayer(l: GraphLayer): boolean {
  if (!POINTWISE_LAYERS.has(l.className)) return false;
  if (l.className !== 'Conv2D') return true;
  const k = (l.layer.getConfig() as { kernelSize?: number | number[] }).kernelSize;
  return Array.isArray(k) ? k.every((v) => v === 1) : k === 1;
}

/** The view of a LayersModel: one node per layer. */
export function layersGraph(model: tf.LayersModel, file: string): TeacherGraph<GraphLayer> {
  const nodes = readGraph(model, file);
  const last = nodes[nodes.length - 1];
  const lastActivation = (last.layer.getConfig() as { activation?: string }).activation ?? (last.className === 'Softmax' ? 'softmax' : 'linear');
  return {
    unit: 'layer',
    nodes,
    inputShape: (model.inputs[0].shape as (number | null)[]).slice(1) as number[],
    totalParams: model.countParams(),
    outputsProbabilities: lastActivation === 'softmax',
    cost: (l) => ({ params: layerParams(l), flops: layerFlops(l, nodes) }),
    isPointwise: isPointwiseLayer,
    fixedChain: (layers) => layers.map(toFixedLayer).filter((f): f is FixedLayer => f !== null),
  };
}

/**
 * Nodes after which the graph can be cut: nothing computed before the node is used after it
 * except through the node's own output (no skip connection crosses). Returns, per node index,
 * null when it is a cut point, or the edge that crosses it.
 */
export function crossingEdges(graph: GraphNode[]): ({ from: string; to: string } | null)[] {
  const result: ({ from: string; to: string } | null)[] = [];
  // For each position p, the furthest consumer of any node before p.
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

/**
 * The '/'-separated scope that every scoped node name shares (e.g. "StatefulPartitionedCall/model/"
 * in a converted graph, whose output "Identity" sits outside it), so block and layer names can
 * leave it out. Empty for Keras-style names.
 */
export function commonScope(names: string[]): string {
  const split = names.filter((n) => n.includes('/')).map((n) => n.split('/').slice(0, -1));
  if (split.length === 0) return '';
  const scope: string[] = [];
  for (let i = 0; i < split[0].length; i++) {
    if (split.every((s) => s[i] === split[0][i])) scope.push(split[0][i]);
    else break;
  }
  return scope.length ? `${scope.join('/')}/` : '';
}

/** A name without the common scope (names outside it are kept whole). */
export function unscoped(name: string, scope: string): string {
  return scope && name.startsWith(scope) ? name.slice(scope.length) : name;
}
