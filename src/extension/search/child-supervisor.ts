/**
 * Runs one engine child process (the bundled `dist/search-child.js`) and keeps the extension safe
 * from it. The contract (src/shared/protocol.ts): the child says `ready`, gets one `start` or
 * `resume`, streams `event`s and ends with `done` or `fatal`; `stop` asks it to checkpoint and
 * exit. Every message is validated on receipt; invalid ones are dropped and logged. Whatever the
 * child does — crash, hang, flood, exit early — the supervisor ends with exactly one outcome.
 *
 * Plain Node (no `vscode` import), so it is unit-tested against real child processes.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { EngineEvent } from '../../shared/events';
import { parseChildMessage, parseChildRequest, type ChildMessage, type ChildRequest } from '../../shared/protocol';
import { Emitter } from '../util/emitter';
import { describeChildExit, type ChildExit } from './child-exit';

export interface SupervisorLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ChildSupervisorOptions {
  /** Absolute path of the child entry script. */
  script: string;
  /** The Node executable; defaults to the extension host's own runtime. */
  execPath?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  log: SupervisorLog;
  /** How long `stop` waits for the child to checkpoint and exit before killing it. */
  stopGraceMs: number;
  /** How long the child may take to say `ready`. */
  readyTimeoutMs?: number;
  /** After `done`/`fatal`, how long the child may take to exit on its own. */
  exitAfterDoneMs?: number;
}

export type ChildOutcome =
  /** The child reported its end: completed, stopped (on request) or failed (its own report). */
  | { kind: 'done'; status: 'completed' | 'stopped' | 'failed'; runDir?: string; exit: ChildExit }
  /** The child refused or could not run: a user-facing message from the engine. */
  | { kind: 'fatal'; message: string; runDir?: string; exit: ChildExit }
  /** The child died or hung without reporting an end (crash, out of memory, killed). */
  | { kind: 'crashed'; message: string; runDir?: string; exit: ChildExit };

const STDERR_TAIL_LINES = 30;

