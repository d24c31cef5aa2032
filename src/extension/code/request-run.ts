/** The run and the candidates a code request is about: from the request, else asked for. */
import * as vscode from 'vscode';
import { resolveArchitecture, ChoiceError, type ArchitectureChoice } from './architecture-choice';
import type { CodeRequest } from './code-args';
import { cancelled, refuse, type CodeContext, type NotDone } from './code-context';
import { pickArchitecture, pickRun } from './pickers';
import type { RunCodeData } from './run-code-data';

export async function requestedRun(ctx: CodeContext, req: CodeRequest, title: string, usable: (d: RunCodeData) => boolean, none: string): Promise<RunCodeData | NotDone> {
  if (req.runDir) {
    try {
      return await ctx.runs.get(req.runDir);
    } catch (err) {
      return refuse(`DNA Search: ${(err as Error).message}`);
    }
  }
  return (await pickRun(ctx.runsDir(), ctx.runs, title, usable, none)) ?? cancelled(title);
}

/** The architecture of the request (asking for the run and then the architecture when not given). */
export async function requestedArchitecture(ctx: CodeContext, req: CodeRequest, title: string): Promise<ArchitectureChoice | NotDone> {
  const data = await requestedRun(ctx, req, title, (d) => !!d.base, 'no run has an architecture to write as code yet');
  if ('done' in data) return data;
  const candidates = req.candidates ?? (await pickArchitecture(data, title));
  if (!candidates) return cancelled(title);
  try {
    return resolveArchitecture(data, candidates);
  } catch (err) {
    if (err instanceof ChoiceError) return refuse(err.message);
    throw err;
  }
}

export function isNotDone<T extends object>(v: T | NotDone): v is NotDone {
  return 'done' in v && (v as NotDone).done === false;
}

/** Where a document opened from a command goes: next to the file the user works in, not into the panel's group. */
export function codeColumn(ctx: CodeContext): vscode.ViewColumn {
  return ctx.editors.current()?.viewColumn ?? vscode.ViewColumn.One;
}
