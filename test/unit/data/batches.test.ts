import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Batch } from '../../../src/engine/data/batches';
import { batchCount, iterateBatches } from '../../../src/engine/data/batches';
import type { ImageDataset } from '../../../src/engine/data/dataset';
import { imageLength } from '../../../src/engine/data/dataset';
import { channelStatistics } from '../../../src/engine/data/normalise';
import { syntheticDataset } from './fixtures';

const IDENTITY = { mean: [0], std: [1] };
const grey = syntheticDataset(10, { height: 4, width: 5, channels: 1 }, (n) => n % 3, 3);
const rgb = syntheticDataset(6, { height: 3, width: 3, channels: 3 }, (n) => n % 2, 2);

/** Element-wise |a - b| < 1e-6: float32 results vs float64 references. */
function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what = 'values'): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(Math.abs(actual[i]! - expected[i]!) < 1e-6, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

/** Same image within float32 tolerance. */
const close = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((v, i) => Math.abs(v - b[i]!) < 1e-6);

const all = (ds: ImageDataset, options: Parameters<typeof iterateBatches>[1]): Batch[] => [...iterateBatches(ds, options)];

test('batch sizes, with and without dropping the remainder', () => {
  assert.deepEqual(all(grey, { batchSize: 4, normalisation: IDENTITY }).map((b) => b.size), [4, 4, 2]);
  assert.deepEqual(all(grey, { batchSize: 4, normalisation: IDENTITY, dropRemainder: true }).map((b) => b.size), [4, 4]);
  assert.equal(batchCount(10, 4), 3);
  assert.equal(batchCount(10, 4, true), 2);
});

test('normalisation: (x/255 - mean[c]) / std[c] per channel, NHWC', () => {
  const norm = { mean: [0.1, 0.5, 0.9], std: [0.2, 0.25, 0.5] };
  const [batch] = all(rgb, { batchSize: 6, normalisation: norm });
  assert.equal(batch!.images.length, 6 * 3 * 3 * 3);
  for (let i = 0; i < rgb.images.length; i++) {
    const c = i % 3;
    const expected = (rgb.images[i]! / 255 - norm.mean[c]!) / norm.std[c]!;
    assert.ok(Math.abs(batch!.images[i]! - expected) < 1e-5, `value ${i}: ${batch!.images[i]} vs ${expected}`);
  }
  // Spot values: 255 with mean .5 std .25 is 2; 0 is -2.
  const [edge] = all({ ...grey, images: Uint8Array.from(grey.images, (_, i) => (i % 2 ? 255 : 0)) }, { batchSize: 1, normalisation: { mean: [0.5], std: [0.25] } });
  assertClose(edge!.images.subarray(0, 2), [-2, 2]);
});

test('a single mean/std broadcasts; a wrong count is an error', () => {
  const [a] = all(rgb, { batchSize: 6, normalisation: { mean: [0.5], std: [0.5] } });
  const [b] = all(rgb, { batchSize: 6, normalisation: { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] } });
  assert.deepEqual(a!.images, b!.images);
  assert.throws(() => all(rgb, { batchSize: 2, normalisation: { mean: [0, 0], std: [1, 1] } }), /2 values but the images have 3 channel/);
});

test('unshuffled batches follow the dataset (or given indices) in order', () => {
  const batches = all(grey, { batchSize: 3, normalisation: IDENTITY, indices: [9, 2, 5, 7] });
  assert.deepEqual(batches.flatMap((b) => [...b.indices]), [9, 2, 5, 7]);
  assert.deepEqual(batches.flatMap((b) => [...b.labels]), [0, 2, 2, 1]);
  const len = imageLength(grey);
  assertClose(batches[0]!.images.subarray(0, len), [...grey.images.subarray(9 * len, 10 * len)].map((x) => x / 255));
});

