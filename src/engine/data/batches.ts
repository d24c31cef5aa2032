/**
 * Batches of normalised float32 images from a raw dataset, with seeded order and augmentation.
 *
 * Order and augmentation draw from separate streams derived from one seed, so switching augmentation
 * on or off does not change which images land in which batch. Pass a different seed per epoch
 * (e.g. deriveSeed(runSeed, epoch)) for a fresh order each epoch.
 */
import type { Augmentation, Normalisation } from '../../shared/config/dataset-spec';
import { IDENTITY_TRANSFORM, drawTransform, isAugmentationOn, writeTransformedImage } from './augment';
import type { ImageDataset } from './dataset';
import { imageLength } from './dataset';
import { channelAffine } from './normalise';
import { createRng, deriveSeed } from './random';

export interface BatchOptions {
  batchSize: number;
  normalisation: Normalisation;
  /** Shuffle the order (seeded). Default false: dataset order, as evaluation wants. */
  shuffle?: boolean;
  /** Seed for order and augmentation. Required when shuffle or augmentation is on. */
  seed?: number;
  /** Off unless given with horizontalFlip or cropPadding > 0. Meant for training batches only. */
  augmentation?: Augmentation;
  /** Drop a last batch smaller than batchSize. Default false. */
  dropRemainder?: boolean;
  /** Restrict to these sample indices (e.g. one part of a split). Default: all. */
  indices?: ArrayLike<number>;
}

export interface Batch {
  /** size × height × width × channels, NHWC, normalised. A fresh buffer per batch. */
  images: Float32Array;
  labels: Uint8Array;
  size: number;
  /** Which dataset samples are in this batch, in order. */
  indices: Uint32Array;
}

const ORDER_STREAM = 1;
const AUGMENT_STREAM = 2;

export function batchCount(samples: number, batchSize: number, dropRemainder = false): number {
  return dropRemainder ? Math.floor(samples / batchSize) : Math.ceil(samples / batchSize);
}

export function* iterateBatches(ds: ImageDataset, options: BatchOptions): Generator<Batch> {
  const { batchSize, shuffle = false, dropRemainder = false } = options;
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const augment = isAugmentationOn(options.augmentation) ? options.augmentation : undefined;
  if ((shuffle || augment) && options.seed === undefined) {
    throw new RangeError('a seed is required when shuffle or augmentation is on (results must be reproducible)');
  }
  const affine = channelAffine(options.normalisation, ds.channels);

  let order = options.indices ? Uint32Array.from(options.indices) : Uint32Array.from({ length: ds.count }, (_, i) => i);
  if (shuffle) order = createRng(deriveSeed(options.seed!, ORDER_STREAM)).shuffleInPlace(order);
  const augmentRng = augment ? createRng(deriveSeed(options.seed!, AUGMENT_STREAM)) : undefined;

  const len = imageLength(ds);
  const batches = batchCount(order.length, batchSize, dropRemainder);
  for (let b = 0; b < batches; b++) {
    const indices = order.slice(b * batchSize, Math.min(order.length, (b + 1) * batchSize));
    const images = new Float32Array(indices.length * len);
    const labels = new Uint8Array(indices.length);
    indices.forEach((sample, k) => {
      if (sample >= ds.count) throw new RangeError(`sample index ${sample} out of range 0..${ds.count - 1}`);
      const transform = augment ? drawTransform(augmentRng!, augment) : IDENTITY_TRANSFORM;
      writeTransformedImage(ds.images, sample * len, ds, transform, affine, images, k * len);
      labels[k] = ds.labels[sample]!;
    });
    yield { images, labels, size: indices.length, indices };
  }
}
