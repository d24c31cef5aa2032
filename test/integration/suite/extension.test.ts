// The extension loads in a real VS Code, registers every command it contributes, runs the ones
// that need no search, and keeps TensorFlow.js out of the extension host.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { activateDna, dnaApi, EXTENSION_ID, extensionPath } from './helpers/extension-api';

describe('DNA Search extension', () => {
  it('activates, and logs how long activation took', async () => {
    const api = await activateDna();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.ok(api.activationMs > 0);
    // A figure for the report, not a timed assertion (timings on a shared 2-core machine are noise).
    const a = api.activation;
    console.log(
      `activation: ${api.activationMs.toFixed(1)} ms = bundle load ${a.loadMs.toFixed(1)} ms + activate() ${a.activateMs.toFixed(1)} ms ` +
        `(VS Code's own gap between them: ${a.hostGapMs.toFixed(1)} ms)`,
    );
  });

  it('registers every command that package.json contributes', async () => {
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.length >= 10, `contributes: ${contributed.join(', ')}`);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
  });

  it('runs the commands that need no search: Show Log, Refresh Runs, Open Search Panel, Stop Search', async () => {
    await vscode.commands.executeCommand('dnaSearch.showLog');
    await vscode.commands.executeCommand('dnaSearch.refreshRuns');
    // With nothing running: Stop says so and returns false; the panel command offers to start.
    assert.equal(await vscode.commands.executeCommand('dnaSearch.stopSearch'), false);
    await vscode.commands.executeCommand('dnaSearch.openPanel');
    assert.equal((await dnaApi()).activeSearch(), undefined);
  });

  it('creates a starter config that is valid (no diagnostics) and opens it', async () => {
    await dnaApi();
    const target = vscode.Uri.file(join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'starter-test.dna.json'));
    await vscode.commands.executeCommand('dnaSearch.createStarterConfig', target);
    const text = readFileSync(target.fsPath, 'utf8');
    assert.match(text, /"name": "starter-test"/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, target.fsPath);
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(vscode.languages.getDiagnostics(target).filter((d) => d.source === 'DNA Search'), []);
  });

  it('never loads TensorFlow.js into the extension host', async () => {
    await dnaApi();
    // tfjs-core registers its engine on the global object as soon as it is evaluated.
    assert.equal((globalThis as Record<string, unknown>)._tfengine, undefined, 'a TensorFlow.js engine exists in the extension host');
    for (const file of ['extension.js', 'extension-services.js']) {
      const bundle = readFileSync(join(extensionPath(), 'dist', file), 'utf8');
      // `require("@tensorflow/…` is how esbuild writes a module load; the bare package name also
      // appears, legitimately, in the import line the code generators write into users' files.
      for (const marker of ['require("@tensorflow/', 'Conv2DBackpropFilter', 'registerKernel']) {
        assert.equal(bundle.includes(marker), false, `dist/${file} contains "${marker}"`);
      }
    }
  });
});
