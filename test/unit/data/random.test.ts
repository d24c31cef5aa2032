import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRng, deriveSeed, normaliseSeed } from '../../../src/engine/data/random';

const draw = (seed: number, n: number) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

test('mulberry32 reproduces its reference output', () => {
  // First outputs of Tommy Ettinger's C reference (compiled with gcc) for states 0 and 42.
  const firstThree = (seed: number) => draw(seed, 3).map((u) => u * 4294967296);
  assert.deepEqual(firstThree(0), [1144304738, 1416247, 958946056]);
  assert.deepEqual(firstThree(42), [2581720956, 1925393290, 3661312704]);
});

test('same seed gives the same stream, other seeds differ, values lie in [0, 1)', () => {
  assert.deepEqual(draw(42, 100), draw(42, 100));
  assert.notDeepEqual(draw(42, 100), draw(43, 100));
  for (const u of draw(7, 10000)) assert.ok(u >= 0 && u < 1, `value ${u} out of range`);
});

test('nextInt covers its range roughly uniformly', () => {
  const rng = createRng(1);
  const counts = new Array(6).fill(0);
  for (let i = 0; i < 60000; i++) counts[rng.nextInt(6)]++;
  for (const c of counts) assert.ok(Math.abs(c - 10000) < 400, `bucket count ${c} far from 10000`);
  assert.throws(() => rng.nextInt(0), /positive integer/);
});

test('permutation is a permutation and is seeded', () => {
  const p = createRng(5).permutation(1000);
  assert.deepEqual([...p].sort((a, b) => a - b), Array.from({ length: 1000 }, (_, i) => i));
  assert.deepEqual(p, createRng(5).permutation(1000));
  assert.notDeepEqual(p, createRng(6).permutation(1000));
});

test('deriveSeed gives distinct, repeatable streams', () => {
  assert.equal(deriveSeed(9, 1), deriveSeed(9, 1));
  const seeds = new Set([deriveSeed(9), deriveSeed(9, 1), deriveSeed(9, 2), deriveSeed(10, 1), deriveSeed(9, 1, 0)]);
  assert.equal(seeds.size, 5);
});

test('seeds are normalised to uint32 and must be finite', () => {
  assert.equal(normaliseSeed(-1), 4294967295);
  assert.equal(normaliseSeed(3.7), 3);
  assert.throws(() => normaliseSeed(Number.NaN), /finite/);
});
