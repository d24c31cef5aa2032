/**
 * A TF.js graph model (converted GraphDef) read into the same view teacher-graph.ts gives for a
 * LayersModel, so cut-teacher.ts cuts both alike. Const nodes are weights, not nodes of the view:
 * the view holds the computed nodes on the way from the input to the output, in topological
 * order, each knowing its constant inputs (for costs and settings such as Pad's paddings).
 *
 * Output shapes are not inferred here: graph-teacher.ts runs the graph once and passes them in,
 * which is exact for every op TF.js can run.
 */
import type * as tf from '@tensorflow/tfjs';
import { attrShape, dims, inputNode, isControlInput, type GraphDefJson, type GraphDefNode, type GraphDefTensorInfo } from './graph-def';
import { graphNodeCost } from './graph-cost';
import { graphFixedChain } from './graph-fixed-chain';
import { commonScope, TeacherGraphError, unscoped, type GraphNode, type TeacherGraph } from './teacher-graph';

export interface GraphConst {
  name: string;
  shape: number[];
  dtype: string;
}

export interface GraphOpNode extends GraphNode {
  op: string;
  def: GraphDefNode;
  /** Constant data inputs (weights and settings), with their position among the node's inputs. */
  consts: (GraphConst & { position: number })[];
  /** Output shape of the first computed input, without the batch dimension ([] for the input). */
  inputShape: number[];
  /** The name without the scope every node shares, for fixed layer names. */
  shortName: string;
}

/** What the model.json says before anything runs: input, output, the nodes between, the weights. */
export interface GraphStructure {
  input: string;
  /** Without the batch dimension. */
  inputShape: number[];
  output: string;
  /** Computed nodes from the input to the output, topologically ordered, the input first. */
  order: GraphDefNode[];
  /** The constant behind a node name (through Identity chains), if it is one. */
  constant(name: string): GraphConst | undefined;
}

/** Ops that pass their input through unchanged; a chain of them over a Const is that Const. */
const PASS_THROUGH = new Set(['Identity', 'StopGradient', 'Snapshot']);

const TF_DTYPES: Record<string, string> = { DT_FLOAT: 'float32', DT_HALF: 'float16', DT_INT32: 'int32', DT_INT64: 'int32', DT_BOOL: 'bool' };

function signatureEntries(entries: Record<string, GraphDefTensorInfo> | undefined): GraphDefTensorInfo[] {
  return Object.values(entries ?? {});
}

