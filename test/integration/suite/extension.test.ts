// The extension loads in a real VS Code and its first command works.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';

const EXTENSION_ID = 'dna-search.dna-search';

describe('DNA Search extension', () => {
  it('activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers dnaSearch.showLog', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('dnaSearch.showLog'));
  });

  it('runs dnaSearch.showLog without error', async () => {
    await vscode.commands.executeCommand('dnaSearch.showLog');
  });
});
