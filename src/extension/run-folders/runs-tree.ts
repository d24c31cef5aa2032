/**
 * The DNA activity-bar "Runs" view: runs -> blocks -> ranked candidates. Runs come from the runs
 * folder (manifest and lock only); a run's blocks and candidates from its folded events, read
 * when it is expanded (cached by events.jsonl size and time) or, for the window's live search,
 * from its session. Node shapes are documented for menus contributed by other features:
 * contextValue "dnaRun.<status>" / "dnaBlock" / "dnaCandidate"; a node passed to a command is a
 * RunsNode (a candidate node has `id`, `runDir`, `block`, `depth`).
 */
import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { runFile } from '../../shared/run-layout';
import { emptyRunState, type RunState } from '../../shared/run-state';
import type { SearchController } from '../search/search-controller';
import type { SearchSession } from '../search/search-session';
import { readRunFolder } from './run-folder';
import { isResumable, listRuns, type RunSummary } from './run-list';
import { blockRows, candidateRows, type BlockRow, type CandidateRow } from './runs-tree-model';

export type RunsNode =
  | { kind: 'run'; runDir: string; summary: RunSummary }
  | { kind: 'block'; runDir: string; row: BlockRow }
  | ({ kind: 'candidate'; runDir: string } & CandidateRow)
  | { kind: 'more'; runDir: string; block: number; hidden: number }
  | { kind: 'note'; runDir: string; text: string };

/** Candidates shown per block; the panel's table shows all of them. */
export const CANDIDATES_SHOWN = 25;
const LIVE_REFRESH_MS = 1_000;

const STATUS_ICONS: Record<string, [string, string?]> = {
  completed: ['pass', 'testing.iconPassed'],
  running: ['sync~spin'],
  stopped: ['debug-pause'],
  failed: ['error', 'testing.iconFailed'],
  interrupted: ['warning', 'list.warningForeground'],
  unreadable: ['lock'],
};

const BLOCK_ICONS: Record<BlockRow['status'], string> = {
  pending: 'circle-outline',
  distilling: 'loading~spin',
  distilled: 'circle-filled',
  ranking: 'loading~spin',
  ranked: 'list-ordered',
};

