import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paretoFront, bestOnFront, type BlockOption } from '../../../src/engine/search/pareto-front';
import { searchUnderBudget, BudgetTooSmallError, type Budget } from '../../../src/engine/search/budgeted-search';
import { mulberry } from './prng';

const FIXED = { flops: 1000, params: 50 };

function randomInstance(rand: () => number): BlockOption[][] {
  const nBlocks = 1 + Math.floor(rand() * 4);
  return Array.from({ length: nBlocks }, () => {
    const n = 1 + Math.floor(rand() * 7);
    return Array.from({ length: n }, (_, index) => ({
      index,
      // Integer costs make ties common, which is where inexact searches slip.
      score: Math.round(rand() * 20) / 4,
      flops: 10 + Math.floor(rand() * 50) * 10,
      params: 1 + Math.floor(rand() * 30),
    }));
  });
}

function* allChoices(blocks: BlockOption[][]): Generator<BlockOption[]> {
  const idx = new Array(blocks.length).fill(0);
  for (;;) {
    yield idx.map((i, b) => blocks[b][i]);
    let k = blocks.length - 1;
    while (k >= 0 && ++idx[k] === blocks[k].length) idx[k--] = 0;
    if (k < 0) return;
  }
}

function bruteForce(blocks: BlockOption[][], budget: Budget): number | undefined {
  let best: number | undefined;
  for (const pick of allChoices(blocks)) {
    const flops = FIXED.flops + pick.reduce((s, o) => s + o.flops, 0);
    const params = FIXED.params + pick.reduce((s, o) => s + o.params, 0);
    if (budget.flops !== undefined && flops > budget.flops) continue;
    if (budget.params !== undefined && params > budget.params) continue;
    const score = pick.reduce((s, o) => s + o.score, 0);
    if (best === undefined || score < best) best = score;
  }
  return best;
}

function checkSelection(blocks: BlockOption[][], budget: Budget, sel: ReturnType<typeof searchUnderBudget>): void {
  const picks = sel.choice.map((c, b) => blocks[b].find((o) => o.index === c)!);
  assert.ok(picks.every(Boolean), 'choice indexes refer to real options');
  assert.equal(sel.flops, FIXED.flops + picks.reduce((s, o) => s + o.flops, 0));
  assert.equal(sel.params, FIXED.params + picks.reduce((s, o) => s + o.params, 0));
  assert.ok(Math.abs(sel.score - picks.reduce((s, o) => s + o.score, 0)) < 1e-9);
  if (budget.flops !== undefined) assert.ok(sel.flops <= budget.flops);
  if (budget.params !== undefined) assert.ok(sel.params <= budget.params);
}

test('exact search equals brute force on 300 random instances for FLOPs, params and both budgets', () => {
  const rand = mulberry(7);
  let feasible = 0;
  let infeasible = 0;
  for (let t = 0; t < 300; t++) {
    const blocks = randomInstance(rand);
    const maxF = FIXED.flops + blocks.reduce((s, b) => s + Math.max(...b.map((o) => o.flops)), 0);
    const maxP = FIXED.params + blocks.reduce((s, b) => s + Math.max(...b.map((o) => o.params)), 0);
    const budgets: Budget[] = [
      { flops: Math.floor(FIXED.flops + rand() * (maxF - FIXED.flops)) },
      { params: Math.floor(FIXED.params + rand() * (maxP - FIXED.params)) },
      { flops: Math.floor(FIXED.flops + rand() * (maxF - FIXED.flops)), params: Math.floor(FIXED.params + rand() * (maxP - FIXED.params)) },
      {},
    ];
    for (const budget of budgets) {
      const expected = bruteForce(blocks, budget);
      if (expected === undefined) {
        assert.throws(() => searchUnderBudget(blocks, budget, FIXED), BudgetTooSmallError);
        infeasible++;
        continue;
      }
      const sel = searchUnderBudget(blocks, budget, FIXED);
      checkSelection(blocks, budget, sel);
      assert.ok(Math.abs(sel.score - expected) < 1e-9, `instance ${t} budget ${JSON.stringify(budget)}: got ${sel.score}, brute force ${expected}`);
      feasible++;
    }
  }
  assert.ok(feasible > 700, `enough feasible cases (${feasible})`);
  assert.ok(infeasible > 10, `enough infeasible cases (${infeasible})`);
});

