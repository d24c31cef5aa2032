/**
 * The data of a run, split the same way in every process: the training data is split (stratified,
 * seeded) into a part to train on and a held-out part used to rank candidates and validate
 * retraining; the test split is used once, to report the final accuracies. From the parts come
 * the fixed BN calibration batch and the held-out ranking subset.
 */
import type { SearchConfig } from '../../shared/config/search-config';
import type { ImageDataset } from '../data/dataset';
import { selectSamples } from '../data/dataset';
import { createRng, deriveSeed } from '../data/random';
import { loadDatasetPair } from '../data/sources';
import { stratifiedSplitIndices } from '../data/split';

export interface RunData {
  train: ImageDataset;
  heldOut: ImageDataset;
  test: ImageDataset;
  /** A fixed batch of the training part for BN recalibration while ranking. */
  calibration: ImageDataset;
  /** The held-out images candidates are scored on. */
  rankHeldOut: ImageDataset;
}

function firstOfPermutation(ds: ImageDataset, count: number, seed: number): ImageDataset {
  const order = createRng(seed).permutation(ds.count).subarray(0, Math.min(count, ds.count));
  return selectSamples(ds, Uint32Array.from(order).sort());
}

export async function loadRunData(config: SearchConfig, configDir = process.cwd()): Promise<RunData> {
  const pair = await loadDatasetPair(config.data.dataset, { configDir });
  const split = stratifiedSplitIndices(pair.train, config.data.heldOutFraction, deriveSeed(config.seed, 11));
  let train = selectSamples(pair.train, split.train);
  const subset = config.data.trainSubset;
  if (subset !== undefined && subset < train.count) {
    // The "held-out" side of a stratified split of the size asked for: class-balanced and seeded.
    train = selectSamples(train, stratifiedSplitIndices(train, subset / train.count, deriveSeed(config.seed, 14)).heldOut);
  }
  const heldOut = selectSamples(pair.train, split.heldOut);
  return {
    train,
    heldOut,
    test: pair.test,
    calibration: firstOfPermutation(train, config.rank.calibrationImages, deriveSeed(config.seed, 12)),
    rankHeldOut: firstOfPermutation(heldOut, config.rank.heldOutImages, deriveSeed(config.seed, 13)),
  };
}
