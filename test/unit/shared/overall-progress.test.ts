// The status bar's and the CLI's overall progress: during distillation each supernet counts by
// what a step of it costs, so finishing a deep supernet moves the bar (and the ETA) more than a
// shallow one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { supernetStepFlops } from '../../../src/shared/cost';
import { emptyRunState, overallProgress, PHASE_WEIGHTS, supernetKey } from '../../../src/shared/run-state';
import type { SearchSpaceSpec } from '../../../src/shared/search-space';

const space = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/runs/quick/space.json'), 'utf8')) as SearchSpaceSpec;

function distilling(done: { block: number; depth: number }[]) {
  const s = emptyRunState();
  s.space = space;
  s.phases.prepare = 'done';
  s.phases.distill = 'running';
  for (const n of done) s.supernets[supernetKey(n.block, n.depth)] = { ...n, train: [], epochs: [], progress: { epoch: 0, epochs: 1, step: 10, steps: 10, imagesPerSecond: 1 } };
  return s;
}

test('a deeper supernet costs more per step than a shallower one of the same block', () => {
  assert.ok(supernetStepFlops(space, 0, 2) > 1.5 * supernetStepFlops(space, 0, 1));
});

test('distillation progress weighs each finished supernet by its step cost', () => {
  const all = space.blocks.flatMap((b) => b.depths.map((depth) => ({ block: b.index, depth })));
  const total = all.reduce((s, n) => s + supernetStepFlops(space, n.block, n.depth), 0);
  const deep = { block: 0, depth: 2 };
  const shallow = { block: 0, depth: 1 };
  // prepare is done; distill weighs PHASE_WEIGHTS.distill of the whole.
  const expected = (n: { block: number; depth: number }) => PHASE_WEIGHTS.prepare + (PHASE_WEIGHTS.distill * supernetStepFlops(space, n.block, n.depth)) / total;
  assert.ok(Math.abs(overallProgress(distilling([deep])) - expected(deep)) < 1e-12);
  assert.ok(Math.abs(overallProgress(distilling([shallow])) - expected(shallow)) < 1e-12);
  assert.ok(overallProgress(distilling([deep])) > overallProgress(distilling([shallow])));
  assert.ok(Math.abs(overallProgress(distilling(all)) - (PHASE_WEIGHTS.prepare + PHASE_WEIGHTS.distill)) < 1e-12, 'all trained: prepare + distill');
});
