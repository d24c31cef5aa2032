// What the Runs tree shows for a run: blocks with their state, candidates best first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldEvents } from '../../../src/shared/run-state';
import { blockRows, candidateRows } from '../../../src/extension/run-folders/runs-tree-model';
import { sampleEvents } from './run-fixtures';

test('blocks: names, shapes and how far each got', () => {
  const rows = blockRows(foldEvents(sampleEvents('/r')));
  assert.deepEqual(
    rows.map((r) => [r.index, r.name, r.shapes, r.status, r.candidateCount]),
    [
      [0, 'stage1', '28×28×16 → 14×14×24', 'ranked', 4],
      [1, 'stage2', '14×14×24 → 7×7×32', 'distilling', 0],
    ],
  );
  assert.match(rows[1].detail, /distilling 13%/, 'block 1: depth 1 is a quarter through, depth 2 not started');
});

test('candidates of a block are merged over depths, best score first, with protocol ids', () => {
  const events = sampleEvents('/r');
  const state = foldEvents(events);
  state.chosen = { budget: {}, score: 0.2, cost: { params: 1, flops: 1 }, candidates: ['b0.d2:k3e3-k3e3', 'b1.d1:k3e3'], architecture: undefined as never };
  const rows = candidateRows(state, 0);
  assert.deepEqual(rows.map((r) => [r.rank, r.id, r.candidate.score, r.chosen]), [
    [1, 'b0.d2:k3e3-k3e3', 0.2, true],
    [2, 'b0.d1:k5e3', 0.25, false],
    [3, 'b0.d2:k5e3-k3e3', 0.27, false],
    [4, 'b0.d1:k3e3', 0.3, false],
  ]);
  assert.deepEqual(candidateRows(state, 1), []);
});
