/**
 * The in-memory image dataset used across the engine, and index-level helpers on it.
 *
 * Pixels stay raw (0..255) in memory — a quarter of the size of float32 — and are normalised per
 * batch (see batches.ts), so the same dataset serves any normalisation.
 */
import { createRng } from './random';

export interface ImageDataset {
  /**
   * count × height × width × channels values, NHWC, on the 0..255 scale. Uint8Array for 8-bit
   * sources (all built-in data, PNG/JPEG, IDX ubyte); Float32Array only for IDX files of other types.
   */
  images: Float32Array | Uint8Array;
  /** count class indices into classNames. */
  labels: Uint8Array;
  count: number;
  height: number;
  width: number;
  channels: number;
  classNames: string[];
}

/** Values per image: height × width × channels. */
export function imageLength(ds: Pick<ImageDataset, 'height' | 'width' | 'channels'>): number {
  return ds.height * ds.width * ds.channels;
}

/** Number of images of each class, indexed by class. */
export function classCounts(ds: Pick<ImageDataset, 'labels' | 'classNames'>): number[] {
  const counts = new Array<number>(ds.classNames.length).fill(0);
  for (const label of ds.labels) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
}

/** For each class, the indices of its images in ascending order. */
export function indicesByClass(ds: Pick<ImageDataset, 'labels' | 'classNames'>): number[][] {
  const lists: number[][] = ds.classNames.map(() => []);
  ds.labels.forEach((label, i) => lists[label]!.push(i));
  return lists;
}

/** A new dataset holding copies of the given images, in the given order. */
export function selectSamples(ds: ImageDataset, indices: ArrayLike<number>): ImageDataset {
  const len = imageLength(ds);
  const images = ds.images instanceof Uint8Array ? new Uint8Array(indices.length * len) : new Float32Array(indices.length * len);
  const labels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (!Number.isInteger(i) || i < 0 || i >= ds.count) throw new RangeError(`sample index ${i} out of range 0..${ds.count - 1}`);
    images.set(ds.images.subarray(i * len, (i + 1) * len), k * len);
    labels[k] = ds.labels[i]!;
  }
  return { ...ds, images, labels, count: indices.length, classNames: [...ds.classNames] };
}

/**
 * Indices of a class-balanced subset: `perClass` images of every class, chosen by a seeded shuffle
 * within each class, returned in ascending order (so the subset keeps the source's order).
 * Throws if a class has fewer than `perClass` images.
 */
export function balancedSubsetIndices(
  ds: Pick<ImageDataset, 'labels' | 'classNames'>,
  perClass: number,
  seed: number,
): Uint32Array {
  if (!Number.isInteger(perClass) || perClass <= 0) throw new RangeError(`perClass must be a positive integer, got ${perClass}`);
  const rng = createRng(seed);
  const chosen: number[] = [];
  indicesByClass(ds).forEach((members, label) => {
    if (members.length < perClass) {
      throw new RangeError(
        `class ${label} (${ds.classNames[label]}) has ${members.length} images, fewer than the ${perClass} asked for`,
      );
    }
    rng.shuffleInPlace(members);
    chosen.push(...members.slice(0, perClass));
  });
  return Uint32Array.from(chosen).sort();
}

export function balancedSubset(ds: ImageDataset, perClass: number, seed: number): ImageDataset {
  return selectSamples(ds, balancedSubsetIndices(ds, perClass, seed));
}
