/** "Create Starter Config": writes a commented config next to the user's code and opens it. */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { isConfigFileName } from './config-files';
import { STARTER_CONFIG_NAME, starterConfigText } from './starter-config';

/** `where`: the file to write (from code or tests); otherwise the user picks it. */
export async function createStarterConfig(where?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  let target = where ?? await vscode.window.showSaveDialog({
    title: 'Create a DNA Search config',
    defaultUri: folder ? vscode.Uri.joinPath(folder.uri, STARTER_CONFIG_NAME) : undefined,
    filters: { 'DNA Search config': ['dna.json'] },
    saveLabel: 'Create Config',
  });
  if (!target) return undefined;
  // Only *.dna.json and dna-search.json are recognised as configs (schema, diagnostics, pickers).
  if (!isConfigFileName(target.path)) target = vscode.Uri.joinPath(target, '..', `${basename(target.path).replace(/\.json$/, '')}.dna.json`);
  const name = basename(target.path).replace(/\.dna\.json$|\.json$/, '') || 'my-search';
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(starterConfigText(name)));
  await vscode.window.showTextDocument(target, { preview: false });
  void vscode.window.showInformationMessage(
    `DNA Search: created ${vscode.workspace.asRelativePath(target)}. Point "data" and "teacher" at your own files (or keep the demo), then run "DNA: Start Architecture Search".`,
  );
  return target;
}