test('shuffled order is a seeded permutation, and needs a seed', () => {
  const order = (seed: number) => all(grey, { batchSize: 4, normalisation: IDENTITY, shuffle: true, seed }).flatMap((b) => [...b.indices]);
  assert.deepEqual([...order(1)].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(order(1), order(1));
  assert.notDeepEqual(order(1), order(2));
  assert.throws(() => all(grey, { batchSize: 4, normalisation: IDENTITY, shuffle: true }), /seed is required/);
  const batch = all(grey, { batchSize: 10, normalisation: IDENTITY, shuffle: true, seed: 1 })[0]!;
  assert.deepEqual([...batch.labels], [...batch.indices].map((i) => grey.labels[i]));
});

/** The source image shifted by (dy, dx), optionally mirrored, with zero fill: written independently of augment.ts. */
function expectedView(ds: ImageDataset, n: number, dy: number, dx: number, flip: boolean): number[] {
  const out: number[] = [];
  for (let y = 0; y < ds.height; y++)
    for (let x = 0; x < ds.width; x++)
      for (let c = 0; c < ds.channels; c++) {
        const sy = y + dy;
        const sx = (flip ? ds.width - 1 - x : x) + dx;
        const inside = sy >= 0 && sy < ds.height && sx >= 0 && sx < ds.width;
        out.push(inside ? ds.images[((n * ds.height + sy) * ds.width + sx) * ds.channels + c]! / 255 : 0);
      }
  return out;
}

const many = syntheticDataset(64, { height: 4, width: 5, channels: 2 }, (n) => n % 4, 4);
const images = (batches: Batch[]) => batches.flatMap((b) => Array.from({ length: b.size }, (_, k) => [...b.images.subarray(k * 40, (k + 1) * 40)]));

test('horizontal flip mirrors about half of the images and leaves the rest', () => {
  const batches = all(many, { batchSize: 16, normalisation: IDENTITY, seed: 5, augmentation: { horizontalFlip: true, cropPadding: 0 } });
  let flipped = 0;
  images(batches).forEach((img, n) => {
    const plain = expectedView(many, n, 0, 0, false);
    const mirrored = expectedView(many, n, 0, 0, true);
    if (close(img, mirrored)) flipped++;
    else assert.ok(close(img, plain), `image ${n} is neither the original nor its mirror`);
  });
  assert.ok(flipped > 16 && flipped < 48, `${flipped} of 64 flipped`);
});

test('random crop with padding shifts by at most the padding, filling with black', () => {
  const pad = 2;
  const batches = all(many, { batchSize: 64, normalisation: IDENTITY, seed: 9, augmentation: { horizontalFlip: false, cropPadding: pad } });
  const seen = new Set<string>();
  images(batches).forEach((img, n) => {
    let match: string | undefined;
    for (let dy = -pad; dy <= pad && !match; dy++)
      for (let dx = -pad; dx <= pad && !match; dx++)
        if (close(img, expectedView(many, n, dy, dx, false))) match = `${dy},${dx}`;
    assert.ok(match, `image ${n} is not a padded crop of its source`);
    seen.add(match);
  });
  assert.ok(seen.size > 10, `only ${seen.size} of 25 offsets used`);
});

test('augmentation is deterministic per seed and does not change the order', () => {
  const options = (seed: number, on: boolean) => ({
    batchSize: 8,
    normalisation: { mean: [0.3], std: [0.7] },
    shuffle: true,
    seed,
    augmentation: { horizontalFlip: on, cropPadding: on ? 1 : 0 },
  });
  const a = all(many, options(21, true));
  const b = all(many, options(21, true));
  const c = all(many, options(22, true));
  assert.deepEqual(a.map((x) => x.images), b.map((x) => x.images));
  assert.notDeepEqual(images(a), images(c));
  const plain = all(many, options(21, false));
  assert.deepEqual(a.map((x) => [...x.indices]), plain.map((x) => [...x.indices]));
  assert.notDeepEqual(images(a), images(plain));
});

test('channelStatistics gives per-channel mean and std on the 0..1 scale', () => {
  // Channel 0 alternates 0 / 255 (mean .5, std .5); channel 1 is constant 51 (mean .2, std 0).
  const ds: ImageDataset = {
    images: Uint8Array.from([0, 51, 255, 51, 0, 51, 255, 51]),
    labels: Uint8Array.from([0, 0]),
    count: 2, height: 1, width: 2, channels: 2, classNames: ['a'],
  };
  const stats = channelStatistics(ds);
  assert.ok(Math.abs(stats.mean[0]! - 0.5) < 1e-12 && Math.abs(stats.std[0]! - 0.5) < 1e-12);
  assert.ok(Math.abs(stats.mean[1]! - 0.2) < 1e-12 && Math.abs(stats.std[1]!) < 1e-6);
});
