/**
 * Loads and saves TF.js models on the local filesystem. Pure tfjs in Node has no `file://`
 * handler (`loadLayersModel('file://…')` fails with "fetch failed"), so this implements the
 * IOHandler contract over node:fs: model.json plus its weight shards beside it.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeAtomic } from '../io/atomic-write';

export class ModelFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ModelFileError';
  }
}

interface ModelJson {
  modelTopology?: unknown;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  userDefinedMetadata?: Record<string, unknown>;
  /** Graph models only: which nodes are the inputs and outputs, and an initializer graph. */
  signature?: Record<string, unknown>;
  modelInitializer?: Record<string, unknown>;
  initializerSignature?: Record<string, unknown>;
}

/** Reads model.json and its shards into ModelArtifacts, with errors that name the file and fix. */
export function readModelArtifacts(modelJsonPath: string): tf.io.ModelArtifacts {
  const file = resolve(modelJsonPath);
  if (!existsSync(file)) throw new ModelFileError(file, 'model file not found. Point teacher.model at a TF.js model.json (saved with model.save or converted with tensorflowjs_converter).');
  let json: ModelJson;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as ModelJson;
  } catch (e) {
    throw new ModelFileError(file, `not valid JSON (${(e as Error).message}); is this a TF.js model.json?`);
  }
  if (!json || typeof json !== 'object' || !json.modelTopology) throw new ModelFileError(file, 'has no "modelTopology": not a TF.js model.json.');
  if (!Array.isArray(json.weightsManifest)) throw new ModelFileError(file, 'has no "weightsManifest": the weights cannot be located.');
  const specs: tf.io.WeightsManifestEntry[] = [];
  const buffers: Buffer[] = [];
  for (const group of json.weightsManifest) {
    specs.push(...group.weights);
    for (const p of group.paths) {
      const shard = join(dirname(file), p);
      if (!existsSync(shard)) throw new ModelFileError(file, `weight shard "${p}" is missing (expected at ${shard}).`);
      buffers.push(readFileSync(shard));
    }
  }
  const total = Buffer.concat(buffers);
  const expected = specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1) * bytesPerElement(s.dtype, file), 0);
  if (total.byteLength !== expected) {
    throw new ModelFileError(file, `weights are truncated or corrupt: the manifest needs ${expected} bytes, the shards hold ${total.byteLength}.`);
  }
  return {
    modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy ?? undefined,
    weightSpecs: specs,
    weightData: total.buffer.slice(total.byteOffset, total.byteOffset + total.byteLength),
    userDefinedMetadata: json.userDefinedMetadata as Record<string, never> | undefined,
    signature: json.signature,
    modelInitializer: json.modelInitializer,
    initializerSignature: json.initializerSignature,
  };
}

function bytesPerElement(dtype: string, file: string): number {
  switch (dtype) {
    case 'float32':
    case 'int32':
      return 4;
    case 'bool':
    case 'uint8':
      return 1;
    case 'float16':
    case 'uint16':
    case 'int16':
      return 2;
    default:
      throw new ModelFileError(file, `unsupported weight dtype "${dtype}" (quantised or string weights are not supported).`);
  }
}

export function fileLoadHandler(modelJsonPath: string): tf.io.IOHandler {
  return { load: async () => readModelArtifacts(modelJsonPath) };
}

/**
 * Saves model.json + weights.bin into `dir`, atomically: files are written under temporary names
 * and renamed, so a crash mid-save never leaves a half-written model behind.
 */
export function fileSaveHandler(dir: string, metadata?: Record<string, unknown>): tf.io.IOHandler {
  return {
    save: async (artifacts) => {
      mkdirSync(dir, { recursive: true });
      const weightData = artifacts.weightData ? Buffer.from(tf.io.CompositeArrayBuffer.join(artifacts.weightData)) : Buffer.alloc(0);
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
        userDefinedMetadata: { ...(artifacts.userDefinedMetadata ?? {}), ...(metadata ?? {}) },
      };
      writeAtomic(join(dir, 'weights.bin'), weightData);
      writeAtomic(join(dir, 'model.json'), JSON.stringify(modelJson));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weightData.byteLength } };
    },
  };
}

export async function loadLayersModelFromFile(modelJsonPath: string): Promise<tf.LayersModel> {
  try {
    return await tf.loadLayersModel(fileLoadHandler(modelJsonPath));
  } catch (e) {
    if (e instanceof ModelFileError) throw e;
    throw new ModelFileError(resolve(modelJsonPath), `could not be loaded as a TF.js LayersModel: ${(e as Error).message}`);
  }
}
