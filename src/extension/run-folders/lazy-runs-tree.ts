/**
 * The Runs view's provider at activation: a stand-in that loads the real provider (runs-tree.ts,
 * with everything it reads runs with) the first time the view asks for its children, then
 * forwards to it. Creating the view costs nothing until it is shown.
 */
import * as vscode from 'vscode';
import type { RunsNode, RunsTreeProvider } from './runs-tree';

export class LazyRunsTree implements vscode.TreeDataProvider<RunsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RunsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private real?: RunsTreeProvider;
  private sub?: vscode.Disposable;

  constructor(private readonly load: () => Promise<RunsTreeProvider>) {}

  async getChildren(node?: RunsNode): Promise<RunsNode[]> {
    if (!this.real) {
      this.real = await this.load();
      this.sub = this.real.onDidChangeTreeData((n) => this.changed.fire(n ?? undefined));
    }
    return this.real.getChildren(node);
  }

  /** Only called for nodes getChildren returned, so the real provider is loaded by then. */
  getTreeItem(node: RunsNode): vscode.TreeItem {
    return this.real!.getTreeItem(node);
  }

  dispose(): void {
    this.sub?.dispose();
    this.changed.dispose();
  }
}
