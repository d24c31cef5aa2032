/**
 * The panel's own UI state: what the user selected, kept with the webview's setState (so it
 * survives hide/show and window reloads through the host's serializer) and sent to the host in
 * a 'ui-state' message. Restoring is tolerant: anything malformed falls back to the default.
 */
import type { FromWebview } from '../src/shared/protocol';
import { DEFAULT_SORT, SORT_KEYS, type TableSort } from './logic/candidates';
import { BUDGET_STEPS, type CostKey } from './logic/front';

export interface UiState {
  /** Selected block (graph, details, candidate table). */
  block: number;
  /** Budget slider position; undefined until the user moves it (then it follows the run's budget). */
  budgetIndex?: number;
  costKey: CostKey;
  sort: TableSort;
  filter: string;
}

export const DEFAULT_UI_STATE: UiState = { block: 0, costKey: 'flops', sort: DEFAULT_SORT, filter: '' };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export function restoreUiState(raw: unknown): UiState {
  const s: UiState = { ...DEFAULT_UI_STATE, sort: { ...DEFAULT_SORT } };
  if (!isObject(raw)) return s;
  if (Number.isInteger(raw.block) && (raw.block as number) >= 0) s.block = raw.block as number;
  if (Number.isInteger(raw.budgetIndex) && (raw.budgetIndex as number) >= 0 && (raw.budgetIndex as number) <= BUDGET_STEPS) s.budgetIndex = raw.budgetIndex as number;
  if (raw.costKey === 'flops' || raw.costKey === 'params') s.costKey = raw.costKey;
  if (isObject(raw.sort) && SORT_KEYS.includes(raw.sort.key as TableSort['key']) && (raw.sort.dir === 'asc' || raw.sort.dir === 'desc')) {
    s.sort = { key: raw.sort.key as TableSort['key'], dir: raw.sort.dir };
  }
  if (typeof raw.filter === 'string' && raw.filter.length <= 200) s.filter = raw.filter;
  return s;
}

/** The part of the UI state the host persists (what the protocol carries). */
export function uiStateMessage(s: UiState): Extract<FromWebview, { type: 'ui-state' }> {
  return { type: 'ui-state', state: { block: s.block, costKey: s.costKey, ...(s.budgetIndex !== undefined ? { budgetIndex: s.budgetIndex } : {}) } };
}
