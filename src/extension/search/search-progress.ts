/**
 * The progress notification shown while a search runs: phase and overall progress, cancellable
 * (cancel = stop, which checkpoints). It closes when the search ends.
 */
import * as vscode from 'vscode';
import { overallProgress } from '../../shared/run-state';
import type { SearchSession } from './search-session';

const UPDATE_MS = 500;

export function phaseLine(session: SearchSession): string {
  const s = session.state;
  const pct = Math.round(overallProgress(s) * 100);
  if (!s.currentPhase) return 'starting…';
  return `${s.currentPhase} · ${pct}%${s.backend ? ` · ${s.backend.kind}` : ''}`;
}

export function showSearchProgress(session: SearchSession): void {
  void vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `DNA Search: ${session.label}`, cancellable: true },
    async (progress, token) => {
      token.onCancellationRequested(() => session.stop());
      let reported = 0;
      const update = () => {
        const now = overallProgress(session.state) * 100;
        progress.report({ message: phaseLine(session), increment: Math.max(0, now - reported) });
        reported = Math.max(reported, now);
      };
      update();
      const timer = setInterval(update, UPDATE_MS);
      try {
        await session.outcome;
      } finally {
        clearInterval(timer);
      }
    },
  );
}
