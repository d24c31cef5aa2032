/**
 * Exact choice of one option per block minimising the summed score under a FLOPs and/or params
 * budget (a multiple-choice knapsack).
 *
 * One budget: read it off the exact Pareto front. Both budgets: branch and bound, with a lower
 * bound that is itself exact for a relaxation — the best score the remaining blocks can reach
 * under the remaining FLOPs budget alone, or the remaining params budget alone (suffix fronts) —
 * so the search visits few nodes and is still exact.
 */
import { bestOnFront, paretoFront, suffixCurves, type BlockOption, type CostKey, type FrontPoint } from './pareto-front';

export interface Budget {
  flops?: number;
  params?: number;
}

export interface Selection {
  score: number;
  flops: number;
  params: number;
  choice: number[];
}

export class BudgetTooSmallError extends Error {
  constructor(
    readonly budget: Budget,
    readonly smallest: { flops: number; params: number },
  ) {
    const parts: string[] = [];
    if (budget.flops !== undefined && budget.flops < smallest.flops)
      parts.push(`FLOPs budget ${fmt(budget.flops)} is below the smallest network of this space (${fmt(smallest.flops)} FLOPs)`);
    if (budget.params !== undefined && budget.params < smallest.params)
      parts.push(`params budget ${fmt(budget.params)} is below the smallest network of this space (${fmt(smallest.params)} params)`);
    if (parts.length === 0) parts.push('no architecture meets both the FLOPs and the params budget at once');
    super(`${parts.join('; ')}. Raise the budget, or allow smaller candidates (fewer layers, lower expansion) in the search space.`);
    this.name = 'BudgetTooSmallError';
  }
}

function fmt(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n);
}

/** Drops options that another option of the same block beats or ties on score, FLOPs and params. */
export function dominancePrune(options: BlockOption[]): BlockOption[] {
  const sorted = [...options].sort((a, b) => a.score - b.score || a.flops - b.flops || a.params - b.params);
  const kept: BlockOption[] = [];
  for (const o of sorted) {
    if (!kept.some((k) => k.flops <= o.flops && k.params <= o.params)) kept.push(o);
  }
  return kept;
}

/** For blocks k..end: minimum score reachable with cost <= c, as a step function on a front. */
class SuffixBound {
  private readonly fronts: { cost: Float64Array; score: Float64Array }[];
  constructor(blocks: BlockOption[][], key: CostKey) {
    this.fronts = suffixCurves(blocks, key);
  }
  /** Lower bound on the score of blocks k.. with at most `budget` cost; Infinity when infeasible. */
  at(k: number, budget: number): number {
    const { cost, score } = this.fronts[k];
    let lo = 0;
    let hi = cost.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cost[mid] <= budget + 1e-9) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? Infinity : score[found];
  }
}

/**
 * Exact best selection under the budget. `fixed` is the cost shared by every architecture (stem and
 * head). Throws BudgetTooSmallError when nothing fits.
 */
export function searchUnderBudget(blocks: BlockOption[][], budget: Budget, fixed: { flops: number; params: number }): Selection {
  const smallest = {
    flops: fixed.flops + blocks.reduce((s, b) => s + Math.min(...b.map((o) => o.flops)), 0),
    params: fixed.params + blocks.reduce((s, b) => s + Math.min(...b.map((o) => o.params)), 0),
  };
  const hasF = budget.flops !== undefined;
  const hasP = budget.params !== undefined;
  if ((hasF && budget.flops! < smallest.flops) || (hasP && budget.params! < smallest.params)) throw new BudgetTooSmallError(budget, smallest);
  if (!hasF && !hasP) return unconstrained(blocks, fixed);
  if (hasF !== hasP) {
    const key: CostKey = hasF ? 'flops' : 'params';
    const front: FrontPoint[] = paretoFront(blocks, key, fixed);
    const best = bestOnFront(front, key, budget[key]!);
    if (!best) throw new BudgetTooSmallError(budget, smallest);
    return best;
  }
  return branchAndBound(blocks, budget.flops! - fixed.flops, budget.params! - fixed.params, fixed, budget, smallest);
}

function unconstrained(blocks: BlockOption[][], fixed: { flops: number; params: number }): Selection {
  const picks = blocks.map((b) => b.reduce((best, o) => (o.score < best.score ? o : best)));
  return {
    score: picks.reduce((s, o) => s + o.score, 0),
    flops: fixed.flops + picks.reduce((s, o) => s + o.flops, 0),
    params: fixed.params + picks.reduce((s, o) => s + o.params, 0),
    choice: picks.map((o) => o.index),
  };
}

function branchAndBound(
  rawBlocks: BlockOption[][],
  flopsBudget: number,
  paramsBudget: number,
  fixed: { flops: number; params: number },
  budget: Budget,
  smallest: { flops: number; params: number },
): Selection {
  const blocks = rawBlocks.map(dominancePrune);
  const n = blocks.length;
  const flopsBound = new SuffixBound(blocks, 'flops');
  const paramsBound = new SuffixBound(blocks, 'params');
  const minScoreFrom = new Float64Array(n + 1);
  for (let k = n - 1; k >= 0; k--) minScoreFrom[k] = minScoreFrom[k + 1] + Math.min(...blocks[k].map((o) => o.score));

  let bestScore = Infinity;
  let bestChoice: BlockOption[] | null = null;
  const path: BlockOption[] = new Array(n);

  const visit = (k: number, score: number, flops: number, params: number): void => {
    if (k === n) {
      if (score < bestScore) {
        bestScore = score;
        bestChoice = path.slice();
      }
      return;
    }
    for (const o of blocks[k]) {
      const s = score + o.score;
      // Options are sorted by score: once even the best-case finish cannot win, no later one can.
      if (s + minScoreFrom[k + 1] >= bestScore) break;
      const f = flops + o.flops;
      const p = params + o.params;
      if (f > flopsBudget + 1e-9 || p > paramsBudget + 1e-9) continue;
      const bound = Math.max(flopsBound.at(k + 1, flopsBudget - f), paramsBound.at(k + 1, paramsBudget - p));
      if (s + bound >= bestScore) continue;
      path[k] = o;
      visit(k + 1, s, f, p);
    }
  };
  visit(0, 0, 0, 0);
  if (!bestChoice) throw new BudgetTooSmallError(budget, smallest);
  const chosen = bestChoice as BlockOption[];
  return {
    score: bestScore,
    flops: fixed.flops + chosen.reduce((s, o) => s + o.flops, 0),
    params: fixed.params + chosen.reduce((s, o) => s + o.params, 0),
    choice: chosen.map((o) => o.index),
  };
}
