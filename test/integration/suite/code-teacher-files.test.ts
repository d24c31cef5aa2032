// The run's results inline with the teacher's code, in the three example teacher files (Keras,
// PyTorch, TF.js TypeScript): a CodeLens above the model definition with the FLOPs and accuracy
// change, after-line decorations on each teacher block's lines saying what the student chose
// there, and the diff editor against the same file with the chosen architecture in place. A file
// whose layer names do not match gets the plain diff and a notice naming the blocks and markers.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { replaceModel } from '../../../src/codegen';
import { architectureCost } from '../../../src/shared/cost';
import { closeAllEditors, codeRun, linesMatching, openFile, SEARCH_TIMEOUT_MS, skipWithoutCodeRun, type CodeRun } from './code-run-fixture';
import { dnaApi, waitFor, workspaceDir } from './helpers/extension-api';

interface DiffShown {
  done: boolean;
  left: vscode.Uri;
  right: vscode.Uri;
  how: string;
  notices: string[];
  message?: string;
}

/** What the student chose for each block, as the decorations must say it: "→ k3e1 · k3e2  (−61% FLOPs)". */
function expectedChoice(run: CodeRun, blockName: string): string {
  const arch = run.chosen.architecture;
  const i = arch.blocks.findIndex((b) => b.name === blockName);
  const student = architectureCost(arch).blocks[i].flops;
  const teacher = run.teacherBlocks.find((b) => b.name === blockName)!.flops;
  const p = Math.round((student / teacher - 1) * 100);
  const change = p === 0 ? '\u00b10%' : p < 0 ? `\u2212${-p}%` : `+${p}%`;
  return `\u2192 ${arch.blocks[i].ops.map((o) => `k${o.kernel}e${o.expansion}`).join(' \u00b7 ')}  (${change} FLOPs)`;
}

