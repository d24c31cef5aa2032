/**
 * "Insert Architecture": writes an architecture into the file being edited, in that file's
 * language — at the cursor, or in place of the model region when the file marks one
 * (`dna-search: model`) — with the imports it needs added once, as ONE WorkspaceEdit (one undo).
 * The file's language is checked before anything is asked; a file in another language, a
 * read-only document or a Python file whose framework is unclear (and not chosen) edits nothing.
 */
import * as vscode from 'vscode';
import { analyzeSource, insertArchitecture, languageOf, replaceModel, resolveTarget, TARGETS_BY_LANGUAGE, UnsupportedLanguageError, type CodeEditResult, type LineRange, type SourceLanguage } from '../../codegen';
import type { CodeTarget } from '../../shared/protocol';
import type { CodeRequest } from './code-args';
import { cancelled, LAST_TARGET_KEY, refuse, type CodeContext, type NotDone } from './code-context';
import { CODE_SCHEME } from './code-uri';
import { pickTarget } from './pickers';
import { isNotDone, requestedArchitecture } from './request-run';

export interface Inserted {
  done: true;
  uri: vscode.Uri;
  /** At the cursor, or in place of the marked model region. */
  how: 'cursor' | 'marker';
  target: CodeTarget;
  /** Lines of the inserted code in the edited file. */
  codeLines: LineRange;
  notices: string[];
}

function documentLanguage(doc: vscode.TextDocument): SourceLanguage | NotDone {
  if (doc.uri.scheme === CODE_SCHEME) {
    return refuse('DNA Search: this is a read-only generated document. Open the file the architecture should go into, place the cursor, and run "Insert Architecture" there.');
  }
  try {
    return languageOf({ languageId: doc.languageId, fileName: doc.fileName });
  } catch (err) {
    if (err instanceof UnsupportedLanguageError) return refuse(`DNA Search: ${err.message}`);
    throw err;
  }
}

async function targetFor(ctx: CodeContext, language: SourceLanguage, text: string, requested: CodeTarget | undefined): Promise<CodeTarget | NotDone> {
  try {
    return resolveTarget(language, text, requested);
  } catch (err) {
    if (!(err instanceof UnsupportedLanguageError)) throw err;
    // A requested framework of another language is an error; an undecided Python file is a question.
    if (requested) return refuse(`DNA Search: ${err.message}`);
    const picked = await pickTarget(TARGETS_BY_LANGUAGE[language], ctx.memento.get<CodeTarget>(LAST_TARGET_KEY), 'DNA: Insert Architecture: this Python file imports neither Keras nor PyTorch');
    return picked ?? cancelled('Insert Architecture');
  }
}

export async function insertArchitectureCommand(ctx: CodeContext, req: CodeRequest): Promise<Inserted | NotDone> {
  const where = ctx.editors.target();
  if (!where) {
    return refuse('DNA Search: Insert Architecture writes into the file open in the editor. Open a TypeScript, JavaScript or Python file, place the cursor where the code should go, and run it again.', 'info');
  }
  const language = documentLanguage(where.document);
  if (typeof language !== 'string') return language;
  const choice = await requestedArchitecture(ctx, req, 'DNA: Insert Architecture');
  if (isNotDone(choice)) return choice;

  const doc = where.document;
  const target = await targetFor(ctx, language, doc.getText(), req.target);
  if (typeof target !== 'string') return target;
  void ctx.memento.update(LAST_TARGET_KEY, target);

  // The edits are computed from the text as it is now and applied at once: nothing can change it in between.
  const file = { text: doc.getText(), languageId: doc.languageId, fileName: doc.fileName };
  const marked = analyzeSource(file.text, language, choice.teacherBlocks).model?.via === 'marker';
  let result: CodeEditResult;
  try {
    result = marked ? replaceModel(file, choice.arch, { target, blocks: choice.teacherBlocks }) : insertArchitecture(file, choice.arch, { line: where.line }, { target });
  } catch (err) {
    return refuse(`DNA Search: ${(err as Error).message}`);
  }
  const edit = new vscode.WorkspaceEdit();
  for (const e of result.edits) edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.newText);
  if (!(await vscode.workspace.applyEdit(edit))) return refuse(`DNA Search: VS Code refused the edit of ${vscode.workspace.asRelativePath(doc.uri)} (is it read-only?). Nothing was changed.`);

  // Show where the code went (the file may be behind the panel the command came from).
  const start = new vscode.Position(result.codeLines.start, 0);
  const shown = vscode.window.visibleTextEditors.find((e) => e.document === doc) ?? (await vscode.window.showTextDocument(doc, { viewColumn: where.viewColumn, preserveFocus: true }));
  shown.selection = new vscode.Selection(start, start);
  shown.revealRange(new vscode.Range(start, new vscode.Position(result.codeLines.end, 0)), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  const place = marked ? 'in place of the marked model region' : `at line ${result.codeLines.start + 1}`;
  const notices = result.notices;
  void vscode.window.showInformationMessage(`DNA Search: inserted ${choice.arch.name} (${result.entryName}) ${place}.${notices.length ? ` ${notices.join(' ')}` : ''} Undo reverts it in one step.`);
  return { done: true, uri: doc.uri, how: marked ? 'marker' : 'cursor', target, codeLines: result.codeLines, notices };
}
