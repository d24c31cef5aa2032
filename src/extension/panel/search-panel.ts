/**
 * One search panel: a webview beside the editor showing one run. It answers the webview's
 * `ready` with a full `load` (the run's events so far), then forwards live events in batches
 * (EventBatcher) so a fast training loop cannot flood it. Both directions are validated: what
 * arrives with parseFromWebview (webview-router.ts), what leaves with parseToWebview.
 */
import * as vscode from 'vscode';
import type { EngineEvent } from '../../shared/events';
import { parseFromWebview, parseToWebview, type ToWebview, type UiState } from '../../shared/protocol';
import type { CodeFeatures } from './code-features';
import { EventBatcher } from './event-batcher';
import { createNonce, panelHtml } from './panel-html';
import { routeFromWebview } from './webview-router';

/** Live events reach the webview at most this often. */
export const PANEL_BATCH_MS = 150;

export interface PanelContent {
  name: string;
  events: EngineEvent[];
  running: boolean;
  readOnly: boolean;
  notice?: string;
  teacherSource?: string;
}

export interface PanelDeps {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  /** A live run's content is returned at once (a snapshot of its history); a run on disk is read. */
  content(runDir: string): PanelContent | Promise<PanelContent>;
  stop(runDir: string): void;
  resume(runDir: string): void;
  codeFeatures: CodeFeatures;
  getUiState(runDir: string): UiState | undefined;
  setUiState(runDir: string, state: UiState): void;
}

export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    // Charts with thousands of points are costly to rebuild; keep them while the tab is hidden.
    retainContextWhenHidden: true,
  };
}

export class SearchPanel implements vscode.Disposable {
  private readonly batcher: EventBatcher<EngineEvent>;
  private readonly disposables: vscode.Disposable[] = [];
  /** Live events are forwarded only after a `load` went out; before that the load includes them. */
  private loaded = false;
  private webviewReady = false;
  private generation = 0;
  private disposed = false;
  private readonly onDidDisposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.onDidDisposeEmitter.event;
  /** Messages dropped in either direction because they failed validation. */
  rejected = { fromWebview: 0, toWebview: 0 };
  lastLoad?: Extract<ToWebview, { type: 'load' }>;

  /**
   * `booted`: the panel was opened as a BootingPanel and already holds the webview (and maybe
   * its `ready`), so it is not loaded a second time.
   */
  constructor(
    readonly runDir: string,
    readonly panel: vscode.WebviewPanel,
    private readonly deps: PanelDeps,
    booted?: BootingPanel,
  ) {
    this.batcher = new EventBatcher((events) => this.post({ type: 'events', events }), PANEL_BATCH_MS);
    const webview = panel.webview;
    if (!booted) {
      webview.options = panelOptions(deps.extensionUri);
      setPanelHtml(panel, deps.extensionUri);
    }
    this.disposables.push(
      webview.onDidReceiveMessage((raw) => this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
    if (booted?.handOver()) {
      this.webviewReady = true;
      void this.sendLoad();
    }
  }

  /** Handles one message as if the webview had sent it; false when it failed validation. */
  receive(raw: unknown): boolean {
    const ok = routeFromWebview(
      raw,
      {
        ready: () => {
          this.webviewReady = true;
          void this.sendLoad();
        },
        stop: () => this.deps.stop(this.runDir),
        resume: () => this.deps.resume(this.runDir),
        uiState: (state) => this.deps.setUiState(this.runDir, state),
        openCandidate: (m) => this.code(() => this.deps.codeFeatures.openCandidate({ runDir: this.runDir, candidates: m.candidates, target: m.target })),
        insertArchitecture: (m) =>
          this.code(() => this.deps.codeFeatures.insertArchitecture({ runDir: this.runDir, candidates: m.candidates, target: m.target })),
        showDiff: (m) => this.code(() => this.deps.codeFeatures.showDiff({ runDir: this.runDir, candidates: m.candidates })),
      },
      (warning) => this.deps.log.warn(warning),
    );
    if (!ok) this.rejected.fromWebview++;
    return ok;
  }

  /** Validates and posts; a message that does not match the schema is never sent. */
  post(message: unknown): boolean {
    const checked = parseToWebview(message);
    if (!checked.ok) {
      this.rejected.toWebview++;
      this.deps.log.error(`not sent to the search panel: ${checked.error}`);
      return false;
    }
    if (this.disposed) return false;
    if (checked.value.type === 'load') this.lastLoad = checked.value;
    void this.panel.webview.postMessage(checked.value);
    return true;
  }

  pushEvent(event: EngineEvent): void {
    if (this.loaded) this.batcher.push(event);
  }

  setRunning(running: boolean): void {
    this.batcher.flushNow();
    if (this.loaded) this.post({ type: 'running', running });
  }

  /** Sends a fresh `load` (e.g. the run was resumed and is live now). */
  reload(): void {
    if (this.webviewReady) void this.sendLoad();
  }

  reveal(preserveFocus = false): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  private async sendLoad(): Promise<void> {
    const generation = ++this.generation;
    this.loaded = false;
    this.batcher.clear();
    let content: PanelContent;
    try {
      const c = this.deps.content(this.runDir);
      content = c instanceof Promise ? await c : c;
    } catch (err) {
      content = { name: this.runDir, events: [], running: false, readOnly: true, notice: `This run cannot be shown: ${(err as Error).message}` };
    }
    if (generation !== this.generation || this.disposed) return;
    this.panel.title = `DNA: ${content.name}`;
    this.loaded = this.post({
      type: 'load',
      events: content.events,
      running: content.running,
      readOnly: content.readOnly,
      notice: content.notice,
      teacherSource: content.teacherSource,
      runDir: this.runDir,
      uiState: this.deps.getUiState(this.runDir),
    });
  }

  private code(run: () => Promise<void>): void {
    run().catch((err: unknown) => {
      this.deps.log.error(`code feature failed: ${err instanceof Error ? err.message : String(err)}`);
      void vscode.window.showErrorMessage(`DNA Search: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.batcher.dispose();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
    this.onDidDisposeEmitter.fire();
    this.onDidDisposeEmitter.dispose();
  }
}

/** The panel's page (script, styles, CSP with a fresh nonce) and its icon. */
function setPanelHtml(panel: vscode.WebviewPanel, extensionUri: vscode.Uri): void {
  const webview = panel.webview;
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'dna.svg');
  webview.html = panelHtml({
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
    title: 'DNA Search',
  });
}

/**
 * A panel opened the moment a search starts, before its run folder exists: the webview boots
 * (seconds, the first time in a window) while the search process starts, instead of after it.
 * It shows "Waiting" until a SearchPanel takes it over with the run's content.
 */
export class BootingPanel {
  private ready = false;
  /** The user closed it before the run was known: they do not want the panel now. */
  closed = false;
  private readonly listener: vscode.Disposable;

  constructor(readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri) {
    panel.onDidDispose(() => (this.closed = true));
    // Validated like every message; only `ready` matters before the run is known.
    this.listener = panel.webview.onDidReceiveMessage((raw) => {
      const parsed = parseFromWebview(raw);
      if (parsed.ok && parsed.value.type === 'ready') this.ready = true;
    });
    setPanelHtml(panel, extensionUri);
  }

  /** Stops listening; whether the webview already said `ready` (so its load can go out now). */
  handOver(): boolean {
    this.listener.dispose();
    return this.ready;
  }

  dispose(): void {
    this.listener.dispose();
    this.panel.dispose();
  }
}
