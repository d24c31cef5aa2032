/** Quick picks over the runs folder: a run to resume, or any run to open. */
import * as vscode from 'vscode';
import { isResumable, listRuns, type RunSummary } from './run-list';

interface Item extends vscode.QuickPickItem {
  run: RunSummary;
}

function item(r: RunSummary): Item {
  const when = r.manifest ? new Date(r.manifest.updatedAt).toLocaleString() : '';
  return { label: r.name, description: `${r.status}${when ? ` · ${when}` : ''}`, detail: r.runDir, run: r };
}

export async function pickResumableRun(runsDir: string): Promise<string | undefined> {
  const runs = (await listRuns(runsDir)).filter(isResumable);
  if (!runs.length) {
    void vscode.window.showInformationMessage(`DNA Search: no stopped or interrupted runs in ${runsDir}. Use "Open Run…" for a run folder elsewhere.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(runs.map(item), { title: 'DNA: Resume Search', placeHolder: 'Pick a run to resume' });
  return picked?.run.runDir;
}
