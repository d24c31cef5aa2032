/**
 * Searches run only in trusted workspaces: a search loads the models, data and files a workspace's
 * config names, in a process of its own. Viewing runs and validating configs need no trust.
 */
import * as vscode from 'vscode';

export function ensureTrusted(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showErrorMessage(
      `DNA Search ${action} only in a trusted workspace: a search loads the models and data this workspace's config names. ` +
        'Trust the workspace to run it.',
      'Manage Workspace Trust',
    )
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return false;
}
