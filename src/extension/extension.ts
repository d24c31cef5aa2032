// The VS Code side of DNA Search. For now it only owns the log channel; the commands, the Runs
// tree and the search panel arrive later and register themselves here.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('DNA Search', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('dnaSearch.showLog', () => log.show(true)),
  );
  log.info('DNA Search activated');
}

export function deactivate(): void {}
