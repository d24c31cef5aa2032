/**
 * "Compare Model with Architecture": VS Code's diff editor between a model file (the run's
 * teacher.sourceFile, or the file given or being edited) and the same file with the architecture
 * in place of its model, served read-only from a virtual document that follows the file's edits.
 * Teacher blocks that cannot be found in the file are named, with how to mark them; the diff is
 * shown all the same (the model is replaced whole). Also the explanation behind the CodeLens that
 * says blocks are missing.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { analyzeSource, detectPythonTarget, markerSyntax, replaceModel, TARGETS_BY_LANGUAGE, tryLanguageOf, SUPPORTED_LANGUAGES_TEXT, type SourceAnalysis, type SourceLanguage } from '../../codegen';
import type { CodeTarget } from '../../shared/protocol';
import type { ArchitectureChoice } from './architecture-choice';
import type { CodeRequest } from './code-args';
import { cancelled, LAST_TARGET_KEY, refuse, type CodeContext, type NotDone } from './code-context';
import { codeDocUri } from './code-uri';
import { sourceText } from './code-documents';
import { pickTarget } from './pickers';
import { isNotDone, requestedArchitecture } from './request-run';

export interface DiffShown {
  done: true;
  left: vscode.Uri;
  right: vscode.Uri;
  /** What replaced the model: the marked region, the detected definition, or nothing found (appended). */
  how: 'marker' | 'definition' | 'appended';
  /** Everything the user was told (unmatched blocks, marker problems, where the code went). */
  notices: string[];
}

/** The file to compare: the request's, the run's teacher source, the file being edited, or one the user picks. */
async function modelFile(ctx: CodeContext, req: CodeRequest, choice: ArchitectureChoice): Promise<string | NotDone> {
  if (req.file) return req.file;
  const source = choice.data.sourceFile;
  if (source && existsSync(source)) return source;
  const editing = ctx.editors.current()?.document;
  if (editing?.uri.scheme === 'file' && tryLanguageOf({ languageId: editing.languageId, fileName: editing.fileName })) return editing.uri.fsPath;
  const why = source ? `the teacher source file its config names, ${source}, does not exist` : 'its config names no teacher.sourceFile';
  const picked = await vscode.window.showOpenDialog({
    title: `DNA: Compare with ${choice.arch.name} — run "${choice.data.name}": ${why}. Pick the model file to compare`,
    canSelectFiles: true,
    canSelectMany: false,
    filters: { 'Model code (TF.js, Keras, PyTorch)': ['ts', 'js', 'mjs', 'cjs', 'py'] },
    openLabel: 'Compare',
  });
  return picked?.[0]?.fsPath ?? cancelled('Compare');
}

/** Why blocks were not found, and how to mark them: one message. */
export function matchingNotice(analysis: SourceAnalysis, file: string, runName: string): string | undefined {
  const parts: string[] = [];
  if (analysis.unmatched.length) {
    const names = analysis.unmatched.map((u) => u.name).join(', ');
    const example = markerSyntax(analysis.language, `block ${analysis.unmatched[0].name}`);
    parts.push(
      `${analysis.unmatched.length === 1 ? 'Teacher block' : 'Teacher blocks'} ${names} of run "${runName}" ${analysis.unmatched.length === 1 ? 'is' : 'are'} not found in ${basename(file)}: none of their layer names appear in it. ` +
        `Mark each block's lines with "${example.open}" … "${example.close}" to see what the student chose there.`,
    );
  }
  for (const p of analysis.problems) parts.push(`${basename(file)}:${p.line + 1}: ${p.message}`);
  return parts.length ? parts.join(' ') : undefined;
}

async function pythonTarget(ctx: CodeContext, language: SourceLanguage, text: string): Promise<CodeTarget | undefined | NotDone> {
  if (language !== 'python' || detectPythonTarget(text)) return undefined;
  const t = await pickTarget(TARGETS_BY_LANGUAGE.python, ctx.memento.get<CodeTarget>(LAST_TARGET_KEY), 'DNA: Compare: this Python file imports neither Keras nor PyTorch');
  return t ?? cancelled('Compare');
}

/** With no run given, the run that applies to the file (given or being edited), if one does. */
async function withRunOfFile(ctx: CodeContext, req: CodeRequest): Promise<CodeRequest> {
  if (req.runDir) return req;
  const editing = ctx.editors.current()?.document;
  const file = req.file ?? (editing?.uri.scheme === 'file' ? editing.uri.fsPath : undefined);
  if (!file || !tryLanguageOf({ fileName: file })) return req;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file)).then(
    (d) => d,
    () => undefined,
  );
  const match = document && (await ctx.files.match(document));
  return match ? { ...req, runDir: match.data.runDir, file } : req;
}

export async function compareWithArchitecture(ctx: CodeContext, request: CodeRequest): Promise<DiffShown | NotDone> {
  const req = await withRunOfFile(ctx, request);
  const choice = await requestedArchitecture(ctx, req, 'DNA: Compare Model with Architecture');
  if (isNotDone(choice)) return choice;
  const file = await modelFile(ctx, req, choice);
  if (typeof file !== 'string') return file;
  const language = tryLanguageOf({ fileName: file });
  if (!language) return refuse(`DNA Search: "${basename(file)}" is not a language DNA Search can compare. Supported: ${SUPPORTED_LANGUAGES_TEXT}.`);
  let text: string;
  try {
    text = await sourceText(file);
  } catch (err) {
    return refuse(`DNA Search: cannot read ${file}: ${(err as Error).message}`);
  }
  const target = await pythonTarget(ctx, language, text);
  if (target && typeof target !== 'string') return target;

  const analysis = analyzeSource(text, language, choice.teacherBlocks);
  let how: DiffShown['how'];
  let notices: string[];
  try {
    const replaced = replaceModel({ text, fileName: file }, choice.arch, { target, blocks: choice.teacherBlocks });
    how = replaced.how;
    notices = replaced.notices;
  } catch (err) {
    return refuse(`DNA Search: ${(err as Error).message}`);
  }
  const matching = matchingNotice(analysis, file, choice.data.name);
  if (matching) notices = [matching, ...notices];

  const left = vscode.Uri.file(file);
  const right = codeDocUri({ kind: 'replaced', runDir: choice.data.runDir, candidates: choice.candidates, sourceFile: file, target }, choice.data.name, choice.label);
  await vscode.commands.executeCommand('vscode.diff', left, right, `${basename(file)} \u2194 ${choice.label}`, { preview: false });
  if (notices.length) void vscode.window.showWarningMessage(`DNA Search: ${notices.join(' ')}`);
  return { done: true, left, right, how, notices };
}

/** The CodeLens "N blocks are not found": which, and how to mark them. */
export async function explainBlockMatching(ctx: CodeContext, req: CodeRequest): Promise<{ done: true; message: string } | NotDone> {
  if (!req.runDir || !req.file) return refuse('DNA Search: open a model file that shows the DNA CodeLens and use it from there.', 'info');
  const data = await ctx.runs.get(req.runDir);
  const language = tryLanguageOf({ fileName: req.file });
  if (!language) return refuse(`DNA Search: "${basename(req.file)}" is not a supported model file. Supported: ${SUPPORTED_LANGUAGES_TEXT}.`);
  const analysis = analyzeSource(await sourceText(req.file), language, data.teacherBlocks);
  const message = matchingNotice(analysis, req.file, data.name) ?? `Every teacher block of run "${data.name}" is found in ${basename(req.file)}.`;
  void vscode.window.showInformationMessage(`DNA Search: ${message}`);
  return { done: true, message };
}
