/**
 * The panel's model: the run state folded from the engine's events (with the shared reducer, so
 * the panel agrees with the tree and status bar), plus what the host says about the run (live,
 * read-only, notice). `apply` returns the sections a message touched so the view redraws only
 * those, once per animation frame.
 */
import type { EngineEvent } from '../src/shared/events';
import type { ToWebview } from '../src/shared/protocol';
import { applyEvent, emptyRunState, type RunState } from '../src/shared/run-state';

export const SECTIONS = ['header', 'graph', 'details', 'distill', 'retrain', 'candidates', 'pareto', 'diff', 'logs'] as const;
export type Section = (typeof SECTIONS)[number];

/** Which parts of the panel an event can change. */
export function sectionsFor(e: EngineEvent): readonly Section[] {
  switch (e.type) {
    case 'run-started':
    case 'phase':
    case 'run-finished':
      return ['header', 'graph'];
    case 'teacher':
    case 'space':
      return ['header', 'graph', 'candidates', 'pareto', 'diff', 'retrain'];
    case 'distill-progress':
    case 'distill-epoch':
      return ['header', 'graph', 'distill'];
    case 'rank-progress':
      return ['header', 'graph'];
    case 'ranking':
      return ['header', 'graph', 'candidates'];
    case 'pareto':
    case 'chosen':
      return ['pareto', 'diff', 'header'];
    case 'retrain-progress':
    case 'retrain-epoch':
      return ['header', 'retrain'];
    case 'summary':
      return ['header', 'retrain'];
    case 'log':
      return ['logs'];
  }
}

export class PanelStore {
  state: RunState = emptyRunState();
  running = false;
  readOnly = false;
  notice?: string;
  teacherSource?: string;
  /** Bumped by every change, so derived data can be cached by version. */
  version = 0;
  /** Local time (Date.now) when the latest event arrived: live clocks tick from it, so a
   * skew between the engine's clock and the webview's does not matter. */
  lastEventReceivedAt?: number;
  /** Bumped by every 'load' (a new run or a full replay). */
  loads = 0;
  /** Bumped only when a ranking arrives (the candidate table's expensive input). */
  rankingVersion = 0;

  apply(msg: ToWebview, now = Date.now()): Set<Section> {
    this.version++;
    if (msg.type !== 'running' && msg.events.length) this.lastEventReceivedAt = now;
    const dirty = new Set<Section>();
    switch (msg.type) {
      case 'load':
        this.state = emptyRunState();
        this.loads++;
        this.running = msg.running;
        this.readOnly = msg.readOnly;
        this.notice = msg.notice;
        this.teacherSource = msg.teacherSource;
        this.rankingVersion++;
        for (const e of msg.events) applyEvent(this.state, e);
        for (const s of SECTIONS) dirty.add(s);
        break;
      case 'events':
        for (const e of msg.events) {
          applyEvent(this.state, e);
          if (e.type === 'ranking' || e.type === 'space') this.rankingVersion++;
          for (const s of sectionsFor(e)) dirty.add(s);
        }
        break;
      case 'running':
        this.running = msg.running;
        dirty.add('header');
        break;
    }
    return dirty;
  }

  /** Stop is offered while the host says the engine runs; Resume when it does not and the run is unfinished. */
  get canStop(): boolean {
    return this.running && !this.readOnly;
  }

  /** A run that is not live and not finished can be resumed: stopped, failed, or cut off (the process died). */
  get canResume(): boolean {
    return !this.running && !this.readOnly && (this.state.status === 'stopped' || this.state.status === 'failed' || this.state.status === 'running');
  }

  /** What the header says: the events' status, corrected by what the host knows about the process. */
  get displayStatus(): 'idle' | 'running' | 'completed' | 'stopped' | 'failed' | 'interrupted' {
    const s = this.state.status;
    if (this.running) return 'running';
    return s === 'running' ? 'interrupted' : s;
  }
}
