// Inspecting candidates in the editor: an architecture or one block's candidate opens as a
// read-only virtual document (no file anywhere) in the language asked for — from the command,
// from a Runs-tree candidate node and from the search panel's message — and its hovers show the
// candidate's score, params and FLOPs as the run ranked them. On a real run made by the engine.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { architectureForCandidates, generateCode } from '../../../src/codegen';
import type { RunsNode } from '../../../src/extension/run-folders/runs-tree';
import { architectureCost } from '../../../src/shared/cost';
import type { CodeTarget } from '../../../src/shared/protocol';
import { closeAllEditors, codeRun, SEARCH_TIMEOUT_MS, skipWithoutCodeRun, type CodeRun } from './code-run-fixture';
import { dnaApi, waitFor } from './helpers/extension-api';

const SCHEME = 'dna-search-code';

interface Opened {
  done: boolean;
  uri: vscode.Uri;
  document: vscode.TextDocument;
  message?: string;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

async function candidateNodes(runDir: string, block: number): Promise<Extract<RunsNode, { kind: 'candidate' }>[]> {
  const api = await dnaApi();
  const run = (await api.runsTree.getChildren()).find((n) => n.kind === 'run' && n.runDir === runDir);
  assert.ok(run, 'the Runs tree lists the run');
  const blockNode = (await api.runsTree.getChildren(run)).find((n) => n.kind === 'block' && n.row.index === block);
  assert.ok(blockNode, `the run shows block ${block}`);
  return (await api.runsTree.getChildren(blockNode)).filter((n): n is Extract<RunsNode, { kind: 'candidate' }> => n.kind === 'candidate');
}

describe('code features: candidates as read-only documents', function () {
  this.timeout(SEARCH_TIMEOUT_MS);
  let run: CodeRun;

  before(async function () {
    skipWithoutCodeRun(this);
    run = await codeRun();
    await closeAllEditors();
  });

  const languages: [CodeTarget, string][] = [
    ['tfjs-ts', 'typescript'],
    ['tfjs-js', 'javascript'],
    ['keras', 'python'],
    ['pytorch', 'python'],
  ];
  for (const [target, languageId] of languages) {
    it(`opens the chosen architecture as ${target}: language ${languageId}, the generated code, read-only`, async () => {
      const opened = (await vscode.commands.executeCommand('dnaSearch.openAsCode', { runDir: run.runDir, candidates: run.chosen.candidates, target })) as Opened;
      assert.equal(opened.done, true, opened.message);
      const doc = opened.document;
      assert.equal(doc.uri.scheme, SCHEME, 'a virtual document, not a file');
      assert.equal(doc.languageId, languageId);
      assert.equal(doc.getText(), generateCode(run.chosen.written, target).text);
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString(), 'it is shown');
      assert.equal(doc.isDirty, false);

      // Read-only: typing into it (as the user would) changes nothing.
      await vscode.commands.executeCommand('cursorMove', { to: 'viewPortTop' });
      await vscode.commands.executeCommand('type', { text: 'typed by the user ' });
      await vscode.commands.executeCommand('deleteLeft');
      assert.equal(doc.getText(), generateCode(run.chosen.written, target).text, 'typing does not change it');
      assert.equal(doc.isDirty, false);
    });
  }

  it("hovers over a block's code show its candidate's score, params and FLOPs; elsewhere the architecture's", async () => {
    const opened = (await vscode.commands.executeCommand('dnaSearch.openAsCode', { runDir: run.runDir, candidates: run.chosen.candidates, target: 'pytorch' })) as Opened;
    const doc = opened.document;
    const block = run.chosen.architecture.blocks[1];
    const className = `${block.name[0].toUpperCase()}${block.name.slice(1)}Block`;
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith(`class ${className}(`));
    assert.ok(line >= 0, `the document defines ${className}`);
    const id = run.chosen.candidates.find((c) => c.startsWith(`b${block.index}.`))!;
    const ranked = (await candidateNodes(run.runDir, block.index)).find((n) => n.id === id)!;
    const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line + 3, 8)));
    assert.match(hover, new RegExp(`candidate \`${id.replace(/[.]/g, '\\.')}\``));
    assert.ok(hover.includes(ranked.candidate.score.toPrecision(4)), `the score ${ranked.candidate.score} is in:\n${hover}`);
    assert.ok(hover.includes(ranked.candidate.params.toLocaleString('en-US')), 'the params are in the hover');
    assert.ok(hover.includes(ranked.candidate.flops.toLocaleString('en-US')), 'the FLOPs are in the hover');
    assert.match(hover, new RegExp(`rank ${ranked.rank} of \\d+`));

    const entry = generateCode(run.chosen.written, 'pytorch').entryName;
    const entryLine = doc.getText().split('\n').findIndex((l) => l.startsWith(`class ${entry}(`));
    const whole = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(entryLine, 8)));
    assert.match(whole, /chosen under the budget/);
    const cost = architectureCost(run.chosen.architecture);
    assert.ok(whole.includes(cost.flops.toLocaleString('en-US')) && whole.includes(cost.params.toLocaleString('en-US')), `the architecture's FLOPs and params are in:\n${whole}`);
  });

  it("opens a Runs-tree candidate node: the chosen architecture with that block's candidate in place", async () => {
    const nodes = await candidateNodes(run.runDir, 1);
    const other = nodes.find((n) => !n.chosen);
    assert.ok(other, 'block 1 has a candidate that was not chosen');
    // The tree's context menu passes the node itself; a target is added so no quick pick asks.
    const opened = (await vscode.commands.executeCommand('dnaSearch.openAsCode', { ...other, target: 'keras' })) as Opened;
    assert.equal(opened.done, true, opened.message);
    assert.equal(opened.document.languageId, 'python');
    const expected = architectureForCandidates(run.chosen.architecture, [other.id]);
    const blocksLine = `Blocks: ${expected.blocks.map((b) => `${b.name} [${b.ops.map((o) => `k${o.kernel}e${o.expansion}`).join('-')}]`).join(', ')}.`;
    assert.ok(opened.document.getText().includes(blocksLine), `the docstring says ${blocksLine}`);
    assert.ok(opened.document.getText().includes(`candidates ${other.id}`), 'and which candidate it is');
    const hover = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', opened.document.uri, new vscode.Position(opened.document.getText().split('\n').findIndex((l) => l.startsWith('def stage2_block(')), 4)),
    );
    assert.ok(hover.includes(other.id) && hover.includes(other.candidate.score.toPrecision(4)), `the hover is about ${other.id}:\n${hover}`);
  });

  it("the search panel's 'open-candidate' message opens the candidate the same way", async () => {
    const api = await dnaApi();
    await vscode.commands.executeCommand('dnaSearch.openPanel', { runDir: run.runDir });
    await waitFor('the run panel', () => api.panels.list().some((p) => p.runDir === run.runDir) || undefined);
    const id = (await candidateNodes(run.runDir, 0))[0].id;
    assert.equal(api.panels.receive(run.runDir, { type: 'open-candidate', candidates: [id], target: 'tfjs-js' }), true, 'the panel host accepted the message');
    const editor = await waitFor('a JavaScript document of the candidate', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === SCHEME && e.document.languageId === 'javascript' && new URLSearchParams(e.document.uri.query).get('c') === id),
    );
    assert.match(editor.document.getText(), new RegExp(`candidates ${id.replace(/[.]/g, '\\.')}`));
  });
});