export class ChildSupervisor {
  private child?: ChildProcess;
  private readonly onEventEmitter = new Emitter<EngineEvent>();
  /** Engine events, in order, after validation. */
  readonly onEvent = this.onEventEmitter.event;
  private report?: Exclude<ChildOutcome, { kind: 'crashed' }>;
  private runDir?: string;
  private ready = false;
  private requestSent = false;
  private stopRequested = false;
  private crashNote?: string;
  private readonly stderrTail: string[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private dropped = 0;
  private resolveOutcome!: (o: ChildOutcome) => void;
  /** Resolves once, when the child process has exited (or could not be started). */
  readonly outcome: Promise<ChildOutcome>;

  constructor(private readonly options: ChildSupervisorOptions) {
    this.outcome = new Promise((r) => (this.resolveOutcome = r));
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Messages that failed validation and were dropped (for tests and the log). */
  get droppedMessages(): number {
    return this.dropped;
  }

  /** Forks the child and sends it `request` once it is ready. Call once. */
  start(request: ChildRequest): void {
    if (this.child) throw new Error('ChildSupervisor.start called twice');
    const checked = parseChildRequest(request);
    if (!checked.ok) throw new Error(checked.error);
    const { script, log } = this.options;
    if (!existsSync(script)) {
      this.finish({ code: null, signal: null }, `The search engine bundle is missing: ${script}. Rebuild the extension (npm run build) or reinstall it.`);
      return;
    }
    const child = fork(script, [], {
      execPath: this.options.execPath,
      // The host's own flags (inspector ports, loaders) must not leak into the child.
      execArgv: [],
      cwd: this.options.cwd,
      env: { ...(this.options.env ?? process.env), ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
      // Its own process group, so a kill also takes down the block workers it started.
      detached: process.platform !== 'win32',
    });
    this.child = child;
    log.info(`search process started (pid ${child.pid}): ${script}`);

    createInterface({ input: child.stdout! }).on('line', (line) => log.info(`[engine] ${line}`));
    createInterface({ input: child.stderr! }).on('line', (line) => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
      log.warn(`[engine stderr] ${line}`);
    });
    child.on('message', (raw) => this.receive(raw, checked.value));
    child.on('error', (err) => {
      // fork() reports a missing executable or a failed send here; the exit handler settles.
      log.error(`search process error: ${err.message}`);
      this.crashNote ??= `The search process could not run: ${err.message}`;
      if (child.pid === undefined) this.finish({ code: null, signal: null });
    });
    child.on('exit', (code, signal) => this.finish({ code, signal }));
    this.timer(this.options.readyTimeoutMs ?? 60_000, () => {
      if (this.ready) return;
      this.crashNote = `The search process did not start within ${Math.round((this.options.readyTimeoutMs ?? 60_000) / 1000)} s.`;
      log.error(this.crashNote);
      this.kill();
    });
  }

  /** Asks the child to checkpoint and exit; kills it if it has not exited after the grace period. */
  stop(): void {
    const child = this.child;
    if (!child || this.exited || this.stopRequested) return;
    this.stopRequested = true;
    if (!this.requestSent) {
      // Nothing has started yet, so there is nothing to checkpoint.
      this.options.log.info('stop before the search began: ending the search process');
      this.kill();
      return;
    }
    this.options.log.info(`asking the search process to checkpoint and stop (kill after ${Math.round(this.options.stopGraceMs / 1000)} s)`);
    this.send({ type: 'stop' });
    this.timer(this.options.stopGraceMs, () => {
      if (this.exited) return;
      this.options.log.warn('the search process did not stop in time: killing it');
      this.crashNote ??= `The search process did not stop within ${Math.round(this.options.stopGraceMs / 1000)} s and was killed; finished phases are kept.`;
      this.kill();
    });
  }

  /** Ends the child (and its process group) at once. */
  kill(): void {
    const child = this.child;
    if (!child || this.exited || child.pid === undefined) return;
    try {
      if (process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }

  private get exited(): boolean {
    return !this.child || this.child.exitCode !== null || this.child.signalCode !== null;
  }

  private receive(raw: unknown, request: ChildRequest): void {
    const parsed = parseChildMessage(raw);
    if (!parsed.ok) {
      this.dropped++;
      this.options.log.warn(`dropped a message from the search process: ${parsed.error}`);
      return;
    }
    const msg: ChildMessage = parsed.value;
    switch (msg.type) {
      case 'ready':
        if (this.ready) return;
        this.ready = true;
        if (msg.pid !== this.child?.pid) this.options.log.warn(`the search process says its pid is ${msg.pid}, but it is ${this.child?.pid}`);
        if (this.stopRequested) {
          this.kill();
          return;
        }
        this.requestSent = this.send(request);
        return;
      case 'event':
        if (!this.ready) {
          this.dropped++;
          this.options.log.warn(`dropped an event that came before 'ready': ${msg.event.type}`);
          return;
        }
        if (msg.event.type === 'run-started') this.runDir = msg.event.runDir;
        this.onEventEmitter.fire(msg.event);
        return;
      case 'fatal':
        this.report ??= { kind: 'fatal', message: msg.message, runDir: msg.runDir ?? this.runDir, exit: { code: null, signal: null } };
        this.options.log.error(`search failed: ${msg.message}`);
        this.expectExit();
        return;
      case 'done':
        this.report ??= { kind: 'done', status: msg.status, runDir: msg.runDir ?? this.runDir, exit: { code: null, signal: null } };
        this.options.log.info(`search ${msg.status}${msg.runDir ? `: ${msg.runDir}` : ''}`);
        this.expectExit();
        return;
    }
  }

  /** After its final report the child should exit by itself; if it lingers, end it. */
  private expectExit(): void {
    this.timer(this.options.exitAfterDoneMs ?? 10_000, () => {
      if (this.exited) return;
      this.options.log.warn('the search process did not exit after its final report: killing it');
      this.kill();
    });
  }

  private send(message: ChildRequest): boolean {
    const child = this.child;
    if (!child?.connected) return false;
    try {
      child.send(message);
      return true;
    } catch (err) {
      this.options.log.warn(`could not send '${message.type}' to the search process: ${(err as Error).message}`);
      return false;
    }
  }

  private timer(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private settled = false;

  private finish(exit: ChildExit, note?: string): void {
    if (this.settled) return;
    this.settled = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.onEventEmitter.dispose();
    if (this.dropped) this.options.log.warn(`${this.dropped} invalid message(s) from the search process were dropped`);
    let outcome: ChildOutcome;
    if (this.report) outcome = { ...this.report, exit };
    else if (this.stopRequested && !this.requestSent) outcome = { kind: 'done', status: 'stopped', runDir: this.runDir, exit };
    else {
      const message = note ?? this.crashNote ?? describeChildExit(exit, this.stderrTail);
      outcome = { kind: 'crashed', message, runDir: this.runDir, exit };
      this.options.log.error(message);
    }
    this.options.log.info(`search process ended (${exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`})`);
    this.resolveOutcome(outcome);
  }
}
