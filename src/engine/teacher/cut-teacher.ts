/**
 * Cuts a trained teacher into stem, searchable blocks and head.
 *
 * A cut is only possible after a layer that no skip connection crosses. Automatic cuts go at the
 * ends of the network's stages (see bottleneckCuts; networks without the inverted-residual
 * pattern are cut where the feature-map shape changes). The first stage is the stem; each
 * further stage is one block; what follows is the head. `teacher.cuts` in the config
 * overrides this with layer names: the first ends the stem, each further one ends a block.
 *
 * The algorithm sees only a format-neutral graph view (teacher-graph.ts), so a LayersModel
 * (cutTeacher) and a graph model (graph-view.ts, cut by node names) are cut the same way.
 */
import type * as tf from '@tensorflow/tfjs';
import type { FixedLayer } from '../../shared/architecture';
import { fixedChainCost, type Cost } from '../../shared/cost';
import type { TeacherBlockInfo } from '../../shared/events';
import type { Shape3 } from '../../shared/search-space';
import { commonScope, crossingEdges, layersGraph, TeacherGraphError, unscoped, type GraphNode, type TeacherGraph } from './teacher-graph';

export interface TeacherCut {
  file: string;
  inputShape: Shape3;
  numClasses: number;
  /** Name of the layer (graph model: node) whose output ends the stem, then one per block. */
  boundaries: string[];
  blocks: TeacherBlockInfo[];
  stem: FixedLayer[];
  head: FixedLayer[];
  stemCost: Cost;
  headCost: Cost;
  total: Cost;
  /** Whether the model's output is already a probability distribution (softmax). */
  outputsProbabilities: boolean;
}

type Crossing = ReturnType<typeof crossingEdges>;

function isShape3(s: number[]): s is Shape3 {
  return s.length === 3 && s.every((d) => Number.isInteger(d) && d > 0);
}

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

const isInput = (l: GraphNode) => l.inbound.length === 0;

function autoCuts<N extends GraphNode>(g: TeacherGraph<N>, crossing: Crossing, file: string): number[] {
  const graph = g.nodes;
  // The stem computes something: a cut before the first weighted node (after an input padding,
  // say) would leave an empty stem and a first block that starts with the stem's own conv.
  const firstWeighted = graph.findIndex((l) => g.cost(l).params > 0);
  const cuttable = graph.filter((l) => crossing[l.index] === null && !isInput(l) && l.index >= firstWeighted && isShape3(l.outputShape));
  if (cuttable.length === 0) throw new TeacherGraphError(`${file}: found no ${g.unit} with a 3-D (height x width x channels) output where the network can be cut.`);
  const ends = bottleneckCuts(cuttable);
  const chosen = ends.length >= 2 ? ends : shapeRunCuts(g, cuttable);
  if (chosen.length < 2) throw new TeacherGraphError(`${file}: found only ${chosen.length} stage(s), so there is nothing to search. Name the cut ${g.unit}s with teacher.cuts.`);
  return chosen;
}

/**
 * Inverted-residual networks (MobileNet, EfficientNet) are narrow between units and wide inside
 * them, and a stage is a run of units of one width. So: among the cut points, keep the local
 * minima of channel width, group consecutive ones of equal shape into stages, and cut after the
 * last point of each stage. Whatever follows the last narrow stage is the head.
 */
function bottleneckCuts(cuttable: GraphNode[]): number[] {
  // Plateaus: maximal runs of consecutive cut points with the same shape.
  const plateaus: GraphNode[][] = [];
  for (const l of cuttable) {
    const p = plateaus[plateaus.length - 1];
    if (p && sameShape(p[p.length - 1].outputShape, l.outputShape)) p.push(l);
    else plateaus.push([l]);
  }
  const width = (p: GraphNode[]) => p[0].outputShape[2];
  return plateaus
    .filter((p, i) => (i === 0 || width(plateaus[i - 1]) > width(p)) && (i === plateaus.length - 1 || width(plateaus[i + 1]) > width(p)))
    .map((p) => p[p.length - 1].index);
}

/** Fallback for networks without a bottleneck pattern: cut where the feature-map shape changes. */
function shapeRunCuts<N extends GraphNode>(g: TeacherGraph<N>, cuttable: N[]): number[] {
  const runs: N[][] = [];
  for (const l of cuttable) {
    const run = runs[runs.length - 1];
    if (run && sameShape(run[run.length - 1].outputShape, l.outputShape)) run.push(l);
    else runs.push([l]);
  }
  let last = runs.length - 1;
  if (runs.length > 2) {
    const before = runs[last - 1][runs[last - 1].length - 1].index;
    const end = runs[last][runs[last].length - 1].index;
    if (g.nodes.slice(before + 1, end + 1).every((l) => g.isPointwise(l))) last -= 1;
  }
  return runs.slice(0, last + 1).map((r) => r[r.length - 1].index);
}

