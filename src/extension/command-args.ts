/**
 * Commands are run from the palette (no argument), from menus (a Uri or a Runs-tree node) and
 * from other code or tests (a path or a small object). These turn any of those into what the
 * command needs, or undefined when it should ask.
 */
import { resolve } from 'node:path';
import * as vscode from 'vscode';
import type { ConfigChoice } from './search/start-request';

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
}

/** A run folder from: an absolute path, a file Uri, a Runs-tree node, or { runDir }. */
export function runDirFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg) return resolve(arg);
  if (arg instanceof vscode.Uri) return arg.scheme === 'file' ? arg.fsPath : undefined;
  const r = asRecord(arg);
  if (typeof r?.runDir === 'string') return resolve(r.runDir);
  return undefined;
}

/** A config from: a file Uri (explorer / editor menus), { file }, { preset }. */
export function configChoiceFromArg(arg: unknown): ConfigChoice | undefined {
  if (arg instanceof vscode.Uri) return arg.scheme === 'file' ? { kind: 'file', file: arg.fsPath } : undefined;
  const r = asRecord(arg);
  if (typeof r?.preset === 'string') return { kind: 'preset', preset: r.preset };
  if (typeof r?.file === 'string') return { kind: 'file', file: resolve(r.file) };
  return undefined;
}
