/**
 * A teacher saved as a TF.js graph model (tensorflowjs_converter output, or any model.json with
 * format "graph-model"): loaded through the filesystem IO handler, run once on a zero image to
 * learn every node's output shape, read into the graph view (graph-view.ts) and cut by node names
 * exactly like a LayersModel. Feature maps are the named nodes' outputs of one execute() call.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileLoadHandler, ModelFileError } from '../model/fs-model-io';
import { cutGraph } from './cut-teacher';
import type { GraphDefJson, GraphDefTensorInfo } from './graph-def';
import { graphView, readGraphStructure, type GraphStructure } from './graph-view';
import { TeacherGraphError } from './teacher-graph';
import type { TeacherModel } from './teacher-model';

/** Whether a model.json holds a graph model; false for anything else (the Layers loader reports it). */
export function isGraphModelFile(modelJsonPath: string): boolean {
  try {
    const json = JSON.parse(readFileSync(modelJsonPath, 'utf8')) as { format?: string; modelTopology?: { node?: unknown } };
    return json.format === 'graph-model' || Array.isArray(json.modelTopology?.node);
  } catch {
    return false;
  }
}

/** Loads model.json + shards as a GraphModel, keeping the artifacts (the GraphDef is read from them). */
export async function loadGraphModelFromFile(modelJsonPath: string): Promise<{ model: tf.GraphModel; artifacts: tf.io.ModelArtifacts }> {
  const handler = fileLoadHandler(modelJsonPath);
  let artifacts: tf.io.ModelArtifacts | undefined;
  try {
    const model = await tf.loadGraphModel({ load: async () => (artifacts = await handler.load!()) });
    return { model, artifacts: artifacts! };
  } catch (e) {
    if (e instanceof ModelFileError) throw e;
    throw new ModelFileError(resolve(modelJsonPath), `could not be loaded as a TF.js graph model: ${(e as Error).message}`);
  }
}

/** Every computed node's output shape (batch left out), from one run on a zero image. */
function measureShapes(model: tf.GraphModel, s: GraphStructure, file: string): Map<string, number[]> {
  const names = s.order.slice(1).map((n) => n.name);
  let outs: tf.Tensor[];
  try {
    outs = tf.tidy(() => [model.execute(tf.zeros([1, ...s.inputShape]), names)].flat());
  } catch (e) {
    throw new TeacherGraphError(`${file}: TF.js cannot run this graph model: ${(e as Error).message}`);
  }
  const shapes = new Map(names.map((name, i) => [name, outs[i].shape.slice(1)]));
  tf.dispose(outs);
  return shapes;
}

export function graphTeacher(model: tf.GraphModel, artifacts: tf.io.ModelArtifacts, file: string, cuts?: string[]): TeacherModel {
  const topology = artifacts.modelTopology as unknown as GraphDefJson;
  const signature = artifacts.signature as { inputs?: Record<string, GraphDefTensorInfo>; outputs?: Record<string, GraphDefTensorInfo> } | undefined;
  const structure = readGraphStructure(topology, artifacts.weightSpecs ?? [], signature, file);
  const shapes = measureShapes(model, structure, file);
  const valueOf = (name: string) => Array.from(model.weights[name][0].dataSync());
  const cut = cutGraph(graphView(structure, shapes, valueOf, file), file, cuts);
  return {
    file,
    cut,
    predict: (x) => model.execute(x, structure.output) as tf.Tensor2D,
    features: (x, boundaries, withScores) => {
      const names = boundaries.map((b) => {
        const name = cut.boundaries[b];
        if (name === undefined) throw new RangeError(`${file}: no cut boundary ${b} (the teacher has ${cut.boundaries.length})`);
        return name;
      });
      // execute() runs only the nodes the requested outputs depend on.
      return [model.execute(x, withScores ? [...names, structure.output] : names)].flat();
    },
    dispose: () => model.dispose(),
  };
}

export async function loadGraphTeacher(file: string, cuts?: string[]): Promise<TeacherModel> {
  const { model, artifacts } = await loadGraphModelFromFile(file);
  try {
    return graphTeacher(model, artifacts, file, cuts);
  } catch (e) {
    model.dispose();
    throw e;
  }
}
