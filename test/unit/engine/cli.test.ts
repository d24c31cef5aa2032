// The CLI as a user runs it, in its own process: exit codes, the summary table, clear errors.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

test('Ctrl-C in a terminal (SIGINT to the whole process group, job processes too) stops the run: exit 130, resumable', async () => {
  const slow = await makeTinySearch({ distill: { epochs: 40, batchSize: 16 } });
  // Its own process group, like a terminal's foreground job: the signal reaches every process in it.
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/engine/cli/main.ts'), 'search', '--config', slow.configFile, '--runs-dir', slow.runsDir, '--json'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('"type":"distill-progress"')) resolve();
    });
    void exited.then(() => reject(new Error(`the CLI ended before training: ${stderr}`)));
  });
  process.kill(-child.pid!, 'SIGINT');
  const [code] = await exited;
  assert.equal(code, 130, stderr);
  assert.match(stderr, /Stopped\. Continue with: node \S*main\.ts search --resume /);
  const [runDir] = readdirSync(slow.runsDir);
  assert.equal(JSON.parse(readFileSync(join(slow.runsDir, runDir, 'run.json'), 'utf8')).status, 'stopped');
  assert.doesNotMatch(stderr, /failed/);
});

test('validate checks what a search would refuse: schema, data and teacher files, budget (exit 2 with the reason)', () => {
  const runs = () => (existsSync(tiny.runsDir) ? readdirSync(tiny.runsDir).length : 0);
  const runsBefore = runs();
  const ok = cli(['validate', tiny.configFile]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /tiny\.dna\.json: valid \(schema, data, teacher and budget checked\)/);
  const variant = (name: string, change: (c: Record<string, unknown>) => void) => {
    const c = JSON.parse(readFileSync(tiny.configFile, 'utf8')) as Record<string, unknown>;
    change(c);
    const file = join(tiny.dir, name);
    writeFileSync(file, JSON.stringify(c));
    return cli(['validate', file]);
  };
  const noTeacher = variant('no-teacher.dna.json', (c) => ((c.teacher as { model: string }).model = 'teacher/modle.json'));
  assert.equal(noTeacher.status, 2);
  assert.match(noTeacher.stderr, /no-teacher\.dna\.json: .*teacher\/modle\.json: model file not found/);
  const tooSmall = variant('small.dna.json', (c) => (c.budget = { flopsFraction: 0.01 }));
  assert.equal(tooSmall.status, 2);
  assert.match(tooSmall.stderr, /small\.dna\.json: FLOPs budget .* is below the smallest network of this space/);
  assert.equal(runs(), runsBefore, 'validate never creates a run folder');
});
