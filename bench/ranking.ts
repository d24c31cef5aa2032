/**
 * Benchmark: exhaustive ranking of one 4-layer block (6 ops -> 1296 paths) with prefix sharing
 * (the engine's depth-first walk, src/engine/rank/rank-supernet.ts) against its peer, scoring
 * each path separately (same code, prefixSharing: false), measured in the same run.
 *
 * Both use the same BN recalibration and score. Scoring every path separately takes ~3x as long as
 * the shared walk, so by default the separate peer scores a seeded uniform sample of the paths and
 * its time is scaled to all 1296 (each sampled path costs what an average path costs); --full
 * scores all of them. The target (issue 3): shared <= 40% of separate.
 */
import { initBackend, type BackendPreference } from '../src/engine/backend';
import { createRng } from '../src/engine/data/random';
import type { NamedArray } from '../src/engine/io/tensor-bundle';
import { rankSupernet } from '../src/engine/rank/rank-supernet';
import { SupernetBlock } from '../src/engine/supernet/supernet-block';
import { SpaceSchema } from '../src/shared/config/search-config';
import type { SearchSpaceSpec, StudentBlockSpec } from '../src/shared/search-space';
import { intFlag, type Benchmark } from './benchmark';
import { fmt, loadText, peakRssMiB } from './measure';

/** Block 2 of the built-in teacher (7x7x32 -> 7x7x48), at depth 4. */
const BLOCK: StudentBlockSpec = { index: 0, name: 'stage3 (7x7x32 -> 7x7x48)', inputShape: [7, 7, 32], outputShape: [7, 7, 48], stride: 1, width: 48, depths: [4] };

function randomMaps(shape: number[], seed: number): NamedArray {
  const rng = createRng(seed);
  return { shape, values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.next() * 2 - 1) };
}

export const rankingBenchmark: Benchmark = {
  name: 'ranking',
  summary: 'exhaustive ranking of a 4-layer block (1296 paths): prefix sharing vs scoring each path separately',
  flags: { heldout: 'held-out images (default 500)', calibration: 'calibration images (default 256)', sample: 'paths the separate peer scores (default 216)', full: 'score all 1296 paths separately too (slow)' },
  async run(opts) {
    const heldOut = intFlag(opts, 'heldout', 500);
    const calibration = intFlag(opts, 'calibration', 256);
    const full = opts.flags.has('full');
    const backend = await initBackend((opts.flags.get('backend') ?? 'wasm') as BackendPreference);
    const s = SpaceSchema.parse({});
    const space: SearchSpaceSpec = { ops: s.ops, family: { seRatio: s.seRatio, activation: s.activation }, blocks: [BLOCK] };
    const net = new SupernetBlock(space, BLOCK, 4, createRng(5).next);
    const data = { calibration: randomMaps([calibration, 7, 7, 32], 1), heldOutIn: randomMaps([heldOut, 7, 7, 32], 2), heldOutOut: randomMaps([heldOut, 7, 7, 48], 3) };
    const total = space.ops.length ** 4;

    opts.log(`prefix sharing: all ${total} paths…`);
    let t0 = performance.now();
    const shared = await rankSupernet(net, data, { prefixSharing: true });
    const sharedMs = performance.now() - t0;

    const sample = full ? total : Math.min(total, intFlag(opts, 'sample', 216));
    opts.log(`separately: ${sample} paths${full ? '' : ' (uniform sample, scaled to all)'}…`);
    // The separate peer walks paths in index order; a sample is every k-th path of a seeded shuffle.
    const chosen = new Set(Array.from(createRng(9).permutation(total).subarray(0, sample)));
    t0 = performance.now();
    const separate = await rankSupernet(net, data, { prefixSharing: false, only: (k) => chosen.has(k) });
    const separateMs = ((performance.now() - t0) * total) / sample;
    // Same numbers either way (checked exactly in the unit tests; here for the sampled paths).
    const byOps = new Map(shared.map((c) => [c.ops, c.score]));
    const maxDiff = Math.max(...separate.map((c) => Math.abs(c.score - byOps.get(c.ops)!)));
    net.dispose();
    const ratio = sharedMs / separateMs;
    return [
      {
        title: `Ranking ${total} paths of ${BLOCK.name}, depth 4, ${heldOut} held-out + ${calibration} calibration images, ${backend.name}`,
        columns: ['method', 'layer evaluations', 'time (s)', 'ms / path', 'vs separate'],
        rows: [
          ['prefix sharing (engine)', 6 + 36 + 216 + 1296, fmt(sharedMs / 1000), fmt(sharedMs / total, 2), `${(ratio * 100).toFixed(1)}%`],
          [`each path separately${full ? '' : ` (${sample} sampled, scaled)`}`, 4 * total, fmt(separateMs / 1000), fmt(separateMs / total, 2), '100%'],
        ],
        notes: [
          `target: prefix sharing <= 40% of separate — ${ratio <= 0.4 ? 'met' : 'NOT met'} (${(ratio * 100).toFixed(1)}%)`,
          `largest score difference between the two on the sampled paths: ${maxDiff.toExponential(1)}`,
          `peak RSS ${fmt(peakRssMiB(), 0)} MiB; load average at the end: ${loadText()}`,
        ],
      },
    ];
  },
};
