import assert from 'node:assert/strict';
import { test } from 'node:test';
import { architectureCost } from '../../../src/shared/cost';
import { EngineEventSchema } from '../../../src/shared/events';
import { parseToWebview } from '../../../src/shared/protocol';
import { syntheticRunEvents } from '../../e2e/harness/synthetic-run-events';
import { run } from './fixture';

test('the synthetic run is a valid, complete event stream', () => {
  for (const [i, e] of run.events.entries()) {
    const r = EngineEventSchema.safeParse(e);
    assert.ok(r.success, `event ${i} (${e.type}) is invalid: ${r.success ? '' : r.error.message}`);
  }
  assert.ok(parseToWebview({ type: 'load', events: run.events, running: false, readOnly: false }).ok);
  const types = new Set(run.events.map((e) => e.type));
  for (const t of ['run-started', 'teacher', 'space', 'distill-progress', 'distill-epoch', 'rank-progress', 'ranking', 'pareto', 'chosen', 'retrain-progress', 'retrain-epoch', 'summary', 'run-finished'] as const) assert.ok(types.has(t), t);
  for (let i = 1; i < run.events.length; i++) assert.ok(run.events[i].t > run.events[i - 1].t, 'times increase');
});

test('its structure is exact: chosen net on the front, costs from the shared model', () => {
  const chosen = run.events.find((e) => e.type === 'chosen')!;
  const exact = architectureCost(chosen.architecture);
  assert.deepEqual(chosen.cost, { params: exact.params, flops: exact.flops });
  assert.ok(chosen.cost.flops <= chosen.budget.flops!);
  assert.ok(run.fronts.flops.some((p) => p.candidates.join() === chosen.candidates.join()));
  const teacher = run.events.find((e) => e.type === 'teacher')!;
  assert.equal(teacher.total.flops, teacher.stem.flops + teacher.head.flops + teacher.blocks.reduce((s, b) => s + b.flops, 0));
});

test('it is deterministic per seed and refuses a budget nothing fits', () => {
  assert.deepEqual(syntheticRunEvents({ seed: 11 }).events, run.events);
  const firstRanking = (events: typeof run.events) => events.find((e) => e.type === 'ranking');
  assert.notDeepEqual(firstRanking(syntheticRunEvents({ seed: 12 }).events), firstRanking(run.events), 'another seed, other scores');
  assert.throws(() => syntheticRunEvents({ depths: [3], budgetFraction: 0.05 }), /below the smallest network/);
});
