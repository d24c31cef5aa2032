// The pure part of the code features: a run folder read for code (the chosen architecture, or one
// built from teacher.json and the space while a run has not chosen yet), candidate ids resolved
// to an architecture with its numbers, the options a quick pick offers, and the number formats.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { architectureOptions, ChoiceError, resolveArchitecture } from '../../../src/extension/code/architecture-choice';
import { compact, percentChange, pointsChange } from '../../../src/extension/code/format';
import { loadRunCodeData } from '../../../src/extension/code/run-code-data';
import type { ArchitectureSpec } from '../../../src/shared/architecture';
import { architectureCost } from '../../../src/shared/cost';
import type { EngineEvent } from '../../../src/shared/events';
import { sampleEvents, tempRunsDir, writeRun } from './run-fixtures';

const STEM = [
  { kind: 'conv2d', name: 'stem_conv', filters: 16, kernel: 3, stride: 2, padding: 'same', useBias: false, activation: 'linear' },
  { kind: 'batchNorm', name: 'stem_conv_bn', epsilon: 0.001, momentum: 0.99 },
] as const;
const HEAD = [
  { kind: 'globalAvgPool', name: 'head_pool' },
  { kind: 'dense', name: 'classifier', units: 10, useBias: true, activation: 'softmax' },
] as const;

function chosenArchitecture(): ArchitectureSpec {
  return {
    name: 'quick-student',
    inputShape: [28, 28, 1],
    numClasses: 10,
    family: { seRatio: 0.25, activation: 'swish' },
    stem: [...STEM],
    blocks: [
      { index: 0, name: 'stage1', inputShape: [28, 28, 16], outputShape: [14, 14, 24], stride: 2, width: 24, ops: [{ kernel: 3, expansion: 3 }, { kernel: 3, expansion: 3 }] },
      { index: 1, name: 'stage2', inputShape: [14, 14, 24], outputShape: [7, 7, 32], stride: 2, width: 32, ops: [{ kernel: 5, expansion: 3 }] },
    ],
    head: [...HEAD],
    provenance: { runId: 'r1' },
  };
}

/** The sample run, finished: block 1 ranked, a Pareto front and a choice. */
function finishedEvents(runDir: string): EngineEvent[] {
  const arch = chosenArchitecture();
  const cost = architectureCost(arch);
  return [
    ...sampleEvents(runDir),
    { t: 14, type: 'ranking', block: 1, depth: 1, candidates: [{ ops: 'k5e3', score: 0.1, params: 500, flops: 20000 }, { ops: 'k3e3', score: 0.15, params: 400, flops: 15000 }] },
    {
      t: 15,
      type: 'pareto',
      key: 'flops',
      points: [
        { score: 0.5, flops: 1000, params: 100, candidates: ['b0.d1:k3e3', 'b1.d1:k3e3'] },
        { score: 0.3, flops: cost.flops, params: cost.params, candidates: ['b0.d2:k3e3-k3e3', 'b1.d1:k5e3'] },
      ],
    },
    { t: 16, type: 'chosen', budget: { flops: 1e9 }, score: 0.3, cost: { params: cost.params, flops: cost.flops }, candidates: ['b0.d2:k3e3-k3e3', 'b1.d1:k5e3'], architecture: arch },
  ];
}

test('the chosen architecture resolves with its exact cost, summed score and per-block candidates', async () => {
  const runDir = writeRun(tempRunsDir(), 'done', { events: [] });
  writeFileSync(join(runDir, 'events.jsonl'), finishedEvents(runDir).map((e) => JSON.stringify(e)).join('\n') + '\n');
  writeFileSync(join(runDir, 'config.json'), JSON.stringify({ teacher: { sourceFile: '/abs/model.py' } }));
  const data = await loadRunCodeData(runDir);
  assert.equal(data.sourceFile, '/abs/model.py');
  assert.equal(data.hasModel, false);
  const choice = resolveArchitecture(data, ['b0.d2:k3e3-k3e3', 'b1.d1:k5e3']);
  assert.equal(choice.isChosen, true);
  assert.equal(choice.whole, true);
  assert.equal(choice.label, 'quick-student');
  assert.deepEqual(choice.paretoPoint, { index: 2, of: 2 });
  assert.equal(choice.score, 0.2 + 0.1);
  assert.deepEqual({ params: choice.cost.params, flops: choice.cost.flops }, { params: architectureCost(chosenArchitecture()).params, flops: architectureCost(chosenArchitecture()).flops });
  assert.deepEqual(
    choice.blocks.map((b) => b && [b.id, b.rank, b.of, b.chosen]),
    [
      ['b0.d2:k3e3-k3e3', 1, 4, true],
      ['b1.d1:k5e3', 1, 2, true],
    ],
  );
});

