// The VS Code side of DNA Search. activate() registers every command, view and provider here, in
// one place, and stays cheap: what they do lives in services.ts, bundled on its own
// (dist/extension-services.js) and loaded on first use, so activation pays neither for parsing it
// nor for zod and the shared schemas. Nothing here, or there, loads TensorFlow.js: the engine
// runs in a child process (search/child-supervisor.ts).
import { bundleLoadStartedAt } from './activation-clock';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DnaSearchApi } from './api';
import { registerCodeEntryPoints } from './code/code-entry-points';
import { isConfigFileName } from './config/config-files';
import { PANEL_VIEW_TYPE } from './panel/panel-view-type';
import { LazyRunsTree } from './run-folders/lazy-runs-tree';
import type { Services } from './services';

let loaded: Services | undefined;
/** Every module of this bundle has been evaluated by the time this line runs. */
const bundleLoadedAt = performance.now();

/** The services bundle sits next to this one in dist/ (esbuild.mjs builds both). */
function loadServicesBundle(): typeof import('./services') {
  return createRequire(__filename)(join(__dirname, 'extension-services.js')) as typeof import('./services');
}

export function activate(context: vscode.ExtensionContext): DnaSearchApi {
  const activateStartedAt = performance.now();
  const log = vscode.window.createOutputChannel('DNA Search', { log: true });
  let loading: Promise<Services> | undefined;
  const services = (): Promise<Services> =>
    (loading ??= Promise.resolve().then(() => {
      const t0 = performance.now();
      loaded = loadServicesBundle().createServices(context, log);
      log.info(`services loaded in ${(performance.now() - t0).toFixed(1)} ms (on first use)`);
      return loaded;
    }));

  /** A command whose work is in the services. */
  const command = (id: string, run: (s: Services, arg: unknown) => unknown) =>
    vscode.commands.registerCommand(id, async (arg: unknown) => run(await services(), arg));
  const tree = new LazyRunsTree(() => services().then((s) => s.tree));
  const isConfigDoc = (d: vscode.TextDocument) => (d.uri.scheme === 'file' || d.uri.scheme === 'untitled') && isConfigFileName(d.uri.path);

  context.subscriptions.push(
    log,
    tree,
    vscode.window.createTreeView('dnaSearch.runs', { treeDataProvider: tree, showCollapseAll: true }),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => (await services()).panels.restore(panel, state),
    }),
    // Config diagnostics start with the first config document (they check every open one then).
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (!loading && isConfigDoc(d)) void services();
    }),
    vscode.commands.registerCommand('dnaSearch.showLog', () => log.show(true)),
    command('dnaSearch.startSearch', (s, arg) => s.search.start(arg).then(() => undefined)),
    command('dnaSearch.stopSearch', (s) => s.search.stop()),
    command('dnaSearch.resumeSearch', (s, arg) => s.search.resume(arg).then(() => undefined)),
    command('dnaSearch.openPanel', (s, arg) => s.runs.openPanel(arg)),
    command('dnaSearch.openRun', (s, arg) => s.runs.openRun(arg)),
    command('dnaSearch.refreshRuns', (s) => s.tree.refresh()),
    command('dnaSearch.revealRunFolder', (s, arg) => s.runs.revealRunFolder(arg)),
    command('dnaSearch.deleteRun', async (s, arg) => {
      if (await s.runs.deleteRun(arg)) s.tree.refresh();
    }),
    command('dnaSearch.createStarterConfig', (s, arg) => s.createStarterConfig(arg instanceof vscode.Uri ? arg : undefined).then(() => undefined)),
    // Open as Code, Insert Architecture, Compare, Export Model; CodeLens and virtual documents.
    ...registerCodeEntryPoints(() => services().then((s) => s.code)),
  );
  if (vscode.workspace.textDocuments.some(isConfigDoc)) void services();

  // What this extension adds: evaluating its bundle plus running activate(). VS Code's own work
  // between the two (creating the extension context) is logged apart.
  const loadMs = bundleLoadedAt - bundleLoadStartedAt;
  const activateMs = performance.now() - activateStartedAt;
  const activationMs = loadMs + activateMs;
  log.info(
    `DNA Search activated in ${activationMs.toFixed(1)} ms: bundle load ${loadMs.toFixed(1)} ms + activate() ${activateMs.toFixed(1)} ms ` +
      `(VS Code took ${(activateStartedAt - bundleLoadedAt).toFixed(1)} ms in between)`,
  );
  return { activationMs, activation: { loadMs, activateMs, hostGapMs: activateStartedAt - bundleLoadedAt }, ready: () => services().then((s) => s.handle) };
}

/** A window closing asks a running search to checkpoint; it is killed if it takes longer than a few seconds. */
export async function deactivate(): Promise<void> {
  await loaded?.search.shutdown();
  loaded = undefined;
}
