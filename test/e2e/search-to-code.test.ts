// The whole product as a user meets it, in a real VS Code (code-server) with the packaged .vsix, in
// a real browser: a workspace with a model source file open (the TF.js TypeScript teacher of
// examples/), F1 -> "DNA: Start Architecture Search" -> the built-in quick demo -> the search
// panel shows live losses, then the Pareto front and the architecture diff when the run finishes
// -> the budget slider (keyboard) changes the chosen architecture -> "Insert into code" writes that
// architecture into the open file, with its imports once. The steps are separate tests that share
// one workbench and one run; a step that fails makes the later ones fail at once, saying so.
// Screenshots (panel live, panel finished, file after insert) go to artifacts/screenshots/.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { insertArchitecture } from '../../src/codegen';
import { resolveArchitecture } from '../../src/extension/code/architecture-choice';
import { loadRunCodeData, type RunCodeData } from '../../src/extension/code/run-code-data';
import { bestOnFront, type FrontPoint } from '../../src/engine/search/pareto-front';
import type { FrontPointInfo } from '../../src/shared/events';
import { formatCount } from '../../webview/logic/format';
import { budgetAt, budgetRange, sortFront } from '../../webview/logic/front';
import { runCommand } from './harness/command-palette';
import { openFileFromQuickOpen } from './harness/open-file';
import { pickStartRow } from './harness/start-search-pick';
import { waitForText } from './harness/wait-for-text';
import { waitUntil } from './harness/wait-until';
import { webviewFrame } from './harness/webview';
import { openWorkbench, type Workbench } from './harness/workbench';

const root = resolve(import.meta.dirname, '../..');
const SCREENSHOTS = resolve(root, 'artifacts/screenshots');
const TEACHER_MODEL = join(root, 'models', 'fashion-mnist-mobilenetv2', 'model.json');
const MODEL_FILE = 'mobilenetv2-teacher.ts';
const TF_IMPORT = "import * as tf from '@tensorflow/tfjs';";
/** The quick preset takes 1–2 minutes on 2 cores; a loaded machine gets more, within the layer's per-test limit. */
const RUN_TIMEOUT_MS = 170_000;

let workbench: Workbench;
let fixture: string;
/** The model file in the workspace, as it was before the insert. */
let modelPath: string;
let originalText: string;
/** The line the cursor is on when the insert happens (0-based). */
let cursorLine: number;
let panel: FrameLocator;
let run: RunCodeData;
/** The architecture the panel shows once the slider has moved (one candidate per block). */
let selected: string[];
/** Why the steps after a failed one cannot run. */
let broken: string | undefined;
let failures = 0;

before(async () => {
  fixture = mkdtempSync(join(tmpdir(), 'dna-e2e-search-to-code-'));
  cpSync(resolve(import.meta.dirname, 'fixtures/workspace'), fixture, { recursive: true });
  mkdirSync(join(fixture, 'model'));
  cpSync(join(root, 'examples', 'tfjs-typescript', MODEL_FILE), join(fixture, 'model', MODEL_FILE));
  mkdirSync(SCREENSHOTS, { recursive: true });
  workbench = await openWorkbench({ fixture });
  modelPath = join(workbench.workspace, 'model', MODEL_FILE);
  originalText = readFileSync(modelPath, 'utf8');
  // Room for the editor and the panel side by side, and for the panel's sections.
  await workbench.page.setViewportSize({ width: 1600, height: 1000 });
});

after(async () => {
  await workbench?.close();
  rmSync(fixture, { recursive: true, force: true });
});

