/**
 * One search as this window sees it: the supervised child, every event of the run so far (the
 * history a panel replays when it opens), and the folded state the tree and status bar show.
 * For a resumed run the history starts with what events.jsonl already held, read before the
 * child starts appending, so a panel shows the whole run without reading a file being written.
 */
import type { EngineEvent } from '../../shared/events';
import type { ChildRequest } from '../../shared/protocol';
import { applyEvent, foldEvents, type RunState } from '../../shared/run-state';
import { Emitter } from '../util/emitter';
import { ChildSupervisor, type ChildOutcome, type ChildSupervisorOptions } from './child-supervisor';

export type SessionRequest = Extract<ChildRequest, { type: 'start' | 'resume' }>;

export interface SessionInit {
  request: SessionRequest;
  /** A label for messages before the run has a name ("quick demo", "my.dna.json"). */
  label: string;
  /** Events already in the run folder (resume). */
  priorEvents?: EngineEvent[];
}

export class SearchSession {
  readonly history: EngineEvent[];
  readonly state: RunState;
  readonly label: string;
  readonly request: SessionRequest;
  readonly startedAt = Date.now();
  private readonly supervisor: ChildSupervisor;
  private readonly onEventEmitter = new Emitter<EngineEvent>();
  private readonly onRunDirEmitter = new Emitter<string>();
  /** Every validated engine event, after it has been folded into `state`. */
  readonly onEvent = this.onEventEmitter.event;
  /** The run folder is known (first `run-started`, or at once for a resume). */
  readonly onRunDir = this.onRunDirEmitter.event;
  readonly outcome: Promise<ChildOutcome>;
  private _runDir?: string;
  private _ended = false;

  constructor(init: SessionInit, supervisorOptions: ChildSupervisorOptions) {
    this.label = init.label;
    this.request = init.request;
    this.history = [...(init.priorEvents ?? [])];
    this.state = foldEvents(this.history);
    if (init.request.type === 'resume') this._runDir = init.request.runDir;
    this.supervisor = new ChildSupervisor(supervisorOptions);
    this.supervisor.onEvent((e) => this.accept(e));
    this.outcome = this.supervisor.outcome.then((o) => {
      this._ended = true;
      this.onEventEmitter.dispose();
      this.onRunDirEmitter.dispose();
      return { ...o, runDir: o.runDir ?? this._runDir };
    });
  }

  get runDir(): string | undefined {
    return this._runDir;
  }

  get ended(): boolean {
    return this._ended;
  }

  get pid(): number | undefined {
    return this.supervisor.pid;
  }

  get name(): string {
    return this.state.name ?? this.label;
  }

  start(): void {
    this.supervisor.start(this.request);
  }

  stop(): void {
    this.supervisor.stop();
  }

  kill(): void {
    this.supervisor.kill();
  }

  private accept(e: EngineEvent): void {
    this.history.push(e);
    applyEvent(this.state, e);
    if (e.type === 'run-started' && e.runDir !== this._runDir) {
      this._runDir = e.runDir;
      this.onRunDirEmitter.fire(e.runDir);
    }
    this.onEventEmitter.fire(e);
  }
}
