/**
 * "Export Model": copies a run's retrained TF.js model (model/model.json and its weight files) into
 * a folder the user picks. Files already there are replaced only after the user says so.
 */
import { constants } from 'node:fs';
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { runFile } from '../../shared/run-layout';
import type { CodeRequest } from './code-args';
import { cancelled, refuse, type CodeContext, type NotDone } from './code-context';
import { requestedRun } from './request-run';

export interface Exported {
  done: true;
  destination: string;
  /** Absolute paths of the copied files. */
  files: string[];
}

export async function exportModel(ctx: CodeContext, req: CodeRequest): Promise<Exported | NotDone> {
  const title = 'DNA: Export Model';
  const data = await requestedRun(ctx, req, title, (d) => d.hasModel, 'no run has a retrained model yet (a run saves it when its retrain phase finishes)');
  if ('done' in data) return data;
  const modelDir = runFile(data.runDir, 'model');
  if (!data.hasModel) {
    return refuse(`DNA Search: run "${data.name}" has no retrained model (${modelDir}/model.json is missing); it is saved when the run's retrain phase finishes.`);
  }
  let destination = req.destination;
  if (!destination) {
    const picked = await vscode.window.showOpenDialog({ title: `${title}: where to copy the model of run "${data.name}"`, canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Export Here' });
    if (!picked?.[0]) return cancelled(title);
    destination = picked[0].fsPath;
  }
  const names = (await readdir(modelDir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name).sort();
  await mkdir(destination, { recursive: true });
  const clashes = (await Promise.all(names.map(async (n) => ((await stat(join(destination!, n)).catch(() => undefined)) ? n : undefined)))).filter((n): n is string => !!n);
  if (clashes.length) {
    const replace = 'Replace';
    const answer = await vscode.window.showWarningMessage(`DNA Search: ${destination} already has ${clashes.join(', ')}. Replace ${clashes.length === 1 ? 'it' : 'them'} with the model of run "${data.name}"?`, { modal: true }, replace);
    if (answer !== replace) return cancelled(title);
  }
  const files: string[] = [];
  try {
    for (const n of names) {
      const to = join(destination, n);
      await copyFile(join(modelDir, n), to, clashes.includes(n) ? 0 : constants.COPYFILE_EXCL);
      files.push(to);
    }
  } catch (err) {
    return refuse(`DNA Search: copying the model to ${destination} failed after ${files.length} of ${names.length} files: ${(err as Error).message}`);
  }
  void vscode.window.showInformationMessage(`DNA Search: exported the model of run "${data.name}" (${names.join(', ')}) to ${destination}. Load it with tf.loadLayersModel on model.json.`);
  return { done: true, destination, files };
}
