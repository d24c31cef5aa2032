/**
 * The read-only virtual documents (scheme `dna-search-code`): an architecture or candidate as a
 * whole generated file, or a user's model file with the architecture in place (the diff editor's
 * right side, regenerated as the user edits the file). Hovers over a block's code show its
 * candidate's score, params and FLOPs; over the rest, the whole architecture's. Nothing is written
 * to disk; a content-provider document cannot be edited or saved.
 */
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { generateCode, replaceModel, type GeneratedCode, type LineRange, type ReplaceResult } from '../../codegen';
import { resolveArchitecture, type ArchitectureChoice } from './architecture-choice';
import { parseCodeDocUri, type CodeDocRef } from './code-uri';
import { architectureMarkdown, candidateMarkdown } from './describe';
import type { RunCodeCache } from './run-code-data';

interface Rendered {
  ref: CodeDocRef;
  choice?: ArchitectureChoice;
  /** Lines of each block's code (same order as choice.arch.blocks), and of the whole generated code. */
  blockLines: LineRange[];
  codeLines?: LineRange;
  replaced?: ReplaceResult;
  error?: string;
}

/** Lines each section of generated code occupies in `text`, starting at `firstLine`. */
function sectionLines(code: GeneratedCode, text: string, kind: 'block', firstLine = 0): LineRange[] {
  const ranges: LineRange[] = [];
  let from = 0;
  for (const s of code.sections) {
    const at = text.indexOf(s.text, from);
    if (at < 0) continue;
    from = at + s.text.length;
    if (s.kind !== kind) continue;
    const start = firstLine + text.slice(0, at).split('\n').length - 1;
    ranges.push({ start, end: start + s.text.split('\n').length - 1 });
  }
  return ranges;
}

function comment(language: 'typescript' | 'javascript' | 'python', text: string): string {
  const sign = language === 'python' ? '#' : '//';
  return text.split('\n').map((l) => `${sign} ${l}`).join('\n') + '\n';
}

export class CodeDocuments implements vscode.TextDocumentContentProvider, vscode.HoverProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly rendered = new Map<string, Rendered>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly runs: RunCodeCache) {
    // The diff's right side follows the user's edits of the left side.
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.scheme !== 'file') return;
        for (const [key, r] of this.rendered) {
          if (r.ref.kind === 'replaced' && r.ref.sourceFile === e.document.uri.fsPath) this.refreshSoon(key);
        }
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme === 'dna-search-code') this.rendered.delete(d.uri.toString());
      }),
    );
  }

  private refreshSoon(key: string): void {
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.changed.fire(vscode.Uri.parse(key));
      }, 300),
    );
  }

  /** What a document shows, for the hovers and the tests (undefined until it was opened). */
  renderedOf(uri: vscode.Uri): Readonly<Rendered> | undefined {
    return this.rendered.get(uri.toString());
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = parseCodeDocUri(uri);
    if (!ref) return '// DNA Search: this document address is damaged; open the architecture again from the Runs view or the search panel.\n';
    const r = await this.render(ref);
    this.rendered.set(uri.toString(), r);
    return r.text;
  }

  private async render(ref: CodeDocRef): Promise<Rendered & { text: string }> {
    const language = ref.kind === 'architecture' ? (ref.target === 'tfjs-ts' ? 'typescript' : ref.target === 'tfjs-js' ? 'javascript' : 'python') : /\.py[w]?$/i.test(ref.sourceFile) ? 'python' : /\.[mc]?jsx?$/i.test(ref.sourceFile) ? 'javascript' : 'typescript';
    try {
      const data = await this.runs.get(ref.runDir);
      const choice = resolveArchitecture(data, ref.candidates);
      if (ref.kind === 'architecture') {
        const code = generateCode(choice.arch, ref.target);
        const lines = code.text.split('\n').length;
        return { ref, choice, text: code.text, blockLines: sectionLines(code, code.text, 'block'), codeLines: { start: 0, end: lines - 1 } };
      }
      const text = await sourceText(ref.sourceFile);
      const replaced = replaceModel({ text, fileName: ref.sourceFile }, choice.arch, { target: ref.target, blocks: data.teacherBlocks });
      const inserted = replaced.text.split('\n').slice(replaced.codeLines.start, replaced.codeLines.end + 1).join('\n');
      const code = generateCode(choice.arch, replaced.target, { entryName: replaced.entryName });
      return { ref, choice, replaced, text: replaced.text, blockLines: sectionLines(code, inserted, 'block', replaced.codeLines.start), codeLines: replaced.codeLines };
    } catch (err) {
      const message = (err as Error).message;
      return { ref, error: message, blockLines: [], text: comment(language, `DNA Search could not write this architecture:\n${message}`) };
    }
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const r = this.rendered.get(document.uri.toString());
    if (!r?.choice) return undefined;
    const line = position.line;
    const i = r.blockLines.findIndex((l) => l.start <= line && line <= l.end);
    if (i >= 0) {
      const block = r.choice.arch.blocks[i];
      const teacher = r.choice.teacherBlocks.find((b) => b.index === block.index);
      const range = new vscode.Range(r.blockLines[i].start, 0, r.blockLines[i].end, Number.MAX_SAFE_INTEGER);
      return new vscode.Hover(candidateMarkdown(r.choice.blocks[i], block.name, teacher, block.ops.map((o) => `k${o.kernel}e${o.expansion}`).join('-')), range);
    }
    if (r.codeLines && (line < r.codeLines.start || line > r.codeLines.end)) return undefined;
    return new vscode.Hover(architectureMarkdown(r.choice));
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

/** The file as the editor has it (unsaved edits included), else as on disk. */
export async function sourceText(path: string): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === path);
  if (open) return open.getText();
  return readFile(path, 'utf8');
}
