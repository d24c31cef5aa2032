// The finished run the code-feature suites work on, made by the real engine: a search through the
// extension's own Start command (the engine child, dist/search-child.js) on the tiny real setup
// the harness writes into the workspace (a small MobileNetV2 teacher with the built-in teacher's
// layer names, stages stage1 and stage2), with a config whose teacher.sourceFile is the Keras
// example. The examples (examples/) are copied into the workspace first, so their teacher files
// can be opened, decorated and compared. Made once per test run and shared by the code-* suites.
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { architectureForCandidates } from '../../../src/codegen';
import type { ArchitectureSpec } from '../../../src/shared/architecture';
import type { FrontPointInfo, TeacherBlockInfo } from '../../../src/shared/events';
import type { ActiveSearchInfo } from '../../../src/extension/api';
import { dnaApi, extensionPath, waitFor, workspaceDir } from './helpers/extension-api';

export interface CodeRun {
  runDir: string;
  /**
   * architecture.json: the chosen architecture and its candidate ids; `written` is it as the code
   * features write it (architectureForCandidates: its provenance names the candidate ids).
   */
  chosen: { architecture: ArchitectureSpec; candidates: string[]; written: ArchitectureSpec };
  teacherBlocks: TeacherBlockInfo[];
  front: FrontPointInfo[];
  /** The example teacher files, copied into the workspace. */
  examples: { keras: string; pytorch: string; tfjs: string };
  /** The config that names the Keras example as teacher.sourceFile. */
  config: string;
}

export const SEARCH_TIMEOUT_MS = 6 * 60_000;

let made: Promise<CodeRun> | undefined;

/** Why the run cannot be made here, or undefined when it can. */
export function codeRunUnavailable(): string | undefined {
  const tiny = join(workspaceDir(), 'tiny-search');
  const missing = [join(extensionPath(), 'dist', 'search-child.js'), join(tiny, 'tiny.dna.json')].filter((f) => !existsSync(f));
  if (!missing.length) return undefined;
  const why = existsSync(join(tiny, 'UNAVAILABLE.txt')) ? ` (${readFileSync(join(tiny, 'UNAVAILABLE.txt'), 'utf8').trim()})` : '';
  return `the code-feature tests need a real finished run, made from ${missing.join(' and ')}, which do not exist${why}`;
}

/** Skips the suite, saying why, when the run cannot be made. */
export function skipWithoutCodeRun(ctx: Mocha.Context): void {
  const why = codeRunUnavailable();
  if (!why) return;
  console.log(`SKIPPED: ${why}.`);
  ctx.skip();
}

function copyExamples(): CodeRun['examples'] {
  const to = join(workspaceDir(), 'code-examples');
  for (const folder of ['keras', 'pytorch', 'tfjs-typescript']) {
    cpSync(join(extensionPath(), 'examples', folder), join(to, folder), { recursive: true, filter: (src) => !src.includes('__pycache__') });
  }
  return {
    keras: join(to, 'keras', 'mobilenetv2_teacher.py'),
    pytorch: join(to, 'pytorch', 'mobilenetv2_teacher.py'),
    tfjs: join(to, 'tfjs-typescript', 'mobilenetv2-teacher.ts'),
  };
}

async function make(): Promise<CodeRun> {
  const examples = copyExamples();
  const tiny = join(workspaceDir(), 'tiny-search');
  const config = join(tiny, 'code-features.dna.json');
  const base = JSON.parse(readFileSync(join(tiny, 'tiny.dna.json'), 'utf8'));
  writeFileSync(config, JSON.stringify({ ...base, name: 'code-features', teacher: { ...base.teacher, sourceFile: '../code-examples/keras/mobilenetv2_teacher.py' } }, null, 2));

  const api = await dnaApi();
  const started = new Promise<ActiveSearchInfo>((resolve) => {
    const sub = api.onDidStartSearch((s) => {
      sub.dispose();
      resolve(s);
    });
  });
  await vscode.commands.executeCommand('dnaSearch.startSearch', { file: config });
  const search = await started;
  const outcome = await search.outcome;
  assert.equal(outcome.kind === 'done' ? outcome.status : `${outcome.kind}: ${outcome.message}`, 'completed', 'the search that makes the code-feature run finished');
  const runDir = outcome.runDir!;
  await waitFor('the run to be listed', async () => (await api.runsTree.getChildren()).some((n) => n.runDir === runDir) || undefined);
  const architecture = JSON.parse(readFileSync(join(runDir, 'architecture.json'), 'utf8'));
  const teacher = JSON.parse(readFileSync(join(runDir, 'teacher.json'), 'utf8'));
  const pareto = JSON.parse(readFileSync(join(runDir, 'pareto.json'), 'utf8'));
  return {
    runDir,
    chosen: { architecture: architecture.architecture, candidates: architecture.candidates, written: architectureForCandidates(architecture.architecture, architecture.candidates) },
    teacherBlocks: teacher.cut.blocks,
    front: pareto.flops,
    examples,
    config,
  };
}

/** The shared run (made by the first suite that asks). */
export function codeRun(): Promise<CodeRun> {
  return (made ??= make());
}

/** Opens a file in an editor (focused) and returns the editor. */
export async function openFile(path: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** 0-based lines of `text` matching `pattern`. */
export function linesMatching(text: string, pattern: RegExp): number[] {
  return text.split('\n').flatMap((l, i) => (pattern.test(l) ? [i] : []));
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
