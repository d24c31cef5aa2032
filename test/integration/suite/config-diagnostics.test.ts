// A config with errors: each problem is a diagnostic on its line, and starting a search with it
// is refused before any process starts.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { dnaApi, waitFor, workspaceDir } from './helpers/extension-api';

const BAD_CONFIG = () => vscode.Uri.file(join(workspaceDir(), 'configs', 'bad.dna.json'));
const dnaDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'DNA Search');

describe('search config diagnostics', () => {
  it('puts every problem of an opened config in the Problems view at its line and column', async () => {
    await dnaApi();
    const doc = await vscode.workspace.openTextDocument(BAD_CONFIG());
    await vscode.window.showTextDocument(doc);
    const diags = await waitFor('DNA Search diagnostics', () => (dnaDiagnostics(doc.uri).length ? dnaDiagnostics(doc.uri) : undefined));
    const seen = diags.map((d) => [d.range.start.line + 1, d.range.start.character + 1, d.message]).sort((a, b) => Number(a[0]) - Number(b[0]));
    assert.deepEqual(seen, [
      [5, 15, 'distill.epochs: epochs must be > 0'],
      [6, 18, 'distill.batchSize: Invalid input: expected number, received string'],
      [8, 28, 'space.depths.1: depth must be at most 6'],
      [9, 3, 'unknown field "unknownField"'],
    ]);
    assert.ok(diags.every((d) => d.severity === vscode.DiagnosticSeverity.Error));
  });

  it('updates as the config is edited, and clears when it is fixed', async () => {
    const doc = await vscode.workspace.openTextDocument(BAD_CONFIG());
    const editor = await vscode.window.showTextDocument(doc);
    const fixed = doc
      .getText()
      .replace('"epochs": 0', '"epochs": 2')
      .replace('"batchSize": "big"', '"batchSize": 32')
      .replace('[1, 9]', '[1, 2]')
      .replace(',\n  "unknownField": true', '');
    await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), fixed));
    await waitFor('diagnostics to clear', () => dnaDiagnostics(doc.uri).length === 0 || undefined, 10_000);
    await vscode.commands.executeCommand('undo');
    await waitFor('diagnostics to come back after undo', () => dnaDiagnostics(doc.uri).length === 4 || undefined, 10_000);
    assert.equal(doc.isDirty, false, 'undo brought back the saved text');
  });

  it('refuses to start a search with a config that has problems, starting no process', async () => {
    const api = await dnaApi();
    let started = false;
    const sub = api.onDidStartSearch(() => (started = true));
    try {
      await vscode.commands.executeCommand('dnaSearch.startSearch', { file: BAD_CONFIG().fsPath });
    } finally {
      sub.dispose();
    }
    assert.equal(started, false, 'a search process was started for an invalid config');
    assert.equal(api.activeSearch(), undefined);
    assert.equal(dnaDiagnostics(BAD_CONFIG()).length, 4, 'its problems are in the Problems view');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, BAD_CONFIG().fsPath, 'the config is shown');
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, 4, 'at its first problem (line 5)');
  });
});
