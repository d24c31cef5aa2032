/**
 * Starts, stops and resumes the search of this window (one at a time), and owns its session.
 * Each start passes the gates in order — workspace trust, no search already running, a valid
 * saved config, a free run folder — before any process is started. The extension stays healthy
 * whatever the child does: every end, including a crash, arrives as one ChildOutcome.
 */
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { lockObstacle, readLockState } from '../run-folders/run-lock';
import { readRunFolder, NotARunFolderError } from '../run-folders/run-folder';
import { pickResumableRun } from '../run-folders/pick-run';
import { readSettings } from '../settings';
import { ensureTrusted } from '../trust';
import { checkConfigBeforeStart } from '../config/check-before-start';
import type { ConfigDiagnostics } from '../config/config-diagnostics';
import { createStarterConfig } from '../config/create-starter-config';
import { configChoiceFromArg, runDirFromArg } from '../command-args';
import type { ChildOutcome } from './child-supervisor';
import { showEndNotice } from './end-notice';
import { demoLabel, pickConfig } from './pick-config';
import { SearchSession, type SessionInit } from './search-session';
import { buildStartRequest } from './start-request';
import { showSearchProgress } from './search-progress';

export const RUNNING_CONTEXT_KEY = 'dnaSearch.running';

export interface SearchEnd {
  session: SearchSession;
  outcome: ChildOutcome;
}

export interface SearchControllerDeps {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  diagnostics: ConfigDiagnostics;
  runsDir(): string;
  openPanel(runDir: string): void;
}

export class SearchController implements vscode.Disposable {
  private session?: SearchSession;
  private readonly onDidStartEmitter = new vscode.EventEmitter<SearchSession>();
  private readonly onDidEndEmitter = new vscode.EventEmitter<SearchEnd>();
  readonly onDidStart = this.onDidStartEmitter.event;
  readonly onDidEnd = this.onDidEndEmitter.event;

