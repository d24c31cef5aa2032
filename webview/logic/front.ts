/**
 * The budget slider over a Pareto front. The slider's position is a budget between the cheapest
 * and the dearest point of the front (linear in cost); the architecture shown is the best one
 * that fits, found by binary search because a front sorted by cost has strictly falling scores,
 * so the last point that fits is the best. Arrow keys step from one front point to the next.
 */
import type { FrontPointInfo } from '../../src/shared/events';
import { lastWithinBudget, type CostKey } from '../../src/shared/front-search';

export type { CostKey };

/**
 * Slider positions. Fine, so that two front points are only indistinguishable when their costs
 * are within 1/100000 of the front's cost range of each other.
 */
export const BUDGET_STEPS = 100_000;

/** The front sorted by cost, ties by score: the order every other function here relies on. */
export function sortFront(points: readonly FrontPointInfo[], key: CostKey): FrontPointInfo[] {
  return [...points].sort((a, b) => a[key] - b[key] || a.score - b.score);
}

/** Index of the best (lowest score) point with cost <= budget in a sorted front, or -1. */
export function bestUnderBudget(front: readonly FrontPointInfo[], key: CostKey, budget: number): number {
  return lastWithinBudget(front, key, budget);
}

export interface BudgetRange {
  lo: number;
  hi: number;
}

export function budgetRange(front: readonly FrontPointInfo[], key: CostKey): BudgetRange {
  if (front.length === 0) return { lo: 0, hi: 0 };
  return { lo: front[0][key], hi: front[front.length - 1][key] };
}

export function clampIndex(index: number): number {
  return Math.min(BUDGET_STEPS, Math.max(0, Math.round(index)));
}

/** The budget at a slider position (position 0 is the cheapest point, the last the dearest). */
export function budgetAt(range: BudgetRange, index: number): number {
  return range.lo + ((range.hi - range.lo) * clampIndex(index)) / BUDGET_STEPS;
}

/** The lowest slider position whose budget is at least `budget`. */
export function indexForBudget(range: BudgetRange, budget: number): number {
  if (range.hi <= range.lo) return BUDGET_STEPS;
  return clampIndex(Math.ceil(((budget - range.lo) / (range.hi - range.lo)) * BUDGET_STEPS - 1e-9));
}

/**
 * Where the slider starts when the user has not moved it: at the engine's own budget for this
 * cost key when the run had one, else at the chosen architecture's cost, else at the far end.
 */
export function defaultBudgetIndex(range: BudgetRange, key: CostKey, chosen?: { budget: { flops?: number; params?: number }; cost: { flops: number; params: number } }): number {
  if (!chosen) return BUDGET_STEPS;
  const b = chosen.budget[key];
  return indexForBudget(range, b !== undefined ? b : chosen.cost[key]);
}

/** Nearest front point to a cost, for clicks on the scatter plot. */
export function nearestByCost(front: readonly FrontPointInfo[], key: CostKey, cost: number): number {
  let best = -1;
  let dist = Infinity;
  for (let i = 0; i < front.length; i++) {
    const d = Math.abs(front[i][key] - cost);
    if (d < dist) {
      dist = d;
      best = i;
    }
  }
  return best;
}

export interface FrontSelection {
  key: CostKey;
  /** The front sorted by cost. */
  front: FrontPointInfo[];
  range: BudgetRange;
  sliderIndex: number;
  budget: number;
  /** Index into `front` of the best point under the budget, or -1 when none fits. */
  pointIndex: number;
  point?: FrontPointInfo;
}

/** Everything the Pareto view shows for a slider position (the default position when undefined). */
export function selectOnFront(
  points: readonly FrontPointInfo[] | undefined,
  key: CostKey,
  sliderIndex: number | undefined,
  chosen?: { budget: { flops?: number; params?: number }; cost: { flops: number; params: number } },
): FrontSelection | undefined {
  if (!points || points.length === 0) return undefined;
  const front = sortFront(points, key);
  const range = budgetRange(front, key);
  const index = sliderIndex === undefined ? defaultBudgetIndex(range, key, chosen) : clampIndex(sliderIndex);
  const budget = budgetAt(range, index);
  const pointIndex = bestUnderBudget(front, key, budget);
  return { key, front, range, sliderIndex: index, budget, pointIndex, point: pointIndex >= 0 ? front[pointIndex] : undefined };
}

/**
 * The slider position of the next dearer (+1) or cheaper (-1) point of the front from the
 * current selection: the lowest position whose budget affords that point. Stays put at the ends.
 */
export function neighbourIndex(sel: FrontSelection, direction: 1 | -1): number {
  const target = sel.pointIndex + direction;
  if (target < 0) return 0;
  if (target >= sel.front.length) return BUDGET_STEPS;
  return indexForBudget(sel.range, sel.front[target][sel.key]);
}
