/**
 * The search panel: owns the model, the UI state and the views, applies host messages, and
 * redraws what changed once per animation frame.
 */
import { CodeTargetSchema, type CodeTarget, type FromWebview, type ToWebview } from '../src/shared/protocol';
import { h } from './dom';
import { FrameScheduler } from './frame-scheduler';
import type { HostBridge } from './host-bridge';
import type { TableSort } from './logic/candidates';
import { selectOnFront, type CostKey, type FrontSelection } from './logic/front';
import type { PanelContext } from './panel-context';
import { PanelStore, SECTIONS, type Section } from './panel-store';
import { onThemeChange } from './theme';
import { restoreUiState, uiStateMessage, type UiState } from './ui-state';
import { ArchDiffView } from './views/arch-diff-view';
import { BlockDetailsView } from './views/block-details-view';
import { BlockGraphView } from './views/block-graph-view';
import { CandidateTableView } from './views/candidate-table-view';
import { HeaderView } from './views/header-view';
import { LogView } from './views/log-view';
import { DistillChartsView, RetrainChartView } from './views/loss-charts-view';
import { ParetoView } from './views/pareto-view';

/** How often the host hears about UI changes while the user is dragging or typing. */
const UI_STATE_POST_MS = 300;

export class PanelApp implements PanelContext {
  readonly store = new PanelStore();
  ui: UiState;
  codeTarget: CodeTarget | undefined;
  /** The run shown, kept in the webview state: the host's serializer reopens it after a reload. */
  private runDir: string | undefined;
  /** Whether this webview has UI state of its own (restored, or since its first load). */
  private hasOwnState: boolean;
  private readonly scheduler: FrameScheduler<Section>;
  private readonly header: HeaderView;
  private readonly graph: BlockGraphView;
  private readonly details: BlockDetailsView;
  private readonly distill: DistillChartsView;
  private readonly retrain: RetrainChartView;
  private readonly table: CandidateTableView;
  private readonly pareto: ParetoView;
  private readonly diff: ArchDiffView;
  private readonly logs: LogView;
  private selectionCache?: { key: string; value: FrontSelection | undefined };
  private uiPostTimer: ReturnType<typeof setTimeout> | undefined;
  private clock: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: HostBridge,
    root: HTMLElement,
  ) {
    const saved = host.getState() as { runDir?: unknown; ui?: unknown; codeTarget?: unknown } | undefined;
    this.runDir = typeof saved?.runDir === 'string' ? saved.runDir : undefined;
    this.ui = restoreUiState(saved?.ui);
    this.hasOwnState = saved?.ui !== undefined;
    const target = CodeTargetSchema.safeParse(saved?.codeTarget);
    this.codeTarget = target.success ? target.data : undefined;
    this.header = new HeaderView(this);
    this.graph = new BlockGraphView(this);
    this.details = new BlockDetailsView(this);
    this.distill = new DistillChartsView(this);
    this.retrain = new RetrainChartView(this);
    this.table = new CandidateTableView(this);
    this.pareto = new ParetoView(this);
    this.diff = new ArchDiffView(this);
    this.logs = new LogView(this);
    root.replaceChildren(
      this.header.el,
      h(
        'main',
        { class: 'panel-main' },
        this.graph.el,
        this.details.el,
        h('div', { class: 'two-col' }, this.distill.el, this.retrain.el),
        h('div', { class: 'two-col' }, this.table.el, this.pareto.el),
        this.diff.el,
        this.logs.el,
      ),
    );
    this.scheduler = new FrameScheduler<Section>((dirty) => this.render(dirty), (cb) => requestAnimationFrame(cb));
    onThemeChange(() => {
      this.distill.retheme();
      this.retrain.retheme();
    });
    this.scheduler.mark(SECTIONS);
    this.scheduler.flush();
  }

  receive(msg: ToWebview): void {
    const dirty = this.store.apply(msg);
    this.selectionCache = undefined;
    if (msg.type === 'load') this.adoptRun(msg);
    // Details follow the graph; the diff and table follow the Pareto selection.
    if (dirty.has('graph')) dirty.add('details');
    if (dirty.has('pareto')) {
      dirty.add('diff');
      dirty.add('candidates');
    }
    this.scheduler.mark(dirty);
    this.tickClock();
  }

  /**
   * Whose UI state wins on a load: the webview's own (restored by getState, the newest) for the
   * run it already showed; the host's remembered state (load.uiState) in a fresh webview or for
   * another run, else the defaults. The run folder is saved with it so the host's serializer can
   * reopen this run after a window reload.
   */
  private adoptRun(msg: Extract<ToWebview, { type: 'load' }>): void {
    const otherRun = msg.runDir !== undefined && this.runDir !== undefined && msg.runDir !== this.runDir;
    if (otherRun) this.ui = { ...restoreUiState(msg.uiState), sort: this.ui.sort };
    else if (!this.hasOwnState && msg.uiState) this.ui = { ...restoreUiState(msg.uiState), sort: this.ui.sort, filter: this.ui.filter };
    this.runDir = msg.runDir ?? this.runDir;
    this.hasOwnState = true;
    this.clampBlock();
    this.host.setState(this.savedState());
  }

  private savedState() {
    return { runDir: this.runDir, ui: this.ui, codeTarget: this.codeTarget };
  }

  private clampBlock(): void {
    const n = this.store.state.space?.blocks.length ?? this.store.state.teacher?.blocks.length ?? 0;
    if (n > 0 && this.ui.block >= n) this.ui.block = 0;
  }

  /** Elapsed/ETA tick once a second while the run is live. */
  private tickClock(): void {
    if (this.store.running && !this.clock) this.clock = setInterval(() => this.scheduler.mark(['header']), 1000);
    else if (!this.store.running && this.clock) {
      clearInterval(this.clock);
      this.clock = undefined;
    }
  }

  private render(dirty: Set<Section>): void {
    if (dirty.has('header')) this.header.render(Date.now());
    if (dirty.has('graph')) this.graph.render();
    if (dirty.has('graph') || dirty.has('details')) this.details.render();
    if (dirty.has('distill')) this.distill.render();
    if (dirty.has('retrain')) this.retrain.render();
    if (dirty.has('pareto')) this.pareto.render();
    if (dirty.has('candidates')) this.table.render();
    if (dirty.has('diff')) this.diff.render();
    if (dirty.has('logs')) this.logs.render();
    document.body.dataset.rendered = String(this.store.version);
  }

  // ---- PanelContext ------------------------------------------------------------------------

  selection(): FrontSelection | undefined {
    const key = `${this.store.version}|${this.ui.costKey}|${this.ui.budgetIndex}`;
    if (this.selectionCache?.key !== key) {
      const st = this.store.state;
      this.selectionCache = { key, value: selectOnFront(st.pareto[this.ui.costKey], this.ui.costKey, this.ui.budgetIndex, st.chosen) };
    }
    return this.selectionCache.value;
  }

  activeArchitecture(): { candidates: string[]; source: 'budget' | 'chosen' } | undefined {
    const point = this.selection()?.point;
    if (point) return { candidates: point.candidates, source: 'budget' };
    const chosen = this.store.state.chosen;
    return chosen ? { candidates: chosen.candidates, source: 'chosen' } : undefined;
  }

  selectBlock(block: number): void {
    if (block === this.ui.block) return;
    this.ui.block = block;
    this.persist('now');
    this.scheduler.mark(['graph', 'details', 'candidates', 'distill']);
  }

  setBudgetIndex(index: number, commit: boolean): void {
    if (index !== this.ui.budgetIndex) {
      this.ui.budgetIndex = index;
      this.scheduler.mark(['pareto', 'diff', 'candidates']);
    }
    this.persist(commit ? 'now' : 'soon');
  }

  setCostKey(key: CostKey): void {
    this.ui.costKey = key;
    this.persist('now');
    this.scheduler.mark(['pareto', 'diff', 'candidates']);
  }

  setSort(sort: TableSort): void {
    this.ui.sort = sort;
    this.persist('local');
    this.scheduler.mark(['candidates']);
  }

  setFilter(filter: string): void {
    this.ui.filter = filter;
    this.persist('local');
    this.scheduler.mark(['candidates']);
  }

  setCodeTarget(target: CodeTarget | undefined): void {
    this.codeTarget = target;
    this.persist('local');
  }

  post(message: FromWebview): boolean {
    return this.host.post(message);
  }

  sendCandidates(type: 'open-candidate' | 'insert-architecture' | 'show-diff', candidates: string[]): boolean {
    if (type === 'show-diff') return this.post({ type, candidates });
    return this.post(this.codeTarget ? { type, candidates, target: this.codeTarget } : { type, candidates });
  }

  /**
   * Saves UI state in the webview (always) and tells the host what the protocol carries: now,
   * soon (throttled while a slider is dragged), or not at all (sort, filter: webview-only).
   */
  private persist(tellHost: 'now' | 'soon' | 'local'): void {
    this.host.setState(this.savedState());
    if (tellHost === 'local') return;
    if (this.uiPostTimer) clearTimeout(this.uiPostTimer);
    this.uiPostTimer = undefined;
    if (tellHost === 'now') this.host.post(uiStateMessage(this.ui));
    else this.uiPostTimer = setTimeout(() => this.host.post(uiStateMessage(this.ui)), UI_STATE_POST_MS);
  }
}
