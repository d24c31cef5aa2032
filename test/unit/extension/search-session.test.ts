// A session's history: a resumed run starts from what its folder already held, then grows live;
// the folded state and the run folder follow. Driven by a test-only child (test-only-children/).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { SearchSession } from '../../../src/extension/search/search-session';
import { LogRecorder } from './log-recorder';
import { sampleEvents } from './run-fixtures';

const child = join(import.meta.dirname, 'test-only-children', 'stops-on-request.mjs');

test('a resumed session replays the folder history first, then appends live events', async () => {
  const prior = sampleEvents('/runs/r7');
  const session = new SearchSession({ request: { type: 'resume', runDir: '/runs/r7' }, label: 'r7', priorEvents: prior }, { script: child, log: new LogRecorder(), stopGraceMs: 5_000 });
  assert.equal(session.runDir, '/runs/r7', 'a resume knows its run folder at once');
  assert.equal(session.history.length, prior.length);
  assert.equal(session.state.supernets['0.2'].ranking?.length, 2, 'the prior events are folded');
  const live: string[] = [];
  session.onEvent((e) => live.push(e.type));
  session.start();
  while (!live.length) await new Promise((r) => setTimeout(r, 10));
  session.stop();
  const outcome = await session.outcome;
  assert.equal(outcome.kind, 'done');
  assert.equal(outcome.runDir, '/runs/r7');
  assert.deepEqual(live, ['run-started']);
  assert.equal(session.history.length, prior.length + 1);
  assert.equal(session.history.at(-1)?.type, 'run-started');
  assert.equal(session.state.status, 'running', 'the live run-started is folded too');
  assert.equal(session.ended, true);
});

test('a new session learns its run folder from run-started', async () => {
  const session = new SearchSession(
    { request: { type: 'start', config: { preset: 'quick' }, runsDir: '/runs', overrides: {} }, label: 'quick demo' },
    { script: child, log: new LogRecorder(), stopGraceMs: 5_000 },
  );
  const dirs: string[] = [];
  session.onRunDir((d) => dirs.push(d));
  assert.equal(session.runDir, undefined);
  assert.equal(session.name, 'quick demo', 'named by its label until the run has a name');
  session.start();
  while (!dirs.length) await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(dirs, ['/runs/r1']);
  assert.equal(session.name, 'test', "then by the run's own name");
  session.stop();
  assert.equal((await session.outcome).runDir, '/runs/r1');
});
