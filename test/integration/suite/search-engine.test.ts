// Real searches through the commands, with the real engine child (dist/search-child.js) on the
// quick preset: one runs to completion; one is killed mid-run (SIGKILL, as the OOM killer would)
// and resumed to completion. Skipped, with the reason printed, while the engine bundle is absent.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { ActiveSearchInfo } from '../../../src/extension/api';
import type { RunsNode } from '../../../src/extension/run-folders/runs-tree';
import { dnaApi, extensionPath, waitFor } from './helpers/extension-api';

const SEARCH_TIMEOUT_MS = 6 * 60_000;

function manifestOf(runDir: string): { status: string; formatVersion: number } {
  return JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8'));
}

function eventTypes(runDir: string): string[] {
  const text = existsSync(join(runDir, 'events.jsonl')) ? readFileSync(join(runDir, 'events.jsonl'), 'utf8') : '';
  return text.split('\n').filter(Boolean).map((l) => { try { return JSON.parse(l).type as string; } catch { return '?'; } });
}

async function startQuick(): Promise<ActiveSearchInfo> {
  const api = await dnaApi();
  const started = new Promise<ActiveSearchInfo>((resolve) => {
    const sub = api.onDidStartSearch((s) => {
      sub.dispose();
      resolve(s);
    });
  });
  await vscode.commands.executeCommand('dnaSearch.startSearch', { preset: 'quick' });
  return started;
}

async function runDirOf(): Promise<string> {
  const api = await dnaApi();
  return waitFor('the run folder (run-started)', () => api.activeSearch()?.runDir, 120_000);
}

describe('searches with the real engine child (quick preset)', function () {
  this.timeout(SEARCH_TIMEOUT_MS * 2);

  before(function () {
    // Both come from the engine work (issue 3): the child bundle, and the committed teacher the
    // quick preset distils. Until both exist these tests cannot run; say so rather than fail.
    const needed = [join(extensionPath(), 'dist', 'search-child.js'), join(extensionPath(), 'models', 'fashion-mnist-mobilenetv2', 'model.json')];
    const missing = needed.filter((f) => !existsSync(f));
    if (missing.length) {
      console.log(`SKIPPED: the real-engine searches need ${missing.join(' and ')}, which the engine work has not produced yet.`);
      this.skip();
    }
  });

  it('a quick search started through the command finishes its run folder, and the Runs tree shows it', async () => {
    const api = await dnaApi();
    await startQuick();
    const runDir = await runDirOf();
    assert.ok(api.panels.list().some((p) => p.runDir === runDir), 'its panel opened by itself');
    assert.match(api.statusBarText(), /DNA: /);
    const outcome = await api.activeSearch()!.outcome;
    assert.deepEqual({ kind: outcome.kind, status: outcome.kind === 'done' ? outcome.status : outcome.message }, { kind: 'done', status: 'completed' });
    assert.equal(outcome.runDir, runDir);
    assert.equal(manifestOf(runDir).status, 'completed');
    const types = eventTypes(runDir);
    for (const t of ['run-started', 'distill-progress', 'ranking', 'pareto', 'chosen', 'summary', 'run-finished']) assert.ok(types.includes(t), `events.jsonl has ${t}`);
    assert.ok(existsSync(join(runDir, 'model', 'model.json')), 'the retrained model was saved');
    assert.equal(existsSync(join(runDir, 'run.lock')), false, 'the lock is gone');

    await vscode.commands.executeCommand('dnaSearch.refreshRuns');
    const runs = await api.runsTree.getChildren();
    const node = runs.find((r) => r.runDir === runDir) as Extract<RunsNode, { kind: 'run' }> | undefined;
    assert.ok(node, 'the Runs tree lists the run');
    assert.equal(api.runsTree.getTreeItem(node).contextValue, 'dnaRun.completed');
    const blocks = await api.runsTree.getChildren(node);
    assert.ok(blocks.length >= 2, `blocks: ${blocks.map((b) => api.runsTree.getTreeItem(b).label).join(', ')}`);
    const candidates = await api.runsTree.getChildren(blocks.find((b) => b.kind === 'block'));
    assert.ok(candidates.length > 0 && candidates[0].kind === 'candidate', 'a block lists its ranked candidates');
    assert.match(api.statusBarText(), /finished/);
  });

  it('killing the search process mid-run leaves the extension working, and Resume finishes the run', async () => {
    const api = await dnaApi();
    await startQuick();
    const runDir = await runDirOf();
    // Mid-run: distillation is under way.
    await waitFor('distillation progress', () => eventTypes(runDir).includes('distill-progress') || undefined, 180_000, 250);
    const lock = JSON.parse(readFileSync(join(runDir, 'run.lock'), 'utf8')) as { pid: number; host: string };
    assert.equal(lock.host, hostname());
    assert.equal(lock.pid, api.activeSearch()?.pid, 'the engine holds its run folder with its own pid');
    const outcomeP = api.activeSearch()!.outcome;
    process.kill(lock.pid, 'SIGKILL');
    const crashed = await outcomeP;
    assert.equal(crashed.kind, 'crashed');
    assert.equal(crashed.runDir, runDir);
    if (crashed.kind === 'crashed') assert.match(crashed.message, /killed \(SIGKILL\)/);

    // The extension is healthy: commands run, the tree lists the run as interrupted (resumable).
    assert.equal(api.activeSearch(), undefined);
    await vscode.commands.executeCommand('dnaSearch.showLog');
    await vscode.commands.executeCommand('dnaSearch.refreshRuns');
    const node = (await api.runsTree.getChildren()).find((r) => r.runDir === runDir);
    assert.ok(node);
    assert.equal(api.runsTree.getTreeItem(node).contextValue, 'dnaRun.resumable');

    await vscode.commands.executeCommand('dnaSearch.resumeSearch', runDir);
    const resumed = api.activeSearch();
    assert.ok(resumed, 'Resume started a search');
    assert.equal(resumed.runDir, runDir);
    const outcome = await resumed.outcome;
    assert.equal(outcome.kind, 'done');
    if (outcome.kind === 'done') assert.equal(outcome.status, 'completed');
    assert.equal(manifestOf(runDir).status, 'completed');
    assert.ok(eventTypes(runDir).includes('summary'));
  });
});