  constructor(private readonly deps: SearchControllerDeps) {
    void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT_KEY, false);
  }

  /** The search running in this window, if any. */
  get active(): SearchSession | undefined {
    return this.session;
  }

  async start(arg?: unknown): Promise<SearchSession | undefined> {
    if (!ensureTrusted('starts searches')) return undefined;
    if (this.refuseIfBusy()) return undefined;
    let choice = configChoiceFromArg(arg);
    if (!choice) {
      const picked = await pickConfig();
      if (!picked) return undefined;
      if (picked.kind === 'create') {
        await createStarterConfig();
        return undefined;
      }
      choice = picked;
    }
    let configText: string | undefined;
    if (choice.kind === 'file') {
      const gate = await checkConfigBeforeStart(choice.file, this.deps.diagnostics, this.deps.log);
      if (!gate.ok) return undefined;
      configText = gate.text;
    }
    if (this.refuseIfBusy()) return undefined; // a search may have started while we asked
    const runsDir = this.deps.runsDir();
    try {
      await mkdir(runsDir, { recursive: true });
    } catch (err) {
      void vscode.window.showErrorMessage(`DNA Search: cannot create the runs folder ${runsDir}: ${(err as Error).message}. Check the dnaSearch.runsFolder setting.`);
      return undefined;
    }
    const settings = readSettings(choice.kind === 'file' ? vscode.Uri.file(choice.file) : undefined);
    const request = buildStartRequest(choice, runsDir, settings, configText);
    const label = choice.kind === 'file' ? vscode.workspace.asRelativePath(choice.file) : demoLabel(choice.preset);
    this.deps.log.info(`starting a search: ${label} (runs in ${runsDir})`);
    return this.run({ request, label }, choice.kind === 'file' ? dirname(choice.file) : undefined);
  }

  async resume(arg?: unknown): Promise<SearchSession | undefined> {
    if (!ensureTrusted('resumes searches')) return undefined;
    if (this.refuseIfBusy()) return undefined;
    const runDir = runDirFromArg(arg) ?? (await pickResumableRun(this.deps.runsDir()));
    if (!runDir) return undefined;
    let folder;
    try {
      folder = await readRunFolder(runDir);
    } catch (err) {
      const why = err instanceof NotARunFolderError ? err.message : `cannot read ${runDir}: ${(err as Error).message}`;
      void vscode.window.showErrorMessage(`DNA Search: ${why}`);
      return undefined;
    }
    if (folder.readOnlyReason) {
      void vscode.window.showErrorMessage(`DNA Search cannot resume "${folder.name}". ${folder.readOnlyReason}`);
      return undefined;
    }
    if (folder.manifest?.status === 'completed') {
      void vscode.window.showInformationMessage(`DNA Search: "${folder.name}" has already finished; there is nothing to resume.`);
      return undefined;
    }
    const obstacle = lockObstacle(runDir, await readLockState(runDir));
    if (obstacle) {
      void vscode.window.showErrorMessage(`DNA Search cannot resume "${folder.name}". ${obstacle}`);
      return undefined;
    }
    if (this.refuseIfBusy()) return undefined;
    this.deps.log.info(`resuming ${runDir}`);
    return this.run({ request: { type: 'resume', runDir }, label: folder.name, priorEvents: folder.events });
  }

  /** Asks the running search to checkpoint and stop (killed after the grace period). */
  stop(): boolean {
    if (!this.session) {
      void vscode.window.showInformationMessage('DNA Search: no search is running in this window.');
      return false;
    }
    this.session.stop();
    return true;
  }

  private refuseIfBusy(): boolean {
    const s = this.session;
    if (!s) return false;
    void vscode.window.showWarningMessage(`DNA Search: "${s.name}" is still running in this window; stop it before starting another.`, 'Stop Search', 'Open Panel').then((c) => {
      if (c === 'Stop Search') s.stop();
      else if (c === 'Open Panel' && s.runDir) this.deps.openPanel(s.runDir);
    });
    return true;
  }

  private run(init: SessionInit, cwd?: string): SearchSession {
    const settings = readSettings();
    const session = new SearchSession(init, {
      script: vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'search-child.js').fsPath,
      execPath: settings.nodeExecutable || undefined,
      cwd: cwd ?? vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath ?? homedir(),
      log: this.deps.log,
      stopGraceMs: settings.stopGraceMs,
    });
    this.session = session;
    // The engine's own log lines join its stdout/stderr in the log channel, at their level.
    session.onEvent((e) => {
      if (e.type === 'log') this.deps.log[e.level](`[engine] ${e.message}`);
      else if (e.type === 'run-finished') this.deps.log.info(`run finished: ${e.status}${e.message ? `: ${e.message}` : ''}`);
    });
    void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT_KEY, true);
    this.onDidStartEmitter.fire(session);
    showSearchProgress(session);
    void session.outcome.then((outcome) => this.ended(session, outcome));
    session.start();
    return session;
  }

  private ended(session: SearchSession, outcome: ChildOutcome): void {
    if (this.session === session) this.session = undefined;
    void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT_KEY, !!this.session);
    this.onDidEndEmitter.fire({ session, outcome });
    showEndNotice(session.name, outcome, session.state, {
      showLog: () => this.deps.log.show(true),
      resume: (runDir) => void this.resume(runDir),
      openPanel: (runDir) => this.deps.openPanel(runDir),
    });
  }

  /** On window close: ask the child to checkpoint, and make sure it is gone within a few seconds. */
  async shutdown(graceMs = 4_000): Promise<void> {
    const s = this.session;
    if (!s) return;
    s.stop();
    const timer = setTimeout(() => s.kill(), graceMs);
    await s.outcome;
    clearTimeout(timer);
  }

  dispose(): void {
    this.session?.kill();
    this.onDidStartEmitter.dispose();
    this.onDidEndEmitter.dispose();
  }
}
