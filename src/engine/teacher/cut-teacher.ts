/**
 * Cuts a trained teacher into stem, searchable blocks and head.
 *
 * A cut is only possible after a layer that no skip connection crosses. Automatic cuts go at the
 * ends of the network's stages (see bottleneckCuts; networks without the inverted-residual
 * pattern are cut where the feature-map shape changes). The first stage is the stem; each
 * further stage is one block; what follows is the head. `teacher.cuts` in the config
 * overrides this with layer names: the first ends the stem, each further one ends a block.
 */
import type * as tf from '@tensorflow/tfjs';
import type { FixedLayer } from '../../shared/architecture';
import type { Cost } from '../../shared/cost';
import type { TeacherBlockInfo } from '../../shared/events';
import type { Shape3 } from '../../shared/search-space';
import { toFixedLayer } from './fixed-chain';
import { layerFlops, layerParams } from './layer-cost';
import { crossingEdges, readGraph, TeacherGraphError, type GraphLayer } from './teacher-graph';

export interface TeacherCut {
  file: string;
  inputShape: Shape3;
  numClasses: number;
  /** Name of the layer whose output ends the stem, then one per block. */
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

const POINTWISE = new Set(['Conv2D', 'BatchNormalization', 'Activation', 'ReLU']);

function isShape3(s: number[]): s is Shape3 {
  return s.length === 3 && s.every((d) => Number.isInteger(d) && d > 0);
}

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function autoCuts(graph: GraphLayer[], crossing: ReturnType<typeof crossingEdges>, file: string): number[] {
  const cuttable = graph.filter((l) => crossing[l.index] === null && l.className !== 'InputLayer' && isShape3(l.outputShape));
  if (cuttable.length === 0) throw new TeacherGraphError(`${file}: found no layer with a 3-D (height x width x channels) output where the network can be cut.`);
  const ends = bottleneckCuts(cuttable);
  const chosen = ends.length >= 2 ? ends : shapeRunCuts(graph, cuttable);
  if (chosen.length < 2) throw new TeacherGraphError(`${file}: found only ${chosen.length} stage(s), so there is nothing to search. Name the cut layers with teacher.cuts.`);
  return chosen;
}

/**
 * Inverted-residual networks (MobileNet, EfficientNet) are narrow between units and wide inside
 * them, and a stage is a run of units of one width. So: among the cut points, keep the local
 * minima of channel width, group consecutive ones of equal shape into stages, and cut after the
 * last point of each stage. Whatever follows the last narrow stage is the head.
 */
function bottleneckCuts(cuttable: GraphLayer[]): number[] {
  // Plateaus: maximal runs of consecutive cut points with the same shape.
  const plateaus: GraphLayer[][] = [];
  for (const l of cuttable) {
    const p = plateaus[plateaus.length - 1];
    if (p && sameShape(p[p.length - 1].outputShape, l.outputShape)) p.push(l);
    else plateaus.push([l]);
  }
  const width = (p: GraphLayer[]) => p[0].outputShape[2];
  return plateaus
    .filter((p, i) => (i === 0 || width(plateaus[i - 1]) > width(p)) && (i === plateaus.length - 1 || width(plateaus[i + 1]) > width(p)))
    .map((p) => p[p.length - 1].index);
}

/** Fallback for networks without a bottleneck pattern: cut where the feature-map shape changes. */
function shapeRunCuts(graph: GraphLayer[], cuttable: GraphLayer[]): number[] {
  const runs: GraphLayer[][] = [];
  for (const l of cuttable) {
    const run = runs[runs.length - 1];
    if (run && sameShape(run[run.length - 1].outputShape, l.outputShape)) run.push(l);
    else runs.push([l]);
  }
  let last = runs.length - 1;
  if (runs.length > 2) {
    const before = runs[last - 1][runs[last - 1].length - 1].index;
    const end = runs[last][runs[last].length - 1].index;
    const lastRunLayers = graph.slice(before + 1, end + 1);
    if (lastRunLayers.every((l) => POINTWISE.has(l.className) && (l.className !== 'Conv2D' || isPointwise(l)))) last -= 1;
  }
  return runs.slice(0, last + 1).map((r) => r[r.length - 1].index);
}

function isPointwise(l: GraphLayer): boolean {
  const k = (l.layer.getConfig() as { kernelSize?: number | number[] }).kernelSize;
  return Array.isArray(k) ? k.every((v) => v === 1) : k === 1;
}

function namedCuts(graph: GraphLayer[], crossing: ReturnType<typeof crossingEdges>, names: string[], file: string): number[] {
  const ends = names.map((name, i) => {
    const l = graph.find((g) => g.name === name);
    if (!l) throw new TeacherGraphError(`teacher.cuts[${i}]: no layer named "${name}" in ${file}. Layers with 3-D outputs: ${graph.filter((g) => isShape3(g.outputShape)).map((g) => g.name).slice(0, 40).join(', ')}`);
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

function chain(graph: GraphLayer[], from: number, to: number, what: string, file: string): FixedLayer[] {
  const layers: FixedLayer[] = [];
  for (let i = from; i <= to; i++) {
    const l = graph[i];
    if (l.className !== 'InputLayer' && (l.inbound.length !== 1 || l.inbound[0] !== i - 1)) {
      throw new TeacherGraphError(`${file}: the ${what} must be a plain chain of layers, but "${l.name}" takes input from ${l.inbound.map((j) => `"${graph[j].name}"`).join(', ')}. Choose cuts with teacher.cuts so the ${what} has no branches.`);
    }
    const f = toFixedLayer(l);
    if (f) layers.push(f);
  }
  return layers;
}

export function cutTeacher(model: tf.LayersModel, file: string, cutNames?: string[]): TeacherCut {
  const graph = readGraph(model, file);
  const crossing = crossingEdges(graph);
  const inputShape = (model.inputs[0].shape as (number | null)[]).slice(1) as number[];
  if (!isShape3(inputShape)) throw new TeacherGraphError(`${file}: the teacher's input must be an image (height x width x channels); it is [${inputShape}].`);
  const outShape = graph[graph.length - 1].outputShape;
  if (outShape.length !== 1) throw new TeacherGraphError(`${file}: the teacher's output must be class scores [classes]; it is [${outShape}].`);
  const ends = cutNames ? namedCuts(graph, crossing, cutNames, file) : autoCuts(graph, crossing, file);

  const sum = (from: number, to: number): Cost => {
    let params = 0;
    let flops = 0;
    for (let i = from; i <= to; i++) {
      params += layerParams(graph[i]);
      flops += layerFlops(graph[i], graph);
    }
    return { params, flops };
  };

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
    blocks.push({ index: b - 1, name: blockName(layers, b - 1), layers, inputShape: inS, outputShape: outS, params: cost.params, flops: cost.flops });
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
  const lastLayer = graph[graph.length - 1];
  const lastActivation = (lastLayer.layer.getConfig() as { activation?: string }).activation ?? (lastLayer.className === 'Softmax' ? 'softmax' : 'linear');
  return {
    file,
    inputShape,
    numClasses: outShape[0],
    boundaries: ends.map((i) => graph[i].name),
    blocks,
    stem: chain(graph, 0, ends[0], 'stem', file),
    head: chain(graph, ends[ends.length - 1] + 1, graph.length - 1, 'head', file),
    stemCost,
    headCost,
    total: { params: model.countParams(), flops: stemCost.flops + headCost.flops + blocks.reduce((s, b) => s + b.flops, 0) },
    outputsProbabilities: lastActivation === 'softmax',
  };
}

/** The model that returns every boundary feature map and the class scores in one forward pass. */
export function featureExtractor(tfjs: typeof tf, model: tf.LayersModel, cut: TeacherCut): tf.LayersModel {
  const outputs = [...cut.boundaries.map((n) => model.getLayer(n).output as tf.SymbolicTensor), model.outputs[0]];
  return tfjs.model({ inputs: model.inputs, outputs });
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
