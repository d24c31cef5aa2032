/** The run-folder commands: Open Run…, Open Search Panel, Reveal Run Folder, Delete Run. */
import { rm } from 'node:fs/promises';
import { relative, isAbsolute } from 'node:path';
import * as vscode from 'vscode';
import { runDirFromArg } from '../command-args';
import type { PanelManager } from '../panel/panel-manager';
import type { SearchController } from '../search/search-controller';
import { readLockState } from './run-lock';
import { listRuns, summariseRun } from './run-list';

export class RunCommands {
  /** The run this window showed last, for "Open Search Panel" when nothing runs. */
  private lastRunDir?: string;

  constructor(
    private readonly runsDir: () => string,
    private readonly controller: SearchController,
    private readonly panels: PanelManager,
  ) {
    controller.onDidEnd(({ outcome }) => {
      if (outcome.runDir) this.lastRunDir = outcome.runDir;
    });
  }

  /** "Open Run…": any run folder, from the argument or a folder dialog. */
  async openRun(arg?: unknown): Promise<void> {
    let runDir = runDirFromArg(arg);
    if (!runDir) {
      const picked = await vscode.window.showOpenDialog({
        title: 'DNA: Open Run',
        canSelectFolders: true,
        canSelectFiles: false,
        canSelectMany: false,
        defaultUri: vscode.Uri.file(this.runsDir()),
        openLabel: 'Open Run',
      });
      if (!picked?.[0]) return;
      runDir = picked[0].fsPath;
    }
    if (!(await summariseRun(runDir))) {
      void vscode.window.showErrorMessage(`DNA Search: ${runDir} is not a run folder (it has no run.json or events.jsonl). Pick a folder inside your runs folder.`);
      return;
    }
    this.lastRunDir = runDir;
    this.panels.open(runDir);
  }

  /** "Open Search Panel": the running search's, else the last run's. */
  async openPanel(arg?: unknown): Promise<void> {
    const runDir = runDirFromArg(arg) ?? this.controller.active?.runDir ?? this.lastRunDir ?? (await listRuns(this.runsDir()).catch(() => []))[0]?.runDir;
    if (runDir) {
      this.lastRunDir = runDir;
      this.panels.open(runDir);
      return;
    }
    if (this.controller.active) {
      void vscode.window.showInformationMessage('DNA Search: the search is still starting; its panel opens as soon as its run folder exists.');
      return;
    }
    // Not awaited: the command finishes now; the buttons act whenever they are clicked.
    void vscode.window.showInformationMessage('DNA Search: there are no runs yet.', 'Start Architecture Search', 'Open Run…').then((c) => {
      if (c === 'Start Architecture Search') void vscode.commands.executeCommand('dnaSearch.startSearch');
      else if (c === 'Open Run…') void this.openRun();
    });
  }

  async revealRunFolder(arg?: unknown): Promise<void> {
    const runDir = runDirFromArg(arg);
    if (!runDir) return;
    const uri = vscode.Uri.file(runDir);
    const inWorkspace = vscode.workspace.workspaceFolders?.some((f) => {
      const rel = relative(f.uri.fsPath, runDir);
      return f.uri.scheme === 'file' && !rel.startsWith('..') && !isAbsolute(rel);
    });
    if (inWorkspace) await vscode.commands.executeCommand('revealInExplorer', uri);
    else if (vscode.env.uiKind === vscode.UIKind.Desktop) await vscode.commands.executeCommand('revealFileInOS', uri);
    else {
      void vscode.window.showInformationMessage(`DNA Search: the run folder is ${runDir}`, 'Copy Path').then((c) => {
        if (c) void vscode.env.clipboard.writeText(runDir);
      });
    }
  }

  async deleteRun(arg?: unknown): Promise<boolean> {
    const runDir = runDirFromArg(arg);
    if (!runDir) return false;
    if (this.controller.active?.runDir === runDir) {
      void vscode.window.showWarningMessage('DNA Search: this run is running; stop it before deleting it.');
      return false;
    }
    const lock = await readLockState(runDir);
    if (lock.state === 'held') {
      void vscode.window.showWarningMessage(`DNA Search: this run is in use by another search process (pid ${lock.lock.pid}); stop it before deleting the run.`);
      return false;
    }
    const summary = await summariseRun(runDir);
    if (!summary) {
      void vscode.window.showErrorMessage(`DNA Search: ${runDir} is not a run folder; nothing was deleted.`);
      return false;
    }
    const ok = await vscode.window.showWarningMessage(
      `Delete the run "${summary.name}" and everything in ${runDir}? Checkpoints, rankings and the retrained model go with it.`,
      { modal: true },
      'Delete',
    );
    if (ok !== 'Delete') return false;
    this.panels.get(runDir)?.dispose();
    await rm(runDir, { recursive: true, force: true });
    if (this.lastRunDir === runDir) this.lastRunDir = undefined;
    return true;
  }
}
