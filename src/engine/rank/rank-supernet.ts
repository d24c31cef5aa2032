/**
 * Scores EVERY path of one trained supernet on held-out training data (never the test set):
 * before a path is scored its BN statistics are recalibrated on one fixed training batch, then
 * score = mean|Y - Ŷ| / std(Y) on the held-out maps (relative L1; lower is better).
 *
 * Paths that share a prefix of layers share its computation: the walk is depth-first, and the
 * calibration and held-out maps after each prefix are kept while its subtree is scored. A block
 * of n ops and L layers then costs n + n² + … + n^L layer evaluations instead of L·n^L.
 * (Recalibrating a layer only depends on the maps entering it, so sharing changes nothing in the
 * result — tests check it against scoring each path separately.)
 */
import * as tf from '@tensorflow/tfjs';
import { pathCost } from '../../shared/cost';
import type { RankedCandidate } from '../../shared/events';
import { opId, type SearchSpaceSpec } from '../../shared/search-space';
import type { NamedArray } from '../io/tensor-bundle';
import type { OpStats } from '../supernet/mbconv-op';
import type { SupernetBlock } from '../supernet/supernet-block';
import { eventLoopYielder } from '../run/yield-to-events';

export interface RankData {
  /** Fixed calibration batch entering the block: [n, h, w, c]. */
  calibration: NamedArray;
  heldOutIn: NamedArray;
  heldOutOut: NamedArray;
}

export interface RankOptions {
  /** false = score each path from scratch (the baseline the benchmark compares against). */
  prefixSharing?: boolean;
  /** Without prefix sharing only: score just the paths whose index (lexicographic order) passes. */
  only?: (pathIndex: number) => boolean;
  /** Held-out images per forward chunk (bounds memory). */
  chunk?: number;
  onProgress?(done: number, total: number): void;
  /** Polled between paths; true = abandon the ranking (it is all-or-nothing) and reject with RankingStopped. */
  shouldStop?(): boolean;
}

export class RankingStopped extends Error {
  override name = 'RankingStopped';
  constructor() {
    super('ranking stopped before it finished; it restarts from the beginning on resume');
  }
}

interface Maps {
  calibration: tf.Tensor4D;
  heldOut: tf.Tensor4D[];
}

function toTensor(a: NamedArray, start: number, count: number): tf.Tensor4D {
  const per = a.values.length / a.shape[0];
  return tf.tensor4d(a.values.subarray(start * per, (start + count) * per), [count, a.shape[1], a.shape[2], a.shape[3]]);
}

function chunks(a: NamedArray, size: number): tf.Tensor4D[] {
  const out: tf.Tensor4D[] = [];
  for (let s = 0; s < a.shape[0]; s += size) out.push(toTensor(a, s, Math.min(size, a.shape[0] - s)));
  return out;
}

function disposeMaps(m: Maps): void {
  m.calibration.dispose();
  for (const t of m.heldOut) t.dispose();
}

/** One layer with one op: BN recalibrated on the calibration maps, then applied to the held-out maps. */
function layerStep(net: SupernetBlock, layer: number, op: number, input: Maps): Maps {
  const stats: OpStats = [];
  const calibration = tf.tidy(() => {
    const y = net.layer(input.calibration, layer, op, { kind: 'batch', collect: stats });
    for (const s of stats) {
      tf.keep(s.mean);
      tf.keep(s.variance);
    }
    return y;
  });
  const heldOut = input.heldOut.map((x) => tf.tidy(() => net.layer(x, layer, op, { kind: 'fixed', stats })));
  for (const s of stats) {
    s.mean.dispose();
    s.variance.dispose();
  }
  return { calibration, heldOut };
}

export function standardDeviation(values: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let sq = 0;
  for (let i = 0; i < values.length; i++) sq += (values[i] - mean) ** 2;
  return Math.sqrt(sq / values.length);
}

export async function rankSupernet(net: SupernetBlock, data: RankData, opts: RankOptions = {}): Promise<RankedCandidate[]> {
  const { prefixSharing = true, chunk = 256 } = opts;
  const space: SearchSpaceSpec = net.space;
  const spec = space.blocks[net.block.index];
  const n = space.ops.length;
  const depth = net.depth;
  const total = n ** depth;
  const std = standardDeviation(data.heldOutOut.values);
  if (!(std > 0)) throw new Error(`block ${spec.index}: the teacher's held-out output map is constant (std 0); candidates cannot be scored`);
  const targets = chunks(data.heldOutOut, chunk);
  const elements = data.heldOutOut.values.length;
  const results: RankedCandidate[] = [];

  const score = (outputs: tf.Tensor4D[]): number => {
    let sum = 0;
    outputs.forEach((y, i) => {
      sum += tf.tidy(() => tf.sum(tf.abs(tf.sub(tf.reshape(y, [-1]), tf.reshape(targets[i], [-1])))).dataSync()[0]);
    });
    return sum / elements / std;
  };
  const maybeYield = eventLoopYielder();
  const checkStop = async () => {
    await maybeYield();
    if (opts.shouldStop?.()) throw new RankingStopped();
  };
  const record = (path: number[], maps: Maps) => {
    const ops = path.map((o) => space.ops[o]);
    const cost = pathCost(spec, ops, space.family);
    results.push({ ops: ops.map(opId).join('-'), score: score(maps.heldOut), params: cost.params, flops: cost.flops });
    opts.onProgress?.(results.length, total);
  };

  const root: Maps = { calibration: toTensor(data.calibration, 0, data.calibration.shape[0]), heldOut: chunks(data.heldOutIn, chunk) };
  try {
    if (prefixSharing) {
      const walk = async (maps: Maps, prefix: number[]) => {
        for (let op = 0; op < n; op++) {
          await checkStop();
          const next = layerStep(net, prefix.length, op, maps);
          try {
            const path = [...prefix, op];
            if (path.length === depth) record(path, next);
            else await walk(next, path);
          } finally {
            disposeMaps(next);
          }
        }
      };
      await walk(root, []);
    } else {
      for (let k = 0; k < total; k++) {
        if (opts.only && !opts.only(k)) continue;
        await checkStop();
        const path = Array.from({ length: depth }, (_, l) => Math.floor(k / n ** (depth - 1 - l)) % n);
        let maps = root;
        for (let l = 0; l < depth; l++) {
          const next = layerStep(net, l, path[l], maps);
          if (maps !== root) disposeMaps(maps);
          maps = next;
        }
        record(path, maps);
        disposeMaps(maps);
      }
    }
  } finally {
    disposeMaps(root);
    for (const t of targets) t.dispose();
  }
  return results.sort((a, b) => a.score - b.score);
}
