import assert from 'node:assert/strict';
import { test } from 'node:test';
import { balancedSubset, balancedSubsetIndices, classCounts, imageLength, selectSamples } from '../../../src/engine/data/dataset';
import { splitTrainHeldOut, stratifiedSplitIndices } from '../../../src/engine/data/split';
import { syntheticDataset } from './fixtures';

// Unbalanced on purpose: class k has 40 + 20k images (40, 60, 80, 100), interleaved.
const labelsOf = (): number[] => {
  const labels: number[] = [];
  for (let k = 0; k < 4; k++) for (let i = 0; i < 40 + 20 * k; i++) labels.push(k);
  return labels;
};
const LABELS = labelsOf();
const ds = syntheticDataset(LABELS.length, { height: 3, width: 2, channels: 1 }, (n) => LABELS[(n * 37) % LABELS.length]!, 4);

test('the fixture really is unbalanced', () => {
  assert.deepEqual(classCounts(ds), [40, 60, 80, 100]);
});

test('selectSamples copies images and labels in the given order', () => {
  const sel = selectSamples(ds, [5, 0]);
  const len = imageLength(ds);
  assert.equal(sel.count, 2);
  assert.deepEqual([...sel.images.subarray(0, len)], [...ds.images.subarray(5 * len, 6 * len)]);
  assert.deepEqual([...sel.images.subarray(len)], [...ds.images.subarray(0, len)]);
  assert.deepEqual([...sel.labels], [ds.labels[5], ds.labels[0]]);
  sel.images[0] = 99;
  assert.notEqual(ds.images[5 * len], 99, 'a copy, not a view');
  assert.throws(() => selectSamples(ds, [ds.count]), /out of range/);
});

test('balanced subset: exact per-class counts, ascending, deterministic per seed', () => {
  const a = balancedSubsetIndices(ds, 30, 11);
  assert.equal(a.length, 120);
  assert.deepEqual(classCounts({ labels: Uint8Array.from(a, (i) => ds.labels[i]!), classNames: ds.classNames }), [30, 30, 30, 30]);
  assert.deepEqual([...a], [...a].sort((x, y) => x - y));
  assert.equal(new Set(a).size, 120, 'no duplicates');
  assert.deepEqual(balancedSubsetIndices(ds, 30, 11), a);
  assert.notDeepEqual(balancedSubsetIndices(ds, 30, 12), a);
  const sub = balancedSubset(ds, 30, 11);
  assert.deepEqual(classCounts(sub), [30, 30, 30, 30]);
  assert.throws(() => balancedSubsetIndices(ds, 41, 1), /class 0 \(c0\) has 40 images, fewer than the 41/);
});

test('stratified split: per-class fractions, disjoint, covering, deterministic', () => {
  const split = stratifiedSplitIndices(ds, 0.25, 3);
  const heldLabels = Uint8Array.from(split.heldOut, (i) => ds.labels[i]!);
  const trainLabels = Uint8Array.from(split.train, (i) => ds.labels[i]!);
  assert.deepEqual(classCounts({ labels: heldLabels, classNames: ds.classNames }), [10, 15, 20, 25]);
  assert.deepEqual(classCounts({ labels: trainLabels, classNames: ds.classNames }), [30, 45, 60, 75]);

  const train = new Set(split.train);
  for (const i of split.heldOut) assert.ok(!train.has(i), `index ${i} is in both parts`);
  assert.deepEqual([...split.train, ...split.heldOut].sort((a, b) => a - b), Array.from({ length: ds.count }, (_, i) => i));

  assert.deepEqual(stratifiedSplitIndices(ds, 0.25, 3), split);
  assert.notDeepEqual(stratifiedSplitIndices(ds, 0.25, 4).heldOut, split.heldOut);
});

test('split keeps at least one image per class on each side, and checks the fraction', () => {
  // 3 classes with 1, 2 and 10 images; a 1% split would round to 0 everywhere.
  const labels = [0, 1, 1, ...new Array(10).fill(2)];
  const small = syntheticDataset(labels.length, { height: 1, width: 1, channels: 1 }, (n) => labels[n]!, 3);
  const split = stratifiedSplitIndices(small, 0.01, 1);
  const held = classCounts({ labels: Uint8Array.from(split.heldOut, (i) => small.labels[i]!), classNames: small.classNames });
  assert.deepEqual(held, [0, 1, 1]);
  assert.throws(() => stratifiedSplitIndices(small, 0, 1), /strictly between 0 and 1/);
  assert.throws(() => stratifiedSplitIndices(small, 1, 1), /strictly between 0 and 1/);
});

test('splitTrainHeldOut returns datasets matching the indices', () => {
  const { train, heldOut, indices } = splitTrainHeldOut(ds, 0.1, 8);
  assert.equal(train.count + heldOut.count, ds.count);
  const len = imageLength(ds);
  const i = indices.heldOut[3]!;
  assert.deepEqual([...heldOut.images.subarray(3 * len, 4 * len)], [...ds.images.subarray(i * len, (i + 1) * len)]);
  assert.equal(heldOut.labels[3], ds.labels[i]);
});