export function readGraphStructure(
  topology: GraphDefJson,
  weightSpecs: tf.io.WeightsManifestEntry[],
  signature: { inputs?: Record<string, GraphDefTensorInfo>; outputs?: Record<string, GraphDefTensorInfo> } | undefined,
  file: string,
): GraphStructure {
  const byName = new Map(topology.node.map((n) => [n.name, n]));
  const specs = new Map(weightSpecs.map((w) => [w.name, w]));
  const dataInputs = (n: GraphDefNode) => (n.input ?? []).filter((i) => !isControlInput(i)).map(inputNode);

  const constCache = new Map<string, GraphConst | undefined>();
  const constant = (name: string): GraphConst | undefined => {
    if (constCache.has(name)) return constCache.get(name);
    const node = byName.get(name);
    let result: GraphConst | undefined;
    if (node?.op === 'Const') {
      const spec = specs.get(name);
      const tensor = node.attr?.value?.tensor;
      result = spec ? { name, shape: [...spec.shape], dtype: spec.dtype } : { name, shape: dims(tensor?.tensorShape?.dim), dtype: TF_DTYPES[tensor?.dtype ?? node.attr?.dtype?.type ?? ''] ?? 'unknown' };
    } else if (node && PASS_THROUGH.has(node.op) && dataInputs(node).length === 1) {
      result = constant(dataInputs(node)[0]);
    }
    constCache.set(name, result);
    return result;
  };

  const input = pickOne(
    signatureEntries(signature?.inputs).length ? signatureEntries(signature?.inputs).map((e) => inputNode(e.name)) : topology.node.filter((n) => n.op === 'Placeholder').map((n) => n.name),
    'input',
    file,
  );
  const consumed = new Set(topology.node.flatMap((n) => (n.input ?? []).map(inputNode)));
  const output = pickOne(
    signatureEntries(signature?.outputs).length ? signatureEntries(signature?.outputs).map((e) => inputNode(e.name)) : topology.node.filter((n) => n.op !== 'Const' && n.op !== 'NoOp' && !consumed.has(n.name)).map((n) => n.name),
    'output',
    file,
  );
  for (const name of [input, output]) if (!byName.has(name)) throw new TeacherGraphError(`${file}: the signature names "${name}", which is not a node of the graph.`);

  // Computed nodes: downstream of the input and upstream of the output.
  const consumers = new Map<string, string[]>();
  for (const n of topology.node) for (const i of dataInputs(n)) consumers.set(i, [...(consumers.get(i) ?? []), n.name]);
  const downstream = new Set<string>([input]);
  const queue = [input];
  while (queue.length) {
    for (const c of consumers.get(queue.pop()!) ?? []) {
      if (downstream.has(c)) continue;
      downstream.add(c);
      queue.push(c);
    }
  }
  if (!downstream.has(output)) throw new TeacherGraphError(`${file}: the output "${output}" does not depend on the input "${input}".`);

  // Post-order depth-first walk from the output (iterative: graphs have thousands of nodes):
  // every node comes after its inputs, and a unit's nodes stay together.
  const order: GraphDefNode[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: { name: string; next: number }[] = [{ name: output, next: 0 }];
  state.set(output, 'open');
  while (stack.length) {
    const top = stack[stack.length - 1];
    const inputs = dataInputs(byName.get(top.name)!).filter((i) => downstream.has(i) && !constant(i));
    if (top.next < inputs.length) {
      const next = inputs[top.next++];
      if (state.get(next) === 'open') throw new TeacherGraphError(`${file}: the graph has a cycle through "${next}" (control flow is not supported in a teacher).`);
      if (!state.has(next)) {
        state.set(next, 'open');
        stack.push({ name: next, next: 0 });
      }
    } else {
      state.set(top.name, 'done');
      order.push(byName.get(top.name)!);
      stack.pop();
    }
  }

  const inputDef = byName.get(input)!;
  const signatureShape = signatureEntries(signature?.inputs)[0]?.tensorShape;
  const shape = attrShape(inputDef, 'shape') ?? (signatureShape ? dims(signatureShape.dim) : undefined);
  if (!shape || shape.length !== 4 || shape.slice(1).some((d) => d <= 0)) {
    throw new TeacherGraphError(`${file}: the input "${input}" has shape [${shape ?? 'unknown'}]; a teacher takes images of a fixed size [batch, height, width, channels]. Convert the model with a fixed input size.`);
  }
  if (shape[0] > 0) throw new TeacherGraphError(`${file}: the input "${input}" fixes the batch size at ${shape[0]}; convert the model with a free batch dimension (-1).`);
  return { input, inputShape: shape.slice(1), output, order, constant };
}

function pickOne(names: string[], what: 'input' | 'output', file: string): string {
  if (names.length !== 1) throw new TeacherGraphError(`${file}: the teacher must have exactly one ${what}; this graph has ${names.length}${names.length ? ` (${names.slice(0, 10).join(', ')})` : ''}.`);
  return names[0];
}

const POINTWISE_OPS = new Set(['FusedBatchNorm', 'FusedBatchNormV2', 'FusedBatchNormV3', 'BiasAdd', 'Relu', 'Relu6', 'Sigmoid', 'Elu', 'Identity']);
const CONV_OPS = new Set(['Conv2D', '_FusedConv2D']);

function isPointwiseNode(n: GraphOpNode): boolean {
  if (POINTWISE_OPS.has(n.op)) return true;
  const filter = n.consts.find((c) => c.position === 1);
  return CONV_OPS.has(n.op) && filter !== undefined && filter.shape[0] === 1 && filter.shape[1] === 1;
}

/**
 * The view, once output shapes are known (batch dimension left out). `valueOf` reads a weight's
 * values; only the stem and head need them (paddings, reduction axes).
 */
export function graphView(s: GraphStructure, shapes: Map<string, number[]>, valueOf: (name: string) => number[], file: string): TeacherGraph<GraphOpNode> {
  const index = new Map(s.order.map((n, i) => [n.name, i]));
  const scope = commonScope(s.order.slice(1).map((n) => n.name));
  const nodes: GraphOpNode[] = s.order.map((def, i) => {
    const data = (def.input ?? []).filter((x) => !isControlInput(x)).map(inputNode);
    const consts = data.flatMap((name, position) => {
      const c = s.constant(name);
      return c ? [{ ...c, position }] : [];
    });
    const inbound = data.filter((name) => index.has(name)).map((name) => index.get(name)!);
    const outputShape = def.name === s.input ? s.inputShape : shapes.get(def.name);
    if (!outputShape) throw new TeacherGraphError(`${file}: no output shape was measured for node "${def.name}".`);
    return { index: i, name: def.name, className: def.op, op: def.op, def, consts, inbound, outputShape, inputShape: [], shortName: unscoped(def.name, scope) };
  });
  for (const n of nodes) if (n.inbound.length) n.inputShape = nodes[n.inbound[0]].outputShape;

  // A weight shared by several nodes is counted once, at its first user.
  const counted = new Set<string>();
  const costs = nodes.map((n) => graphNodeCost(n, counted));
  let last = nodes[nodes.length - 1];
  while (PASS_THROUGH.has(last.op) && last.inbound.length === 1) last = nodes[last.inbound[0]];
  return {
    unit: 'node',
    nodes,
    inputShape: s.inputShape,
    totalParams: costs.reduce((sum, c) => sum + c.params, 0),
    outputsProbabilities: last.op === 'Softmax',
    cost: (n) => costs[n.index],
    isPointwise: isPointwiseNode,
    fixedChain: (chain, what) => graphFixedChain(chain, what, valueOf, file),
  };
}
