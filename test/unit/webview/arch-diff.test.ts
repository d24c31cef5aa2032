import assert from 'node:assert/strict';
import { test } from 'node:test';
import { architectureCost } from '../../../src/shared/cost';
import { architectureDiff, DiffError } from '../../../webview/logic/arch-diff';
import { finalState, run } from './fixture';

test('the diff of the chosen net: rows per block, and totals equal the engine’s exact cost', () => {
  const teacher = finalState.teacher!;
  const chosen = finalState.chosen!;
  const rows = architectureDiff(teacher, finalState.space!, chosen.candidates);
  assert.deepEqual(rows.map((r) => r.kind), ['stem', 'block', 'block', 'block', 'block', 'block', 'head', 'total']);
  const total = rows.at(-1)!;
  assert.deepEqual({ params: total.student.params, flops: total.student.flops }, chosen.cost, 'student total = the cost the run reported');
  const exact = architectureCost(chosen.architecture);
  assert.deepEqual({ params: total.student.params, flops: total.student.flops }, { params: exact.params, flops: exact.flops }, 'and = architectureCost of the spec');
  assert.deepEqual({ params: total.teacher.params, flops: total.teacher.flops }, teacher.total, 'teacher total = the teacher event’s total');
  assert.deepEqual(total.delta, { params: exact.params - teacher.total.params, flops: exact.flops - teacher.total.flops });
  for (const [b, r] of rows.filter((x) => x.kind === 'block').entries()) {
    assert.equal(r.candidate, chosen.candidates[b]);
    assert.equal(r.teacher.layers, teacher.blocks[b].layers.length);
    assert.deepEqual({ params: r.student.params, flops: r.student.flops }, exact.blocks[b]);
    assert.equal(r.student.depth, chosen.architecture.blocks[b].ops.length);
    assert.deepEqual(r.student.ops, chosen.architecture.blocks[b].ops.map((o) => `k${o.kernel}e${o.expansion}`));
  }
  assert.deepEqual(rows[0].delta, { params: 0, flops: 0 }, 'the stem is the teacher’s own');
});

test('every point of both fronts diffs to its own cost', () => {
  for (const key of ['flops', 'params'] as const) {
    for (const p of run.fronts[key].filter((_, i) => i % 7 === 0)) {
      const total = architectureDiff(finalState.teacher!, run.space, p.candidates).at(-1)!;
      assert.equal(total.student.flops, p.flops);
      assert.equal(total.student.params, p.params);
    }
  }
});

test('architectures that do not fit the space are refused with the reason', () => {
  const ids = finalState.chosen!.candidates;
  assert.throws(() => architectureDiff(finalState.teacher!, run.space, ids.slice(1)), (e: Error) => e instanceof DiffError && /4 block choices but the search space has 5/.test(e.message));
  assert.throws(() => architectureDiff(finalState.teacher!, run.space, [ids[1], ...ids.slice(1)]), /choice 0 is "b1\./);
  assert.throws(() => architectureDiff(finalState.teacher!, run.space, ['b0.d1:k9e9', ...ids.slice(1)]), /op "k9e9" is not in this search space/);
});
