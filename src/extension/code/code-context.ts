/**
 * What the code commands share, and how they report: each command resolves to what it did, or to
 * `{ done: false, message }` after showing that message (what was wrong and what to do), so
 * callers — other code, the tests — see the same words as the user.
 */
import * as vscode from 'vscode';
import type { RunState } from '../../shared/run-state';
import type { CodeDocuments } from './code-documents';
import type { EditorTracker } from './editor-tracker';
import type { ModelFileRuns } from './model-file-runs';
import type { RunCodeCache } from './run-code-data';

export interface CodeContext {
  runsDir(): string;
  runs: RunCodeCache;
  documents: CodeDocuments;
  files: ModelFileRuns;
  editors: EditorTracker;
  /** Remembers the last code target chosen, to offer it first. */
  memento: vscode.Memento;
  log: vscode.LogOutputChannel;
  liveState(runDir: string): RunState | undefined;
}

export interface NotDone {
  done: false;
  message: string;
  /** When the user cancelled a question rather than something being wrong. */
  cancelled?: boolean;
}

export function refuse(message: string, level: 'error' | 'warning' | 'info' = 'error'): NotDone {
  const show = level === 'error' ? vscode.window.showErrorMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(message);
  return { done: false, message };
}

export const cancelled = (what: string): NotDone => ({ done: false, message: `${what} was cancelled`, cancelled: true });

export const LAST_TARGET_KEY = 'dnaSearch.code.lastTarget';