function namedCuts(g: TeacherGraph, crossing: Crossing, names: string[], file: string): number[] {
  const graph = g.nodes;
  const unit = g.unit;
  const ends = names.map((name, i) => {
    const l = graph.find((n) => n.name === name);
    if (!l) throw new TeacherGraphError(`teacher.cuts[${i}]: no ${unit} named "${name}" in ${file}. ${unit === 'layer' ? 'Layers' : 'Nodes'} with 3-D outputs: ${graph.filter((n) => isShape3(n.outputShape)).map((n) => n.name).slice(0, 40).join(', ')}`);
    const cross = crossing[l.index];
    if (cross) throw new TeacherGraphError(`teacher.cuts[${i}]: the network cannot be cut after "${name}": the connection from "${cross.from}" to "${cross.to}" crosses it. Cut after "${cross.from}" or after "${cross.to}" instead.`);
    if (!isShape3(l.outputShape)) throw new TeacherGraphError(`teacher.cuts[${i}]: "${name}" outputs shape [${l.outputShape}], not a feature map (height x width x channels).`);
    return l.index;
  });
  for (let i = 1; i < ends.length; i++) if (ends[i] <= ends[i - 1]) throw new TeacherGraphError(`teacher.cuts[${i}]: "${names[i]}" comes before "${names[i - 1]}" in the network; list cuts in order.`);
  if (ends.length < 2) throw new TeacherGraphError('teacher.cuts: give at least two names: the end of the stem and the end of the first block.');
  return ends;
}

/** Longest shared '_'/'/'-separated prefix of the block's layer names, for a readable block name. */
function blockName(layers: string[], index: number): string {
  const split = layers.map((n) => n.split(/[_/]/));
  const prefix: string[] = [];
  for (let i = 0; i < split[0].length; i++) {
    const part = split[0][i];
    if (split.every((s) => s[i] === part)) prefix.push(part);
    else break;
  }
  const name = prefix.join('_');
  return name.length >= 2 ? name : `block${index}`;
}

function chain<N extends GraphNode>(g: TeacherGraph<N>, from: number, to: number, what: 'stem' | 'head', file: string): FixedLayer[] {
  const graph = g.nodes;
  for (let i = from; i <= to; i++) {
    const l = graph[i];
    if (!isInput(l) && (l.inbound.length !== 1 || l.inbound[0] !== i - 1)) {
      throw new TeacherGraphError(`${file}: the ${what} must be a plain chain of ${g.unit}s, but "${l.name}" takes input from ${l.inbound.map((j) => `"${graph[j].name}"`).join(', ')}. Choose cuts with teacher.cuts so the ${what} has no branches.`);
    }
  }
  return g.fixedChain(graph.slice(from, to + 1), what);
}

/** The student rebuilds the stem and head from their fixed layers: they must give the teacher's shapes. */
function checkChainShape(layers: FixedLayer[], input: Shape3, expected: number[], what: 'stem' | 'head', file: string): void {
  const got = fixedChainCost(layers, input).output;
  if (!sameShape(got, expected)) {
    throw new TeacherGraphError(`${file}: the ${what} read as fixed layers (${layers.map((l) => l.kind).join(', ')}) gives shape [${got}], but the teacher's is [${expected}]. Move the cut with teacher.cuts so the ${what} holds only plain layers.`);
  }
}

export function cutTeacher(model: tf.LayersModel, file: string, cutNames?: string[]): TeacherCut {
  return cutGraph(layersGraph(model, file), file, cutNames);
}

