/**
 * The gate before a config file is handed to a search process: saved, valid, on the local disk.
 * A config with problems is refused here, with each problem in the Problems view at its line and
 * the file opened at the first one — no process is started for it.
 */
import * as vscode from 'vscode';
import { formatProblems } from '../../shared/config/locate-issues';
import type { ConfigDiagnostics } from './config-diagnostics';

export type ConfigGate = { ok: true; text: string } | { ok: false };

export async function checkConfigBeforeStart(file: string, diagnostics: ConfigDiagnostics, log: vscode.LogOutputChannel): Promise<ConfigGate> {
  const uri = vscode.Uri.file(file);
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(uri);
  } catch (err) {
    void vscode.window.showErrorMessage(`DNA Search: cannot read the config ${file}: ${(err as Error).message}`);
    return { ok: false };
  }
  // The search process reads the file from disk: what the user sees must be what it runs.
  if (doc.isDirty && !(await doc.save())) {
    void vscode.window.showErrorMessage(`DNA Search: save ${vscode.workspace.asRelativePath(uri)} before starting a search with it.`);
    return { ok: false };
  }
  const problems = diagnostics.check(doc);
  if (!problems.length) return { ok: true, text: doc.getText() };

  log.warn(`config refused:\n${formatProblems(file, problems)}`);
  // Problems come in schema order; the user reads the file top to bottom.
  const first = [...problems].sort((a, b) => a.offset - b.offset)[0];
  const at = new vscode.Position(first.line - 1, first.column - 1);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at), preview: false });
  const name = vscode.workspace.asRelativePath(uri);
  void vscode.window
    .showErrorMessage(
      `DNA Search: ${name} has ${problems.length} problem${problems.length > 1 ? 's' : ''} ` +
        `(first: line ${first.line}: ${first.field ? `${first.field}: ` : ''}${first.message}). Fix ${problems.length > 1 ? 'them' : 'it'} and start again.`,
      'Show Problems',
    )
    .then((c) => {
      if (c) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  return { ok: false };
}
