// The supervisor against real child processes: test-only children (test-only-children/) that
// crash, violate the protocol, ignore stop or never start. The real engine child is exercised by
// the integration tests.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { EngineEvent } from '../../../src/shared/events';
import { ChildSupervisor, type ChildSupervisorOptions } from '../../../src/extension/search/child-supervisor';
import { describeChildExit } from '../../../src/extension/search/child-exit';
import { isProcessAlive } from '../../../src/shared/node/process-alive';
import { LogRecorder } from './log-recorder';

const children = join(import.meta.dirname, 'test-only-children');
const start = { type: 'start', config: { preset: 'quick' }, runsDir: '/tmp/test-only-runs', overrides: {} } as const;

function supervise(script: string, options: Partial<ChildSupervisorOptions> = {}) {
  const log = new LogRecorder();
  const sup = new ChildSupervisor({ script: join(children, script), log, stopGraceMs: 5_000, ...options });
  const events: EngineEvent[] = [];
  sup.onEvent((e) => events.push(e));
  return { sup, log, events };
}

test('a child that crashes after ready ends as "crashed" with its exit code, last error line and run folder', async () => {
  const { sup, log } = supervise('crash-after-ready.mjs');
  sup.start(start);
  const outcome = await sup.outcome;
  assert.equal(outcome.kind, 'crashed');
  assert.deepEqual(outcome.exit, { code: 1, signal: null });
  assert.equal(outcome.runDir, '/tmp/test-only-run');
  if (outcome.kind === 'crashed') {
    assert.match(outcome.message, /exited with code 1/);
    assert.match(outcome.message, /simulated crash in the test-only child/);
  }
  assert.ok(log.has(/\[engine stderr\] Error: simulated crash/), 'stderr reaches the log');
});

test('messages of wrong shapes are dropped and logged; valid ones still arrive in order', async () => {
  const { sup, log, events } = supervise('protocol-violator.mjs');
  sup.start(start);
  const outcome = await sup.outcome;
  assert.equal(outcome.kind, 'done');
  if (outcome.kind === 'done') assert.equal(outcome.status, 'completed');
  assert.deepEqual(
    events.map((e) => e.type),
    ['run-started', 'log'],
  );
  // the event before ready, the unknown type, the bad distill-progress and the string
  assert.equal(sup.droppedMessages, 4);
  assert.ok(log.has(/dropped a message from the search process: invalid message from the search process: type/));
  assert.ok(log.has(/dropped a message .*event\.block/));
  assert.ok(log.has(/dropped an event that came before 'ready'/));
});

test('a child that ignores stop is killed after the grace period, together with its process group', async (t) => {
  if (process.platform === 'win32') return t.skip('process groups are POSIX');
  const { sup, events } = supervise('ignores-stop.mjs', { stopGraceMs: 400 });
  sup.start(start);
  while (!events.some((e) => e.type === 'log')) await new Promise((r) => setTimeout(r, 20));
  const workerEvent = events.find((e) => e.type === 'log');
  const workerPid = Number(workerEvent?.type === 'log' ? /worker (\d+)/.exec(workerEvent.message)?.[1] : NaN);
  assert.ok(isProcessAlive(workerPid), 'the grandchild worker runs');
  const t0 = Date.now();
  sup.stop();
  const outcome = await sup.outcome;
  assert.ok(Date.now() - t0 >= 350, 'it waited for the grace period');
  assert.equal(outcome.kind, 'crashed');
  assert.equal(outcome.exit.signal, 'SIGKILL');
  if (outcome.kind === 'crashed') assert.match(outcome.message, /did not stop within \d+ s and was killed; finished phases are kept/);
  for (let i = 0; i < 50 && isProcessAlive(workerPid); i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(isProcessAlive(workerPid), false, 'the worker went down with the group');
});

test('a child that stops on request ends as done/stopped', async () => {
  const { sup, events } = supervise('stops-on-request.mjs');
  sup.start({ type: 'resume', runDir: '/tmp/test-only-runs/r7' });
  while (!events.length) await new Promise((r) => setTimeout(r, 20));
  sup.stop();
  const outcome = await sup.outcome;
  assert.equal(outcome.kind, 'done');
  if (outcome.kind === 'done') assert.equal(outcome.status, 'stopped');
  assert.equal(outcome.runDir, '/tmp/test-only-runs/r7', 'the run folder of run-started is kept');
  assert.deepEqual(outcome.exit, { code: 0, signal: null });
});

test('a child that never says ready is killed after the ready timeout', async () => {
  const { sup } = supervise('never-ready.mjs', { readyTimeoutMs: 300 });
  sup.start(start);
  const outcome = await sup.outcome;
  assert.equal(outcome.kind, 'crashed');
  if (outcome.kind === 'crashed') assert.match(outcome.message, /did not start within/);
});

test("the engine's fatal message is the outcome, not the exit code", async () => {
  const { sup } = supervise('fatal-on-start.mjs');
  sup.start(start);
  const outcome = await sup.outcome;
  assert.equal(outcome.kind, 'fatal');
  if (outcome.kind === 'fatal') assert.match(outcome.message, /distill\.epochs/);
  assert.equal(outcome.exit.code, 2);
});

test('stop before the child is ready ends it at once as stopped', async () => {
  const { sup } = supervise('never-ready.mjs', { readyTimeoutMs: 10_000 });
  sup.start(start);
  sup.stop();
  const outcome = await sup.outcome;
  assert.equal(outcome.kind, 'done');
  if (outcome.kind === 'done') assert.equal(outcome.status, 'stopped');
});

test('a missing engine bundle is a clear outcome, not a throw', async () => {
  const { sup } = supervise('no-such-child.mjs');
  sup.start(start);
  const outcome = await sup.outcome;
  assert.equal(outcome.kind, 'crashed');
  if (outcome.kind === 'crashed') assert.match(outcome.message, /engine bundle is missing: .*no-such-child\.mjs/);
});

test('an invalid request is refused before any process starts', () => {
  const { sup } = supervise('stops-on-request.mjs');
  assert.throws(() => sup.start({ type: 'start', config: { preset: 'quick' } } as never), /runsDir/);
  assert.equal(sup.pid, undefined);
});

test('exit descriptions name the likely cause', () => {
  assert.match(describeChildExit({ code: null, signal: 'SIGKILL' }, []), /killed \(SIGKILL\).*lack of memory/);
  assert.match(describeChildExit({ code: 134, signal: null }, ['FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory']), /ran out of memory/);
  assert.match(describeChildExit({ code: 3, signal: null }, ['', 'TypeError: x is not a function', '']), /code 3.*TypeError: x is not a function/);
  // Node's crash report: the error line is quoted, not the stack or the version line after it.
  const report = ['/x/search-child.js:12', '    throw mod = 0, e;', "Error: Cannot find module './impl/format'", 'Require stack:', '- /x/search-child.js', '    at Module._load (node:internal)', '', 'Node.js v20.20.2'];
  assert.match(describeChildExit({ code: 1, signal: null }, report), /Its error output: Error: Cannot find module '\.\/impl\/format'\.?$/);
});
