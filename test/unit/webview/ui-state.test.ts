import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFromWebview } from '../../../src/shared/protocol';
import { DEFAULT_UI_STATE, restoreUiState, uiStateMessage } from '../../../webview/ui-state';

test('UI state restores what was saved and falls back field by field on junk', () => {
  const saved = { block: 3, budgetIndex: 4200, costKey: 'params', sort: { key: 'flops', dir: 'desc' }, filter: 'k5' };
  assert.deepEqual(restoreUiState(JSON.parse(JSON.stringify(saved))), saved);
  assert.deepEqual(restoreUiState(undefined), DEFAULT_UI_STATE);
  assert.deepEqual(restoreUiState('nonsense'), DEFAULT_UI_STATE);
  const junk = restoreUiState({ block: -1, budgetIndex: 1e9, costKey: 'money', sort: { key: 'evil', dir: 'up' }, filter: 42 });
  assert.deepEqual(junk, DEFAULT_UI_STATE);
  assert.deepEqual(restoreUiState({ block: 2 }), { ...DEFAULT_UI_STATE, block: 2 });
});

test('the ui-state message carries only what the protocol persists, and validates', () => {
  const msg = uiStateMessage(restoreUiState({ block: 1, budgetIndex: 7, costKey: 'params', filter: 'x' }));
  assert.deepEqual(msg, { type: 'ui-state', state: { block: 1, costKey: 'params', budgetIndex: 7 } });
  assert.ok(parseFromWebview(msg).ok);
  const untouched = uiStateMessage(DEFAULT_UI_STATE);
  assert.deepEqual(untouched.state, { block: 0, costKey: 'flops' });
  assert.ok(parseFromWebview(untouched).ok);
});
