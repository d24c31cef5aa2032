import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bestOnFront, type FrontPoint } from '../../../src/engine/search/pareto-front';
import type { FrontPointInfo } from '../../../src/shared/events';
import { bestUnderBudget, BUDGET_STEPS, budgetAt, budgetRange, defaultBudgetIndex, indexForBudget, nearestByCost, neighbourIndex, selectOnFront, sortFront } from '../../../webview/logic/front';
import { finalState, run } from './fixture';

function bruteForce(points: FrontPointInfo[], key: 'flops' | 'params', budget: number): FrontPointInfo | undefined {
  let best: FrontPointInfo | undefined;
  for (const p of points) if (p[key] <= budget && (!best || p.score < best.score)) best = p;
  return best;
}

test('the best point under a budget equals brute force and the engine’s bestOnFront', () => {
  for (const key of ['flops', 'params'] as const) {
    const front = sortFront(run.fronts[key], key);
    assert.ok(front.length > 20, 'a front worth searching');
    const engineFront: FrontPoint[] = front.map((p, i) => ({ score: p.score, flops: p.flops, params: p.params, choice: [i] }));
    const { lo, hi } = budgetRange(front, key);
    const budgets = [lo - 1, lo, hi, hi * 2, ...front.map((p) => p[key]), ...Array.from({ length: 200 }, (_, i) => lo + ((hi - lo) * i) / 199 + 0.5)];
    for (const budget of budgets) {
      const i = bestUnderBudget(front, key, budget);
      const brute = bruteForce(front, key, budget);
      const engine = bestOnFront(engineFront, key, budget);
      if (!brute) {
        assert.equal(i, -1);
        assert.equal(engine, undefined);
        continue;
      }
      assert.equal(front[i].score, brute.score, `budget ${budget}`);
      assert.equal(i, engine!.choice[0]);
    }
  }
});

test('slider positions and budgets: 0 is the cheapest point, the end the dearest, and they invert', () => {
  const front = sortFront(run.fronts.flops, 'flops');
  const range = budgetRange(front, 'flops');
  assert.equal(budgetAt(range, 0), front[0].flops);
  assert.equal(budgetAt(range, BUDGET_STEPS), front.at(-1)!.flops);
  assert.equal(budgetAt(range, -5), front[0].flops, 'clamped');
  for (let i = 0; i <= BUDGET_STEPS; i += 3701) assert.equal(indexForBudget(range, budgetAt(range, i)), i);
  // Every point of the front is reachable from some slider position (its costs are further
  // apart than one step, which is what makes that true).
  const step = (range.hi - range.lo) / BUDGET_STEPS;
  for (let i = 1; i < front.length; i++) assert.ok(front[i].flops - front[i - 1].flops >= step);
  for (const p of front) {
    const sel = selectOnFront(front, 'flops', indexForBudget(range, p.flops));
    assert.equal(sel!.point!.candidates.join(), p.candidates.join());
  }
});

test('arrow keys walk the front one point at a time, and stop at the ends', () => {
  const front = run.fronts.params;
  let sel = selectOnFront(front, 'params', 0)!;
  assert.equal(sel.pointIndex, 0);
  assert.equal(neighbourIndex(sel, -1), 0);
  const visited = [sel.pointIndex];
  while (sel.pointIndex < sel.front.length - 1) {
    sel = selectOnFront(front, 'params', neighbourIndex(sel, 1))!;
    visited.push(sel.pointIndex);
  }
  assert.deepEqual(visited, sel.front.map((_, i) => i), 'every point once, in cost order');
  assert.equal(neighbourIndex(sel, 1), BUDGET_STEPS);
  const back = selectOnFront(front, 'params', neighbourIndex(sel, -1))!;
  assert.equal(back.pointIndex, sel.front.length - 2);
});

test('before the user moves the slider it sits at the run’s budget and shows the run’s pick', () => {
  const chosen = finalState.chosen!;
  const sel = selectOnFront(finalState.pareto.flops, 'flops', undefined, chosen)!;
  assert.deepEqual(sel.point!.candidates, chosen.candidates);
  assert.ok(sel.budget >= chosen.budget.flops! - 1e-6);
  // The params front has no params budget in this run: it starts at the chosen net's params.
  const selP = selectOnFront(finalState.pareto.params, 'params', undefined, chosen)!;
  assert.ok(selP.point!.params <= selP.budget);
  assert.equal(defaultBudgetIndex(budgetRange(sortFront(finalState.pareto.params!, 'params'), 'params'), 'params', undefined), BUDGET_STEPS);
  assert.equal(selectOnFront(undefined, 'flops', 3), undefined);
  assert.equal(selectOnFront([], 'flops', 3), undefined);
});

test('a click on the plot snaps to the nearest point by cost', () => {
  const front = sortFront(run.fronts.params, 'params');
  assert.equal(nearestByCost(front, 'params', front[5].params + 0.1), 5);
  assert.equal(nearestByCost(front, 'params', -1), 0);
  assert.equal(nearestByCost([], 'params', 1), -1);
});
