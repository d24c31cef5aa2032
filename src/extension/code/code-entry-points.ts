/**
 * The code features' part of activation: their commands, the CodeLens provider for model files,
 * and the content and hover providers of the read-only architecture documents, registered at once
 * but doing nothing until used — each forwards to the code service, which lives in the lazily
 * loaded services bundle with the code generators. Imports nothing heavy.
 */
import * as vscode from 'vscode';
import { CODE_SCHEME } from './code-uri';

export const CODE_COMMANDS = {
  openAsCode: 'dnaSearch.openAsCode',
  insertArchitecture: 'dnaSearch.insertArchitecture',
  compareWithArchitecture: 'dnaSearch.compareWithArchitecture',
  exportModel: 'dnaSearch.exportModel',
  explainBlockMatching: 'dnaSearch.explainBlockMatching',
} as const;

export type CodeCommand = keyof typeof CODE_COMMANDS;

/** What the services bundle provides behind these entry points (code/index.ts). */
export interface CodeService {
  run(command: CodeCommand, arg: unknown): Promise<unknown>;
  lenses: vscode.CodeLensProvider;
  documents: vscode.TextDocumentContentProvider & vscode.HoverProvider;
}

/** Model files the CodeLens looks at (only files on disk: a teacher file is a file). */
const MODEL_FILES: vscode.DocumentSelector = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python'].map((language) => ({ scheme: 'file', language }));

export function registerCodeEntryPoints(service: () => Promise<CodeService>): vscode.Disposable[] {
  const lensesChanged = new vscode.EventEmitter<void>();
  const contentChanged = new vscode.EventEmitter<vscode.Uri>();
  let forwarding: vscode.Disposable[] | undefined;
  // The service's change events reach VS Code through these, from the moment it is loaded.
  const loaded = (): Promise<CodeService> =>
    service().then((s) => {
      forwarding ??= [
        s.lenses.onDidChangeCodeLenses?.(() => lensesChanged.fire()) ?? new vscode.Disposable(() => undefined),
        s.documents.onDidChange?.((u) => contentChanged.fire(u)) ?? new vscode.Disposable(() => undefined),
      ];
      return s;
    });

  return [
    lensesChanged,
    contentChanged,
    new vscode.Disposable(() => forwarding?.forEach((d) => d.dispose())),
    ...Object.entries(CODE_COMMANDS).map(([name, id]) => vscode.commands.registerCommand(id, async (arg: unknown) => (await loaded()).run(name as CodeCommand, arg))),
    vscode.languages.registerCodeLensProvider(MODEL_FILES, {
      onDidChangeCodeLenses: lensesChanged.event,
      provideCodeLenses: async (document, token) => (await loaded()).lenses.provideCodeLenses(document, token),
    }),
    vscode.workspace.registerTextDocumentContentProvider(CODE_SCHEME, {
      onDidChange: contentChanged.event,
      provideTextDocumentContent: async (uri, token) => (await loaded()).documents.provideTextDocumentContent(uri, token),
    }),
    vscode.languages.registerHoverProvider({ scheme: CODE_SCHEME }, { provideHover: async (document, position, token) => (await loaded()).documents.provideHover(document, position, token) }),
  ];
}
