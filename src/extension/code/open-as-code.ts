/**
 * "Open as Code": an architecture (the chosen one, a Pareto point) or one block's candidate as a
 * read-only generated document in the language asked for (else the one of the file being edited,
 * else the last one chosen, offered first in a quick pick).
 */
import * as vscode from 'vscode';
import { TARGETS_BY_LANGUAGE, tryLanguageOf } from '../../codegen';
import type { CodeTarget } from '../../shared/protocol';
import type { CodeRequest } from './code-args';
import { cancelled, LAST_TARGET_KEY, type CodeContext, type NotDone } from './code-context';
import { codeDocUri } from './code-uri';
import { pickTarget } from './pickers';
import { codeColumn, isNotDone, requestedArchitecture } from './request-run';

export interface Opened {
  done: true;
  uri: vscode.Uri;
  document: vscode.TextDocument;
}

const ALL_TARGETS: readonly CodeTarget[] = ['tfjs-ts', 'tfjs-js', 'keras', 'pytorch'];

export async function openAsCode(ctx: CodeContext, req: CodeRequest): Promise<Opened | NotDone> {
  const title = 'DNA: Open as Code';
  const choice = await requestedArchitecture(ctx, req, title);
  if (isNotDone(choice)) return choice;
  let target = req.target;
  if (!target) {
    const editing = ctx.editors.current()?.document;
    const language = editing ? tryLanguageOf({ languageId: editing.languageId, fileName: editing.fileName }) : undefined;
    const preferred = language && TARGETS_BY_LANGUAGE[language].length === 1 ? TARGETS_BY_LANGUAGE[language][0] : ctx.memento.get<CodeTarget>(LAST_TARGET_KEY);
    target = await pickTarget(ALL_TARGETS, preferred, `${title}: ${choice.label}`);
    if (!target) return cancelled(title);
  }
  void ctx.memento.update(LAST_TARGET_KEY, target);
  const uri = codeDocUri({ kind: 'architecture', runDir: choice.data.runDir, candidates: choice.candidates, target }, choice.data.name, choice.label);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { viewColumn: codeColumn(ctx), preview: false });
  return { done: true, uri, document };
}