test("one block's candidate goes into the chosen architecture in place of that block's choice", async () => {
  const runDir = writeRun(tempRunsDir(), 'one', { events: [] });
  writeFileSync(join(runDir, 'events.jsonl'), finishedEvents(runDir).map((e) => JSON.stringify(e)).join('\n') + '\n');
  const choice = resolveArchitecture(await loadRunCodeData(runDir), ['b0.d2:k5e3-k3e3']);
  assert.equal(choice.whole, false);
  assert.equal(choice.isChosen, false);
  assert.equal(choice.label, 'one · b0.d2:k5e3-k3e3', 'the run (its manifest name) and the candidate');
  assert.deepEqual(choice.arch.blocks.map((b) => b.ops.map((o) => `k${o.kernel}e${o.expansion}`).join('-')), ['k5e3-k3e3', 'k5e3']);
  // Ranked by score across the depth variants: k3e3-k3e3 0.20, k5e3 0.25, k5e3-k3e3 0.27, k3e3 0.30.
  assert.deepEqual(choice.blocks[0] && [choice.blocks[0].rank, choice.blocks[0].of, choice.blocks[0].score, choice.blocks[0].chosen], [3, 4, 0.27, false]);
  assert.equal(choice.score, 0.27 + 0.1);
});

test('bad candidate lists are refused with what is wrong', async () => {
  const runDir = writeRun(tempRunsDir(), 'bad', { events: [] });
  writeFileSync(join(runDir, 'events.jsonl'), finishedEvents(runDir).map((e) => JSON.stringify(e)).join('\n') + '\n');
  const data = await loadRunCodeData(runDir);
  assert.throws(() => resolveArchitecture(data, ['b0.d1:k3e3', 'b0.d2:k3e3-k3e3']), (e: Error) => e instanceof ChoiceError && /two candidates for the same block/.test(e.message));
  assert.throws(() => resolveArchitecture(data, ['b7.d1:k3e3']), (e: Error) => e instanceof ChoiceError && /has no block 7/.test(e.message));
  assert.throws(() => resolveArchitecture(data, ['b0.d2:k3e3']), (e: Error) => e instanceof ChoiceError && /depth 2 but 1 ops/.test(e.message));
});

test('before a run has chosen, candidates go into an architecture built from teacher.json and the space (best-ranked ops so far)', async () => {
  const runDir = writeRun(tempRunsDir(), 'ranking');
  let data = await loadRunCodeData(runDir);
  assert.equal(data.base, undefined);
  assert.match(data.baseMissing!, /not cut its teacher/);
  writeFileSync(join(runDir, 'teacher.json'), JSON.stringify({ cut: { stem: STEM, head: HEAD, blocks: [] } }));
  data = await loadRunCodeData(runDir);
  assert.ok(data.base);
  assert.deepEqual(data.base.stem, STEM);
  // Block 0's best so far is k3e3-k3e3; block 1 is not ranked yet: the space's first op at its smallest depth.
  assert.deepEqual(data.base.blocks.map((b) => b.ops.map((o) => `k${o.kernel}e${o.expansion}`).join('-')), ['k3e3-k3e3', 'k3e3']);
  const choice = resolveArchitecture(data, ['b0.d1:k5e3']);
  assert.equal(choice.isChosen, false);
  assert.equal(choice.blocks[1], undefined, 'no ranking for block 1 yet');
  assert.equal(choice.score, undefined);
  assert.deepEqual(architectureOptions(data, compact), [], 'no whole architecture to offer yet');
});

test('the quick pick offers the chosen architecture first, then every FLOPs-front point', async () => {
  const runDir = writeRun(tempRunsDir(), 'options', { events: [] });
  writeFileSync(join(runDir, 'events.jsonl'), finishedEvents(runDir).map((e) => JSON.stringify(e)).join('\n') + '\n');
  const options = architectureOptions(await loadRunCodeData(runDir), compact);
  assert.deepEqual(
    options.map((o) => [o.label, o.chosen]),
    [
      ['$(star-full) quick-student', true],
      ['Pareto point 1 of 2', false],
      ['Pareto point 2 of 2 (the chosen one)', true],
    ],
  );
  assert.match(options[1].description, /^score 0\.5000 · 1\.0k FLOPs · 100 params$/);
});

test('numbers: compact counts, signed percentages and accuracy points with a real minus sign', () => {
  assert.deepEqual([compact(999), compact(1234), compact(2_500_000), compact(3.2e9)], ['999', '1.2k', '2.50M', '3.20G']);
  assert.equal(percentChange(52, 100), '\u221248%');
  assert.equal(percentChange(103, 100), '+3%');
  assert.equal(percentChange(100.2, 100), '\u00b10%');
  assert.equal(pointsChange(0.912, 0.918), '\u22120.6 pts');
  assert.equal(pointsChange(0.9, 0.9), '\u00b10.0 pts');
  assert.equal(pointsChange(0.925, 0.918), '+0.7 pts');
});
