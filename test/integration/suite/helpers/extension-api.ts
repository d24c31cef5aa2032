// The extension under test, activated, and its API (what activate() returns).
import * as vscode from 'vscode';
import type { DnaSearchApi, DnaSearchHandle } from '../../../../src/extension/api';

export const EXTENSION_ID = 'dna-search.dna-search';

/** The activation result itself (activation time, the lazy services). */
export async function activateDna(): Promise<DnaSearchApi> {
  const ext = vscode.extensions.getExtension<DnaSearchApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  return ext.activate();
}

/** The services behind the commands and views (loads them if nothing has yet). */
export async function dnaApi(): Promise<DnaSearchHandle> {
  return (await activateDna()).ready();
}

export function extensionPath(): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  return ext.extensionPath;
}

export function workspaceDir(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('the integration tests need a workspace folder');
  return f.uri.fsPath;
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
