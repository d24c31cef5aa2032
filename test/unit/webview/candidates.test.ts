import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCandidateId, pathCount } from '../../../src/shared/search-space';
import { candidateRows, filterRows, nextSort, parseFilter, sortRows, SORT_KEYS, type CandidateRow } from '../../../webview/logic/candidates';
import { finalState, run } from './fixture';

test('candidate rows: every ranked path of the block, ranked by score, with parseable ids', () => {
  for (const block of run.space.blocks) {
    const rows = candidateRows(finalState, block.index);
    assert.equal(rows.length, block.depths.reduce((n, d) => n + pathCount(run.space, d), 0));
    for (const [i, r] of rows.entries()) {
      assert.equal(r.rank, i + 1);
      if (i > 0) assert.ok(r.score >= rows[i - 1].score);
      const path = parseCandidateId(run.space, r.id);
      assert.equal(path.block, block.index);
      assert.equal(path.depth, r.depth);
    }
    assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, 'ids are unique');
  }
  assert.deepEqual(candidateRows(finalState, 99), []);
});

test('sorting by every column, both directions, is ordered and total (ties by rank)', () => {
  const rows = candidateRows(finalState, 2);
  for (const key of SORT_KEYS) {
    for (const dir of ['asc', 'desc'] as const) {
      const sorted = sortRows(rows, { key, dir });
      assert.equal(sorted.length, rows.length);
      for (let i = 1; i < sorted.length; i++) {
        const a = sorted[i - 1];
        const b = sorted[i];
        const c = key === 'ops' ? (a.ops < b.ops ? -1 : a.ops > b.ops ? 1 : 0) : (a[key] as number) - (b[key] as number);
        const signed = dir === 'asc' ? c : -c;
        assert.ok(signed < 0 || (signed === 0 && a.rank < b.rank), `${key} ${dir} out of order at ${i}`);
      }
    }
  }
  assert.notEqual(sortRows(rows, { key: 'flops', dir: 'asc' })[0].id, rows[0].id, 'the cheapest is not the best here');
});

test('filter terms match ops and depth; comparisons understand k/M suffixes', () => {
  const rows = candidateRows(finalState, 1);
  const k7 = filterRows(rows, 'k7e6');
  assert.deepEqual(k7.map((r) => r.id), rows.filter((r) => r.ops.includes('k7e6')).map((r) => r.id));
  const d2k5 = filterRows(rows, '  D2  k5 ');
  assert.deepEqual(d2k5.map((r) => r.id), rows.filter((r) => r.depth === 2 && r.ops.includes('k5')).map((r) => r.id));
  const cheap = filterRows(rows, 'flops<1.5M');
  assert.ok(cheap.length > 0 && cheap.length < rows.length);
  assert.ok(cheap.every((r) => r.flops < 1.5e6));
  const mixed = filterRows(rows, 'depth=3 score<=0.3 params>20k');
  assert.deepEqual(mixed, rows.filter((r) => r.depth === 3 && r.score <= 0.3 && r.params > 20e3));
  assert.equal(filterRows(rows, '').length, rows.length);
  assert.equal(filterRows(rows, 'nothing-like-this').length, 0);
  assert.deepEqual(parseFilter('flops>=2g k3'), { terms: ['k3'], comparisons: [{ field: 'flops', op: '>=', value: 2e9 }] });
});

test('header clicks: same column flips direction, another starts ascending', () => {
  assert.deepEqual(nextSort({ key: 'rank', dir: 'asc' }, 'rank'), { key: 'rank', dir: 'desc' });
  assert.deepEqual(nextSort({ key: 'rank', dir: 'desc' }, 'rank'), { key: 'rank', dir: 'asc' });
  assert.deepEqual(nextSort({ key: 'rank', dir: 'desc' }, 'flops'), { key: 'flops', dir: 'asc' });
});

test('sorting and filtering 10k rows stays a plain array job (no mutation of the input)', () => {
  const base = candidateRows(finalState, 0);
  const many: CandidateRow[] = [];
  for (let k = 0; many.length < 10_000; k++) for (const r of base) many.push({ ...r, rank: many.length + 1, id: `${r.id}#${k}` });
  const copy = many.map((r) => r.id);
  const sorted = sortRows(filterRows(many, 'k3'), { key: 'params', dir: 'desc' });
  assert.ok(sorted.length > 0);
  assert.deepEqual(many.map((r) => r.id), copy);
});
