/**
 * CodeLenses above the model definition of a teacher file: compare with the run's chosen
 * architecture (its FLOPs and accuracy change in the title; opens the diff), start a search (with
 * the config that names this file, when there is one), and — when some teacher blocks cannot be
 * found in the file — say so, with a click that explains how to mark them.
 */
import * as vscode from 'vscode';
import { comparisonText } from './describe';
import type { ModelFileRuns } from './model-file-runs';

export const COMMANDS = {
  compare: 'dnaSearch.compareWithArchitecture',
  explainMatching: 'dnaSearch.explainBlockMatching',
  startSearch: 'dnaSearch.startSearch',
} as const;

export class ModelLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly files: ModelFileRuns) {
    this.subscription = files.onDidChange(() => this.changed.fire());
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (document.uri.scheme !== 'file') return [];
    const [match, configs] = await Promise.all([this.files.match(document), this.files.configsNaming(document.uri.fsPath)]);
    if (!match && !configs.length) return [];
    const line = Math.min(match?.analysis.model?.lensLine ?? match?.analysis.blocks[0]?.range.start ?? 0, Math.max(0, document.lineCount - 1));
    const range = new vscode.Range(line, 0, line, 0);
    const file = document.uri.fsPath;
    const lenses: vscode.CodeLens[] = [];
    if (match) {
      lenses.push(
        new vscode.CodeLens(range, {
          title: `DNA: compare with the best candidate \u2014 ${comparisonText(match.choice)}`,
          tooltip: `Open the diff of this file against the same file with ${match.choice.arch.name} (run "${match.data.name}") in place of the model`,
          command: COMMANDS.compare,
          arguments: [{ runDir: match.data.runDir, candidates: match.choice.candidates, file }],
        }),
      );
    }
    lenses.push(
      new vscode.CodeLens(range, {
        title: 'DNA: start a search',
        tooltip: configs.length === 1 ? `Start a search with ${vscode.workspace.asRelativePath(configs[0])}` : 'Start an architecture search',
        command: COMMANDS.startSearch,
        arguments: configs.length === 1 ? [{ file: configs[0] }] : [],
      }),
    );
    const missing = match?.analysis.unmatched ?? [];
    if (match && missing.length) {
      lenses.push(
        new vscode.CodeLens(range, {
          title: `DNA: ${missing.length === 1 ? `block ${missing[0].name} is` : `${missing.length} blocks are`} not found in this file`,
          tooltip: 'How to mark the blocks so DNA Search can show what the student chose for them',
          command: COMMANDS.explainMatching,
          arguments: [{ runDir: match.data.runDir, file }],
        }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