const FILES: Record<'keras' | 'pytorch' | 'tfjs', { blocks: Record<string, RegExp[]>; lens: RegExp }> = {
  keras: { blocks: { stage1: [/inverted_residual\(x, "stage1_unit1"/], stage2: [/inverted_residual\(x, "stage2_unit1"/] }, lens: /^# region dna-search: model/ },
  pytorch: { blocks: { stage1: [/self\.stage1 = /, /self\.stage1\(x\)/], stage2: [/self\.stage2 = /, /self\.stage2\(x\)/] }, lens: /^class FashionMobileNetV2\(/ },
  tfjs: { blocks: { stage1: [/invertedResidual\(x, 'stage1_unit1'/], stage2: [/invertedResidual\(x, 'stage2_unit1'/] }, lens: /^\/\*\* Fashion-MNIST MobileNetV2/ },
};

describe('code features: teacher files show the run (CodeLens, decorations, diff)', function () {
  this.timeout(SEARCH_TIMEOUT_MS);
  let run: CodeRun;

  before(async function () {
    skipWithoutCodeRun(this);
    run = await codeRun();
    await closeAllEditors();
  });

  for (const [kind, expected] of Object.entries(FILES) as [keyof typeof FILES, (typeof FILES)['keras']][]) {
    it(`${kind}: decorations on each block's lines say what the student chose there`, async () => {
      const path = run.examples[kind];
      const editor = await openFile(path);
      const api = await dnaApi();
      await api.code.refreshDecorations();
      const text = editor.document.getText();
      const want = Object.entries(expected.blocks)
        .flatMap(([block, patterns]) => patterns.map((p) => ({ line: linesMatching(text, p)[0], block, text: expectedChoice(run, block) })))
        .sort((a, b) => a.line - b.line);
      for (const w of want) assert.ok(w.line >= 0, `${kind}: the file has the line of ${w.block}`);
      const shown = [...api.code.decorationsOf(editor.document.uri)].sort((a, b) => a.line - b.line);
      assert.deepEqual(shown, want);
    });

    it(`${kind}: a CodeLens above the model compares with the best candidate (FLOPs, accuracy) and starts a search`, async () => {
      const path = run.examples[kind];
      const editor = await openFile(path);
      const lensLine = linesMatching(editor.document.getText(), expected.lens)[0];
      const lenses = await waitFor('the CodeLenses', async () => {
        const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
        return l.filter((x) => x.command?.command.startsWith('dnaSearch.')).length >= 2 ? l.filter((x) => x.command?.command.startsWith('dnaSearch.')) : undefined;
      });
      const compare = lenses.find((l) => l.command!.command === 'dnaSearch.compareWithArchitecture');
      assert.ok(compare, `a compare lens among ${lenses.map((l) => l.command!.title).join(' | ')}`);
      assert.equal(compare.range.start.line, lensLine, 'above the model definition');
      const summary = JSON.parse(readFileSync(join(run.runDir, 'summary.json'), 'utf8'));
      const flops = Math.round((summary.student.flops / summary.teacher.flops - 1) * 100);
      const pts = Math.round((summary.student.testAccuracy - summary.teacher.testAccuracy) * 1000) / 10;
      const ptsText = pts === 0 ? '\u00b10.0 pts' : pts < 0 ? `\u2212${(-pts).toFixed(1)} pts` : `+${pts.toFixed(1)} pts`;
      assert.equal(compare.command!.title, `DNA: compare with the best candidate \u2014 FLOPs ${flops < 0 ? `\u2212${-flops}` : `+${flops}`}%, accuracy ${ptsText}`);
      const start = lenses.find((l) => l.command!.command === 'dnaSearch.startSearch');
      assert.ok(start, 'a start-search lens');
      assert.equal(start.command!.title, 'DNA: start a search');
      assert.equal(start.range.start.line, lensLine);
      // The PyTorch and TF.js examples are each named by their own dna-search.json, which the lens starts.
      // The Keras one is also named by the run's config: with two configs to choose from, the start command asks.
      assert.deepEqual(start.command!.arguments ?? [], kind === 'keras' ? [] : [{ file: join(path, '..', 'dna-search.json') }]);
    });
  }

  it('the compare command opens a diff editor: the file vs the same file with the chosen architecture in place', async () => {
    await closeAllEditors();
    const path = run.examples.keras;
    const shown = (await vscode.commands.executeCommand('dnaSearch.compareWithArchitecture', { runDir: run.runDir, file: path })) as DiffShown;
    assert.equal(shown.done, true, shown.message);
    assert.equal(shown.how, 'marker', 'the Keras example marks its model region');
    assert.deepEqual(shown.notices, []);
    const tab = await waitFor('a diff tab', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputTextDiff ? t : undefined;
    });
    const input = tab.input as vscode.TabInputTextDiff;
    assert.equal(input.original.fsPath, path);
    assert.equal(input.modified.scheme, 'dna-search-code');
    const right = await vscode.workspace.openTextDocument(input.modified);
    assert.equal(right.languageId, 'python');
    const original = readFileSync(path, 'utf8');
    assert.equal(right.getText(), replaceModel({ text: original, fileName: path }, run.chosen.written, { blocks: run.teacherBlocks }).text);
    // Everything outside the model region is the file's own.
    assert.ok(right.getText().startsWith(original.slice(0, original.indexOf('# region dna-search: model'))));
  });

  it('the CodeLens command (no run given) finds the run from the file and opens the same diff', async () => {
    await closeAllEditors();
    const editor = await openFile(run.examples.pytorch);
    const shown = (await vscode.commands.executeCommand('dnaSearch.compareWithArchitecture', editor.document.uri)) as DiffShown;
    assert.equal(shown.done, true, shown.message);
    assert.equal(shown.how, 'definition');
    const tab = await waitFor('a diff tab', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputTextDiff ? t : undefined;
    });
    assert.equal((tab.input as vscode.TabInputTextDiff).original.fsPath, run.examples.pytorch);
    assert.match(new URLSearchParams((tab.input as vscode.TabInputTextDiff).modified.query).get('run') ?? '', new RegExp(run.runDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

  it('a model file whose layer names do not match gets no decorations, and the plain diff with a notice naming the blocks and the markers', async () => {
    await closeAllEditors();
    const renamed = join(workspaceDir(), 'code-examples', 'keras', 'renamed_teacher.py');
    writeFileSync(renamed, readFileSync(run.examples.keras, 'utf8').replace(/stage(\d)_unit/g, 'group$1_part'));
    const editor = await openFile(renamed);
    const api = await dnaApi();
    await api.code.refreshDecorations();
    assert.deepEqual(api.code.decorationsOf(editor.document.uri), [], 'nothing to decorate');
    const shown = (await vscode.commands.executeCommand('dnaSearch.compareWithArchitecture', { runDir: run.runDir, file: renamed })) as DiffShown;
    assert.equal(shown.done, true, shown.message);
    const notice = shown.notices.join(' ');
    assert.match(notice, /Teacher blocks stage1, stage2 of run "code-features" are not found in renamed_teacher\.py/);
    assert.match(notice, /# region dna-search: block stage1/);
    assert.match(notice, /# endregion/);
    const tab = await waitFor('a diff tab', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputTextDiff ? t : undefined;
    });
    assert.equal((tab.input as vscode.TabInputTextDiff).original.fsPath, renamed);
  });

  it('the diff follows edits of the file: its right side is regenerated', async () => {
    await closeAllEditors();
    const editor = await openFile(run.examples.tfjs);
    const shown = (await vscode.commands.executeCommand('dnaSearch.compareWithArchitecture', { runDir: run.runDir, file: run.examples.tfjs })) as DiffShown;
    assert.equal(shown.done, true, shown.message);
    const right = await vscode.workspace.openTextDocument(shown.right);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(editor.document.uri, new vscode.Position(0, 0), '// edited before the comparison\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the right side to follow', () => right.getText().startsWith('// edited before the comparison\n') || undefined, 10_000);
    const back = new vscode.WorkspaceEdit();
    back.delete(editor.document.uri, new vscode.Range(0, 0, 1, 0));
    assert.ok(await vscode.workspace.applyEdit(back));
    await editor.document.save();
  });
});
