// Opening run folders: good ones, other format versions, damaged files, and non-run folders.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RUN_FORMAT_VERSION } from '../../../src/shared/run-layout';
import { parseEventsText } from '../../../src/extension/run-folders/events-file';
import { NotARunFolderError, readRunFolder } from '../../../src/extension/run-folders/run-folder';
import { lockObstacle, readLockState } from '../../../src/extension/run-folders/run-lock';
import { isResumable, listRuns } from '../../../src/extension/run-folders/run-list';
import { manifest, sampleEvents, tempRunsDir, writeRun } from './run-fixtures';

test('a good run folder opens writable with every event folded', async () => {
  const runDir = writeRun(tempRunsDir(), 'good');
  const f = await readRunFolder(runDir);
  assert.equal(f.readOnlyReason, undefined);
  assert.equal(f.name, 'good');
  assert.equal(f.events.length, sampleEvents(runDir).length);
  assert.equal(f.state.teacher?.blocks.length, 2);
  assert.equal(f.state.supernets['0.2'].ranking?.[0].ops, 'k3e3-k3e3');
});

test('a run of another format version opens read-only and says which versions', async () => {
  const runDir = writeRun(tempRunsDir(), 'v99', { manifest: { formatVersion: 99, somethingNew: true } });
  const f = await readRunFolder(runDir);
  assert.ok(f.readOnlyReason);
  assert.match(f.readOnlyReason, /format version 99/);
  assert.match(f.readOnlyReason, new RegExp(`reads version ${RUN_FORMAT_VERSION}`));
  assert.equal(f.manifest, undefined);
  assert.ok(f.events.length > 0, 'events that still validate are shown');
});

test('an unparseable run.json opens read-only with the parser message', async () => {
  const runDir = writeRun(tempRunsDir(), 'broken', { manifestText: '{"formatVersion": 1, "runId": ' });
  const f = await readRunFolder(runDir);
  assert.match(f.readOnlyReason ?? '', /run\.json is damaged/);
  assert.equal(f.name, 'fashion-mnist-quick', 'the name falls back to the events');
});

test('a run.json of the wrong shape names the field', async () => {
  const runDir = writeRun(tempRunsDir(), 'shape', { manifest: { ...manifest(), status: 'exploded' } });
  const f = await readRunFolder(runDir);
  assert.match(f.readOnlyReason ?? '', /run\.json is damaged: status/);
});

test('damaged event lines are counted with the first line number; the rest is shown', async () => {
  const dir = tempRunsDir();
  const good = sampleEvents(join(dir, 'bad-lines')).map((e) => JSON.stringify(e));
  const text = [good[0], '{"t": 2, "type": "phase", "phase": "teleport", "state": "started"}', good[1], 'garbage{', ...good.slice(2)].join('\n') + '\n';
  const runDir = writeRun(dir, 'bad-lines', { eventsText: text });
  const f = await readRunFolder(runDir);
  assert.match(f.readOnlyReason ?? '', /events\.jsonl has 2 unreadable lines \(first: line 2: phase/);
  assert.equal(f.events.length, good.length);
});

test('an unfinished last line (engine writing or killed mid-line) is not damage', () => {
  const r = parseEventsText('{"t":1,"type":"log","level":"info","message":"a"}\n{"t":2,"type":"lo');
  assert.equal(r.events.length, 1);
  assert.deepEqual(r.badLines, []);
  assert.equal(r.partialTail, true);
});

test('a folder that is not a run is an error that says so', async () => {
  const dir = tempRunsDir();
  mkdirSync(join(dir, 'empty'));
  await assert.rejects(readRunFolder(join(dir, 'empty')), NotARunFolderError);
  await assert.rejects(readRunFolder(join(dir, 'missing')), /is not a folder/);
});

test('locks: none is free, a live pid is held, a dead pid is stale, another host is held, garbage is unreadable', async () => {
  const dir = tempRunsDir();
  const free = writeRun(dir, 'free');
  assert.deepEqual(await readLockState(free), { state: 'free' });

  const live = writeRun(dir, 'live', { lock: { pid: process.pid, host: hostname(), startedAt: 'now' } });
  const liveState = await readLockState(live);
  assert.equal(liveState.state, 'held');
  assert.match(lockObstacle(live, liveState) ?? '', new RegExp(`in use by another search process \\(pid ${process.pid}`));

  const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
  const stale = writeRun(dir, 'stale', { lock: { pid: deadPid, host: hostname(), startedAt: 'then' } });
  const staleState = await readLockState(stale);
  assert.equal(staleState.state, 'stale');
  assert.equal(lockObstacle(stale, staleState), undefined, 'a stale lock is no obstacle');

  const remote = writeRun(dir, 'remote', { lock: { pid: 1, host: 'some-other-host', startedAt: 'now' } });
  const remoteState = await readLockState(remote);
  assert.deepEqual(remoteState.state, 'held');
  assert.match(lockObstacle(remote, remoteState) ?? '', /host "some-other-host".*delete .*run\.lock/);

  const garbage = writeRun(dir, 'garbage', { lock: 'pid=12' });
  const garbageState = await readLockState(garbage);
  assert.equal(garbageState.state, 'unreadable');
  assert.match(lockObstacle(garbage, garbageState) ?? '', /cannot be read/);
});

test('run list: newest first; a "running" run with a dead owner is interrupted and resumable', async () => {
  const dir = tempRunsDir();
  writeRun(dir, 'old', { manifest: manifest({ name: 'old', createdAt: '2026-01-01T00:00:00Z', status: 'completed' }) });
  const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
  writeRun(dir, 'crashed', {
    manifest: manifest({ name: 'crashed', createdAt: '2026-01-03T00:00:00Z', status: 'running' }),
    lock: { pid: deadPid, host: hostname(), startedAt: 'then' },
  });
  writeRun(dir, 'live', {
    manifest: manifest({ name: 'live', createdAt: '2026-01-02T00:00:00Z', status: 'running' }),
    lock: { pid: process.pid, host: hostname(), startedAt: 'now' },
  });
  mkdirSync(join(dir, 'not-a-run'));
  const runs = await listRuns(dir);
  assert.deepEqual(runs.map((r) => [r.name, r.status]), [['crashed', 'interrupted'], ['live', 'running'], ['old', 'completed']]);
  assert.deepEqual(runs.map(isResumable), [true, false, false]);
  assert.deepEqual(await listRuns(join(dir, 'nope')), [], 'a runs folder that does not exist yet is empty');
});
