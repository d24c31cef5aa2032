/**
 * The read-only virtual documents of the code features, as URIs of their own scheme: an
 * architecture (or candidate) generated in a language, or a user's model file with an architecture
 * in place (the diff editor's right side). Everything the content provider needs is in the URI, so
 * a document reopened after a reload regenerates itself, and nothing is written to disk. The path
 * ends in the target's file extension: VS Code picks the document's language from it and shows it
 * as the tab title. Kept free of heavy imports: the activation bundle uses it too.
 */
import * as vscode from 'vscode';
import type { CodeTarget } from '../../shared/protocol';

export const CODE_SCHEME = 'dna-search-code';

const TARGETS: readonly CodeTarget[] = ['tfjs-ts', 'tfjs-js', 'keras', 'pytorch'];
const EXTENSIONS: Record<CodeTarget, string> = { 'tfjs-ts': '.ts', 'tfjs-js': '.js', keras: '.py', pytorch: '.py' };

export type CodeDocRef =
  /** An architecture or candidate generated as a whole file. */
  | { kind: 'architecture'; runDir: string; candidates: string[]; target: CodeTarget }
  /** `sourceFile` with the architecture in place of its model; `target` only when the file's imports cannot tell. */
  | { kind: 'replaced'; runDir: string; candidates: string[]; sourceFile: string; target?: CodeTarget };

/** A name safe for a path segment (no slashes, no characters a tab title would show oddly). */
function segment(text: string): string {
  return text.replace(/[\\/:*?"<>|#%]+/g, ' ').replace(/\s+/g, ' ').trim() || 'architecture';
}

/**
 * `label` becomes the tab title (without the extension). For a replaced file the title is the file's
 * own name, so the diff editor reads "model.py ↔ model.py".
 */
export function codeDocUri(ref: CodeDocRef, runName: string, label: string): vscode.Uri {
  const query = new URLSearchParams({ run: ref.runDir, c: ref.candidates.join(',') });
  let path: string;
  if (ref.kind === 'architecture') {
    query.set('t', ref.target);
    path = `/${segment(runName)}/${segment(label)}${EXTENSIONS[ref.target]}`;
  } else {
    query.set('src', ref.sourceFile);
    if (ref.target) query.set('t', ref.target);
    const base = ref.sourceFile.replace(/^.*[\\/]/, '');
    path = `/${segment(runName)}/${segment(label)}/${base}`;
  }
  return vscode.Uri.from({ scheme: CODE_SCHEME, path, query: query.toString() });
}

/** The reference a URI of this scheme stands for, or undefined when it is not one (or is damaged). */
export function parseCodeDocUri(uri: vscode.Uri): CodeDocRef | undefined {
  if (uri.scheme !== CODE_SCHEME) return undefined;
  const q = new URLSearchParams(uri.query);
  const runDir = q.get('run');
  const candidates = (q.get('c') ?? '').split(',').filter(Boolean);
  const t = q.get('t') ?? undefined;
  const target = t && (TARGETS as readonly string[]).includes(t) ? (t as CodeTarget) : undefined;
  if (!runDir || !candidates.length || (t && !target)) return undefined;
  const sourceFile = q.get('src');
  if (sourceFile) return { kind: 'replaced', runDir, candidates, sourceFile, target };
  return target ? { kind: 'architecture', runDir, candidates, target } : undefined;
}
