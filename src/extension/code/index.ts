/**
 * The code features (issue 5), assembled: inspect candidates as read-only documents, CodeLenses
 * and block decorations in teacher files, the diff with an architecture in place, Insert
 * Architecture and Export Model. `registerCodeFeatures` is called once by the services bundle;
 * the panel host gets `codeFeatures` (the seam of panel/code-features.ts), activation's entry
 * points (code-entry-points.ts) get `service`, and the extension's API gets `view`.
 */
import * as vscode from 'vscode';
import type { RunState } from '../../shared/run-state';
import type { CodeFeatures } from '../panel/code-features';
import { BlockDecorations, type AppliedDecoration } from './block-decorations';
import { codeRequestFromArg } from './code-args';
import { CodeDocuments } from './code-documents';
import type { CodeContext } from './code-context';
import type { CodeCommand, CodeService } from './code-entry-points';
import { compareWithArchitecture, explainBlockMatching } from './compare-diff';
import { EditorTracker } from './editor-tracker';
import { exportModel } from './export-model';
import { insertArchitectureCommand } from './insert-architecture';
import { ModelFileRuns } from './model-file-runs';
import { ModelLenses } from './model-lenses';
import { openAsCode } from './open-as-code';
import { RunCodeCache } from './run-code-data';

export interface CodeFeaturesDeps {
  runsDir(): string;
  log: vscode.LogOutputChannel;
  memento: vscode.Memento;
  /** The live state of a run this window is searching, else undefined (then it is read from disk). */
  liveState(runDir: string): RunState | undefined;
}

/** A read-only look at what the code features show (for automation and the integration tests). */
export interface CodeFeaturesView {
  /** The after-line decorations shown in a document now. */
  decorationsOf(uri: vscode.Uri): readonly AppliedDecoration[];
  /** Recomputes the decorations of every visible editor and resolves when they are applied. */
  refreshDecorations(): Promise<void>;
}

export function registerCodeFeatures(deps: CodeFeaturesDeps): { codeFeatures: CodeFeatures; service: CodeService; view: CodeFeaturesView; disposables: vscode.Disposable[] } {
  const runs = new RunCodeCache(deps.liveState);
  const documents = new CodeDocuments(runs);
  const files = new ModelFileRuns(deps.runsDir, runs);
  const editors = new EditorTracker();
  const lenses = new ModelLenses(files);
  const decorations = new BlockDecorations(files);
  const ctx: CodeContext = { runsDir: deps.runsDir, runs, documents, files, editors, memento: deps.memento, log: deps.log, liveState: deps.liveState };

  const commands: Record<CodeCommand, (arg: unknown) => Promise<unknown>> = {
    openAsCode: (arg) => openAsCode(ctx, codeRequestFromArg(arg)),
    insertArchitecture: (arg) => insertArchitectureCommand(ctx, codeRequestFromArg(arg)),
    compareWithArchitecture: (arg) => compareWithArchitecture(ctx, codeRequestFromArg(arg)),
    exportModel: (arg) => exportModel(ctx, codeRequestFromArg(arg)),
    explainBlockMatching: (arg) => explainBlockMatching(ctx, codeRequestFromArg(arg)),
  };
  const service: CodeService = {
    run: async (command, arg) => {
      try {
        return await commands[command](arg);
      } catch (err) {
        // Anything unforeseen still reaches the user, and the log keeps the stack.
        deps.log.error(`${command} failed: ${(err as Error).stack ?? String(err)}`);
        void vscode.window.showErrorMessage(`DNA Search: ${(err as Error).message}`);
        return { done: false, message: (err as Error).message };
      }
    },
    lenses,
    documents,
  };
  // The panel's buttons: the same commands, with the panel's run and candidates.
  const codeFeatures: CodeFeatures = {
    openCandidate: async (r) => void (await service.run('openAsCode', r)),
    insertArchitecture: async (r) => void (await service.run('insertArchitecture', r)),
    showDiff: async (r) => void (await service.run('compareWithArchitecture', r)),
  };
  const view: CodeFeaturesView = {
    decorationsOf: (uri) => decorations.decorationsOf(uri),
    refreshDecorations: () => decorations.updateAll(),
  };
  return { codeFeatures, service, view, disposables: [documents, files, editors, lenses, decorations] };
}
