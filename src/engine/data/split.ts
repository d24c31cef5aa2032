/**
 * Seeded, stratified split of training data into a part to train on and a held-out part used to
 * rank candidate architectures. Ranking on held-out training data (never the test set) keeps the
 * test score an honest estimate of the chosen architecture.
 */
import type { ImageDataset } from './dataset';
import { indicesByClass, selectSamples } from './dataset';
import { createRng } from './random';

export interface SplitIndices {
  /** Ascending indices into the source dataset. */
  train: Uint32Array;
  /** Ascending indices into the source dataset; disjoint from train. */
  heldOut: Uint32Array;
}

/**
 * Each class contributes round(n × heldOutFraction) images to the held-out part, but at least one
 * (so every class can be ranked on) and never all of them (so every class can be trained on).
 * A class with a single image stays in train.
 */
export function stratifiedSplitIndices(
  ds: Pick<ImageDataset, 'labels' | 'classNames'>,
  heldOutFraction: number,
  seed: number,
): SplitIndices {
  if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
    throw new RangeError(`heldOutFraction must be strictly between 0 and 1, got ${heldOutFraction}`);
  }
  const rng = createRng(seed);
  const train: number[] = [];
  const heldOut: number[] = [];
  for (const members of indicesByClass(ds)) {
    const n = members.length;
    if (n === 0) continue;
    const take = n === 1 ? 0 : Math.min(n - 1, Math.max(1, Math.round(n * heldOutFraction)));
    rng.shuffleInPlace(members);
    heldOut.push(...members.slice(0, take));
    train.push(...members.slice(take));
  }
  return { train: Uint32Array.from(train).sort(), heldOut: Uint32Array.from(heldOut).sort() };
}

export function splitTrainHeldOut(
  ds: ImageDataset,
  heldOutFraction: number,
  seed: number,
): { train: ImageDataset; heldOut: ImageDataset; indices: SplitIndices } {
  const indices = stratifiedSplitIndices(ds, heldOutFraction, seed);
  return { train: selectSamples(ds, indices.train), heldOut: selectSamples(ds, indices.heldOut), indices };
}
