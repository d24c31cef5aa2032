import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyRunState, foldEvents, PHASE_WEIGHTS } from '../../../src/shared/run-state';
import { niceTicks, powersOfTen } from '../../../webview/logic/axis-ticks';
import { formatCount, formatDelta, formatDuration, formatPercent, formatScore, formatShape } from '../../../webview/logic/format';
import { elapsedMs, etaMs } from '../../../webview/logic/timing';
import { run } from './fixture';

test('numbers, shapes and durations are written short and consistently', () => {
  assert.equal(formatCount(208), '208');
  assert.equal(formatCount(28_170), '28.2k');
  assert.equal(formatCount(4_398_856), '4.40M');
  assert.equal(formatCount(125_900_000), '126M');
  assert.equal(formatCount(-34_000), '-34.0k');
  assert.equal(formatDelta(0), '±0');
  assert.equal(formatDelta(1_200_000), '+1.20M');
  assert.equal(formatDelta(-640), '-640');
  assert.equal(formatPercent(0.4731), '47.3%');
  assert.equal(formatShape([14, 14, 24]), '14×14×24');
  assert.equal(formatScore(0.123456), '0.1235');
  assert.equal(formatScore(0.00001234), '1.23e-5');
  assert.equal(formatScore(Number.NaN), '—');
  assert.equal(formatDuration(9_000), '9s');
  assert.equal(formatDuration(65_000), '1m 05s');
  assert.equal(formatDuration(3_725_000), '1h 02m');
  assert.equal(formatDuration(-1), '—');
});

test('axis ticks: round steps inside the range; powers of ten for log axes', () => {
  assert.deepEqual(niceTicks(0, 10), [0, 2, 4, 6, 8, 10]);
  assert.deepEqual(niceTicks(3.2e6, 2.81e7), [5e6, 1e7, 1.5e7, 2e7, 2.5e7]);
  assert.deepEqual(niceTicks(5, 5), [5]);
  assert.deepEqual(powersOfTen(0.04, 12), [0.1, 1, 10]);
  // Within about a decade: 1-2-5 steps, never a lone label.
  assert.deepEqual(powersOfTen(1.7, 12), [2, 5, 10]);
  assert.deepEqual(powersOfTen(0.2, 0.8), [0.2, 0.5]);
  assert.deepEqual(powersOfTen(0.3, 0.45), [0.3, 0.45]);
  assert.deepEqual(powersOfTen(0, 1), []);
});

test('elapsed: first to last event when not live; live adds local time since the last event', () => {
  const s = foldEvents(run.events);
  const span = s.lastEventAt! - s.startedAt!;
  assert.equal(elapsedMs(s, 0, false), span, 'a replayed run ignores the clock');
  assert.equal(elapsedMs(s, 5_000, true, 2_000), span + 3_000, 'a live run ticks with the webview clock, whatever the engine clock says');
  assert.equal(elapsedMs(emptyRunState(), 1, true), undefined);
  assert.equal(etaMs(s, 0, false), undefined, 'no ETA for a finished run');
});

test('the ETA extrapolates overall progress while live', () => {
  const half = run.events.findIndex((e) => e.type === 'phase' && e.phase === 'rank' && e.state === 'started');
  const s = foldEvents(run.events.slice(0, half));
  const elapsed = elapsedMs(s, 1_000, true, 1_000)!;
  const eta = etaMs(s, 1_000, true, 1_000)!;
  // distill done: p = prepare + distill weights -> remaining = elapsed * (1 - p) / p
  const p = PHASE_WEIGHTS.prepare + PHASE_WEIGHTS.distill;
  assert.ok(Math.abs(eta - (elapsed * (1 - p)) / p) < 1, `eta ${eta} for elapsed ${elapsed}`);
  assert.equal(etaMs(foldEvents(run.events.slice(0, 3)), 1_000, true, 1_000), undefined, 'too early to guess');
});
