// Insert Architecture in a real editor: the architecture goes in at the cursor in the file's own
// language (TypeScript, JavaScript, Python with Keras or PyTorch), or in place of a marked model
// region, with its imports added once, as one edit that ONE undo takes back. A file in another
// language, or a read-only generated document, is refused with a clear message and not touched.
// The search panel's 'insert-architecture' message writes into the file last edited. Export Model
// copies the retrained TF.js model files.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { insertArchitecture, replaceModel } from '../../../src/codegen';
import type { CodeTarget } from '../../../src/shared/protocol';
import { closeAllEditors, codeRun, openFile, SEARCH_TIMEOUT_MS, skipWithoutCodeRun, type CodeRun } from './code-run-fixture';
import { dnaApi, waitFor, workspaceDir } from './helpers/extension-api';

interface Result {
  done: boolean;
  message?: string;
  how?: 'cursor' | 'marker';
  target?: CodeTarget;
  codeLines?: { start: number; end: number };
  files?: string[];
}

function writeWorkspaceFile(name: string, text: string): string {
  const dir = join(workspaceDir(), 'code-insert');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** How many times `s` occurs in `text` (a whole line when `lines`). */
const count = (text: string, s: string, lines = false) => (lines ? text.split('\n').filter((l) => l === s).length : text.split(s).length - 1);

describe('code features: Insert Architecture and Export Model', function () {
  this.timeout(SEARCH_TIMEOUT_MS);
  let run: CodeRun;

  before(async function () {
    skipWithoutCodeRun(this);
    run = await codeRun();
    await closeAllEditors();
  });

  const cases: { name: string; file: string; text: string; line: number; target?: CodeTarget; expectTarget: CodeTarget; importLine: string }[] = [
    {
      name: 'TypeScript',
      file: 'model.ts',
      text: "import * as tf from '@tensorflow/tfjs';\n\nexport const inputSize = 8;\n\nexport function train(model: tf.LayersModel): void {\n  model.summary();\n}\n",
      line: 3,
      expectTarget: 'tfjs-ts',
      importLine: "import * as tf from '@tensorflow/tfjs';",
    },
    {
      name: 'JavaScript (CommonJS, no tf import yet)',
      file: 'model.js',
      text: "'use strict';\nconst path = require('node:path');\n\nmodule.exports = { where: path.sep };\n",
      line: 3,
      expectTarget: 'tfjs-js',
      importLine: "const tf = require('@tensorflow/tfjs');",
    },
    {
      name: 'Python with Keras',
      file: 'keras_model.py',
      text: 'import keras\nfrom keras import layers\n\n\ndef train(model):\n    model.summary()\n',
      line: 3,
      expectTarget: 'keras',
      importLine: 'import keras',
    },
    {
      name: 'Python importing neither framework (PyTorch chosen)',
      file: 'plain.py',
      text: '"""Training script."""\nimport os\n\nEPOCHS = int(os.environ.get("EPOCHS", "3"))\n',
      line: 3,
      target: 'pytorch',
      expectTarget: 'pytorch',
      importLine: 'import torch',
    },
  ];

  for (const c of cases) {
    it(`${c.name}: inserts at the cursor with the imports once, and one undo takes it all back`, async () => {
      const path = writeWorkspaceFile(c.file, c.text);
      const editor = await openFile(path);
      const at = new vscode.Position(c.line, 0);
      editor.selection = new vscode.Selection(at, at);
      const result = (await vscode.commands.executeCommand('dnaSearch.insertArchitecture', { runDir: run.runDir, candidates: run.chosen.candidates, target: c.target })) as Result;
      assert.equal(result.done, true, result.message);
      assert.equal(result.how, 'cursor');
      assert.equal(result.target, c.expectTarget);
      const expected = insertArchitecture({ text: c.text, languageId: editor.document.languageId, fileName: path }, run.chosen.written, { line: c.line }, { target: c.target });
      const after = editor.document.getText();
      assert.equal(after, expected.text, 'the editor holds exactly the inserted text');
      assert.equal(count(after, c.importLine, true), 1, `the line "${c.importLine}" is there once`);
      assert.ok(after.includes(expected.entryName), `the entry ${expected.entryName} is defined`);
      assert.deepEqual(result.codeLines, expected.codeLines);
      assert.equal(editor.selection.active.line, expected.codeLines.start, 'the cursor moved to the inserted code');

      assert.equal(vscode.window.activeTextEditor?.document, editor.document);
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), c.text, 'one undo restores the file');
    });
  }

  it('a marked model region is replaced in place (markers kept), and one undo restores it', async () => {
    const original = readFileSync(run.examples.keras, 'utf8');
    const path = writeWorkspaceFile('marked_teacher.py', original);
    const editor = await openFile(path);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const result = (await vscode.commands.executeCommand('dnaSearch.insertArchitecture', { runDir: run.runDir, candidates: run.chosen.candidates })) as Result;
    assert.equal(result.done, true, result.message);
    assert.equal(result.how, 'marker');
    const expected = replaceModel({ text: original, fileName: path }, run.chosen.written, { blocks: run.teacherBlocks });
    assert.equal(editor.document.getText(), expected.text);
    assert.equal(count(editor.document.getText(), '# region dna-search: model'), 1);
    assert.match(editor.document.getText(), /^def build_teacher\(\)/m, 'the model keeps its name');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original);
  });

  it('a file in an unsupported language gets a clear message listing the supported ones, and is not edited', async () => {
    const text = '# Notes\n\nNothing to see.\n';
    const path = writeWorkspaceFile('notes.md', text);
    const editor = await openFile(path);
    const result = (await vscode.commands.executeCommand('dnaSearch.insertArchitecture', { runDir: run.runDir, candidates: run.chosen.candidates })) as Result;
    assert.equal(result.done, false);
    assert.match(result.message!, /"notes\.md" \(language "markdown"\) is not a language DNA Search can write model code in/);
    assert.match(result.message!, /Supported: TypeScript \(\.ts: TensorFlow\.js\), JavaScript \(\.js: TensorFlow\.js\) and Python \(\.py: Keras or PyTorch\)/);
    assert.equal(editor.document.getText(), text);
    assert.equal(editor.document.isDirty, false);
  });

  it('a framework of another language is refused for the file, and nothing is edited', async () => {
    const text = 'export const x = 1;\n';
    const path = writeWorkspaceFile('other.ts', text);
    const editor = await openFile(path);
    const result = (await vscode.commands.executeCommand('dnaSearch.insertArchitecture', { runDir: run.runDir, candidates: run.chosen.candidates, target: 'keras' })) as Result;
    assert.equal(result.done, false);
    assert.match(result.message!, /Keras \(Python\) code cannot go into a typescript file/);
    assert.equal(editor.document.getText(), text);
  });

  it('a read-only generated document is never written into', async () => {
    const opened = (await vscode.commands.executeCommand('dnaSearch.openAsCode', { runDir: run.runDir, candidates: run.chosen.candidates, target: 'tfjs-ts' })) as { document: vscode.TextDocument };
    const before = opened.document.getText();
    const result = (await vscode.commands.executeCommand('dnaSearch.insertArchitecture', { runDir: run.runDir, candidates: run.chosen.candidates })) as Result;
    assert.equal(result.done, false);
    assert.match(result.message!, /read-only generated document/);
    assert.equal(opened.document.getText(), before);
  });

  it("the search panel's 'insert-architecture' message writes into the file last edited (the panel has focus)", async () => {
    const text = "import * as tf from '@tensorflow/tfjs';\n";
    const path = writeWorkspaceFile('from-panel.ts', text);
    const editor = await openFile(path);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const api = await dnaApi();
    await vscode.commands.executeCommand('dnaSearch.openPanel', { runDir: run.runDir });
    await waitFor('the run panel', () => api.panels.list().some((p) => p.runDir === run.runDir) || undefined);
    assert.equal(api.panels.receive(run.runDir, { type: 'insert-architecture', candidates: run.chosen.candidates, target: 'tfjs-ts' }), true);
    const expected = insertArchitecture({ text, fileName: path }, run.chosen.written, { line: 1 }, { target: 'tfjs-ts' });
    await waitFor('the insertion', () => editor.document.getText() === expected.text || undefined, 20_000);
    assert.equal(count(editor.document.getText(), "from '@tensorflow/tfjs'"), 1, 'the existing import is reused');
  });

  it("Export Model copies the run's retrained model.json and weights into the folder given", async () => {
    const destination = mkdtempSync(join(tmpdir(), 'dna-export-'));
    const result = (await vscode.commands.executeCommand('dnaSearch.exportModel', { runDir: run.runDir, destination })) as Result;
    assert.equal(result.done, true, result.message);
    const model = join(run.runDir, 'model');
    const names = readdirSync(model).sort();
    assert.ok(names.includes('model.json'), 'the run saved model.json');
    assert.deepEqual(readdirSync(destination).sort(), names);
    for (const n of names) assert.ok(readFileSync(join(destination, n)).equals(readFileSync(join(model, n))), `${n} is an exact copy`);
    const manifest = JSON.parse(readFileSync(join(destination, 'model.json'), 'utf8'));
    const shards = manifest.weightsManifest.flatMap((g: { paths: string[] }) => g.paths);
    for (const s of shards) assert.ok(names.includes(s), `the weight file ${s} that model.json names is there`);
  });
});