function compact(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)}G` : n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n);
}

export class RunsTreeProvider implements vscode.TreeDataProvider<RunsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RunsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly stateCache = new Map<string, { key: string; state: RunState; readOnlyReason?: string }>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private watcher?: vscode.FileSystemWatcher;
  private watchedDir?: string;
  private liveTimer?: NodeJS.Timeout;
  private refreshTimer?: NodeJS.Timeout;

  constructor(
    private readonly runsDir: () => string,
    private readonly controller: SearchController,
  ) {
    this.disposables.push(
      controller.onDidStart((s) => this.followLive(s)),
      controller.onDidEnd(() => this.refreshSoon()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dnaSearch.runsFolder')) this.refresh();
      }),
    );
    this.watch();
  }

  /** Runs created, finished or deleted by anyone (another window, the CLI) show up by themselves. */
  private watch(): void {
    const dir = this.runsDir();
    if (dir === this.watchedDir) return;
    this.watcher?.dispose();
    this.watchedDir = dir;
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '*/{run.json,run.lock}'));
    const soon = () => this.refreshSoon();
    this.watcher.onDidCreate(soon);
    this.watcher.onDidChange(soon);
    this.watcher.onDidDelete(soon);
  }

  private followLive(session: SearchSession): void {
    const sub = session.onEvent((e) => {
      // Structure changes often during a run; redraw at most once a second.
      if (e.type === 'run-started') this.refreshSoon();
      else this.liveTimer ??= setTimeout(() => {
        this.liveTimer = undefined;
        this.changed.fire(undefined);
      }, LIVE_REFRESH_MS);
    });
    void session.outcome.then(() => sub.dispose());
  }

  refresh(): void {
    this.watch();
    this.changed.fire(undefined);
  }

  private refreshSoon(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refresh(), 200);
  }

  async getChildren(node?: RunsNode): Promise<RunsNode[]> {
    if (!node) {
      const runs = await listRuns(this.runsDir()).catch(() => []);
      return runs.map((summary) => ({ kind: 'run', runDir: summary.runDir, summary }));
    }
    if (node.kind === 'run') {
      const { state, readOnlyReason } = await this.stateOf(node.runDir);
      const rows = blockRows(state);
      const notes: RunsNode[] = readOnlyReason ? [{ kind: 'note', runDir: node.runDir, text: readOnlyReason }] : [];
      if (!rows.length) notes.push({ kind: 'note', runDir: node.runDir, text: state.status === 'running' ? 'preparing…' : 'no blocks recorded' });
      return [...notes, ...rows.map((row): RunsNode => ({ kind: 'block', runDir: node.runDir, row }))];
    }
    if (node.kind === 'block') {
      const { state } = await this.stateOf(node.runDir);
      const rows = candidateRows(state, node.row.index);
      const shown: RunsNode[] = rows.slice(0, CANDIDATES_SHOWN).map((r) => ({ kind: 'candidate', runDir: node.runDir, ...r }));
      if (rows.length > CANDIDATES_SHOWN) shown.push({ kind: 'more', runDir: node.runDir, block: node.row.index, hidden: rows.length - CANDIDATES_SHOWN });
      return shown;
    }
    return [];
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'run': {
        const s = node.summary;
        const live = this.controller.active?.runDir === node.runDir;
        const status = live ? 'running' : s.status;
        const item = new vscode.TreeItem(s.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `run:${node.runDir}`;
        const when = s.manifest ? new Date(s.manifest.createdAt).toLocaleString() : '';
        item.description = `${status}${when ? ` · ${when}` : ''}`;
        item.tooltip = new vscode.MarkdownString(
          `**${s.name}** — ${status}\n\n${node.runDir}${s.readOnlyReason ? `\n\n$(lock) ${s.readOnlyReason}` : ''}${
            s.lock.state === 'held' ? `\n\nin use by pid ${s.lock.lock.pid} on ${s.lock.lock.host}` : ''
          }`,
          true,
        );
        const [icon, color] = STATUS_ICONS[s.readOnlyReason ? 'unreadable' : status] ?? ['circle-outline'];
        item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
        const resumable = !live && isResumable(s);
        item.contextValue = `dnaRun.${live ? 'live' : resumable ? 'resumable' : s.readOnlyReason ? 'readonly' : status}`;
        item.command = { command: 'dnaSearch.openRun', title: 'Open Run', arguments: [{ runDir: node.runDir }] };
        return item;
      }
      case 'block': {
        const r = node.row;
        const item = new vscode.TreeItem(`${r.index}: ${r.name}`, r.candidateCount ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `block:${node.runDir}:${r.index}`;
        item.description = `${r.shapes ? `${r.shapes} · ` : ''}${r.detail}`;
        item.iconPath = new vscode.ThemeIcon(BLOCK_ICONS[r.status]);
        item.contextValue = 'dnaBlock';
        return item;
      }
      case 'candidate': {
        const c = node.candidate;
        const item = new vscode.TreeItem(`#${node.rank} ${c.ops}`, vscode.TreeItemCollapsibleState.None);
        item.id = `cand:${node.runDir}:${node.id}`;
        item.description = `d${node.depth} · score ${c.score.toPrecision(3)} · ${compact(c.flops)} FLOPs · ${compact(c.params)} params`;
        item.tooltip = `${node.id}${node.chosen ? ' (in the chosen architecture)' : ''}\nscore ${c.score} (lower is better: normalised distillation error)\n${c.flops} FLOPs, ${c.params} params`;
        item.iconPath = new vscode.ThemeIcon(node.chosen ? 'star-full' : 'symbol-class');
        item.contextValue = 'dnaCandidate';
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(`… ${node.hidden} more (all in the search panel)`, vscode.TreeItemCollapsibleState.None);
        item.command = { command: 'dnaSearch.openRun', title: 'Open Run', arguments: [{ runDir: node.runDir }] };
        return item;
      }
      case 'note': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('info');
        item.tooltip = node.text;
        return item;
      }
    }
  }

  private async stateOf(runDir: string): Promise<{ state: RunState; readOnlyReason?: string }> {
    const live = this.controller.active;
    if (live?.runDir === runDir) return { state: live.state };
    const info = await stat(runFile(runDir, 'events')).catch(() => undefined);
    const key = info ? `${info.size}:${info.mtimeMs}` : 'none';
    const cached = this.stateCache.get(runDir);
    if (cached?.key === key) return cached;
    const folder = await readRunFolder(runDir).catch(() => undefined);
    if (!folder) return { state: emptyRunState(), readOnlyReason: 'this run folder cannot be read' };
    const entry = { key, state: folder.state, readOnlyReason: folder.readOnlyReason };
    this.stateCache.set(runDir, entry);
    return entry;
  }

  dispose(): void {
    clearTimeout(this.liveTimer);
    clearTimeout(this.refreshTimer);
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
