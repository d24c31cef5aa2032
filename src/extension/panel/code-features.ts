/**
 * The seam between the search panel (and the Runs tree) and the code features of issue 5: open a
 * candidate as code, insert an architecture into the user's file, show the diff against the
 * teacher's source. The panel host validates the webview's request and calls one of these; the
 * code-features work (src/extension/code/) implements the interface and is passed to
 * `registerPanels` in extension.ts instead of `pendingCodeFeatures`.
 */
import * as vscode from 'vscode';
import type { CodeTarget } from '../../shared/protocol';

export interface CandidateRequest {
  /** The run folder the request is about (absolute path). */
  runDir: string;
  /**
   * Candidate ids "b<block>.d<depth>:<ops>" (ops joined by '-', e.g. "b0.d2:k3e6-k5e3"): one per
   * block for a whole architecture, or a single block's candidate. Already validated.
   */
  candidates: string[];
  /** The language asked for; undefined = let the feature choose (e.g. the active editor's). */
  target?: CodeTarget;
}

export interface CodeFeatures {
  /** Open the architecture / candidate as a read-only virtual document. */
  openCandidate(request: CandidateRequest): Promise<void>;
  /** Insert the architecture at the cursor (or replace the marked model region) as one undoable edit. */
  insertArchitecture(request: CandidateRequest): Promise<void>;
  /** Open VS Code's diff editor: the teacher's source file vs the same file with this architecture in place. */
  showDiff(request: Omit<CandidateRequest, 'target'>): Promise<void>;
}

/** Until issue 5 lands: say plainly what was asked and that it is not available yet (no fake success). */
export const pendingCodeFeatures: CodeFeatures = {
  async openCandidate(r) {
    void vscode.window.showInformationMessage(
      `DNA Search: opening ${describe(r.candidates)}${r.target ? ` as ${r.target}` : ''} as code is not available in this version yet.`,
    );
  },
  async insertArchitecture(r) {
    void vscode.window.showInformationMessage(
      `DNA Search: inserting ${describe(r.candidates)}${r.target ? ` as ${r.target}` : ''} into your code is not available in this version yet.`,
    );
  },
  async showDiff(r) {
    void vscode.window.showInformationMessage(
      `DNA Search: the diff of ${describe(r.candidates)} against the teacher's source is not available in this version yet.`,
    );
  },
};

function describe(ids: string[]): string {
  return ids.length === 1 ? `candidate ${ids[0]}` : `the architecture ${ids.join(', ')}`;
}
