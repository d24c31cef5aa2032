// Settings are defaults; a config file is specific.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildStartRequest, configHasBudget } from '../../../src/extension/search/start-request';
import { parseChildRequest } from '../../../src/shared/protocol';

const auto = { backend: 'auto', workers: 'auto', budgetFlopsFraction: 0.5 } as const;

test('auto settings add no backend/worker overrides; a demo gets the default budget', () => {
  const r = buildStartRequest({ kind: 'preset', preset: 'quick' }, '/runs', auto);
  assert.deepEqual(r, { type: 'start', config: { preset: 'quick' }, runsDir: '/runs', overrides: { budget: { flopsFraction: 0.5 } } });
  assert.ok(parseChildRequest(r).ok, 'the request satisfies the shared schema');
});

test('explicit settings override; a config with its own budget keeps it', () => {
  const text = '{ // comments are fine\n "name": "x", "budget": { "paramsFraction": 0.3 } }';
  assert.equal(configHasBudget(text), true);
  const r = buildStartRequest({ kind: 'file', file: '/w/a.dna.json' }, '/runs', { backend: 'wasm', workers: 3, budgetFlopsFraction: 0.25 }, text);
  assert.deepEqual(r.overrides, { backend: 'wasm', workers: 3 });
  assert.deepEqual(r.config, { file: '/w/a.dna.json' });
});

test('a config without a budget gets the default budget setting; none when the setting is unset', () => {
  const text = '{ "name": "x", "distill": { "budget": 1 } }';
  assert.equal(configHasBudget(text), false, 'only a top-level budget counts');
  assert.deepEqual(buildStartRequest({ kind: 'file', file: '/a.dna.json' }, '/r', auto, text).overrides, { budget: { flopsFraction: 0.5 } });
  assert.deepEqual(buildStartRequest({ kind: 'file', file: '/a.dna.json' }, '/r', { ...auto, budgetFlopsFraction: undefined }, text).overrides, {});
});
