import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateConfigText } from '../../../src/shared/config/validate-config';
import { SearchConfigSchema } from '../../../src/shared/config/search-config';
import { PRESETS } from '../../../src/shared/config/presets';

test('an empty config is the built-in default run', () => {
  const r = validateConfigText('{}');
  assert.ok(r.ok);
  assert.equal(r.config.teacher.model, 'builtin:fashion-mnist-mobilenetv2');
  assert.deepEqual(r.config.data.dataset, { kind: 'builtin-fashion-mnist', variant: 'subset' });
  assert.equal(r.config.space.ops.length, 6);
  assert.deepEqual(r.config.budget, { flopsFraction: 0.5 });
});

test('every invalid field is reported with its path, reason, line and column', () => {
  const text = ['{', '  "distill": {', '    "epochs": -2,', '    "speed": "fast"', '  },', '  "space": { "ops": [ { "kernel": 4, "expansion": 3 } ] },', '  "seed": "one"', '}'].join('\n');
  const r = validateConfigText(text);
  assert.equal(r.ok, false);
  if (r.ok) return;
  const byField = Object.fromEntries(r.problems.map((p) => [p.field + '|' + p.message, p]));
  const epochs = r.problems.find((p) => p.field === 'distill.epochs')!;
  assert.equal(epochs.message, 'epochs must be > 0');
  assert.deepEqual([epochs.line, epochs.column], [3, 15]);
  const unknown = r.problems.find((p) => p.message.includes('unknown field'))!;
  assert.equal(unknown.field, 'distill');
  assert.match(unknown.message, /"speed"/);
  assert.equal(unknown.line, 4);
  const kernel = r.problems.find((p) => p.field === 'space.ops.0.kernel')!;
  assert.equal(kernel.line, 6);
  assert.match(kernel.message, /odd size/);
  const seed = r.problems.find((p) => p.field === 'seed')!;
  assert.equal(seed.line, 7);
  assert.equal(r.problems.length, 4, JSON.stringify(Object.keys(byField)));
});

test('JSON syntax errors are positioned', () => {
  const r = validateConfigText('{\n  "seed": 1,\n  "name": \n}');
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.match(r.problems[0].message, /JSON syntax error/);
  assert.equal(r.problems[0].line, 4);
});

test('comments and trailing commas are accepted like VS Code settings', () => {
  const r = validateConfigText('{\n // quick try\n "seed": 3,\n}');
  assert.ok(r.ok);
  assert.equal(r.config.seed, 3);
});

test('presets validate', () => {
  for (const [name, preset] of Object.entries(PRESETS)) {
    const r = SearchConfigSchema.safeParse(preset);
    assert.ok(r.success, `${name}: ${r.success ? '' : r.error.message}`);
  }
});
