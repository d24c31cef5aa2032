/**
 * Quick picks of the code commands: a run (only those that have what the command needs), one of a
 * run's architectures (the chosen one and every Pareto point), a code target. Each returns
 * undefined when the user cancels, after saying why when there is nothing to pick.
 */
import * as vscode from 'vscode';
import { TARGET_LABELS } from '../../codegen';
import type { CodeTarget } from '../../shared/protocol';
import { listRuns } from '../run-folders/run-list';
import { architectureOptions } from './architecture-choice';
import { compact } from './format';
import type { RunCodeCache, RunCodeData } from './run-code-data';

export async function pickRun(runsDir: string, runs: RunCodeCache, title: string, usable: (d: RunCodeData) => boolean, none: string): Promise<RunCodeData | undefined> {
  const summaries = await listRuns(runsDir).catch(() => []);
  const found = (await Promise.all(summaries.map((s) => runs.get(s.runDir).catch(() => undefined)))).filter((d): d is RunCodeData => !!d && usable(d));
  if (!found.length) {
    void vscode.window.showInformationMessage(`DNA Search: ${none} (runs folder: ${runsDir}).`);
    return undefined;
  }
  if (found.length === 1) return found[0];
  const items = found.map((d) => ({
    label: d.name,
    description: `${d.state.status}${d.state.chosen ? ` · ${compact(d.state.chosen.cost.flops)} FLOPs` : ''}`,
    detail: d.runDir,
    data: d,
  }));
  return (await vscode.window.showQuickPick(items, { title, placeHolder: 'Pick a run' }))?.data;
}

/** One of the run's whole architectures; no question when it has only one. */
export async function pickArchitecture(data: RunCodeData, title: string): Promise<string[] | undefined> {
  const options = architectureOptions(data, compact);
  if (!options.length) {
    void vscode.window.showInformationMessage(`DNA Search: run "${data.name}" has not chosen an architecture yet; open a block's candidate from the Runs view or the panel instead.`);
    return undefined;
  }
  const distinct = options.filter((o, i) => options.findIndex((p) => p.candidates.join() === o.candidates.join()) === i);
  if (distinct.length === 1) return distinct[0].candidates;
  const picked = await vscode.window.showQuickPick(options, { title, placeHolder: 'Which architecture? (the chosen one, or a point of the Pareto front: score vs FLOPs)', matchOnDetail: true });
  return picked?.candidates;
}

export async function pickTarget(allowed: readonly CodeTarget[], preferred: CodeTarget | undefined, title: string): Promise<CodeTarget | undefined> {
  const ordered = preferred && allowed.includes(preferred) ? [preferred, ...allowed.filter((t) => t !== preferred)] : [...allowed];
  const items = ordered.map((t) => ({ label: TARGET_LABELS[t], description: t, target: t }));
  return (await vscode.window.showQuickPick(items, { title, placeHolder: 'Which framework?' }))?.target;
}
