/**
 * Seeded pseudo-random numbers for everything in the data layer that shuffles or samples.
 *
 * Why not Math.random: a search must be repeatable from its config alone, so every random choice
 * (subset, split, batch order, augmentation) draws from a generator built from the config's seed.
 *
 * Generator: mulberry32 (Tommy Ettinger, public domain) — 32-bit state, full 2^32 period, passes
 * gjrand/PractRand well enough for shuffling, and is trivially portable (the same numbers in Node,
 * a worker or a browser). Independent streams come from `deriveSeed`, which hashes a seed together
 * with stream numbers (murmur3's finaliser), so e.g. the batch order does not change when
 * augmentation is switched on.
 */

/** Anything indexable and writable: plain arrays and typed arrays. */
export interface Shuffleable {
  length: number;
  [index: number]: unknown;
}

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). `n` must be a positive integer ≤ 2^32. */
  nextInt(n: number): number;
  /** Fisher–Yates shuffle, in place; returns the same array. */
  shuffleInPlace<T extends Shuffleable>(items: T): T;
  /** A random permutation of 0..n-1. */
  permutation(n: number): Uint32Array;
}

/** Turns any finite number into the uint32 the generator needs; throws on NaN / Infinity. */
export function normaliseSeed(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  // Math.trunc first so 1.9 and 1 agree; >>> 0 wraps negatives and large values into uint32.
  return Math.trunc(seed) >>> 0;
}

/** murmur3 fmix32: spreads every input bit over the whole output, so nearby seeds give unrelated streams. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A seed for an independent stream: deriveSeed(seed, 1) and deriveSeed(seed, 2) are unrelated. */
export function deriveSeed(seed: number, ...streams: number[]): number {
  let h = fmix32(normaliseSeed(seed) ^ 0x9e3779b9);
  for (const stream of streams) {
    h = fmix32((h + fmix32(normaliseSeed(stream) + 0x7f4a7c15)) >>> 0);
  }
  return h;
}

export function createRng(seed: number): Rng {
  let state = normaliseSeed(seed);

  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const nextInt = (n: number): number => {
    if (!Number.isInteger(n) || n <= 0 || n > 4294967296) {
      throw new RangeError(`nextInt needs a positive integer bound ≤ 2^32, got ${n}`);
    }
    // Modulo bias of floor(u * n) is below n / 2^32: negligible for dataset sizes.
    return Math.floor(next() * n);
  };

  const shuffleInPlace = <T extends Shuffleable>(items: T): T => {
    const a = items as { [index: number]: unknown; length: number };
    for (let i = a.length - 1; i > 0; i--) {
      const j = nextInt(i + 1);
      const tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
    return items;
  };

  const permutation = (n: number): Uint32Array => {
    const p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return shuffleInPlace(p);
  };

  return { next, nextInt, shuffleInPlace, permutation };
}
