/** What every view of the panel can read and do; implemented by PanelApp. */
import type { CodeTarget, FromWebview } from '../src/shared/protocol';
import type { TableSort } from './logic/candidates';
import type { CostKey, FrontSelection } from './logic/front';
import type { PanelStore } from './panel-store';
import type { UiState } from './ui-state';

export interface PanelContext {
  readonly store: PanelStore;
  readonly ui: Readonly<UiState>;
  /** Code flavour for open/insert; undefined lets the host pick (e.g. from the teacher's source). */
  readonly codeTarget: CodeTarget | undefined;
  selectBlock(block: number): void;
  /** `commit` is false while a slider is dragged, true when it is let go. */
  setBudgetIndex(index: number, commit: boolean): void;
  setCostKey(key: CostKey): void;
  setSort(sort: TableSort): void;
  setFilter(filter: string): void;
  setCodeTarget(target: CodeTarget | undefined): void;
  /** The Pareto selection for the current slider position and cost key. */
  selection(): FrontSelection | undefined;
  /** The architecture the diff and actions use: the slider's pick, else the engine's chosen one. */
  activeArchitecture(): { candidates: string[]; source: 'budget' | 'chosen' } | undefined;
  post(message: FromWebview): boolean;
  /** Posts an architecture action with the current code target. */
  sendCandidates(type: 'open-candidate' | 'insert-architecture' | 'show-diff', candidates: string[]): boolean;
}
