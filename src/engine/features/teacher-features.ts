/**
 * The teacher's feature maps at every cut, computed once per run and cached in the run folder:
 * block b of the student learns to map boundary b to boundary b+1, so each block's training data
 * is two of these arrays. Computing them once (instead of running the teacher inside every
 * block's training loop) makes block training cost only the student block itself. They are
 * computed in passes (the first blocks' maps first, see run/phases/features.ts) so that training
 * starts before the whole teacher has run over the data.
 *
 * Layout: cache/features/<split>-b<k>.{json,bin}, one bundle per split and boundary, so a worker
 * reads only the two maps of its block; `<split>-logits` holds the teacher's class scores.
 */
import * as tf from '@tensorflow/tfjs';
import { iterateBatches } from '../data/batches';
import type { ImageDataset } from '../data/dataset';
import type { Normalisation } from '../../shared/config/dataset-spec';
import { readTensorBundle, tensorBundleExists, writeTensorBundle, type NamedArray } from '../io/tensor-bundle';
import type { TeacherModel } from '../teacher/teacher-model';

export type FeatureSplit = 'train' | 'heldOut' | 'calibration';

export function featureBundlePath(runDir: string, split: FeatureSplit, boundary: number | 'logits'): string {
  return `${runDir}/cache/features/${split}-${boundary === 'logits' ? 'logits' : `b${boundary}`}`;
}

const BATCH = 128;

/** One pass over a split: the maps at these boundaries, and the class scores (with the labels) when `withScores`. */
export interface FeatureRequest {
  boundaries: readonly number[];
  withScores: boolean;
}

/** Every boundary and the class scores: what training, ranking and retraining read in the end. */
export function allFeatures(teacher: TeacherModel): FeatureRequest {
  return { boundaries: teacher.cut.boundaries.map((_, k) => k), withScores: true };
}

/** What of `request` is not in the run folder yet. */
function missing(runDir: string, split: FeatureSplit, request: FeatureRequest): FeatureRequest {
  return {
    boundaries: request.boundaries.filter((k) => !tensorBundleExists(featureBundlePath(runDir, split, k))),
    withScores: request.withScores && !tensorBundleExists(featureBundlePath(runDir, split, 'logits')),
  };
}

export function featuresCached(runDir: string, split: FeatureSplit, request: FeatureRequest): boolean {
  const m = missing(runDir, split, request);
  return m.boundaries.length === 0 && !m.withScores;
}

/** Lets the job processes' messages (the live losses) through between two teacher batches. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs the teacher over a split and writes the maps of `request` that are not cached yet, one
 * bundle per boundary. Asynchronous on purpose: the main process computes these while job
 * processes already train, and must keep forwarding their events. Resolves 'stopped' (writing
 * nothing) when `stopRequested` turns true between batches; returns the images computed.
 */
export async function cacheFeatures(
  runDir: string,
  teacher: TeacherModel,
  split: FeatureSplit,
  ds: ImageDataset,
  normalisation: Normalisation,
  request: FeatureRequest,
  stopRequested: () => boolean = () => false,
): Promise<'done' | 'stopped'> {
  const todo = missing(runDir, split, request);
  if (todo.boundaries.length === 0 && !todo.withScores) return 'done';
  const nOut = todo.boundaries.length + (todo.withScores ? 1 : 0);
  let shapes: number[][] = [];
  let buffers: Float32Array[] = [];
  let offset = 0;
  for (const batch of iterateBatches(ds, { batchSize: BATCH, normalisation })) {
    if (stopRequested()) return 'stopped';
    // Tensors out of the tidy, data read after: tf.tidy walks every element of a returned typed
    // array looking for tensors, which made this loop 9x slower.
    const outs = tf.tidy(() => teacher.features(tf.tensor4d(batch.images, [batch.size, ds.height, ds.width, ds.channels]), todo.boundaries, todo.withScores));
    if (outs.length !== nOut) throw new Error(`${teacher.file}: the teacher returned ${outs.length} feature maps, expected ${nOut}`);
    if (offset === 0) {
      shapes = outs.map((o) => o.shape.slice(1));
      buffers = shapes.map((s) => new Float32Array(ds.count * s.reduce((a, b) => a * b, 1)));
    }
    for (let k = 0; k < nOut; k++) buffers[k].set(outs[k].dataSync() as Float32Array, offset * (buffers[k].length / ds.count));
    tf.dispose(outs);
    offset += batch.size;
    await yieldToEventLoop();
  }
  const arrays = buffers.map((values, k) => ({ shape: [ds.count, ...shapes[k]], values }));
  todo.boundaries.forEach((b, k) => writeTensorBundle(featureBundlePath(runDir, split, b), { map: arrays[k] }));
  if (todo.withScores) {
    writeTensorBundle(featureBundlePath(runDir, split, 'logits'), { logits: arrays[nOut - 1], labels: { shape: [ds.labels.length], values: Float32Array.from(ds.labels) } });
  }
  return 'done';
}

export function readBoundary(runDir: string, split: FeatureSplit, boundary: number): NamedArray {
  return readTensorBundle(featureBundlePath(runDir, split, boundary)).arrays.map;
}

export function readLogits(runDir: string, split: FeatureSplit): { logits: NamedArray; labels: Uint8Array } {
  const b = readTensorBundle(featureBundlePath(runDir, split, 'logits'));
  return { logits: b.arrays.logits, labels: Uint8Array.from(b.arrays.labels.values) };
}

/** Rows [start, start+count) of an NHWC array, as a view (no copy). */
export function rows(a: NamedArray, start: number, count: number): Float32Array {
  const per = a.values.length / a.shape[0];
  return a.values.subarray(start * per, (start + count) * per);
}

/** Gathers the given rows into a fresh array (for shuffled batches). */
export function gatherRows(a: NamedArray, indices: ArrayLike<number>): Float32Array {
  const per = a.values.length / a.shape[0];
  const out = new Float32Array(indices.length * per);
  for (let i = 0; i < indices.length; i++) out.set(a.values.subarray(indices[i] * per, (indices[i] + 1) * per), i * per);
  return out;
}
