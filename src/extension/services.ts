/**
 * Everything behind the commands and views: the search controller, panels, Runs tree, status bar
 * and config diagnostics. Loaded on first use (extension.ts imports this module with a dynamic
 * import, which the bundle turns into a lazily evaluated module) so that activation itself does
 * not pay for zod and the shared schemas.
 */
import * as vscode from 'vscode';
import type { ActiveSearchInfo, DnaSearchHandle } from './api';
import { ConfigDiagnostics } from './config/config-diagnostics';
import { createStarterConfig } from './config/create-starter-config';
import { pendingCodeFeatures, type CodeFeatures } from './panel/code-features';
import { PanelManager } from './panel/panel-manager';
import { RunCommands } from './run-folders/run-commands';
import { resolveRunsDir } from './run-folders/runs-location';
import { RunsTreeProvider } from './run-folders/runs-tree';
import { SearchController } from './search/search-controller';
import type { SearchSession } from './search/search-session';
import { SearchStatusBar } from './status/search-status-bar';

export interface Services {
  search: SearchController;
  panels: PanelManager;
  runs: RunCommands;
  tree: RunsTreeProvider;
  handle: DnaSearchHandle;
  createStarterConfig: typeof createStarterConfig;
}

/** `codeFeatures`: issue 5's implementation replaces pendingCodeFeatures here. */
export function createServices(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, codeFeatures: CodeFeatures = pendingCodeFeatures): Services {
  const runsDir = () => resolveRunsDir(context.globalStorageUri);
  const diagnostics = new ConfigDiagnostics();
  const search = new SearchController({
    extensionUri: context.extensionUri,
    log,
    diagnostics,
    runsDir,
    // Called only after this function has returned, when `panels` exists.
    openPanel: (runDir) => panels.open(runDir),
  });
  const panels = new PanelManager(context, log, search, codeFeatures);
  const runs = new RunCommands(runsDir, search, panels);
  const tree = new RunsTreeProvider(runsDir, search);
  const statusBar = new SearchStatusBar(search);
  context.subscriptions.push(diagnostics, search, panels, tree, statusBar);

  const info = (s: SearchSession): ActiveSearchInfo => ({ label: s.label, runDir: s.runDir, pid: s.pid, events: s.history, outcome: s.outcome });
  const handle: DnaSearchHandle = {
    runsDir,
    activeSearch: () => (search.active ? info(search.active) : undefined),
    onDidStartSearch: (listener, thisArg, disposables) => search.onDidStart((s) => listener.call(thisArg, info(s)), undefined, disposables),
    onDidEndSearch: (listener, thisArg, disposables) =>
      search.onDidEnd(({ session, outcome }) => listener.call(thisArg, { label: session.label, outcome }), undefined, disposables),
    runsTree: { getChildren: (node) => tree.getChildren(node), getTreeItem: (node) => tree.getTreeItem(node) },
    panels: {
      list: () => panels.list(),
      receive: (runDir, raw) => panels.get(runDir)?.receive(raw) ?? false,
      post: (runDir, raw) => panels.get(runDir)?.post(raw) ?? false,
    },
    statusBarText: () => statusBar.text,
  };
  return { search, panels, runs, tree, handle, createStarterConfig };
}
