/**
 * The text editor a command from the search panel means: while the panel (a webview) has focus
 * VS Code reports no active text editor, so the last file editor that had focus stands in for it
 * — its document and cursor line are remembered even when the panel covers it.
 */
import * as vscode from 'vscode';
import { CODE_SCHEME } from './code-uri';

export interface EditTarget {
  document: vscode.TextDocument;
  /** The cursor's line. */
  line: number;
  /** The editor showing it, when one does. */
  editor?: vscode.TextEditor;
  viewColumn?: vscode.ViewColumn;
}

export class EditorTracker implements vscode.Disposable {
  private last?: { document: vscode.TextDocument; line: number; viewColumn?: vscode.ViewColumn };
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.remember(vscode.window.activeTextEditor);
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor((e) => this.remember(e)),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.remember(e.textEditor);
      }),
    ];
  }

  private remember(editor: vscode.TextEditor | undefined): void {
    // Our own read-only documents and output panes are never where code goes.
    if (!editor || editor.document.uri.scheme === CODE_SCHEME || editor.document.uri.scheme === 'output') return;
    this.last = { document: editor.document, line: editor.selection.active.line, viewColumn: editor.viewColumn };
  }

  /** The active text editor, else the last one that was active, if it is still shown. */
  current(): vscode.TextEditor | undefined {
    return vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => e.document === this.last?.document);
  }

  /** Where code goes: the active editor's cursor, else the last file editor's (shown or not). */
  target(): EditTarget | undefined {
    const active = vscode.window.activeTextEditor;
    if (active) return { document: active.document, line: active.selection.active.line, editor: active, viewColumn: active.viewColumn };
    if (!this.last || this.last.document.isClosed) return undefined;
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === this.last!.document);
    return { document: this.last.document, line: editor?.selection.active.line ?? this.last.line, editor, viewColumn: editor?.viewColumn ?? this.last.viewColumn };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
