// The search panel in a real browser, outside VS Code: the page panelHtml renders (with its
// strict CSP), the built dist/webview.js and dist/webview.css, a stand-in for acquireVsCodeApi,
// and the events of a REAL quick-preset run (test/fixtures/runs/quick, made by
// scripts/test/make-run-fixture.ts) fed exactly as the extension feeds them. One test uses a
// SYNTHETIC stream instead (harness/synthetic-run-events.ts: real space, costs and fronts, made-up
// losses), for the one shape a quick run does not have: a big run. Screenshots land in
// artifacts/screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/test/vscode-web/chromium';
import { bestOnFront, type FrontPoint } from '../../src/engine/search/pareto-front';
import type { EngineEvent, FrontPointInfo } from '../../src/shared/events';
import { parseFromWebview } from '../../src/shared/protocol';
import { opId } from '../../src/shared/search-space';
import { foldEvents } from '../../src/shared/run-state';
import { candidateRows, sortRows } from '../../webview/logic/candidates';
import { formatCount, formatPercent, formatShape } from '../../webview/logic/format';
import { budgetAt, budgetRange, sortFront } from '../../webview/logic/front';
import { startPanelServer, type PanelServer } from './harness/panel-standalone-server';
import { quickRunEvents } from './harness/quick-run-fixture';
import { syntheticRunEvents } from './harness/synthetic-run-events';
import { installVsCodeShim, postedMessages, postToPanel, setTheme } from './harness/vscode-api-shim';
import type { ThemeKind } from './harness/vscode-theme-vars';

const SCREENSHOTS = resolve(import.meta.dirname, '../../artifacts/screenshots');
/** The dark theme's chart colours of the first three depth variants (harness/vscode-theme-vars.ts). */
const DEPTH_COLOURS_DARK = ['#3794ff', '#d18616', '#89d185'];

// A real run: 5 blocks, depths 1 and 2, 3 ops (12 candidates per block), trained by two workers.
const events = quickRunEvents();
const finalState = foldEvents(events);
const DEPTHS = finalState.space!.blocks[0].depths;
// Synthetic, because a quick run is small: 5 blocks x depths 2..4 = 1548 candidates per block and
// 12k distillation points show whether the charts downsample and the table virtualises.
const big = syntheticRunEvents({ depths: [2, 3, 4], distillEpochs: 4, stepsPerEpoch: 200, progressEvery: 1, budgetFraction: 0.8 }).events;
const bigState = foldEvents(big);

/**
 * What the block graph must show for each block after `evs`, from the raw events alone: pending
 * before its first loss point, trained once every depth variant reported its last step, training
 * in between.
 */
function distillPhases(evs: EngineEvent[]): string[] {
  return finalState.space!.blocks.map((b) => {
    const points = evs.filter((e): e is Extract<EngineEvent, { type: 'distill-progress' }> => e.type === 'distill-progress' && e.block === b.index);
    if (!points.length) return 'pending';
    const done = b.depths.every((d) => points.some((p) => p.depth === d && p.epoch === p.epochs - 1 && p.step === p.steps));
    return done ? 'trained' : 'training';
  });
}

let server: PanelServer;
let browser: Browser;

before(async () => {
  server = await startPanelServer();
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

interface Watched {
  page: Page;
  consoleErrors: string[];
  warnings: string[];
}

async function openPanel(theme: ThemeKind, viewport = { width: 1280, height: 900 }, page?: Page): Promise<Watched> {
  const p = page ?? (await browser.newPage({ viewport }));
  const consoleErrors: string[] = [];
  const warnings: string[] = [];
  if (!page) {
    await installVsCodeShim(p, { theme });
    p.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
      if (m.type() === 'warning') warnings.push(m.text());
    });
    p.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
  }
  await p.goto(`${server.origin}/`);
  await waitFor(p, `window.__posted.some((m) => m.type === 'ready')`, 'the panel to post ready');
  return { page: p, consoleErrors, warnings };
}

