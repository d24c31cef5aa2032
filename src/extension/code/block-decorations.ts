/**
 * After-line decorations in a teacher file: at the first line of each of a block's line ranges
 * (PyTorch blocks have two: `__init__` and `forward`), what the student chose for that block and
 * its FLOPs change ("→ k3e6 · k5e3  (−61% FLOPs)"), with the candidate's numbers on hover. Kept in
 * step with visible editors, edits (debounced) and runs finishing. What was applied is kept per
 * document so it can be read back (DnaSearchHandle.code).
 */
import * as vscode from 'vscode';
import { choiceText, candidateMarkdown } from './describe';
import type { ModelFileRuns } from './model-file-runs';

export interface AppliedDecoration {
  /** 0-based line. */
  line: number;
  block: string;
  text: string;
}

export class BlockDecorations implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), margin: '0 0 0 2em', fontStyle: 'italic' },
    overviewRulerColor: new vscode.ThemeColor('editorCodeLens.foreground'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  });
  private readonly applied = new Map<string, AppliedDecoration[]>();
  private readonly disposables: vscode.Disposable[] = [this.type];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Per document, the number of the latest update asked for: only its result is applied. */
  private readonly requests = new Map<string, number>();

  constructor(private readonly files: ModelFileRuns) {
    this.disposables.push(
      vscode.window.onDidChangeVisibleTextEditors(() => this.updateAll()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && vscode.window.visibleTextEditors.some((ed) => ed.document === e.document)) this.updateSoon(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.applied.delete(d.uri.toString());
        this.requests.delete(d.uri.toString());
      }),
      files.onDidChange(() => this.updateAll()),
    );
    this.updateAll();
  }

  /** What is shown in this document now (empty when nothing applies). */
  decorationsOf(uri: vscode.Uri): readonly AppliedDecoration[] {
    return this.applied.get(uri.toString()) ?? [];
  }

  /** Resolves once every visible editor has its decorations (for the tests and for callers that just changed runs). */
  updateAll(): Promise<void> {
    const docs = [...new Set(vscode.window.visibleTextEditors.map((e) => e.document))];
    return Promise.all(docs.map((d) => this.update(d))).then(() => undefined);
  }

  private updateSoon(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.update(document);
      }, 300),
    );
  }

  private async update(document: vscode.TextDocument): Promise<void> {
    if (document.uri.scheme !== 'file') return;
    const key = document.uri.toString();
    const request = (this.requests.get(key) ?? 0) + 1;
    this.requests.set(key, request);
    const match = await this.files.match(document).catch(() => undefined);
    // A later update (after an edit, a finished run) overtook this one and applies its own result.
    if (this.requests.get(key) !== request || document.isClosed) return;
    const options: vscode.DecorationOptions[] = [];
    const shown: AppliedDecoration[] = [];
    if (match) {
      const { choice, analysis } = match;
      for (const block of analysis.blocks) {
        const i = choice.arch.blocks.findIndex((b) => b.index === block.index);
        if (i < 0) continue;
        const chosen = choice.arch.blocks[i];
        const teacher = choice.teacherBlocks.find((b) => b.index === block.index);
        const text = choiceText(chosen.ops.map((o) => `k${o.kernel}e${o.expansion}`), choice.cost.blocks[i]?.flops, teacher?.flops);
        const hover = candidateMarkdown(choice.blocks[i], block.name, teacher);
        hover.appendMarkdown(`\n\nRun "${match.data.name}"; block found by ${block.via === 'marker' ? 'its region marker' : `its layer names (${block.matchedLayers.slice(0, 3).join(', ')}${block.matchedLayers.length > 3 ? ', …' : ''})`}.`);
        for (const r of block.ranges) {
          const end = document.lineAt(Math.min(r.start, document.lineCount - 1)).range.end;
          options.push({ range: new vscode.Range(end, end), hoverMessage: hover, renderOptions: { after: { contentText: text } } });
          shown.push({ line: r.start, block: block.name, text });
        }
      }
    }
    this.applied.set(key, shown);
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) editor.setDecorations(this.type, options);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
