/**
 * Search configs in the Problems view: every config document (see config-files.ts) is checked
 * with the shared validateConfigText as it is opened and edited, and each problem becomes a
 * diagnostic at its exact line and column. The JSON Schema (contributes.jsonValidation) gives
 * completion and hovers; this adds the checks a JSON Schema cannot express and the same
 * wording the engine would refuse the config with.
 */
import * as vscode from 'vscode';
import type { ConfigProblem } from '../../shared/config/locate-issues';
import { validateConfigText } from '../../shared/config/validate-config';
import { isConfigFileName } from './config-files';

const SOURCE = 'DNA Search';
const DEBOUNCE_MS = 250;

export function problemToDiagnostic(problem: ConfigProblem, doc?: vscode.TextDocument): vscode.Diagnostic {
  const start = new vscode.Position(problem.line - 1, problem.column - 1);
  const end = doc ? doc.positionAt(problem.offset + problem.length) : start.translate(0, problem.length);
  const message = problem.field ? `${problem.field}: ${problem.message}` : problem.message;
  const d = new vscode.Diagnostic(new vscode.Range(start, end.isBefore(start) ? start : end), message, vscode.DiagnosticSeverity.Error);
  d.source = SOURCE;
  return d;
}

export class ConfigDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('dna-search');
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.checkSoon(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    );
    for (const d of vscode.workspace.textDocuments) this.check(d);
  }

  isConfig(doc: vscode.TextDocument): boolean {
    return (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled') && isConfigFileName(doc.uri.path);
  }

  /** Validates now and publishes; returns the problems (empty when the config is valid). */
  check(doc: vscode.TextDocument): ConfigProblem[] {
    if (!this.isConfig(doc)) return [];
    const result = validateConfigText(doc.getText());
    const problems = result.ok ? [] : result.problems;
    this.collection.set(doc.uri, problems.map((p) => problemToDiagnostic(p, doc)));
    return problems;
  }

  private checkSoon(doc: vscode.TextDocument): void {
    if (!this.isConfig(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        if (!doc.isClosed) this.check(doc);
      }, DEBOUNCE_MS),
    );
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
