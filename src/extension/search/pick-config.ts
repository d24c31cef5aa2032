/**
 * The quick pick of "Start Architecture Search": the workspace's search configs, the built-in
 * Fashion-MNIST demos, and "create a starter config".
 */
import * as vscode from 'vscode';
import { CONFIG_FIND_EXCLUDE, CONFIG_FIND_GLOB } from '../config/config-files';
import type { ConfigChoice } from './start-request';

export type PickedConfig = ConfigChoice | { kind: 'create' };

interface Item extends vscode.QuickPickItem {
  choice?: PickedConfig;
}

export const DEMOS: { preset: string; label: string; detail: string }[] = [
  {
    preset: 'quick',
    label: 'Fashion-MNIST quick demo',
    detail: 'The whole pipeline shrunk to about a minute (preset "quick"): a smoke test.',
  },
  {
    preset: 'default',
    label: 'Fashion-MNIST demo',
    detail: 'The built-in MobileNetV2 teacher on the embedded Fashion-MNIST subset, budget 50% of its FLOPs (preset "default"; minutes).',
  },
];

export function demoLabel(preset: string): string {
  return DEMOS.find((d) => d.preset === preset)?.label ?? `preset "${preset}"`;
}

export async function pickConfig(): Promise<PickedConfig | undefined> {
  const files = await vscode.workspace.findFiles(CONFIG_FIND_GLOB, CONFIG_FIND_EXCLUDE, 200);
  files.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  const items: Item[] = [];
  if (files.length) items.push({ label: 'Search configs in this workspace', kind: vscode.QuickPickItemKind.Separator });
  for (const uri of files) {
    const rel = vscode.workspace.asRelativePath(uri);
    items.push({ label: `$(file-code) ${rel.split('/').pop()}`, description: rel, choice: { kind: 'file', file: uri.fsPath } });
  }
  items.push({ label: 'Built-in demos', kind: vscode.QuickPickItemKind.Separator });
  for (const d of DEMOS) items.push({ label: `$(beaker) ${d.label}`, detail: d.detail, choice: { kind: 'preset', preset: d.preset } });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({
    label: '$(new-file) Create a starter config…',
    detail: 'Writes a commented search.dna.json to edit for your own data and teacher.',
    choice: { kind: 'create' },
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: 'DNA: Start Architecture Search',
    placeHolder: files.length ? 'Pick a search config or a demo' : 'No *.dna.json or dna-search.json here yet: run a demo or create a config',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.choice;
}
