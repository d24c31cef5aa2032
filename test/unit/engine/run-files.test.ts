import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readTensorBundle, writeTensorBundle } from '../../../src/engine/io/tensor-bundle';
import { EventLog, readEvents } from '../../../src/engine/run/event-log';
import { phaseSeconds } from '../../../src/engine/run/phase-times';
import { acquireRunLock, RunLockedError } from '../../../src/engine/run/run-lock';
import type { EngineEvent } from '../../../src/shared/events';

const tmp = () => mkdtempSync(join(tmpdir(), 'dna-run-files-'));

test('a tensor bundle round-trips and a truncated one is reported, not misread', () => {
  const dir = tmp();
  const a = { shape: [2, 3], values: Float32Array.from([1, 2, 3, 4, 5, 6]) };
  const b = { shape: [1], values: Float32Array.from([-7.5]) };
  writeTensorBundle(join(dir, 'x'), { a, b }, { note: 'hi' });
  const r = readTensorBundle(join(dir, 'x'));
  assert.deepEqual(Array.from(r.arrays.a.values), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(r.arrays.a.shape, [2, 3]);
  assert.deepEqual(Array.from(r.arrays.b.values), [-7.5]);
  assert.deepEqual(r.meta, { note: 'hi' });
  truncateSync(join(dir, 'x.bin'), 10);
  assert.throws(() => readTensorBundle(join(dir, 'x')), /x\.bin: holds 10 bytes, its index expects 28; the file is truncated or damaged/);
});

test('the run lock refuses a live holder and takes over a dead one', async () => {
  const dir = tmp();
  const held = acquireRunLock(dir);
  // Another process of this host that is alive: the lock must refuse.
  const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
  writeFileSync(join(dir, 'run.lock'), JSON.stringify({ pid: sleeper.pid, host: hostname(), startedAt: 'then' }));
  assert.throws(() => acquireRunLock(dir), (e: unknown) => e instanceof RunLockedError && e.message.includes(`process ${sleeper.pid}`));
  sleeper.kill('SIGKILL');
  await new Promise((r) => sleeper.once('exit', r));
  // Its owner died: stale, so taken over.
  const again = acquireRunLock(dir);
  assert.equal(JSON.parse(readFileSync(join(dir, 'run.lock'), 'utf8')).pid, process.pid);
  again.release();
  held.release();
});

test('events are appended, replayed, and a damaged line is skipped and counted', () => {
  const dir = tmp();
  const log = new EventLog();
  log.attach(dir);
  const seen: EngineEvent[] = [];
  log.on((e) => seen.push(e));
  log.emit({ type: 'phase', phase: 'prepare', state: 'started' });
  log.log('info', 'hello');
  writeFileSync(join(dir, 'events.jsonl'), readFileSync(join(dir, 'events.jsonl'), 'utf8') + '{"type":"phase","pha');
  const { events, damagedLines } = readEvents(dir);
  assert.equal(seen.length, 2);
  assert.deepEqual(events, seen);
  assert.equal(damagedLines, 1);
  assert.throws(() => log.emit({ type: 'phase', phase: 'nope' } as never));
});

test('phase times add up over a stopped and resumed run', () => {
  const at = (t: number, e: object) => ({ t: t * 1000, ...e }) as EngineEvent;
  const events = [
    at(0, { type: 'phase', phase: 'distill', state: 'started' }),
    at(10, { type: 'log', level: 'info', message: 'x' }),
    // crashed here: no run-finished; the next session starts at 100
    at(100, { type: 'run-started' }),
    at(101, { type: 'phase', phase: 'distill', state: 'started' }),
    at(121, { type: 'phase', phase: 'distill', state: 'finished' }),
    at(121, { type: 'phase', phase: 'rank', state: 'started' }),
    at(124, { type: 'run-finished', status: 'stopped' }),
  ];
  assert.deepEqual(phaseSeconds(events), { distill: 30, rank: 3 });
});
