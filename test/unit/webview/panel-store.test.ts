import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldEvents } from '../../../src/shared/run-state';
import { FrameScheduler } from '../../../webview/frame-scheduler';
import { PanelStore, SECTIONS, sectionsFor, type Section } from '../../../webview/panel-store';
import { run } from './fixture';

test('a load replays the events with the shared reducer and dirties every section', () => {
  const store = new PanelStore();
  const dirty = store.apply({ type: 'load', events: run.events, running: false, readOnly: true, notice: 'old run' });
  assert.deepEqual([...dirty].sort(), [...SECTIONS].sort());
  assert.deepEqual(store.state, foldEvents(run.events));
  assert.equal(store.readOnly, true);
  assert.equal(store.notice, 'old run');
  assert.equal(store.loads, 1);
  // A second load starts over rather than appending.
  store.apply({ type: 'load', events: run.events.slice(0, 3), running: true, readOnly: false });
  assert.deepEqual(store.state, foldEvents(run.events.slice(0, 3)));
  assert.equal(store.loads, 2);
});

test('live batches dirty only what they touch', () => {
  const store = new PanelStore();
  store.apply({ type: 'load', events: [], running: true, readOnly: false });
  const progress = run.events.filter((e) => e.type === 'distill-progress').slice(0, 50);
  assert.deepEqual([...store.apply({ type: 'events', events: progress })].sort(), ['distill', 'graph', 'header']);
  const before = store.rankingVersion;
  const ranking = run.events.find((e) => e.type === 'ranking')!;
  assert.ok(store.apply({ type: 'events', events: [ranking] }).has('candidates'));
  assert.equal(store.rankingVersion, before + 1);
  assert.deepEqual([...store.apply({ type: 'running', running: false })], ['header']);
  assert.ok(sectionsFor(run.events.find((e) => e.type === 'pareto')!).includes('pareto'));
  assert.deepEqual(sectionsFor({ t: 1, type: 'log', level: 'warn', message: 'x' }), ['logs']);
});

test('Stop and Resume follow the host’s word on the process and the run’s status', () => {
  const store = new PanelStore();
  const started = run.events.slice(0, 10);
  store.apply({ type: 'load', events: started, running: true, readOnly: false });
  assert.equal(store.canStop, true);
  assert.equal(store.canResume, false);
  assert.equal(store.displayStatus, 'running');
  store.apply({ type: 'running', running: false });
  assert.equal(store.displayStatus, 'interrupted', 'the process died without run-finished');
  assert.equal(store.canResume, true);
  store.apply({ type: 'load', events: run.events, running: false, readOnly: false });
  assert.equal(store.displayStatus, 'completed');
  assert.equal(store.canResume, false);
  store.apply({ type: 'load', events: [...started, { t: 9e12, type: 'run-finished', status: 'stopped' }], running: false, readOnly: true });
  assert.equal(store.canResume, false, 'never from a read-only run');
  assert.equal(store.canStop, false);
});

test('the frame scheduler draws once per frame with the union of what was marked', () => {
  const frames: (() => void)[] = [];
  const drawn: Section[][] = [];
  const s = new FrameScheduler<Section>((d) => drawn.push([...d].sort()), (cb) => frames.push(cb));
  for (let i = 0; i < 1000; i++) s.mark(i % 2 ? ['distill'] : ['header', 'graph']);
  assert.equal(frames.length, 1, 'one frame requested for a thousand marks');
  frames.shift()!();
  assert.deepEqual(drawn, [['distill', 'graph', 'header']]);
  s.mark([]);
  assert.equal(frames.length, 0, 'nothing marked, nothing requested');
  s.mark(['logs']);
  s.flush();
  assert.deepEqual(drawn.at(-1), ['logs']);
  frames.shift()!();
  assert.equal(drawn.length, 2, 'a frame after a manual flush draws nothing new');
});
