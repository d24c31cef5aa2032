import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChildMessage, parseChildRequest, parseFromWebview, parseToWebview } from '../../../src/shared/protocol';
import { applyEvent, emptyRunState, foldEvents, overallProgress } from '../../../src/shared/run-state';
import type { EngineEvent } from '../../../src/shared/events';

test('well-formed messages pass in every direction', () => {
  assert.ok(parseChildRequest({ type: 'start', config: { preset: 'quick' }, runsDir: '/tmp/runs' }).ok);
  assert.ok(parseChildRequest({ type: 'stop' }).ok);
  assert.ok(parseChildMessage({ type: 'event', event: { t: 1, type: 'log', level: 'info', message: 'hi' } }).ok);
  assert.ok(parseFromWebview({ type: 'open-candidate', candidates: ['b0.d2:k3e6-k5e3'], target: 'pytorch' }).ok);
  assert.ok(parseToWebview({ type: 'events', events: [] }).ok);
});

test('messages with wrong shapes are rejected with a reason', () => {
  const cases: [ReturnType<typeof parseFromWebview>, RegExp][] = [
    [parseFromWebview({ type: 'open-candidate', candidates: ['rm -rf /'] }), /candidates\.0/],
    [parseFromWebview({ type: 'insert-architecture', candidates: [] }), /candidates/],
    [parseFromWebview({ type: 'eval', code: 'alert(1)' }), /type/],
    [parseFromWebview(null), /root/],
  ];
  for (const [r, re] of cases) {
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error, re);
  }
  const bad = parseChildMessage({ type: 'event', event: { t: 1, type: 'distill-progress', block: -1 } });
  assert.equal(bad.ok, false);
  const badReq = parseChildRequest({ type: 'start', config: { preset: 'quick' } });
  assert.equal(badReq.ok, false);
  if (!badReq.ok) assert.match(badReq.error, /runsDir/);
});

test('the run-state reducer folds a stream into what the panel shows', () => {
  const events: EngineEvent[] = [
    { t: 1, type: 'run-started', runId: 'r1', runDir: '/r', name: 'x', resumed: false, backend: { kind: 'wasm', name: 'wasm', tfjsVersion: '4.22.0', threads: 1, reason: 'test' }, workers: 2, engineVersion: '0.1.0', seed: 1 },
    { t: 2, type: 'phase', phase: 'prepare', state: 'started' },
    { t: 3, type: 'phase', phase: 'prepare', state: 'finished' },
    { t: 4, type: 'phase', phase: 'distill', state: 'started' },
    { t: 5, type: 'distill-progress', block: 0, depth: 2, epoch: 0, epochs: 2, step: 5, steps: 10, loss: 0.5, imagesPerSecond: 100 },
    { t: 6, type: 'distill-epoch', block: 0, depth: 2, epoch: 0, trainLoss: 0.4, heldOutLoss: 0.45 },
  ];
  const s = foldEvents(events);
  assert.equal(s.status, 'running');
  assert.equal(s.phases.prepare, 'done');
  assert.equal(s.currentPhase, 'distill');
  assert.deepEqual(s.supernets['0.2'].train, [{ x: 0.5, loss: 0.5 }]);
  assert.equal(s.supernets['0.2'].epochs[0].heldOutLoss, 0.45);
  assert.ok(overallProgress(s) > 0.05 && overallProgress(s) < 0.6);
  applyEvent(s, { t: 7, type: 'run-finished', status: 'stopped' });
  assert.equal(s.status, 'stopped');
  assert.equal(s.phases.distill, 'pending', 'a stopped phase is pending again, to be resumed');
  assert.equal(emptyRunState().status, 'idle');
});
