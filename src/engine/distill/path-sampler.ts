/**
 * Single-path sampling: each training step trains one path, each layer's op drawn uniformly.
 * The draw is a pure function of (seed, block, depth, epoch, step), so a resumed run samples the
 * same paths it would have sampled without the interruption, with no generator state to save.
 */
import { createRng, deriveSeed } from '../data/random';

export function samplePath(seed: number, block: number, depth: number, epoch: number, step: number, ops: number): number[] {
  const rng = createRng(deriveSeed(seed, 101, block, depth, epoch, step));
  return Array.from({ length: depth }, () => rng.nextInt(ops));
}

/** A few fixed paths to track held-out loss across epochs on a comparable footing. */
export function probePaths(seed: number, block: number, depth: number, ops: number, count = 3): number[][] {
  const rng = createRng(deriveSeed(seed, 202, block, depth));
  return Array.from({ length: count }, () => Array.from({ length: depth }, () => rng.nextInt(ops)));
}