/** Cuts any teacher graph view (teacher-graph.ts) into stem, blocks and head. */
export function cutGraph<N extends GraphNode>(g: TeacherGraph<N>, file: string, cutNames?: string[]): TeacherCut {
  const graph = g.nodes;
  const crossing = crossingEdges(graph);
  const inputShape = g.inputShape;
  if (!isShape3(inputShape)) throw new TeacherGraphError(`${file}: the teacher's input must be an image (height x width x channels); it is [${inputShape}].`);
  const outShape = graph[graph.length - 1].outputShape;
  if (outShape.length !== 1) throw new TeacherGraphError(`${file}: the teacher's output must be class scores [classes]; it is [${outShape}].`);
  const ends = cutNames ? namedCuts(g, crossing, cutNames, file) : autoCuts(g, crossing, file);

  const sum = (from: number, to: number): Cost => {
    let params = 0;
    let flops = 0;
    for (let i = from; i <= to; i++) {
      const c = g.cost(graph[i]);
      params += c.params;
      flops += c.flops;
    }
    return { params, flops };
  };

  // Block names leave out a scope every node shares ("StatefulPartitionedCall/model/...").
  const scope = commonScope(graph.filter((l) => !isInput(l)).map((l) => l.name));
  const blocks: TeacherBlockInfo[] = [];
  for (let b = 1; b < ends.length; b++) {
    const from = ends[b - 1] + 1;
    const to = ends[b];
    const layers = graph.slice(from, to + 1).map((l) => l.name);
    const inS = graph[ends[b - 1]].outputShape as Shape3;
    const outS = graph[to].outputShape as Shape3;
    const ratio = inS[0] / outS[0];
    if (!(outS[0] === Math.ceil(inS[0] / Math.round(ratio)) && [1, 2].includes(Math.round(ratio)))) {
      throw new TeacherGraphError(`${file}: block ${b - 1} ("${layers[0]}" … "${layers[layers.length - 1]}") changes the feature map from ${inS.join('x')} to ${outS.join('x')}; a block may downsample by at most 2. Add a cut in between with teacher.cuts.`);
    }
    const cost = sum(from, to);
    blocks.push({ index: b - 1, name: blockName(layers.map((n) => unscoped(n, scope)), b - 1), layers, inputShape: inS, outputShape: outS, params: cost.params, flops: cost.flops });
  }
  // Block names must be unique identifiers for code generation.
  const seen = new Map<string, number>();
  for (const b of blocks) {
    const n = seen.get(b.name) ?? 0;
    seen.set(b.name, n + 1);
    if (n > 0) b.name = `${b.name}_${n}`;
  }
  const stemCost = sum(0, ends[0]);
  const headCost = sum(ends[ends.length - 1] + 1, graph.length - 1);
  const stem = chain(g, 0, ends[0], 'stem', file);
  const head = chain(g, ends[ends.length - 1] + 1, graph.length - 1, 'head', file);
  checkChainShape(stem, inputShape, graph[ends[0]].outputShape, 'stem', file);
  checkChainShape(head, graph[ends[ends.length - 1]].outputShape as Shape3, outShape, 'head', file);
  return {
    file,
    inputShape,
    numClasses: outShape[0],
    boundaries: ends.map((i) => graph[i].name),
    blocks,
    stem,
    head,
    stemCost,
    headCost,
    total: { params: g.totalParams, flops: stemCost.flops + headCost.flops + blocks.reduce((s, b) => s + b.flops, 0) },
    outputsProbabilities: g.outputsProbabilities,
  };
}

/**
 * The model that returns the maps at the given boundaries (then the class scores when
 * `withScores`) in one forward pass; TF.js runs only the layers those outputs depend on.
 */
export function featureExtractor(tfjs: typeof tf, model: tf.LayersModel, cut: TeacherCut, boundaries: readonly number[], withScores: boolean): tf.LayersModel {
  const maps = boundaries.map((b) => {
    const name = cut.boundaries[b];
    if (name === undefined) throw new RangeError(`${cut.file}: no cut boundary ${b} (the teacher has ${cut.boundaries.length})`);
    return model.getLayer(name).output as tf.SymbolicTensor;
  });
  return tfjs.model({ inputs: model.inputs, outputs: withScores ? [...maps, model.outputs[0]] : maps });
}

export function describeCut(cut: TeacherCut): string {
  const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : `${(n / 1e3).toFixed(1)}k`);
  const lines = [`Teacher ${cut.file}: input ${cut.inputShape.join('x')}, ${cut.numClasses} classes, ${fmt(cut.total.params)} params, ${fmt(cut.total.flops)} FLOPs`];
  lines.push(`  stem   -> ${cut.boundaries[0]}  (${fmt(cut.stemCost.flops)} FLOPs)`);
  for (const b of cut.blocks) {
    lines.push(`  block ${b.index} "${b.name}": ${b.inputShape.join('x')} -> ${b.outputShape.join('x')}  cut after ${cut.boundaries[b.index + 1]}  (${b.layers.length} layers, ${fmt(b.params)} params, ${fmt(b.flops)} FLOPs)`);
  }
  lines.push(`  head   (${cut.head.map((l) => l.kind).join(', ')}; ${fmt(cut.headCost.flops)} FLOPs)`);
  return lines.join('\n');
}
