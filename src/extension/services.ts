/**
 * Everything behind the commands and views: the search controller, panels, Runs tree, status bar
 * and config diagnostics. Bundled on its own (dist/extension-services.js) and required by
 * extension.ts on first use, so that activation itself does not pay for zod and the shared schemas.
 */
import * as vscode from 'vscode';
import type { ActiveSearchInfo, DnaSearchHandle } from './api';
import { ConfigDiagnostics } from './config/config-diagnostics';
import { createStarterConfig } from './config/create-starter-config';
import { registerCodeFeatures } from './code';
import type { CodeService } from './code/code-entry-points';
import type { CodeFeatures } from './panel/code-features';
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
  /** The code features behind their activation entry points (code/code-entry-points.ts). */
  code: CodeService;
  createStarterConfig: typeof createStarterConfig;
}

/** `codeFeatures`: what the panel's code buttons call; default: the code features of src/extension/code. */
export function createServices(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, codeFeatures?: CodeFeatures): Services {
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
  const code = registerCodeFeatures({ runsDir, log, memento: context.workspaceState, liveState: (dir) => (search.active?.runDir === dir ? search.active.state : undefined) });
  context.subscriptions.push(...code.disposables);
  const panels = new PanelManager(context, log, search, codeFeatures ?? code.codeFeatures);
  const runs = new RunCommands(runsDir, search, panels);
  const tree = new RunsTreeProvider(runsDir, search);
  const statusBar = new SearchStatusBar(search);
  context.subscriptions.push(diagnostics, search, panels, tree, statusBar);

  // Live views of the session: its pid and run folder appear after the start event.
  const info = (s: SearchSession): ActiveSearchInfo => ({
    label: s.label,
    get runDir() {
      return s.runDir;
    },
    get pid() {
      return s.pid;
    },
    events: s.history,
    outcome: s.outcome,
  });
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
    code: code.view,
  };
  return { search, panels, runs, tree, handle, code: code.service, createStarterConfig };
}
