// Opening run folders without running a search: a good run, one of another format version, a
// damaged one; the Runs tree; and the panel's message validation in both directions.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { RunsNode } from '../../../src/extension/run-folders/runs-tree';
import { dnaApi, waitFor } from './helpers/extension-api';
import { events, manifest, writeRunFolder } from './helpers/run-folders';

describe('run folders', () => {
  let good: string, otherVersion: string, damaged: string;

  before(async () => {
    const api = await dnaApi();
    const runsDir = api.runsDir();
    good = writeRunFolder(runsDir, 'fixture-good', { manifest: manifest('fixture-good', { status: 'stopped' }) });
    otherVersion = writeRunFolder(runsDir, 'fixture-v99', { manifest: { ...manifest('fixture-v99'), formatVersion: 99 } });
    const lines = events(`${runsDir}/fixture-damaged`, 'fixture-damaged').map((e) => JSON.stringify(e));
    lines.splice(2, 0, '{"t": 3, "type": "teacher", "blocks": "lots"}', '%%% not json');
    damaged = writeRunFolder(runsDir, 'fixture-damaged', { eventsText: lines.join('\n') + '\n' });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a good run writable, and its panel gets the whole run in one load', async () => {
    const api = await dnaApi();
    await vscode.commands.executeCommand('dnaSearch.openRun', { runDir: good });
    const info = await waitFor('the panel to post its load (needs the webview to say ready)', () => api.panels.list().find((p) => p.runDir === good && p.lastLoad));
    assert.equal(info.lastLoad?.readOnly, false);
    assert.equal(info.lastLoad?.notice, undefined);
    assert.equal(info.lastLoad?.events.length, events(good, 'fixture-good').length);
    assert.equal(info.lastLoad?.runDir, good);
    assert.equal(info.title, 'DNA: fixture-good');
  });

  it('opens a run of another format version read-only with a notice that says so', async () => {
    const api = await dnaApi();
    await vscode.commands.executeCommand('dnaSearch.openRun', otherVersion);
    const info = await waitFor('the load', () => api.panels.list().find((p) => p.runDir === otherVersion && p.lastLoad));
    assert.equal(info.lastLoad?.readOnly, true);
    assert.match(info.lastLoad?.notice ?? '', /Opened read-only: this run was written in run-folder format version 99/);
  });

  it('opens a damaged run read-only, showing what could be read and where the damage is', async () => {
    const api = await dnaApi();
    await vscode.commands.executeCommand('dnaSearch.openRun', damaged);
    const info = await waitFor('the load', () => api.panels.list().find((p) => p.runDir === damaged && p.lastLoad));
    assert.equal(info.lastLoad?.readOnly, true);
    assert.match(info.lastLoad?.notice ?? '', /events\.jsonl has 2 unreadable lines \(first: line 3: /);
    assert.equal(info.lastLoad?.events.length, events(damaged, 'fixture-damaged').length);
  });

  it('refuses to resume a run of another format version (no process started)', async () => {
    const api = await dnaApi();
    let started = false;
    const sub = api.onDidStartSearch(() => (started = true));
    await vscode.commands.executeCommand('dnaSearch.resumeSearch', otherVersion);
    sub.dispose();
    assert.equal(started, false);
  });

  it('refuses to resume a run whose lock is held by a live process (two windows cannot share a run)', async () => {
    const api = await dnaApi();
    const locked = writeRunFolder(api.runsDir(), 'fixture-locked', { manifest: manifest('fixture-locked', { status: 'running' }) });
    // This extension host is alive: as far as the lock says, it owns the run.
    writeFileSync(join(locked, 'run.lock'), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }));
    let started = false;
    const sub = api.onDidStartSearch(() => (started = true));
    await vscode.commands.executeCommand('dnaSearch.resumeSearch', locked);
    sub.dispose();
    assert.equal(started, false, 'a second search was started on a locked run');
    await vscode.commands.executeCommand('dnaSearch.refreshRuns');
    const node = (await api.runsTree.getChildren()).find((r) => r.runDir === locked)!;
    assert.equal(api.runsTree.getTreeItem(node).description?.toString().startsWith('running'), true, 'shown as running elsewhere');
    assert.notEqual(api.runsTree.getTreeItem(node).contextValue, 'dnaRun.resumable');
  });

  it('lists the runs in the Runs tree, with blocks and ranked candidates best first', async () => {
    const api = await dnaApi();
    await vscode.commands.executeCommand('dnaSearch.refreshRuns');
    const runs = await api.runsTree.getChildren();
    const byDir = new Map(runs.map((r) => [r.runDir, r]));
    const goodNode = byDir.get(good) as Extract<RunsNode, { kind: 'run' }>;
    assert.ok(goodNode, `the tree lists ${good}: ${runs.map((r) => r.runDir).join(', ')}`);
    assert.equal(api.runsTree.getTreeItem(goodNode).contextValue, 'dnaRun.resumable');
    assert.equal(api.runsTree.getTreeItem(byDir.get(otherVersion)!).contextValue, 'dnaRun.readonly');
    const blocks = await api.runsTree.getChildren(goodNode);
    assert.deepEqual(blocks.map((b) => api.runsTree.getTreeItem(b).label), ['0: stage1']);
    const candidates = await api.runsTree.getChildren(blocks[0]);
    assert.deepEqual(candidates.map((c) => api.runsTree.getTreeItem(c).label), ['#1 k5e3', '#2 k3e3']);
  });

  it('rejects webview messages of wrong shapes and accepts valid ones', async () => {
    const api = await dnaApi();
    const rejectedBefore = api.panels.list().find((p) => p.runDir === good)!.rejected.fromWebview;
    const bad = [{ type: 'eval', code: 'x' }, { type: 'open-candidate', candidates: ['rm -rf /'] }, { type: 'ui-state', state: { block: 'x' } }, 42];
    for (const m of bad) assert.equal(api.panels.receive(good, m), false, JSON.stringify(m));
    assert.equal(api.panels.list().find((p) => p.runDir === good)!.rejected.fromWebview, rejectedBefore + bad.length);
    assert.equal(api.panels.receive(good, { type: 'ui-state', state: { block: 0, costKey: 'params' } }), true);
  });

  it('refuses to post messages of wrong shapes to the webview', async () => {
    const api = await dnaApi();
    const rejectedBefore = api.panels.list().find((p) => p.runDir === good)!.rejected.toWebview;
    assert.equal(api.panels.post(good, { type: 'events', events: [{ t: 1, type: 'distill-progress', block: -1 }] }), false);
    assert.equal(api.panels.post(good, { type: 'load' }), false);
    assert.equal(api.panels.post(good, { type: 'run-script', code: 'alert(1)' }), false);
    assert.equal(api.panels.list().find((p) => p.runDir === good)!.rejected.toWebview, rejectedBefore + 3);
    assert.equal(api.panels.post(good, { type: 'running', running: false }), true);
  });

  it('hands the UI state back to the panel on its next load', async () => {
    const api = await dnaApi();
    assert.equal(api.panels.receive(good, { type: 'ui-state', state: { block: 0, budgetIndex: 3, costKey: 'params' } }), true);
    // A webview that reloads says ready again; the host answers with a fresh load.
    assert.equal(api.panels.receive(good, { type: 'ready' }), true);
    const info = await waitFor('a load with the UI state', () => api.panels.list().find((p) => p.runDir === good && p.lastLoad?.uiState?.budgetIndex === 3));
    assert.deepEqual(info.lastLoad?.uiState, { block: 0, budgetIndex: 3, costKey: 'params' });
  });
});