test('the Pareto front is exactly the non-dominated set of all architectures', () => {
  const rand = mulberry(11);
  for (let t = 0; t < 200; t++) {
    const blocks = randomInstance(rand);
    for (const key of ['flops', 'params'] as const) {
      const front = paretoFront(blocks, key, FIXED);
      // Sorted by cost, strictly improving score.
      for (let i = 1; i < front.length; i++) {
        assert.ok(front[i][key] > front[i - 1][key]);
        assert.ok(front[i].score < front[i - 1].score);
      }
      const all = [...allChoices(blocks)].map((pick) => ({
        score: pick.reduce((s, o) => s + o.score, 0),
        cost: FIXED[key] + pick.reduce((s, o) => s + o[key], 0),
      }));
      // Every architecture is matched or beaten by a front point no more expensive.
      for (const a of all) assert.ok(front.some((p) => p[key] <= a.cost && p.score <= a.score + 1e-9));
      // Every front point is achievable and not strictly dominated.
      for (const p of front) {
        assert.ok(all.some((a) => a.cost === p[key] && Math.abs(a.score - p.score) < 1e-9));
        assert.ok(!all.some((a) => a.cost <= p[key] && a.score < p.score - 1e-9 && (a.cost < p[key] || a.score < p.score - 1e-9)));
      }
      // And answering a budget from it agrees with brute force.
      const budget = FIXED[key] + rand() * 400;
      const expected = bruteForce(blocks, { [key]: budget });
      const got = bestOnFront(front, key, budget);
      assert.equal(got?.score, expected);
    }
  }
});

test('a budget below the smallest network names both numbers', () => {
  const blocks: BlockOption[][] = [
    [{ index: 0, score: 1, flops: 100, params: 10 }],
    [{ index: 0, score: 1, flops: 200, params: 20 }, { index: 1, score: 0.5, flops: 300, params: 5 }],
  ];
  assert.throws(
    () => searchUnderBudget(blocks, { flops: 1200 }, FIXED),
    (e: Error) => e instanceof BudgetTooSmallError && /FLOPs budget 1\.2k is below the smallest network of this space \(1\.3k FLOPs\)/.test(e.message),
  );
});

test('a reference-sized space (6 blocks x 1548 paths) is searched exactly', () => {
  const rand = mulberry(3);
  const blocks: BlockOption[][] = Array.from({ length: 6 }, () =>
    Array.from({ length: 1548 }, (_, index) => {
      const flops = 1e6 + rand() * 5e7;
      return { index, flops: Math.round(flops), params: Math.round(flops / 50 + rand() * 1e5), score: 1 / (0.5 + flops / 5e7) + rand() * 0.3 };
    }),
  );
  const started = performance.now();
  const front = paretoFront(blocks, 'flops', FIXED);
  const budget = front[Math.floor(front.length / 2)].flops;
  const sel = searchUnderBudget(blocks, { flops: budget }, FIXED);
  const both = searchUnderBudget(blocks, { flops: budget, params: sel.params - 1 }, FIXED);
  const ms = performance.now() - started;
  assert.equal(sel.score, front[Math.floor(front.length / 2)].score);
  assert.ok(both.score >= sel.score && both.params <= sel.params - 1);
  // Timing is reported, not asserted (benchmarks own speed targets).
  console.log(`# reference-sized space: front of ${front.length} points, both searches in ${ms.toFixed(0)} ms`);
});