/** Runs one step of the story, failed at once after an earlier failure. */
function step(name: string, body: (page: Page) => Promise<void>): void {
  test(name, async () => {
    // Committed with the repo: without it the checkout is broken, which must fail, not skip.
    assert.ok(existsSync(TEACHER_MODEL), `the built-in teacher ${TEACHER_MODEL} is missing: restore it from git or regenerate it with \`npm run train-teacher\``);
    assert.equal(broken, undefined, `an earlier step failed: ${broken}`);
    try {
      await body(workbench.page);
    } catch (err) {
      broken = name;
      await screenshot(workbench.page, `search-to-code-FAILED-${failures++}`).catch(() => {});
      throw err;
    }
  });
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** The candidate ids of the architecture the panel's Pareto section shows, block by block. */
function shownCandidates(): Promise<string[]> {
  return panel.locator('#selection-text li').evaluateAll((lis) => lis.map((li) => (li as unknown as { dataset: Record<string, string> }).dataset.candidate ?? ''));
}

/** The student cell of each block row of the architecture diff ("d2: k3e3 k5e3"). */
function diffStudentCells(): Promise<string[]> {
  return panel.locator('#arch-diff tr.diff-block td code').allInnerTexts();
}

/** "d2: k3e3 k5e3" for candidate "b1.d2:k3e3-k5e3", as the diff writes a block's student. */
function asDiffCell(candidate: string): string {
  const [, depthOps] = candidate.split('.');
  const [depth, ops] = depthOps.split(':');
  return `${depth}: ${ops.split('-').join(' ')}`;
}

/** The point of the front the panel must show at slider position `index`: the engine's own best-within-budget. */
function expectedPoint(front: FrontPointInfo[], index: number): FrontPointInfo {
  const sorted = sortFront(front, 'flops');
  const asEngine: FrontPoint[] = sorted.map((p, i) => ({ score: p.score, flops: p.flops, params: p.params, choice: [i] }));
  const best = bestOnFront(asEngine, 'flops', budgetAt(budgetRange(sorted, 'flops'), index));
  assert.ok(best, `no front point within the budget at slider position ${index}`);
  return sorted[best.choice[0]];
}

/** Scrolls the panel so that `heading` sits just below its sticky header (which would cover it). */
async function scrollBelowHeader(heading: Locator): Promise<void> {
  // Page-side code: this file is type-checked without the DOM library, hence the casts.
  type Box = { getBoundingClientRect(): { top: number; bottom: number } };
  await heading.evaluate((el) => {
    const page = globalThis as unknown as { document: { querySelector(s: string): Box | null }; scrollBy(x: number, y: number): void };
    const headerBottom = page.document.querySelector('header')?.getBoundingClientRect().bottom ?? 0;
    page.scrollBy(0, (el as unknown as Box).getBoundingClientRect().top - headerBottom - 16);
  });
}

async function modelEditorLines(page: Page): Promise<Locator> {
  const editor = page.locator('.editor-group-container', { has: page.locator('.tab.active', { hasText: MODEL_FILE }) }).locator('.monaco-editor .view-lines');
  await editor.first().waitFor({ timeout: 10_000 });
  return editor.first();
}

step('with the model file open, F1 -> Start Architecture Search -> the quick demo opens the panel, which shows live losses', async (page) => {
  await openFileFromQuickOpen(page, MODEL_FILE);
  // The cursor at the end of the file: where "Insert into code" puts the architecture.
  const lines = await modelEditorLines(page);
  await lines.click();
  await page.keyboard.press('Control+End');
  cursorLine = originalText.split('\n').length - 1;
  await waitForText(page.locator('.statusbar'), `Ln ${cursorLine + 1}, Col 1`);

  await pickStartRow(page, 'Fashion-MNIST quick demo');
  const t0 = Date.now();
  panel = webviewFrame(page);
  await waitForText(panel.locator('#run-status'), 'Running', 60_000);
  // Live: loss points reach the charts while the run is still running (the first one is timed:
  // issue 4 asks for it within 5 s of Start; the teacher's feature maps are computed before it).
  const lossPoints = async () => {
    const raw = await panel.locator('#distill-charts .line-chart').evaluateAll((els) => els.map((e) => Number((e as unknown as { dataset: Record<string, string> }).dataset.rawPoints ?? 0)));
    return raw.reduce((a, b) => a + b, 0);
  };
  const status = async () => `status: ${await panel.locator('#run-status').innerText().catch(() => '?')}`;
  await waitUntil('the first loss point in the panel', async () => ((await lossPoints()) >= 1 ? true : undefined), 120_000, status);
  console.log(`the panel shows its first loss point ${((Date.now() - t0) / 1000).toFixed(1)} s after the pick`);
  await waitUntil('a few loss points while the search runs', async () => ((await lossPoints()) >= 3 ? true : undefined), 60_000, status);
  assert.match(await panel.locator('#run-status').innerText(), /Running/, 'still running when the first losses are shown');
  await scrollBelowHeader(panel.locator('#distill-heading'));
  await screenshot(page, 'search-to-code-1-panel-live');
});

step('when the run finishes, the panel shows the Pareto front and the architecture diff of the run’s pick', async (page) => {
  await waitForText(panel.locator('#run-status'), 'Completed', RUN_TIMEOUT_MS);
  const runsDir = join(workbench.workspace, 'dna-runs');
  const runs = readdirSync(runsDir);
  assert.equal(runs.length, 1, `one run folder in ${runsDir}: ${runs.join(', ')}`);
  run = await loadRunCodeData(join(runsDir, runs[0]));
  const { state } = run;
  assert.equal(state.status, 'completed');
  const front = state.pareto.flops ?? [];
  assert.ok(front.length >= 2, `the FLOPs front has several points (${front.length})`);
  assert.ok(state.chosen && state.teacher, 'the run chose an architecture');

  await waitUntil('the Pareto plot to draw every front point', async () => ((await panel.locator('#pareto-plot circle.pt').count()) === front.length ? true : undefined), 10_000);
  assert.deepEqual(await shownCandidates(), state.chosen.candidates, 'before the slider moves, the run’s own pick is shown');
  // The diff: stem, one row per block, head, total; each block's student is the pick's candidate.
  assert.equal(await panel.locator('#arch-diff tbody tr').count(), state.teacher.blocks.length + 3);
  assert.deepEqual(await diffStudentCells(), state.chosen.candidates.map(asDiffCell));
  // The Pareto section just below the panel's sticky header, the diff below it.
  await scrollBelowHeader(panel.locator('#pareto-heading'));
  await screenshot(page, 'search-to-code-2-panel-finished');
});

step('moving the budget slider with the keyboard changes the chosen architecture, and the diff follows', async () => {
  const front = run.state.pareto.flops!;
  const sorted = sortFront(front, 'flops');
  const pick = run.state.chosen!.candidates.join();
  const textBefore = await panel.locator('#selection-text').innerText();
  const slider = panel.locator('#budget-slider');
  const shows = (what: string, point: FrontPointInfo) =>
    waitUntil(what, async () => ((await shownCandidates()).join() === point.candidates.join() ? true : undefined), 10_000, async () => `shown: ${(await shownCandidates()).join(' ')}`);
  await slider.focus();
  // Home: the smallest budget, the cheapest architecture on the front (End, the dearest, in the
  // unlikely case the run picked the cheapest); then the arrow keys walk the front point by point.
  const [jump, walk, from] = sorted[0].candidates.join() !== pick ? (['Home', 'ArrowRight', 0] as const) : (['End', 'ArrowLeft', 100_000] as const);
  await slider.press(jump);
  await shows(`the ${jump === 'Home' ? 'cheapest' : 'dearest'} architecture to be shown`, expectedPoint(front, from));
  assert.notEqual(await panel.locator('#selection-text').innerText(), textBefore, 'the chosen architecture’s text changed');
  await slider.press(walk);
  const next = sorted[jump === 'Home' ? 1 : sorted.length - 2];
  await shows('the neighbouring architecture on the front to be shown', next);
  selected = await shownCandidates();
  assert.deepEqual(await diffStudentCells(), selected.map(asDiffCell), 'the diff shows the slider’s architecture');
  const cost = await panel.locator('#selection-cost').innerText();
  assert.ok(cost.startsWith(`${formatCount(next.flops)} FLOPs`), `the cost line gives the architecture's FLOPs: ${cost}`);
});

step('"Insert into code" writes the chosen architecture into the open file, with its imports once', async (page) => {
  // The extension's own pieces give the exact text to expect: the architecture for these
  // candidates, written at the cursor by the code generator (what is tested here is the way there:
  // the panel's button -> a validated message -> the host -> one WorkspaceEdit in the user's file).
  const choice = resolveArchitecture(run, selected);
  const expected = insertArchitecture({ text: originalText, languageId: 'typescript', fileName: modelPath }, choice.arch, { line: cursorLine });

  await panel.locator('#insert-button').click();
  // The edit lands in the editor beside the panel; then it is saved. code-server may auto-save it
  // by itself; otherwise "File: Save All" does (saving an unchanged file is harmless, so it is
  // simply repeated until the file on disk has changed).
  let lastSave = Date.now();
  const saved = await waitUntil('the model file to be saved with the inserted architecture', async () => {
    const text = readFileSync(modelPath, 'utf8');
    if (text !== originalText) return text;
    if (Date.now() - lastSave > 3_000) {
      await runCommand(page, 'File: Save All');
      lastSave = Date.now();
    }
    return undefined;
  }, 60_000);

  assert.equal(saved, expected.text, 'the file holds exactly the inserted architecture');
  // And the facts a reader checks, independent of that: the new entry is defined once, the
  // imports are not duplicated, the user's own model is still there, nothing before the cursor moved.
  assert.equal(saved.split('\n').filter((l) => l === TF_IMPORT).length, 1, `"${TF_IMPORT}" once`);
  assert.equal(saved.split(new RegExp(`\\bfunction ${expected.entryName}\\(`)).length - 1, 1, `${expected.entryName} is defined once`);
  assert.equal(saved.split(/\bfunction buildTeacher\(/).length - 1, 1, 'the teacher model is kept');
  assert.ok(saved.startsWith(originalText.trimEnd()), 'the architecture went in after the existing code, at the cursor');

  await page.locator('.tabs-container .tab', { hasText: MODEL_FILE }).click();
  await screenshot(page, 'search-to-code-3-file-after-insert');
});
