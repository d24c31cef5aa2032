// The DNA activity-bar view in a real VS Code with the packaged extension: the Runs tree lists the
// run folders of the workspace, clicking a run opens its search panel, and a damaged run opens
// read-only with its notice. The run folders are written the way the engine lays them out, from
// the SYNTHETIC event stream of harness/synthetic-run-events.ts (real space, costs and fronts;
// made-up losses), so this needs no engine run.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { RUN_FORMAT_VERSION, type RunManifest } from '../../src/shared/run-layout';
import { runCommand } from './harness/command-palette';
import { saveScreenshot } from './harness/screenshot';
import { syntheticRunEvents } from './harness/synthetic-run-events';
import { waitForText } from './harness/wait-for-text';
import { webviewFrame } from './harness/webview';
import { openWorkbench, type Workbench } from './harness/workbench';

let workbench: Workbench;
let fixture: string;

function writeRun(runsDir: string, name: string, eventsText: (runDir: string) => string): void {
  const runDir = join(runsDir, name);
  mkdirSync(runDir, { recursive: true });
  const now = new Date().toISOString();
  const manifest: RunManifest = { formatVersion: RUN_FORMAT_VERSION, runId: name, name, createdAt: now, engineVersion: '0.1.0', configSource: 'preset:default', status: 'completed', updatedAt: now };
  writeFileSync(join(runDir, 'run.json'), JSON.stringify(manifest));
  writeFileSync(join(runDir, 'events.jsonl'), eventsText(runDir));
}

before(async () => {
  fixture = mkdtempSync(join(tmpdir(), 'dna-e2e-runs-fixture-'));
  cpSync(resolve(import.meta.dirname, 'fixtures/workspace'), fixture, { recursive: true });
  const runsDir = join(fixture, 'dna-runs');
  const lines = (runDir: string, name: string) =>
    syntheticRunEvents({ name, depths: [1, 2], distillEpochs: 2, stepsPerEpoch: 40 }).events.map((e) => JSON.stringify(e.type === 'run-started' ? { ...e, runDir } : e));
  writeRun(runsDir, 'synthetic-demo', (runDir) => lines(runDir, 'synthetic-demo').join('\n') + '\n');
  writeRun(runsDir, 'damaged-demo', (runDir) => {
    const l = lines(runDir, 'damaged-demo');
    l.splice(5, 1, '{"t": 5, "type": "teacher", "blocks": 7}');
    return l.join('\n') + '\n';
  });
  workbench = await openWorkbench({ fixture });
});

after(async () => {
  await workbench?.close();
  rmSync(fixture, { recursive: true, force: true });
});

async function openRunFromTree(page: Page, name: string): Promise<void> {
  const row = page.locator('.monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout: 60_000 });
  await row.click();
}

test('the DNA view lists the runs; clicking one opens its panel', async () => {
  const { page } = workbench;
  await page.locator('.activitybar .action-item a[aria-label^="DNA"]').click();
  await openRunFromTree(page, 'synthetic-demo');
  const panel = webviewFrame(page);
  await waitForText(panel.locator('#run-title'), 'synthetic-demo', 60_000);
  await waitForText(panel.locator('#run-status'), 'Completed');
  await saveScreenshot(page, 'runs-view-panel');
});

test('a damaged run opens read-only with a notice saying what is wrong', async () => {
  const { page } = workbench;
  await openRunFromTree(page, 'damaged-demo');
  const panel = webviewFrame(page);
  await waitForText(panel.locator('#run-title'), 'damaged-demo', 60_000);
  await waitForText(panel.locator('#notice'), 'Opened read-only: events.jsonl has 1 unreadable line (first: line 6');
  await saveScreenshot(page, 'runs-view-damaged');
});

test('a window reload restores the open panels with their runs', async () => {
  const { page } = workbench;
  // The workbench's own reload: it saves the editor layout before it goes (a bare page reload may not).
  const reloaded = page.waitForEvent('load', { timeout: 90_000 });
  await runCommand(page, 'Developer: Reload Window');
  await reloaded;
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 90_000 });
  // Restored by the extension's WebviewPanelSerializer from the run folder the webview kept.
  const tab = page.locator('.tabs-container .tab', { hasText: 'DNA: damaged-demo' });
  await tab.waitFor({ timeout: 60_000 });
  await tab.click();
  const panel = webviewFrame(page);
  await waitForText(panel.locator('#run-title'), 'damaged-demo', 60_000);
  await waitForText(panel.locator('#notice'), 'Opened read-only');
  await saveScreenshot(page, 'runs-view-after-reload');
});
