/**
 * The seam between the search panel (and the Runs tree) and the code features: open a candidate
 * as code, insert an architecture into the user's file, show the diff against the teacher's
 * source. The panel host validates the webview's request and calls one of these; src/extension/code/
 * implements the interface, and services.ts hands that implementation to the panels.
 */
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
