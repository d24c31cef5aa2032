/**
 * Which run a model file in the editor belongs to, and where its model and blocks are. A run
 * applies to a file when its config named the file as teacher.sourceFile, or — for any TF.js,
 * Keras or PyTorch file — when the file names the layers of at least half of the run's teacher
 * blocks. The newest such run with a chosen architecture wins (config-named before name-matched).
 * Also which search configs name the file, for "start a search".
 */
import { dirname, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { parse as parseJsonc } from 'jsonc-parser';
import * as vscode from 'vscode';
import { analyzeSource, tryLanguageOf, type SourceAnalysis } from '../../codegen';
import { CONFIG_FIND_EXCLUDE, CONFIG_FIND_GLOB } from '../config/config-files';
import { listRuns, type RunSummary } from '../run-folders/run-list';
import { resolveArchitecture, type ArchitectureChoice } from './architecture-choice';
import type { RunCodeCache, RunCodeData } from './run-code-data';

/** Runs looked at for a file, newest first. */
const RUNS_CONSIDERED = 20;
const RUN_LIST_KEPT_MS = 3_000;

export interface ModelFileMatch {
  data: RunCodeData;
  /** The run's chosen architecture. */
  choice: ArchitectureChoice;
  analysis: SourceAnalysis;
  via: 'config' | 'names';
}

export class ModelFileRuns implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Runs were added, finished or removed; configs changed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private runsWatcher?: vscode.FileSystemWatcher;
  private watchedDir?: string;
  private configs?: Promise<Map<string, string[]>>;
  private readonly analyses = new Map<string, { key: string; analysis: SourceAnalysis }>();
  /**
   * The runs folder's listing, kept until a run starts, finishes or goes (the watcher says so), and
   * for a few seconds at most: a watcher set up before the runs folder existed may miss its creation.
   */
  private runList?: { at: number; runs: Promise<RunSummary[]> };
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly runsDir: () => string,
    private readonly runs: RunCodeCache,
  ) {
    const configWatcher = vscode.workspace.createFileSystemWatcher(CONFIG_FIND_GLOB);
    const configsChanged = () => {
      this.configs = undefined;
      this.changedSoon();
    };
    this.disposables.push(
      configWatcher,
      configWatcher.onDidCreate(configsChanged),
      configWatcher.onDidChange(configsChanged),
      configWatcher.onDidDelete(configsChanged),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dnaSearch.runsFolder')) this.changedSoon();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        for (const k of this.analyses.keys()) if (k.startsWith(`${d.uri.toString()}#`)) this.analyses.delete(k);
      }),
    );
    this.watchRuns();
  }

  /** A finished phase, a new or deleted run: run.json changes at start and end, the rest appear as phases finish. */
  private watchRuns(): void {
    const dir = this.runsDir();
    if (dir === this.watchedDir) return;
    this.runsWatcher?.dispose();
    this.watchedDir = dir;
    this.runsWatcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '*/{run.json,architecture.json,summary.json,config.json}'));
    const soon = () => this.changedSoon();
    this.runsWatcher.onDidCreate(soon);
    this.runsWatcher.onDidChange(soon);
    this.runsWatcher.onDidDelete(soon);
  }

  changedSoon(): void {
    this.runList = undefined;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.watchRuns();
      this.changed.fire();
    }, 250);
  }

  /** The run that applies to this document, or undefined. */
  async match(document: vscode.TextDocument): Promise<ModelFileMatch | undefined> {
    if (document.uri.scheme !== 'file') return undefined;
    const language = tryLanguageOf({ languageId: document.languageId, fileName: document.fileName });
    if (!language) return undefined;
    const path = document.uri.fsPath;
    if (!this.runList || Date.now() - this.runList.at > RUN_LIST_KEPT_MS) this.runList = { at: Date.now(), runs: listRuns(this.runsDir()).catch(() => []) };
    const summaries = (await this.runList.runs).slice(0, RUNS_CONSIDERED);
    const runs = (await Promise.all(summaries.map((s) => this.runs.get(s.runDir).catch(() => undefined)))).filter((d): d is RunCodeData => !!d?.state.chosen);

    const byConfig = runs.find((d) => d.sourceFile && resolve(d.sourceFile) === path);
    if (byConfig) return this.matchOf(byConfig, document, language, 'config');
    let best: { data: RunCodeData; analysis: SourceAnalysis } | undefined;
    for (const data of runs) {
      if (!data.teacherBlocks.length) continue;
      const analysis = this.analyze(document, language, data);
      if (analysis.blocks.length * 2 < data.teacherBlocks.length || !analysis.blocks.length) continue;
      if (!best || analysis.blocks.length > best.analysis.blocks.length) best = { data, analysis };
    }
    return best ? this.matchOf(best.data, document, language, 'names') : undefined;
  }

  private matchOf(data: RunCodeData, document: vscode.TextDocument, language: NonNullable<ReturnType<typeof tryLanguageOf>>, via: ModelFileMatch['via']): ModelFileMatch | undefined {
    let choice: ArchitectureChoice;
    try {
      choice = resolveArchitecture(data, data.state.chosen!.candidates);
    } catch {
      return undefined;
    }
    return { data, choice, analysis: this.analyze(document, language, data), via };
  }

  private analyze(document: vscode.TextDocument, language: NonNullable<ReturnType<typeof tryLanguageOf>>, data: RunCodeData): SourceAnalysis {
    const key = `${document.uri.toString()}#${data.runDir}`;
    const version = `${document.version}:${data.state.lastEventAt}`;
    const cached = this.analyses.get(key);
    if (cached?.key === version) return cached.analysis;
    const analysis = analyzeSource(document.getText(), language, data.teacherBlocks);
    this.analyses.set(key, { key: version, analysis });
    return analysis;
  }

  /** The search configs in the workspace whose teacher.sourceFile is this file. */
  async configsNaming(path: string): Promise<string[]> {
    this.configs ??= this.readConfigs();
    return (await this.configs).get(path) ?? [];
  }

  private async readConfigs(): Promise<Map<string, string[]>> {
    const bySource = new Map<string, string[]>();
    const files = await vscode.workspace.findFiles(CONFIG_FIND_GLOB, CONFIG_FIND_EXCLUDE, 500);
    await Promise.all(
      files.map(async (uri) => {
        const json = parseJsonc(await readFile(uri.fsPath, 'utf8').catch(() => '')) as { teacher?: { sourceFile?: unknown } } | undefined;
        const source = json?.teacher?.sourceFile;
        if (typeof source !== 'string' || !source) return;
        const abs = resolve(dirname(uri.fsPath), source);
        bySource.set(abs, [...(bySource.get(abs) ?? []), uri.fsPath].sort());
      }),
    );
    return bySource;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.runsWatcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
