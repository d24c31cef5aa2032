/**
 * What the user is told when a search ends: success with the result, a stop with "Resume", and
 * every kind of failure with "Show Log" and (when there is a run folder) "Resume".
 */
import * as vscode from 'vscode';
import type { RunState } from '../../shared/run-state';
import type { ChildOutcome } from './child-supervisor';

export interface EndNoticeActions {
  showLog(): void;
  resume(runDir: string): void;
  openPanel(runDir: string): void;
}

function compact(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)}G` : n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n);
}

export function resultLine(state: RunState): string {
  const s = state.summary;
  if (!s) return '';
  const acc = (a: number) => `${(a * 100).toFixed(1)}%`;
  return (
    ` Student: ${compact(s.student.params)} params, ${compact(s.student.flops)} FLOPs, ${acc(s.student.testAccuracy)} test accuracy` +
    ` (teacher: ${compact(s.teacher.params)}, ${compact(s.teacher.flops)}, ${acc(s.teacher.testAccuracy)}).`
  );
}

export function showEndNotice(name: string, outcome: ChildOutcome, state: RunState, actions: EndNoticeActions): void {
  const runDir = outcome.runDir;
  const act = (choice: string | undefined) => {
    if (choice === 'Show Log') actions.showLog();
    else if (choice === 'Resume' && runDir) actions.resume(runDir);
    else if (choice === 'Open Panel' && runDir) actions.openPanel(runDir);
  };
  const failureButtons = runDir ? ['Show Log', 'Resume'] : ['Show Log'];
  if (outcome.kind === 'done' && outcome.status === 'completed') {
    void vscode.window.showInformationMessage(`DNA Search "${name}" finished.${resultLine(state)}`, ...(runDir ? ['Open Panel'] : [])).then(act);
  } else if (outcome.kind === 'done' && outcome.status === 'stopped') {
    void vscode.window
      .showInformationMessage(`DNA Search "${name}" stopped. Finished phases are kept${runDir ? '; Resume continues where it stopped' : ''}.`, ...(runDir ? ['Resume'] : []))
      .then(act);
  } else if (outcome.kind === 'done') {
    void vscode.window
      .showErrorMessage(`DNA Search "${name}" failed${state.finishMessage ? `: ${state.finishMessage}` : ''}. Finished phases are kept.`, ...failureButtons)
      .then(act);
  } else if (outcome.kind === 'fatal') {
    void vscode.window.showErrorMessage(`DNA Search "${name}": ${outcome.message}`, ...failureButtons).then(act);
  } else {
    void vscode.window
      .showErrorMessage(`DNA Search "${name}": ${outcome.message}${runDir ? ' Finished phases are kept.' : ''}`, ...failureButtons)
      .then(act);
  }
}
