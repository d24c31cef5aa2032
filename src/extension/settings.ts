/**
 * The `dnaSearch.*` settings, read in one place and typed. The shapes here and the
 * `contributes.configuration` section of package.json describe the same settings.
 */
import * as vscode from 'vscode';

export type BackendSetting = 'auto' | 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

export interface SearchSettings {
  backend: BackendSetting;
  workers: 'auto' | number;
  /** Undefined: let the config (or the engine's default) decide. */
  budgetFlopsFraction?: number;
}

export interface ExtensionSettings extends SearchSettings {
  /** As written: absolute, or relative to the first workspace folder. */
  runsFolder: string;
  stopGraceMs: number;
  /** A Node executable for the search process; empty = the extension host's own runtime. */
  nodeExecutable: string;
}

const BACKENDS: BackendSetting[] = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export function readSettings(scope?: vscode.Uri): ExtensionSettings {
  const c = vscode.workspace.getConfiguration('dnaSearch', scope);
  const backend = c.get<string>('backend', 'auto');
  const workers = c.get<number>('workers', 0);
  const fraction = c.get<number | null>('defaultBudget.flopsFraction', 0.5);
  const grace = c.get<number>('stopGracePeriodSeconds', 15);
  return {
    backend: BACKENDS.includes(backend as BackendSetting) ? (backend as BackendSetting) : 'auto',
    workers: Number.isInteger(workers) && workers > 0 ? workers : 'auto',
    budgetFlopsFraction: typeof fraction === 'number' && fraction > 0 && fraction <= 1 ? fraction : undefined,
    runsFolder: c.get<string>('runsFolder', 'dna-runs').trim() || 'dna-runs',
    stopGraceMs: Math.max(1, Number.isFinite(grace) ? grace : 15) * 1000,
    nodeExecutable: c.get<string>('nodeExecutable', '').trim(),
  };
}
