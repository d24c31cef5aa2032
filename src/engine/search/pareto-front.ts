/**
 * The score-vs-cost Pareto front of "one option per block" — the whole front, exactly.
 *
 * Block by block we take the Minkowski sum of the front so far with the block's options and drop
 * every dominated point (one that costs at least as much and scores no better than another).
 * Dropping dominated points never loses an optimum, so for every budget the best point of the
 * final front under that budget IS the exact optimum of the multiple-choice knapsack. The released
 * DNA traversal (per-block sorting with carried-over bounds) is not exact; this is.
 */
import { lastWithinBudget, type CostKey } from '../../shared/front-search';

export interface BlockOption {
  /** Index into the caller's option list for this block (kept through pruning). */
  index: number;
  score: number;
  flops: number;
  params: number;
}

export type { CostKey };

export interface FrontPoint {
  score: number;
  flops: number;
  params: number;
  /** Option index chosen in each block. */
  choice: number[];
}

/** Internal front of a prefix of blocks, with back-pointers so choices are rebuilt only at the end. */
interface Stage {
  score: Float64Array;
  cost: Float64Array;
  other: Float64Array;
  prev: Int32Array;
  option: Int32Array;
}

/** Options of one block that are on its own front for `key` (cheaper ones always score better). */
export function blockFront(options: BlockOption[], key: CostKey): BlockOption[] {
  const sorted = [...options].sort((a, b) => a[key] - b[key] || a.score - b.score);
  const kept: BlockOption[] = [];
  let best = Infinity;
  for (const o of sorted) {
    if (o.score < best) {
      kept.push(o);
      best = o.score;
    }
  }
  return kept;
}

/** The union of two fronts, itself pruned to a front: one linear walk in cost order. */
function unionOfFronts(a: Stage, b: Stage): Stage {
  const na = a.cost.length;
  const nb = b.cost.length;
  const out: Stage = {
    score: new Float64Array(na + nb),
    cost: new Float64Array(na + nb),
    other: new Float64Array(na + nb),
    prev: new Int32Array(na + nb),
    option: new Int32Array(na + nb),
  };
  let i = 0;
  let j = 0;
  let n = 0;
  let best = Infinity;
  while (i < na || j < nb) {
    const takeA = j >= nb || (i < na && (a.cost[i] < b.cost[j] || (a.cost[i] === b.cost[j] && a.score[i] <= b.score[j])));
    const src = takeA ? a : b;
    const k = takeA ? i++ : j++;
    if (src.score[k] < best) {
      best = src.score[k];
      out.score[n] = src.score[k];
      out.cost[n] = src.cost[k];
      out.other[n] = src.other[k];
      out.prev[n] = src.prev[k];
      out.option[n] = src.option[k];
      n++;
    }
  }
  return {
    score: out.score.subarray(0, n),
    cost: out.cost.subarray(0, n),
    other: out.other.subarray(0, n),
    prev: out.prev.subarray(0, n),
    option: out.option.subarray(0, n),
  };
}

/**
 * Merges the front so far with one block's front. Each option shifts the (cost-sorted) front by
 * its cost — already a front — and fronts are unioned pairwise, pruning at every level, so the
 * work is about n log k simple steps instead of sorting n points.
 */
function mergeWithBlock(cur: Stage, front: BlockOption[], key: CostKey, other: CostKey): Stage {
  const m = cur.cost.length;
  let lists: Stage[] = front.map((o) => {
    const shifted: Stage = {
      score: new Float64Array(m),
      cost: new Float64Array(m),
      other: new Float64Array(m),
      prev: new Int32Array(m),
      option: new Int32Array(m).fill(o.index),
    };
    for (let i = 0; i < m; i++) {
      shifted.score[i] = cur.score[i] + o.score;
      shifted.cost[i] = cur.cost[i] + o[key];
      shifted.other[i] = cur.other[i] + o[other];
      shifted.prev[i] = i;
    }
    return shifted;
  });
  while (lists.length > 1) {
    const next: Stage[] = [];
    for (let i = 0; i < lists.length; i += 2) next.push(i + 1 < lists.length ? unionOfFronts(lists[i], lists[i + 1]) : lists[i]);
    lists = next;
  }
  return lists[0];
}

/**
 * Builds the exact front over all blocks for one cost key. `fixed` is the cost every architecture
 * pays (stem and head). Returns points sorted by increasing cost (and so decreasing score).
 */
export function paretoFront(blocks: BlockOption[][], key: CostKey, fixed: { flops: number; params: number }): FrontPoint[] {
  const other: CostKey = key === 'flops' ? 'params' : 'flops';
  if (blocks.length === 0) return [{ score: 0, flops: fixed.flops, params: fixed.params, choice: [] }];
  const stages: Stage[] = [];
  let cur: Stage = {
    score: Float64Array.of(0),
    cost: Float64Array.of(fixed[key]),
    other: Float64Array.of(fixed[other]),
    prev: Int32Array.of(-1),
    option: Int32Array.of(-1),
  };
  for (const options of blocks) {
    if (options.length === 0) throw new Error('paretoFront: a block has no candidate options');
    const next = mergeWithBlock(cur, blockFront(options, key), key, other);
    stages.push(next);
    cur = next;
  }
  const points: FrontPoint[] = [];
  for (let m = 0; m < cur.score.length; m++) {
    const choice = new Array<number>(blocks.length);
    let idx = m;
    for (let s = stages.length - 1; s >= 0; s--) {
      choice[s] = stages[s].option[idx];
      idx = stages[s].prev[idx];
    }
    points.push({
      score: cur.score[m],
      [key]: cur.cost[m],
      [other]: cur.other[m],
      choice,
    } as unknown as FrontPoint);
  }
  return points;
}

/**
 * Score-vs-cost curves of every suffix of blocks (blocks k..end, for each k), built right to left
 * with one merge per block. Used as exact lower bounds by the two-budget search.
 */
export function suffixCurves(blocks: BlockOption[][], key: CostKey): { cost: Float64Array; score: Float64Array }[] {
  const other: CostKey = key === 'flops' ? 'params' : 'flops';
  const curves: { cost: Float64Array; score: Float64Array }[] = new Array(blocks.length + 1);
  let cur: Stage = { score: Float64Array.of(0), cost: Float64Array.of(0), other: Float64Array.of(0), prev: Int32Array.of(-1), option: Int32Array.of(-1) };
  curves[blocks.length] = { cost: cur.cost, score: cur.score };
  for (let k = blocks.length - 1; k >= 0; k--) {
    cur = mergeWithBlock(cur, blockFront(blocks[k], key), key, other);
    curves[k] = { cost: cur.cost, score: cur.score };
  }
  return curves;
}

/** The best point of a front whose cost is within budget (fronts are sorted by cost). */
export function bestOnFront(front: FrontPoint[], key: CostKey, budget: number): FrontPoint | undefined {
  const i = lastWithinBudget(front, key, budget);
  return i >= 0 ? front[i] : undefined;
}
