// The starter config the extension writes must be a valid config (the engine would run it as-is).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isConfigFileName } from '../../../src/extension/config/config-files';
import { STARTER_CONFIG_NAME, starterConfigText } from '../../../src/extension/config/starter-config';
import { validateConfigText } from '../../../src/shared/config/validate-config';

test('the starter config validates and keeps its name', () => {
  const r = validateConfigText(starterConfigText('my "odd" search'));
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.problems));
  if (r.ok) {
    assert.equal(r.config.name, 'my "odd" search');
    assert.equal(r.config.budget.flopsFraction, 0.5);
  }
});

test('config file names: *.dna.json and dna-search.json only', () => {
  assert.ok(isConfigFileName(STARTER_CONFIG_NAME));
  assert.ok(isConfigFileName('/w/sub/mnist.dna.json'));
  assert.ok(isConfigFileName('/w/dna-search.json'));
  assert.ok(!isConfigFileName('/w/package.json'));
  assert.ok(!isConfigFileName('/w/dna.json'));
  assert.ok(!isConfigFileName('/w/my-dna-search.json'));
});
