/**
 * Answering a budget from a Pareto front. A front sorted by cost has strictly falling scores, so
 * the best point within a budget is simply the last one that fits: a binary search. The engine
 * (exact search) and the panel (budget slider) both use this.
 */
export type CostKey = 'flops' | 'params';

/** Index of the last point of `sorted` (ascending in `key`) whose cost is <= budget, or -1. */
export function lastWithinBudget(sorted: readonly Readonly<Record<CostKey, number>>[], key: CostKey, budget: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid][key] <= budget) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
