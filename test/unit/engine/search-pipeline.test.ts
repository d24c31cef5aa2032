// The whole engine on a tiny real setup: every phase, real job processes, the run folder, stop and
// resume, and bad input that must never create or damage a run folder.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { loadLayersModelFromFile } from '../../../src/engine/model/fs-model-io';
import { readEvents } from '../../../src/engine/run/event-log';
import { readArtifact } from '../../../src/engine/run/run-artifacts';
import { runSearch } from '../../../src/engine/run/run-search';
import { architectureCost } from '../../../src/shared/cost';
import type { EngineEvent } from '../../../src/shared/events';
import { foldEvents } from '../../../src/shared/run-state';
import { makeTinySearch, type TinySearch } from './fixtures/tiny-search';

let tiny: TinySearch;
before(async () => {
  tiny = await makeTinySearch();
});

test('a search runs every phase end to end and leaves a self-describing run folder', async () => {
  const seen: EngineEvent[] = [];
  const outcome = await runSearch({ kind: 'new', source: { file: tiny.configFile }, runsDir: tiny.runsDir }, { onEvent: (e) => seen.push(e) });
  assert.equal(outcome.status, 'completed', outcome.error?.message);
  const dir = outcome.runDir;
  for (const f of ['run.json', 'config.json', 'events.jsonl', 'teacher.json', 'space.json', 'pareto.json', 'architecture.json', 'summary.json', 'model/model.json', 'rankings/b0-d1.json', 'rankings/b1-d2.json', 'supernets/b1-d2/state.json']) {
    assert.ok(existsSync(join(dir, f)), `${f} is in the run folder`);
  }
  assert.ok(!existsSync(join(dir, 'cache')), 'the feature cache is removed when the run completes');
  assert.ok(!existsSync(join(dir, 'run.lock')), 'the lock is released');
  assert.equal(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')).status, 'completed');

  // The file replays to exactly what was watched live.
  assert.deepEqual(readEvents(dir).events, seen);
  const state = foldEvents(seen);
  assert.equal(state.status, 'completed');
  assert.deepEqual(Object.values(state.phases), ['done', 'done', 'done', 'done', 'done']);
  assert.equal(state.backend?.kind, 'cpu');
  assert.equal(state.workers, 2);
  // Every path of every supernet was ranked: 2 ops -> 2 + 4 paths per block.
  assert.deepEqual(Object.values(state.supernets).map((s) => s.ranking?.length).sort(), [2, 2, 4, 4]);

  const choice = readArtifact(dir, 'architecture');
  const teacher = readArtifact(dir, 'teacher');
  assert.ok(choice.cost.flops <= 0.9 * teacher.cut.total.flops, 'within the FLOPs budget');
  assert.deepEqual(architectureCost(choice.architecture).params, choice.cost.params);
  const model = await loadLayersModelFromFile(join(dir, 'model/model.json'));
  assert.equal(model.countParams(), choice.cost.params, 'the saved model is the chosen architecture');
  // model.json alone says how to feed it: the normalisation it was trained with, and the classes.
  const meta = JSON.parse(readFileSync(join(dir, 'model/model.json'), 'utf8')).userDefinedMetadata.dnaSearch;
  const runConfig = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  assert.deepEqual({ mean: meta.input.mean, std: meta.input.std }, runConfig.data.normalisation);
  assert.equal(meta.input.classNames.length, teacher.cut.numClasses);
  const summary = readArtifact(dir, 'summary');
  assert.equal(summary.student.flops, choice.cost.flops);
  assert.ok(summary.student.testAccuracy >= 0 && summary.student.testAccuracy <= 1);
  assert.ok(summary.phaseSeconds.distill > 0);
  model.dispose();
});

test("training starts on block 0's maps: the teacher's other maps are cached while it trains, before any other block starts", async () => {
  const cached = (dir: string) => (existsSync(join(dir, 'cache/features')) ? readdirSync(join(dir, 'cache/features')).filter((f) => f.endsWith('.json')).sort() : []);
  let runDir = '';
  let afterPrepare: string[] | undefined;
  const whenOtherBlocksStart: string[][] = [];
  const outcome = await runSearch(
    { kind: 'new', source: { file: tiny.configFile }, runsDir: tiny.runsDir },
    {
      onRunDir: (dir) => (runDir = dir),
      onEvent: (e) => {
        if (e.type === 'phase' && e.phase === 'prepare' && e.state === 'finished') afterPrepare = cached(runDir);
        if (e.type === 'distill-progress' && e.block > 0) whenOtherBlocksStart.push(cached(runDir));
      },
    },
  );
  assert.equal(outcome.status, 'completed', outcome.error?.message);
  // Prepare ran the teacher only up to block 0's output, on the images block 0 trains and is checked on.
  assert.deepEqual(afterPrepare, ['heldOut-b0.json', 'heldOut-b1.json', 'train-b0.json', 'train-b1.json']);
  const all = ['calibration-b0.json', 'calibration-b1.json', 'calibration-b2.json', 'calibration-logits.json', 'heldOut-b0.json', 'heldOut-b1.json', 'heldOut-b2.json', 'heldOut-logits.json', 'train-b0.json', 'train-b1.json', 'train-b2.json', 'train-logits.json'];
  assert.ok(whenOtherBlocksStart.length > 0);
  for (const files of whenOtherBlocksStart) assert.deepEqual(files, all, 'a later block starts only once every map is cached');
});

test('a stopped run resumes where it stopped and never redoes a finished supernet', async () => {
  const controller = new AbortController();
  const first: EngineEvent[] = [];
  const stopped = await runSearch(
    { kind: 'new', source: { file: tiny.configFile }, runsDir: tiny.runsDir },
    {
      signal: controller.signal,
      onEvent: (e) => {
        first.push(e);
        // Stop as soon as two supernets have finished their last epoch.
        if (first.filter((x) => x.type === 'distill-epoch' && x.epoch === 1).length === 2) controller.abort();
      },
    },
  );
  assert.equal(stopped.status, 'stopped', stopped.error?.message);
  assert.equal(JSON.parse(readFileSync(join(stopped.runDir, 'run.json'), 'utf8')).status, 'stopped');
  const finishedBefore = new Set(first.filter((e) => e.type === 'distill-epoch' && e.epoch === 1).map((e) => `${(e as { block: number }).block}.${(e as { depth: number }).depth}`));
  assert.ok(finishedBefore.size >= 2);

  const second: EngineEvent[] = [];
  const resumed = await runSearch({ kind: 'resume', runDir: stopped.runDir }, { onEvent: (e) => second.push(e) });
  assert.equal(resumed.status, 'completed', resumed.error?.message);
  assert.equal(resumed.runDir, stopped.runDir);
  assert.equal((second[0] as { resumed?: boolean }).resumed, true);
  const retrained = new Set(second.filter((e) => e.type === 'distill-progress').map((e) => `${(e as { block: number }).block}.${(e as { depth: number }).depth}`));
  for (const key of finishedBefore) assert.ok(!retrained.has(key), `supernet ${key} finished before the stop and was not trained again`);
  const all = foldEvents(readEvents(stopped.runDir).events);
  assert.equal(all.status, 'completed');
});

test('bad input is refused before any run folder is created', async () => {
  const runsDir = join(tiny.dir, 'runs-bad');
  const attempt = async (patch: (c: Record<string, unknown>) => void, expected: RegExp) => {
    const config = JSON.parse(JSON.stringify(tiny.config));
    patch(config);
    const file = join(tiny.dir, 'bad.dna.json');
    writeFileSync(file, JSON.stringify(config));
    await assert.rejects(runSearch({ kind: 'new', source: { file }, runsDir }), expected);
    assert.ok(!existsSync(runsDir) || readdirSync(runsDir).length === 0, 'no run folder was created');
  };
  await attempt((c) => ((c.data as { dataset: { trainImages: string } }).dataset.trainImages = 'missing.idx'), /missing\.idx/);
  await attempt((c) => ((c.teacher as { model: string }).model = 'nowhere/model.json'), /nowhere\/model\.json: model file not found/);
  await attempt((c) => ((c.teacher as { cuts: string[] }).cuts = ['stem_conv_relu6', 'no_such_layer']), /teacher\.cuts\[1\]: no layer named "no_such_layer"/);
  await attempt((c) => (c.budget = { flopsFraction: 0.05 }), /FLOPs budget .* is below the smallest network of this space/);
  await attempt((c) => ((c.distill as Record<string, unknown>).epochs = 'two'), /bad\.dna\.json:1:\d+: distill\.epochs: /);
});

test('a resume refuses a teacher whose files changed since the run started, and leaves the run as it was', async () => {
  const own = await makeTinySearch();
  const controller = new AbortController();
  const stopped = await runSearch(
    { kind: 'new', source: { file: own.configFile }, runsDir: own.runsDir },
    { signal: controller.signal, onEvent: (e) => e.type === 'distill-progress' && controller.abort() },
  );
  assert.equal(stopped.status, 'stopped', stopped.error?.message);
  const teacherFile = readArtifact(stopped.runDir, 'teacher').cut.file;
  const eventsBefore = readFileSync(join(stopped.runDir, 'events.jsonl'), 'utf8');
  // Same network, other bytes: what a re-saved or retrained teacher looks like.
  writeFileSync(teacherFile, `${readFileSync(teacherFile, 'utf8')}\n`);
  await assert.rejects(runSearch({ kind: 'resume', runDir: stopped.runDir }), /changed since this run started .* Restore the teacher file, or start a new search/);
  assert.equal(JSON.parse(readFileSync(join(stopped.runDir, 'run.json'), 'utf8')).status, 'stopped');
  assert.equal(readFileSync(join(stopped.runDir, 'events.jsonl'), 'utf8'), eventsBefore, 'nothing was written to the run');
  assert.ok(!existsSync(join(stopped.runDir, 'run.lock')), 'the lock is released');
});
