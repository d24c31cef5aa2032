/**
 * The code commands are run from the palette (no argument), the Runs tree (a run or candidate
 * node), CodeLenses, the search panel (a CandidateRequest) and other code or tests (a small
 * object). This turns any of those into one request; missing parts are asked for later.
 */
import { resolve } from 'node:path';
import * as vscode from 'vscode';
import type { CodeTarget } from '../../shared/protocol';

export interface CodeRequest {
  runDir?: string;
  candidates?: string[];
  target?: CodeTarget;
  /** The model file (diff, explain). */
  file?: string;
  /** Export Model: the folder to copy into (otherwise a folder dialog asks). */
  destination?: string;
}

const TARGETS = ['tfjs-ts', 'tfjs-js', 'keras', 'pytorch'];
const CANDIDATE_ID = /^b\d+\.d\d+:[\w-]+$/;

export function codeRequestFromArg(arg: unknown): CodeRequest {
  if (typeof arg === 'string' && arg) return { runDir: resolve(arg) };
  if (arg instanceof vscode.Uri) return arg.scheme === 'file' ? { file: arg.fsPath } : {};
  if (typeof arg !== 'object' || arg === null) return {};
  const r = arg as Record<string, unknown>;
  const out: CodeRequest = {};
  if (typeof r.runDir === 'string' && r.runDir) out.runDir = resolve(r.runDir);
  // A Runs-tree candidate node carries its id; a request carries a list.
  if (r.kind === 'candidate' && typeof r.id === 'string' && CANDIDATE_ID.test(r.id)) out.candidates = [r.id];
  else if (Array.isArray(r.candidates) && r.candidates.length && r.candidates.every((c) => typeof c === 'string' && CANDIDATE_ID.test(c))) out.candidates = [...(r.candidates as string[])];
  if (typeof r.target === 'string' && TARGETS.includes(r.target)) out.target = r.target as CodeTarget;
  if (typeof r.file === 'string' && r.file) out.file = resolve(r.file);
  else if (r.file instanceof vscode.Uri && r.file.scheme === 'file') out.file = r.file.fsPath;
  if (typeof r.destination === 'string' && r.destination) out.destination = resolve(r.destination);
  return out;
}
