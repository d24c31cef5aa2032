/**
 * The teacher's feature maps at every cut, computed once per run and cached in the run folder:
 * block b of the student learns to map boundary b to boundary b+1, so each block's training data
 * is two of these arrays. Computing them once (instead of running the teacher inside every
 * block's training loop) makes block training cost only the student block itself.
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

export interface FeatureSet {
  /** Per boundary k (0 = end of the stem, k = end of block k-1): [count, h, w, c]. */
  boundaries: NamedArray[];
  logits: NamedArray;
  labels: Uint8Array;
}

const BATCH = 128;

/** Runs the teacher over a dataset and returns every boundary map and the class scores. */
export function computeFeatures(teacher: TeacherModel, ds: ImageDataset, normalisation: Normalisation): FeatureSet {
  const nOut = teacher.cut.boundaries.length + 1;
  let shapes: number[][] = [];
  let buffers: Float32Array[] = [];
  let offset = 0;
  for (const batch of iterateBatches(ds, { batchSize: BATCH, normalisation })) {
    // Tensors out of the tidy, data read after: tf.tidy walks every element of a returned typed
    // array looking for tensors, which made this loop 9x slower.
    const outs = tf.tidy(() => teacher.features(tf.tensor4d(batch.images, [batch.size, ds.height, ds.width, ds.channels])));
    if (outs.length !== nOut) throw new Error(`${teacher.file}: the teacher returned ${outs.length} feature maps, expected ${nOut} (one per cut and its output)`);
    if (offset === 0) {
      shapes = outs.map((o) => o.shape.slice(1));
      buffers = shapes.map((s) => new Float32Array(ds.count * s.reduce((a, b) => a * b, 1)));
    }
    for (let k = 0; k < nOut; k++) buffers[k].set(outs[k].dataSync() as Float32Array, offset * (buffers[k].length / ds.count));
    tf.dispose(outs);
    offset += batch.size;
  }
  const arrays = buffers.map((values, k) => ({ shape: [ds.count, ...shapes[k]], values }));
  return { boundaries: arrays.slice(0, -1), logits: arrays[arrays.length - 1], labels: ds.labels.slice() };
}

export function writeFeatureSet(runDir: string, split: FeatureSplit, set: FeatureSet): void {
  set.boundaries.forEach((a, k) => writeTensorBundle(featureBundlePath(runDir, split, k), { map: a }));
  // Written last: its presence marks the split complete.
  writeTensorBundle(featureBundlePath(runDir, split, 'logits'), { logits: set.logits, labels: { shape: [set.labels.length], values: Float32Array.from(set.labels) } });
}

export function featureSetComplete(runDir: string, split: FeatureSplit): boolean {
  return tensorBundleExists(featureBundlePath(runDir, split, 'logits'));
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
