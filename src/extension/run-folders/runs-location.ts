/**
 * Where this window keeps its runs: `dnaSearch.runsFolder` (absolute, or relative to the first
 * workspace folder; default "dna-runs"), or the extension's global storage when no folder is open
 * (the built-in demos work in an empty window too).
 */
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { readSettings } from '../settings';

export function resolveRunsDir(globalStorage: vscode.Uri): string {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  const { runsFolder } = readSettings(folder?.uri);
  if (isAbsolute(runsFolder)) return runsFolder;
  if (folder) return join(folder.uri.fsPath, runsFolder);
  return join(globalStorage.fsPath, 'runs');
}