// Page-side code is passed as strings: this file is type-checked without the DOM library, and
// tsx's output for functions may use helpers that do not exist in the page.
async function waitFor(page: Page, expression: string, what: string, timeoutMs = 15_000): Promise<void> {
  try {
    await page.waitForFunction(expression, undefined, { timeout: timeoutMs, polling: 50 });
  } catch (e) {
    throw new Error(`timed out waiting for ${what}: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
}

/** Waits until the panel has drawn everything it was sent (its render stamps the store version). */
async function settled(page: Page): Promise<void> {
  await page.evaluate('new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok())))');
}

async function load(page: Page, evs: EngineEvent[], opts: { running: boolean; readOnly?: boolean; notice?: string } = { running: false }): Promise<void> {
  await postToPanel(page, { type: 'load', events: evs, running: opts.running, readOnly: opts.readOnly ?? false, notice: opts.notice });
  await settled(page);
}

async function assertNoCspViolations(w: Watched): Promise<void> {
  const violations = await w.page.evaluate('window.__cspViolations');
  assert.deepEqual(violations, [], 'the strict CSP blocked something the panel tried to load or apply');
  const cspConsole = [...w.consoleErrors, ...w.warnings].filter((m) => /Content Security Policy|Refused to/i.test(m));
  assert.deepEqual(cspConsole, []);
  assert.deepEqual(w.consoleErrors, [], 'console errors');
}

async function shot(page: Page, name: string): Promise<void> {
  // The header is sticky; from the top, a full-page shot shows it where it belongs.
  await page.evaluate('window.scrollTo(0, 0)');
  await settled(page);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Pixels of a canvas close to an rgb colour: proof that a series was actually drawn. */
async function pixelsOfColour(page: Page, selector: string, hex: string): Promise<number[]> {
  return page.evaluate(`(() => {
    const target = [1, 3, 5].map((i) => parseInt(${JSON.stringify(hex)}.slice(i, i + 2), 16));
    return [...document.querySelectorAll(${JSON.stringify(selector)})].map((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200 && Math.abs(d[i] - target[0]) < 40 && Math.abs(d[i + 1] - target[1]) < 40 && Math.abs(d[i + 2] - target[2]) < 40) n++;
      return n;
    });
  })()`);
}

/** A data-* attribute of every element matching the locator, as numbers. */
async function dataNumbers(locator: Locator, name: string): Promise<number[]> {
  return locator.evaluateAll((els, key) => els.map((e) => Number((e as unknown as { dataset: Record<string, string> }).dataset[key])), name);
}

function expectedPoint(front: FrontPointInfo[], key: 'flops' | 'params', index: number): FrontPointInfo {
  const sorted = sortFront(front, key);
  const budget = budgetAt(budgetRange(sorted, key), index);
  // The engine's own search over its front is the reference for the panel's pick.
  const asEngine: FrontPoint[] = sorted.map((p, i) => ({ score: p.score, flops: p.flops, params: p.params, choice: [i] }));
  const best = bestOnFront(asEngine, key, budget);
  assert.ok(best, `no point under budget ${budget}`);
  return sorted[best.choice[0]];
}

/**
 * Scrolls `selector` into view the way `how` says (page-side code) from the far end of the page,
 * and checks the sticky header does not cover it: it lands below the header's bottom edge, and,
 * where the page could scroll that far, just below it (not merely somewhere lower).
 */
async function assertScrolledBelowHeader(page: Page, selector: string, how: 'scrollIntoView' | 'focus'): Promise<void> {
  const r = (await page.evaluate(`(async () => {
    const el = document.querySelector(${JSON.stringify(selector)});
    const header = document.querySelector('.panel-header');
    const frame = () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    window.scrollTo(0, ${how === 'focus' ? 'document.documentElement.scrollHeight' : '0'});
    await frame();
    if (${JSON.stringify(how)} === 'focus') el.focus(); else el.scrollIntoView({ block: 'start' });
    await frame();
    const atEnd = window.scrollY >= document.documentElement.scrollHeight - window.innerHeight - 1;
    return { top: el.getBoundingClientRect().top, headerBottom: header.getBoundingClientRect().bottom, scrollY: window.scrollY, atEnd };
  })()`)) as { top: number; headerBottom: number; scrollY: number; atEnd: boolean };
  const where = `${how}(${selector}): top edge at ${r.top.toFixed(1)}px, the sticky header's bottom at ${r.headerBottom.toFixed(1)}px (scrolled to ${r.scrollY})`;
  assert.ok(r.top >= r.headerBottom, `${where}: covered by the header`);
  if (how === 'scrollIntoView' && !r.atEnd) assert.ok(r.top <= r.headerBottom + 12, `${where}: not scrolled up to the header`);
}

/** The header's height as the page's stylesheet knows it (--header-h), and as it is drawn. */
async function headerHeights(page: Page): Promise<{ variable: string; drawn: string }> {
  return page.evaluate(`({ variable: getComputedStyle(document.documentElement).getPropertyValue('--header-h').trim(), drawn: Math.ceil(document.querySelector('.panel-header').getBoundingClientRect().height) + 'px' })`) as Promise<{ variable: string; drawn: string }>;
}

/** How the block graph fits its holder: rows of blocks, the drawn scale, and whether the holder scrolls sideways. */
async function graphFit(page: Page): Promise<{ rows: number; scale: number; scrolls: boolean; holder: number }> {
  return page.evaluate(`(() => {
    const svg = document.querySelector('svg.block-graph');
    const holder = svg.parentElement;
    return { rows: Number(svg.dataset.rows), scale: svg.getBoundingClientRect().width / svg.viewBox.baseVal.width, scrolls: holder.scrollWidth > holder.clientWidth + 1, holder: holder.clientWidth };
  })()`) as Promise<{ rows: number; scale: number; scrolls: boolean; holder: number }>;
}

async function selectionCandidates(page: Page): Promise<string[]> {
  return page.locator('#selection-text li').evaluateAll((lis) => lis.map((li) => (li as unknown as { dataset: Record<string, string> }).dataset.candidate ?? ''));
}

test('a live run: streamed events update the panel, Stop posts stop, the finished run is complete', async () => {
  const w = await openPanel('vscode-dark');
  const { page } = w;
  // Live: the host loads what happened so far, then forwards batches. Cut where the last block to
  // start has not started yet: some blocks train, one is still pending.
  const lastToStart = Math.max(...finalState.space!.blocks.map((b) => events.findIndex((e) => e.type === 'distill-progress' && e.block === b.index)));
  const cut = lastToStart;
  const phases = distillPhases(events.slice(0, cut));
  assert.ok(phases.includes('pending') && phases.includes('training'), `the fixture has a moment with blocks pending and training: ${phases.join(', ')}`);
  await load(page, events.slice(0, cut), { running: true });
  assert.match(await page.locator('#run-status').innerText(), /Running/);
  assert.equal(await page.locator('#stop-button').getAttribute('disabled'), null, 'Stop is enabled while running');
  assert.notEqual(await page.locator('#resume-button').getAttribute('disabled'), null, 'Resume is disabled while running');
  for (const [b, phase] of phases.entries()) {
    assert.match((await page.locator(`g.student-block[data-block="${b}"]`).getAttribute('class')) ?? '', new RegExp(`phase-${phase}\\b`), `block ${b} is ${phase}`);
  }
  // Half-way through training a block: its phase and the stream's next point.
  const mid = events.findIndex((e, i) => i > cut && e.type === 'distill-epoch');
  await postToPanel(page, { type: 'events', events: events.slice(cut, mid + 1) });
  await settled(page);
  for (const [b, phase] of distillPhases(events.slice(0, mid + 1)).entries()) {
    assert.match((await page.locator(`g.student-block[data-block="${b}"]`).getAttribute('class')) ?? '', new RegExp(`phase-${phase}\\b`), `block ${b} is ${phase} after more events`);
  }
  await shot(page, 'panel-live-dark');

  await page.locator('#stop-button').click();
  const stop = (await postedMessages(page)).filter((m) => m.type === 'stop');
  assert.equal(stop.length, 1, 'Stop posted one stop message');
  // The engine checkpoints and exits; the host says so.
  const stopped: EngineEvent = { t: events[mid].t + 1, type: 'run-finished', status: 'stopped' };
  await postToPanel(page, { type: 'events', events: [stopped] });
  await postToPanel(page, { type: 'running', running: false });
  await settled(page);
  assert.match(await page.locator('#run-status').innerText(), /Stopped/);
  assert.equal(await page.locator('#resume-button').getAttribute('disabled'), null, 'Resume is enabled for a stopped run');
  await page.locator('#resume-button').click();
  assert.equal((await postedMessages(page)).filter((m) => m.type === 'resume').length, 1, 'Resume posted resume');
  // Resumed: the host sends a fresh load of the history (now live again) and streams the rest.
  await load(page, [...events.slice(0, mid + 1), stopped], { running: true });
  assert.match(await page.locator('#run-status').innerText(), /Running/);

  const rest = events.slice(mid + 1);
  for (let i = 0; i < rest.length; i += 400) await postToPanel(page, { type: 'events', events: rest.slice(i, i + 400) });
  await postToPanel(page, { type: 'running', running: false });
  await settled(page);
  assert.match(await page.locator('#run-status').innerText(), /Completed/);
  assert.notEqual(await page.locator('#stop-button').getAttribute('disabled'), null, 'Stop is disabled once finished');
  const blocks = finalState.space!.blocks.map((b) => b.index);
  for (const b of blocks) assert.match((await page.locator(`g.student-block[data-block="${b}"]`).getAttribute('class')) ?? '', /phase-ranked/);
  const raw = await dataNumbers(page.locator('#distill-charts .line-chart'), 'rawPoints');
  const perBlock = blocks.map((b) => events.filter((e) => e.type === 'distill-progress' && e.block === b).length);
  assert.deepEqual(raw, perBlock, 'every streamed loss point reached the charts');
  await assertNoCspViolations(w);
  await page.close();
});

test('a finished run replayed: graph, charts, table, budget slider and actions', async () => {
  const w = await openPanel('vscode-dark');
  const { page } = w;
  await load(page, events, { running: false });

  // The sticky header covers nothing that is scrolled or focused into view.
  for (const heading of ['#details-heading', '#retrain-heading', '#pareto-heading', '#diff-heading']) await assertScrolledBelowHeader(page, heading, 'scrollIntoView');
  await assertScrolledBelowHeader(page, 'g.student-block[data-block="0"]', 'focus');
  const heights = await headerHeights(page);
  assert.equal(heights.variable, heights.drawn, 'the stylesheet knows the header’s real height');
  await page.evaluate('window.scrollTo(0, 0)');

  // Block graph: every teacher and student block, and every feature map with its shape.
  const teacher = finalState.teacher!;
  assert.equal(await page.locator('g.teacher-block').count(), teacher.blocks.length);
  assert.equal(await page.locator('g.student-block').count(), teacher.blocks.length);
  const mapTexts = await page.locator('g.feature-map:not(.map-repeat) text').allTextContents();
  const expectedShapes = [teacher.blocks[0].inputShape, ...teacher.blocks.map((b) => b.outputShape)].map(formatShape);
  assert.deepEqual(mapTexts, expectedShapes);
  const graphText = await page.locator('#block-graph').innerText();
  for (const b of teacher.blocks) assert.ok(graphText.includes(b.name), `graph shows ${b.name}`);

  // Click a block (and use the keyboard) to see its layers and ops.
  await page.locator('g.student-block[data-block="3"]').click();
  await settled(page);
  assert.match(await page.locator('#details-heading').innerText(), /Block 3 · stage4/);
  const layers = await page.locator('#block-details .layer-list li').allTextContents();
  assert.deepEqual(layers, teacher.blocks[3].layers);
  await page.locator('g.teacher-block[data-block="3"]').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await settled(page);
  assert.match(await page.locator('#details-heading').innerText(), /Block 4 · stage5/, 'keyboard selects the next block');
  const details = await page.locator('#block-details').innerText();
  for (const op of finalState.space!.ops) assert.ok(details.includes(opId(op)), `details list the candidate op ${opId(op)}`);
  // The candidate table's block dropdown (a toolkit component) selects blocks too.
  await page.locator('#candidate-block').click();
  await page.locator('#candidate-block vscode-option', { hasText: 'Block 2 · stage3' }).click();
  await settled(page);
  assert.match(await page.locator('#details-heading').innerText(), /Block 2 · stage3/);
  assert.equal(await page.locator('#candidate-grid .ctable-spacer .ctable-row[data-index="0"]').getAttribute('data-id'), candidateRows(finalState, 2)[0].id);
  await page.locator('g.student-block[data-block="4"]').click();
  await settled(page);

  // Loss charts drew: the distillation charts hold every loss point, each depth in its colour.
  const raw = await dataNumbers(page.locator('#distill-charts .line-chart'), 'rawPoints');
  assert.equal(raw.reduce((a, b) => a + b, 0), events.filter((e) => e.type === 'distill-progress').length);
  // Each depth's colour (dark theme: blue, orange for the quick run's two depths) is on every block's canvas.
  for (const colour of DEPTH_COLOURS_DARK.slice(0, DEPTHS.length)) {
    const counts = await pixelsOfColour(page, '#distill-charts canvas', colour);
    assert.equal(counts.length, finalState.space!.blocks.length);
    for (const [i, n] of counts.entries()) assert.ok(n > 30, `distillation chart ${i} drew the ${colour} curve (${n} pixels)`);
  }
  const retrainPixels = await pixelsOfColour(page, '#retrain-chart canvas', '#3794ff');
  assert.ok(retrainPixels[0] > 100, `retraining loss curve drawn (${retrainPixels[0]} pixels)`);
  const summary = finalState.summary!;
  const note = await page.locator('#retrain-note').innerText();
  assert.ok(note.includes(`teacher test accuracy ${formatPercent(summary.teacher.testAccuracy)}`), note);
  assert.ok(note.includes(`student test accuracy ${formatPercent(summary.student.testAccuracy)}`), note);

  // Candidate table: block 4 is selected, with every candidate of the block.
  const rows4 = candidateRows(finalState, 4);
  assert.equal(rows4.length, finalState.space!.blocks[4].depths.reduce((n, d) => n + finalState.space!.ops.length ** d, 0), 'every path of every depth is ranked');
  assert.equal(await page.locator('#candidate-count').innerText(), `${rows4.length} of ${rows4.length} candidates`);
  const firstRowId = () => page.locator('#candidate-grid .ctable-spacer .ctable-row[data-index="0"]').getAttribute('data-id');
  assert.equal(await firstRowId(), rows4[0].id, 'sorted by rank: the best score first');
  await page.locator('#candidate-grid button[data-sort="flops"]').click();
  await settled(page);
  assert.equal(await firstRowId(), sortRows(rows4, { key: 'flops', dir: 'asc' })[0].id, 'sorting by FLOPs puts the cheapest first');
  assert.notEqual(await firstRowId(), rows4[0].id);
  await page.locator('#candidate-grid button[data-sort="flops"]').click();
  await settled(page);
  assert.equal(await firstRowId(), sortRows(rows4, { key: 'flops', dir: 'desc' })[0].id, 'clicking again sorts descending');
  assert.equal(await page.locator('#candidate-grid [role="columnheader"][aria-sort]').getAttribute('aria-sort'), 'descending');
  // Filter, then keyboard: End goes to the last row, Enter opens it.
  const [deepest, someOp] = [Math.max(...DEPTHS), opId(finalState.space!.ops[1])];
  await page.locator('#candidate-filter input').fill(`${someOp} d${deepest}`);
  await settled(page);
  const filtered = rows4.filter((r) => r.depth === deepest && r.ops.includes(someOp));
  assert.ok(filtered.length > 1, `the filter keeps some rows (${filtered.length})`);
  assert.equal(await page.locator('#candidate-count').innerText(), `${filtered.length} of ${rows4.length} candidates`);
  await page.locator('#candidate-grid').focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  const lastFiltered = sortRows(filtered, { key: 'flops', dir: 'desc' }).at(-1)!;
  const open = (await postedMessages(page)).filter((m) => m.type === 'open-candidate').at(-1);
  assert.deepEqual(open, { type: 'open-candidate', candidates: [lastFiltered.id] });
  await page.locator('#candidate-filter input').fill('');

  // Pareto front and the budget slider.
  const front = finalState.pareto.flops!;
  assert.equal(await page.locator('#pareto-plot circle.pt').count(), front.length);
  const slider = page.locator('#budget-slider');
  const chosen = finalState.chosen!;
  assert.deepEqual(await selectionCandidates(page), chosen.candidates, 'before the slider moves, the run’s own pick is shown');
  // ... and the diff's caption says so, with the run's budget (not "the best within the budget").
  assert.ok(chosen.budget.flops !== undefined && chosen.budget.params === undefined, 'the quick run had a FLOPs budget');
  assert.equal(await page.locator('#diff-caption').innerText(), `The run’s pick (its budget: ≤ ${formatCount(chosen.budget.flops)} FLOPs). Stem and head are the teacher’s own.`);
  await slider.focus();
  await page.keyboard.press('Home');
  await settled(page);
  const cheapest = expectedPoint(front, 'flops', 0);
  assert.deepEqual(await selectionCandidates(page), cheapest.candidates);
  assert.ok((await page.locator('#selection-cost').innerText()).startsWith(`${formatCount(cheapest.flops)} FLOPs`));
  // Arrow keys walk the front: the next dearer point, then back.
  await page.keyboard.press('ArrowRight');
  await settled(page);
  assert.deepEqual(await selectionCandidates(page), sortFront(front, 'flops')[1].candidates);
  await page.keyboard.press('ArrowLeft');
  await settled(page);
  assert.deepEqual(await selectionCandidates(page), cheapest.candidates);
  const costAtHome = await page.locator('#selection-cost').innerText();
  const textAtHome = await page.locator('#selection-text').innerText();
  await slider.fill('43000');
  await settled(page);
  const mid = expectedPoint(front, 'flops', 43000);
  assert.deepEqual(await selectionCandidates(page), mid.candidates, 'the slider picks the best architecture within the budget');
  assert.notEqual(await page.locator('#selection-cost').innerText(), costAtHome, 'the cost changed');
  assert.notEqual(await page.locator('#selection-text').innerText(), textAtHome, 'the chosen architecture text changed');
  assert.ok((await page.locator('#selection-cost').innerText()).startsWith(`${formatCount(mid.flops)} FLOPs`));
  const midBudget = budgetAt(budgetRange(sortFront(front, 'flops'), 'flops'), 43000);
  const midDiffers = mid.candidates.filter((id, b) => chosen.candidates[b] !== id).length;
  assert.equal(
    await page.locator('#diff-caption').innerText(),
    `The best architecture within the slider’s budget (≤ ${formatCount(midBudget)} FLOPs)${midDiffers ? `; the run’s pick (its budget: ≤ ${formatCount(chosen.budget.flops)} FLOPs) differs in ${midDiffers} block${midDiffers === 1 ? '' : 's'}` : `, which is also the run’s pick (its budget: ≤ ${formatCount(chosen.budget.flops)} FLOPs)`}. Stem and head are the teacher’s own.`,
    'once the slider moved, the caption names the slider’s budget',
  );

  // The diff follows the selection: stem, the blocks, head, total; totals equal the point's cost.
  assert.equal(await page.locator('#arch-diff tbody tr').count(), teacher.blocks.length + 3);
  const totalCells = await page.locator('#arch-diff tr.diff-total td').allTextContents();
  assert.equal(totalCells[4], formatCount(mid.params));
  assert.equal(totalCells[5], formatCount(mid.flops));

  // Actions post valid messages carrying the selected architecture.
  await page.locator('#insert-button').click();
  await page.locator('#diff-button').click();
  await page.locator('#open-button').click();
  const posted = await postedMessages(page);
  for (const m of posted) assert.ok(parseFromWebview(m).ok, `posted an invalid message: ${JSON.stringify(m)}`);
  const insert = posted.filter((m) => m.type === 'insert-architecture');
  assert.deepEqual(insert.at(-1), { type: 'insert-architecture', candidates: mid.candidates });
  assert.deepEqual(posted.filter((m) => m.type === 'show-diff').at(-1), { type: 'show-diff', candidates: mid.candidates });
  assert.deepEqual(posted.filter((m) => m.type === 'open-candidate').at(-1), { type: 'open-candidate', candidates: mid.candidates });

  // Cost key toggle: the same slider position on the params front.
  await page.locator('#cost-params').click();
  await settled(page);
  assert.deepEqual(await selectionCandidates(page), expectedPoint(finalState.pareto.params!, 'params', 43000).candidates);
  assert.match(await page.locator('#budget-text').innerText(), /params/);
  const uiPosts = (await postedMessages(page)).filter((m) => m.type === 'ui-state');
  assert.deepEqual(uiPosts.at(-1), { type: 'ui-state', state: { block: 4, costKey: 'params', budgetIndex: 43000 } });
  await page.locator('#cost-flops').click();
  await settled(page);

  // Bad input from the host is dropped with a warning, and the panel keeps its state.
  await postToPanel(page, { type: 'events', events: [{ t: 1, type: 'distill-progress', block: -1 }] });
  await postToPanel(page, { type: 'load', events: 'not a list' });
  await settled(page);
  assert.equal(w.warnings.filter((m) => m.includes('dropped a message')).length, 2);
  assert.deepEqual(await selectionCandidates(page), mid.candidates);

  await shot(page, 'panel-finished-dark');
  await setTheme(page, 'vscode-light');
  await settled(page);
  await settled(page);
  await shot(page, 'panel-finished-light');
  // (That the charts are redrawn in the new theme's colours is checked on the big run below: it
  // has a third depth, whose green differs between the themes; blue and orange barely do.)
  await setTheme(page, 'vscode-high-contrast');
  await settled(page);
  await settled(page);
  await shot(page, 'panel-finished-high-contrast');

  // UI state survives a reload (VS Code restores it through getState / the serializer).
  await openPanel('vscode-dark', undefined, page);
  await load(page, events, { running: false });
  assert.match(await page.locator('#details-heading').innerText(), /Block 4/);
  assert.equal(await page.locator('#budget-slider').inputValue(), '43000');
  assert.deepEqual(await selectionCandidates(page), mid.candidates);
  assert.equal(await page.locator('#candidate-grid [role="columnheader"][aria-sort]').getAttribute('aria-sort'), 'descending');
  await assertNoCspViolations(w);
  await page.close();
});

// SYNTHETIC on purpose: a quick run has ~60 loss points and 12 candidates per block; this needs a
// run with thousands of both, and a third depth (its colour tells the themes apart).
test('a big run (12k loss points, 1548 candidates per block): charts downsample, the table virtualises, a theme change redraws', async () => {
  const w = await openPanel('vscode-dark');
  const { page } = w;
  await load(page, big, { running: false });
  await page.locator('g.student-block[data-block="4"]').click();
  await settled(page);

  const raw = await dataNumbers(page.locator('#distill-charts .line-chart'), 'rawPoints');
  assert.equal(raw.reduce((a, b) => a + b, 0), big.filter((e) => e.type === 'distill-progress').length);
  const drawn = await dataNumbers(page.locator('#distill-charts .line-chart'), 'drawnPoints');
  for (const [i, d] of drawn.entries()) assert.ok(d > 50 && d < raw[i], `chart ${i} is downsampled for drawing (${d} of ${raw[i]})`);
  for (const colour of DEPTH_COLOURS_DARK) {
    const counts = await pixelsOfColour(page, '#distill-charts canvas', colour);
    assert.equal(counts.length, 5);
    for (const [i, n] of counts.entries()) assert.ok(n > 30, `distillation chart ${i} drew the ${colour} curve (${n} pixels)`);
  }

  // 1548 rows, only a screenful in the DOM; sorting still works on all of them.
  const rows4 = candidateRows(bigState, 4);
  assert.equal(rows4.length, 1548);
  assert.equal(await page.locator('#candidate-count').innerText(), `${rows4.length} of ${rows4.length} candidates`);
  const domRows = await page.locator('#candidate-grid .ctable-spacer .ctable-row').count();
  assert.ok(domRows > 5 && domRows < 60, `rows are virtualised (${domRows} in the DOM)`);
  await page.locator('#candidate-grid button[data-sort="flops"]').click();
  await settled(page);
  assert.equal(await page.locator('#candidate-grid .ctable-spacer .ctable-row[data-index="0"]').getAttribute('data-id'), sortRows(rows4, { key: 'flops', dir: 'asc' })[0].id);

  await setTheme(page, 'vscode-light');
  await settled(page);
  await settled(page);
  // Redrawn in the light theme's colours: its green (depth 4) is there; the dark theme's is gone
  // (bar anti-aliased edges of the light green that come out close to it).
  const lightGreen = await pixelsOfColour(page, '#distill-charts canvas', '#388a34');
  const darkGreen = await pixelsOfColour(page, '#distill-charts canvas', '#89d185');
  for (const [i, n] of lightGreen.entries()) assert.ok(n > 30 && darkGreen[i] < n / 5, `chart ${i} redrawn in the light theme's colours (${n} light, ${darkGreen[i]} dark pixels)`);
  await shot(page, 'panel-big-run-light');
  await assertNoCspViolations(w);
  await page.close();
});

test('a damaged run opens read-only with its notice, and a narrow panel still works', async () => {
  const w = await openPanel('vscode-light', { width: 560, height: 900 });
  const { page } = w;
  const partial = events.filter((e) => e.type !== 'pareto' && e.type !== 'chosen' && e.type !== 'summary' && e.type !== 'run-finished' && !e.type.startsWith('retrain'));
  await load(page, partial, { running: false, readOnly: true, notice: 'This run folder was written by engine 9.0 and is shown read-only.' });
  assert.match(await page.locator('#notice').innerText(), /read-only/);
  assert.notEqual(await page.locator('#stop-button').getAttribute('disabled'), null);
  assert.notEqual(await page.locator('#resume-button').getAttribute('disabled'), null);
  assert.match(await page.locator('#pareto-plot').innerText(), /front appears/);
  assert.equal(await page.locator('g.student-block').count(), finalState.space!.blocks.length);
  // The header is taller here (it wraps, and shows the notice): scrolling still stops below it.
  await assertScrolledBelowHeader(page, '#retrain-heading', 'scrollIntoView');
  const heights = await headerHeights(page);
  assert.equal(heights.variable, heights.drawn, 'the stylesheet knows this taller header’s height');
  await shot(page, 'panel-readonly-narrow-light');
  await assertNoCspViolations(w);
  await page.close();
});

test('the block graph fits the panel: one row where it fits, rows of blocks at 750 px, sideways scrolling only below about 480 px', async () => {
  const w = await openPanel('vscode-dark', { width: 1200, height: 900 });
  const { page } = w;
  await load(page, events, { running: false });
  const blocks = finalState.space!.blocks.length;
  const wide = await graphFit(page);
  assert.deepEqual({ rows: wide.rows, scale: wide.scale, scrolls: wide.scrolls }, { rows: 1, scale: 1, scrolls: false }, `1200 px: one row at its natural size (${JSON.stringify(wide)})`);
  await shot(page, 'panel-finished-1200-dark');

  // The same page made narrower: the graph redraws in rows and scales to fit.
  await page.setViewportSize({ width: 750, height: 900 });
  await settled(page);
  const mid = await graphFit(page);
  assert.equal(mid.rows, 2, `750 px: two rows (${JSON.stringify(mid)})`);
  assert.ok(!mid.scrolls && mid.scale >= 0.8 && mid.scale <= 1, `750 px: fits without scrolling, text at ${mid.scale.toFixed(2)} scale`);
  assert.equal(await page.locator('g.student-block').count(), blocks);
  assert.equal(await page.locator('g.feature-map.map-repeat').count(), 1, 'the second row starts with the map the first ended with');
  await shot(page, 'panel-finished-750-dark');

  await page.setViewportSize({ width: 420, height: 900 });
  await settled(page);
  const narrow = await graphFit(page);
  assert.ok(narrow.scrolls && Math.abs(narrow.scale - 0.8) < 0.01, `420 px: scrolls sideways at the smallest readable scale (${JSON.stringify(narrow)})`);
  assert.equal(narrow.rows, Math.ceil(blocks / 2));
  // Every block can still be selected.
  await page.locator(`g.student-block[data-block="${blocks - 1}"]`).click();
  await settled(page);
  assert.match(await page.locator('#details-heading').innerText(), new RegExp(`Block ${blocks - 1} `));
  await shot(page, 'panel-finished-420-dark');
  await assertNoCspViolations(w);
  await page.close();
});

test('UI state: a fresh panel takes the host’s remembered state, another run starts from its own, and the run folder is kept for the serializer', async () => {
  const w = await openPanel('vscode-dark', { width: 1000, height: 800 });
  const { page } = w;
  await postToPanel(page, { type: 'load', events, running: false, readOnly: false, runDir: '/runs/a', uiState: { block: 2, costKey: 'params', budgetIndex: 20000 } });
  await settled(page);
  assert.match(await page.locator('#details-heading').innerText(), /Block 2/);
  assert.equal(await page.locator('#budget-slider').inputValue(), '20000');
  assert.match(await page.locator('#budget-text').innerText(), /params/);
  const saved = (await page.evaluate(`JSON.parse(sessionStorage.getItem('dna-standalone-webview-state'))`)) as { runDir: string; ui: { block: number } };
  assert.equal(saved.runDir, '/runs/a', 'setState keeps the run folder for the WebviewPanelSerializer');
  // The same panel shown another run: that run's remembered state, not this one's.
  await postToPanel(page, { type: 'load', events, running: false, readOnly: false, runDir: '/runs/b', uiState: { block: 1 } });
  await settled(page);
  assert.match(await page.locator('#details-heading').innerText(), /Block 1/);
  assert.match(await page.locator('#budget-text').innerText(), /FLOPs/);
  // After a reload the webview's own state wins over an older one from the host.
  await page.locator('g.student-block[data-block="3"]').click();
  await openPanel('vscode-dark', undefined, page);
  await postToPanel(page, { type: 'load', events, running: false, readOnly: false, runDir: '/runs/b', uiState: { block: 1 } });
  await settled(page);
  assert.match(await page.locator('#details-heading').innerText(), /Block 3/);
  await assertNoCspViolations(w);
  await page.close();
});
