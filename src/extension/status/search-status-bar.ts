/**
 * The status-bar item of the window's search: phase and overall progress while it runs (click:
 * open its panel), its result when it ends, hidden before the first search.
 */
import * as vscode from 'vscode';
import { overallProgress } from '../../shared/run-state';
import type { SearchController } from '../search/search-controller';
import { phaseLine } from '../search/search-progress';
import type { SearchSession } from '../search/search-session';

const UPDATE_MS = 500;

export class SearchStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('dnaSearch.status', vscode.StatusBarAlignment.Left, 10);
  private timer?: NodeJS.Timeout;
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(controller: SearchController) {
    this.item.name = 'DNA Search';
    this.item.command = 'dnaSearch.openPanel';
    this.disposables.push(
      controller.onDidStart((s) => this.track(s)),
      controller.onDidEnd(({ session, outcome }) => {
        this.stopTimer();
        const ok = outcome.kind === 'done' && outcome.status === 'completed';
        const stopped = outcome.kind === 'done' && outcome.status === 'stopped';
        this.item.text = `${ok ? '$(pass)' : stopped ? '$(debug-pause)' : '$(error)'} DNA: ${ok ? 'finished' : stopped ? 'stopped' : 'failed'}`;
        this.item.tooltip = `DNA Search "${session.name}": ${ok ? 'finished' : stopped ? 'stopped' : outcome.kind === 'done' ? 'failed' : outcome.message}. Click to open its panel.`;
        this.item.backgroundColor = ok || stopped ? undefined : new vscode.ThemeColor('statusBarItem.errorBackground');
      }),
    );
  }

  /** The text shown now (for tests). */
  get text(): string {
    return this.item.text;
  }

  private track(session: SearchSession): void {
    this.stopTimer();
    this.item.backgroundColor = undefined;
    const update = () => {
      const pct = Math.round(overallProgress(session.state) * 100);
      this.item.text = `$(sync~spin) DNA: ${session.state.currentPhase ?? 'starting'} ${pct}%`;
      this.item.tooltip = `DNA Search "${session.name}" — ${phaseLine(session)}. Click to open its panel; "DNA: Stop Search" stops it.`;
    };
    update();
    this.item.show();
    this.timer = setInterval(update, UPDATE_MS);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.stopTimer();
    for (const d of this.disposables) d.dispose();
  }
}
