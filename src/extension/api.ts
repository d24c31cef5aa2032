/**
 * What `activate` returns (vscode.extensions.getExtension('dna-search.dna-search').exports): a
 * small read-mostly view of the extension for the integration tests and for automation. It
 * reaches the real objects — the same tree provider the view shows, the same panel message
 * handlers the webview's messages go through — nothing here is a test double.
 */
import type * as vscode from 'vscode';
import type { EngineEvent } from '../shared/events';
import type { CodeFeaturesView } from './code';
import type { PanelInfo } from './panel/panel-manager';
import type { RunsNode } from './run-folders/runs-tree';
import type { ChildOutcome } from './search/child-supervisor';

export interface ActiveSearchInfo {
  label: string;
  /** Live: known once the run has started (at once for a resume). */
  readonly runDir?: string;
  /** Live: the search process, once forked. */
  readonly pid?: number;
  /** Every event of the run so far, growing live (the history a panel replays). */
  events: readonly EngineEvent[];
  outcome: Promise<ChildOutcome>;
}

export interface DnaSearchApi {
  /** What activation adds, in milliseconds: bundle load + activate() (also written to the log). */
  readonly activationMs: number;
  /** Its parts, and the time VS Code itself spent between loading the bundle and calling activate(). */
  readonly activation: { loadMs: number; activateMs: number; hostGapMs: number };
  /** The services behind the commands and views, loaded on first use. */
  ready(): Promise<DnaSearchHandle>;
}

export interface DnaSearchHandle {
  runsDir(): string;
  activeSearch(): ActiveSearchInfo | undefined;
  readonly onDidStartSearch: vscode.Event<ActiveSearchInfo>;
  readonly onDidEndSearch: vscode.Event<{ label: string; outcome: ChildOutcome }>;
  readonly runsTree: {
    getChildren(node?: RunsNode): Promise<RunsNode[]>;
    getTreeItem(node: RunsNode): vscode.TreeItem;
  };
  readonly panels: {
    list(): PanelInfo[];
    /** Delivers a message to a run's panel host exactly as its webview would; false if rejected. */
    receive(runDir: string, raw: unknown): boolean;
    /** Posts through the panel's validating sender; false if rejected (nothing is sent then). */
    post(runDir: string, raw: unknown): boolean;
  };
  statusBarText(): string;
  /** What the code features show in editors (decorations of teacher files). */
  readonly code: CodeFeaturesView;
}
