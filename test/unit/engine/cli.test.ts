// The CLI as a user runs it, in its own process: exit codes, the summary table, clear errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { makeTinySearch, type TinySearch } from './fixtures/tiny-search';

const root = join(import.meta.dirname, '../../..');
let tiny: TinySearch;

function cli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/engine/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 300_000 });
}

before(async () => {
  tiny = await makeTinySearch();
});

test('search --config runs to the end on wasm, exits 0 and prints teacher vs found', () => {
  const r = cli(['search', '--config', tiny.configFile, '--runs-dir', tiny.runsDir, '--backend', 'wasm', '--workers', '1']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /backend: wasm \(tfjs-backend-wasm/);
  assert.match(r.stdout, /params\s+\S+\s+\S+\s+\d+\.\d%/);
  assert.match(r.stdout, /FLOPs \(mult-adds\)/);
  assert.match(r.stdout, /test accuracy\s+\d+\.\d\d%\s+\d+\.\d\d%/);
  assert.match(r.stdout, /block 0 stage1/);
  assert.match(r.stdout, /Retrained model: .*model\/model\.json/);
  assert.equal(readdirSync(tiny.runsDir).length, 1);
});

test('a config with errors exits 2 with file:line:column problems and writes nothing', () => {
  const bad = join(tiny.dir, 'broken.dna.json');
  writeFileSync(bad, '{\n  "distill": { "epochs": 0 },\n  "budget": { "flopsFraction": 2 }\n}\n');
  const r = cli(['search', '--config', bad, '--runs-dir', join(tiny.dir, 'other-runs')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /broken\.dna\.json:2:\d+: distill\.epochs: epochs must be > 0/);
  assert.match(r.stderr, /broken\.dna\.json:3:\d+: budget\.flopsFraction: /);
  assert.ok(!existsSync(join(tiny.dir, 'other-runs')));
});

test('usage errors and resuming a folder that is not a run exit 2 with the reason', () => {
  const usage = cli(['search', '--preset', 'quick', '--config', 'x.json']);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /give only one of --preset, --config and --resume/);
  const notRun = cli(['search', '--resume', tiny.dir]);
  assert.equal(notRun.status, 2);
  assert.match(notRun.stderr, /not a DNA Search run folder/);
});
