/**
 * The search panels of this window, one per run folder. Opens them (beside the editor), feeds the
 * live search's events to its panel, restores panels after a window reload
 * (WebviewPanelSerializer), and remembers each run's UI state. What a panel shows comes from the
 * live session when the run is running here, otherwise from the run folder on disk — read-only
 * with a notice when the folder is damaged, of another format version, or owned by another process.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as vscode from 'vscode';
import { runFile } from '../../shared/run-layout';
import type { UiState } from '../../shared/protocol';
import { readLockState } from '../run-folders/run-lock';
import { readRunFolder } from '../run-folders/run-folder';
import type { SearchController } from '../search/search-controller';
import type { SearchSession } from '../search/search-session';
import type { CodeFeatures } from './code-features';
import { PANEL_VIEW_TYPE } from './panel-view-type';
import { BootingPanel, SearchPanel, panelOptions, type PanelContent } from './search-panel';

const OPEN_PANELS_KEY = 'dnaSearch.openPanels';
const UI_STATE_KEY = 'dnaSearch.uiState';
const UI_STATE_KEPT = 50;

export interface PanelInfo {
  runDir: string;
  title: string;
  visible: boolean;
  lastLoad?: SearchPanel['lastLoad'];
  rejected: SearchPanel['rejected'];
}

export class PanelManager implements vscode.Disposable {
  private readonly panels = new Map<string, SearchPanel>();
  /** The live run's teacher source file, read once from its config.json when the run starts. */
  private readonly liveTeacherSources = new Map<string, string | undefined>();
  private readonly disposables: vscode.Disposable[] = [];
  private shuttingDown = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly controller: SearchController,
    private readonly codeFeatures: CodeFeatures,
  ) {
    // The serializer itself is registered at activation (extension.ts) and calls restore().
    this.disposables.push(controller.onDidStart((s) => this.follow(s)));
  }

  get(runDir: string): SearchPanel | undefined {
    return this.panels.get(resolve(runDir));
  }

  list(): PanelInfo[] {
    return [...this.panels.values()].map((p) => ({
      runDir: p.runDir,
      title: p.panel.title,
      visible: p.panel.visible,
      lastLoad: p.lastLoad,
      rejected: { ...p.rejected },
    }));
  }

  /** Shows the run's panel, creating it when needed. */
  open(runDir: string, options: { preserveFocus?: boolean } = {}): SearchPanel {
    const key = resolve(runDir);
    const existing = this.panels.get(key);
    if (existing) {
      existing.reveal(options.preserveFocus);
      return existing;
    }
    return this.adopt(this.createPanel('DNA Search', options.preserveFocus), key);
  }

  private createPanel(title: string, preserveFocus?: boolean): vscode.WebviewPanel {
    // Beside the editor; later runs join the column the first panel went to rather than adding columns.
    const column = [...this.panels.values()].map((p) => p.panel.viewColumn).find((c) => c !== undefined) ?? vscode.ViewColumn.Beside;
    return vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, title, { viewColumn: column, preserveFocus }, panelOptions(this.context.extensionUri));
  }

  private adopt(panel: vscode.WebviewPanel, runDir: string, booted?: BootingPanel): SearchPanel {
    const p = new SearchPanel(runDir, panel, {
      extensionUri: this.context.extensionUri,
      log: this.log,
      content: (dir) => this.content(dir),
      stop: (dir) => {
        if (this.controller.active?.runDir === dir) this.controller.stop();
        else void vscode.window.showInformationMessage('DNA Search: this run is not running in this window.');
      },
      resume: (dir) => void this.controller.resume(dir),
      codeFeatures: this.codeFeatures,
      getUiState: (dir) => this.uiStates()[dir],
      setUiState: (dir, s) => this.saveUiState(dir, s),
    }, booted);
    this.panels.set(runDir, p);
    p.onDidDispose(() => {
      this.panels.delete(runDir);
      if (!this.shuttingDown) void this.rememberOpenPanels();
    });
    void this.rememberOpenPanels();
    return p;
  }

  /** Restores a panel after a window reload; the webview keeps its run folder in its state. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    let runDir = typeof (state as { runDir?: unknown })?.runDir === 'string' ? (state as { runDir: string }).runDir : undefined;
    if (!runDir) {
      // A webview that never saved its state: fall back to the runs whose panels were open.
      const remembered = this.context.workspaceState.get<string[]>(OPEN_PANELS_KEY, []);
      runDir = remembered.find((d) => !this.panels.has(resolve(d)));
    }
    if (!runDir) {
      panel.dispose();
      return;
    }
    const key = resolve(runDir);
    if (this.panels.has(key)) {
      panel.dispose();
      return;
    }
    this.adopt(panel, key);
  }

  private content(runDir: string): PanelContent | Promise<PanelContent> {
    const live = this.controller.active;
    // Synchronous snapshot: no live event can slip between it and the first batch.
    if (live && live.runDir === runDir && !live.ended) {
      return { name: live.name, events: [...live.history], running: true, readOnly: false, teacherSource: this.liveTeacherSources.get(runDir) };
    }
    return this.contentFromDisk(runDir);
  }

  private async contentFromDisk(runDir: string): Promise<PanelContent> {
    const [folder, lock] = await Promise.all([readRunFolder(runDir), readLockState(runDir)]);
    let notice = folder.readOnlyReason;
    const ownedElsewhere = lock.state === 'held';
    if (ownedElsewhere && !notice) {
      notice =
        `This run is being written by another search process (pid ${lock.lock.pid}${lock.sameHost ? '' : ` on ${lock.lock.host}`}); ` +
        'this panel shows it as of opening. Stop or resume it where it runs.';
    }
    return {
      name: folder.name,
      events: folder.events,
      running: false,
      readOnly: !!folder.readOnlyReason || ownedElsewhere,
      notice,
      teacherSource: await teacherSource(runDir),
    };
  }

  /**
   * The window's search: its panel opens at once and shows the run once its folder is known (a
   * new run's folder is made by the search process, a second or so after the start); then it is
   * fed live events.
   */
  private follow(session: SearchSession): void {
    let booting = session.runDir ? undefined : new BootingPanel(this.createPanel(`DNA: ${session.name} (starting)`, true), this.context.extensionUri);
    const attach = (runDir: string) => {
      void teacherSource(runDir).then((ts) => {
        this.liveTeacherSources.set(runDir, ts);
        // A panel that loaded before config.json was read gets it with a fresh load.
        if (ts) this.get(runDir)?.reload();
      });
      const existing = this.get(runDir);
      const early = booting;
      booting = undefined;
      if (existing) {
        early?.dispose();
        existing.reload();
      } else if (early?.closed) return;
      else if (early) this.adopt(early.panel, resolve(runDir), early);
      else this.open(runDir, { preserveFocus: true });
    };
    if (session.runDir) attach(session.runDir);
    const subs = [
      session.onRunDir((dir) => attach(dir)),
      session.onEvent((e) => {
        if (session.runDir) this.get(session.runDir)?.pushEvent(e);
      }),
    ];
    void session.outcome.then((o) => {
      for (const s of subs) s.dispose();
      // Ended before it made a run folder (refused input, a crash at start): the end notice says why.
      booting?.dispose();
      booting = undefined;
      const dir = session.runDir ?? o.runDir;
      if (dir) this.get(dir)?.setRunning(false);
    });
  }

  private uiStates(): Record<string, UiState> {
    return this.context.workspaceState.get<Record<string, UiState>>(UI_STATE_KEY, {});
  }

  private saveUiState(runDir: string, state: UiState): void {
    const all = { ...this.uiStates() };
    delete all[runDir];
    all[runDir] = state;
    const keys = Object.keys(all);
    for (const k of keys.slice(0, Math.max(0, keys.length - UI_STATE_KEPT))) delete all[k];
    void this.context.workspaceState.update(UI_STATE_KEY, all);
  }

  private rememberOpenPanels(): Thenable<void> {
    return this.context.workspaceState.update(OPEN_PANELS_KEY, [...this.panels.keys()]);
  }

  /**
   * The panels themselves are left to VS Code: on a window reload it serializes and restores
   * them; closing them here would lose them.
   */
  dispose(): void {
    this.shuttingDown = true;
    for (const d of this.disposables) d.dispose();
  }
}

/** The teacher's source file named in the run's resolved config, if any (for the diff view). */
async function teacherSource(runDir: string): Promise<string | undefined> {
  try {
    const config = JSON.parse(await readFile(runFile(runDir, 'config'), 'utf8')) as { teacher?: { sourceFile?: unknown } };
    return typeof config.teacher?.sourceFile === 'string' ? config.teacher.sourceFile : undefined;
  } catch {
    return undefined;
  }
}
