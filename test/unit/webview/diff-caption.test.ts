import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBudget, diffCaption } from '../../../webview/logic/diff-caption';
import { formatCount } from '../../../webview/logic/format';
import { selectOnFront, type CostKey } from '../../../webview/logic/front';
import { finalState } from './fixture';

const chosen = finalState.chosen!;

/** The caption the panel shows for a slider position (undefined: not moved), as PanelApp picks what the diff shows. */
function captionAt(key: CostKey, sliderIndex: number | undefined): { caption: string; shown: string[] } {
  const sel = selectOnFront(finalState.pareto[key], key, sliderIndex, chosen)!;
  assert.ok(sel.point, `a point fits at ${sliderIndex}`);
  const shown = sel.point.candidates;
  return { shown, caption: diffCaption({ shown, source: 'budget', sliderMoved: sliderIndex !== undefined, budget: { key, value: sel.budget }, chosen, teacherSource: 'model.py' }) };
}

test('before the slider moves, the caption names the run’s pick and its budget, not “the best within the budget”', () => {
  assert.deepEqual(chosen.budget, { flops: chosen.budget.flops }, 'the fixture run had a FLOPs budget');
  const { shown, caption } = captionAt('flops', undefined);
  assert.deepEqual(shown, chosen.candidates, 'the unmoved slider shows the run’s pick');
  assert.equal(caption, `The run’s pick (its budget: ≤ ${formatCount(chosen.budget.flops!)} FLOPs). Teacher: model.py. Stem and head are the teacher’s own.`);
  assert.doesNotMatch(caption, /slider/);
});

test('once the slider moved, the caption says it is the best for the slider’s budget, and how it compares with the run’s pick', () => {
  const cheapest = captionAt('flops', 0);
  const sel = selectOnFront(finalState.pareto.flops, 'flops', 0, chosen)!;
  const differs = cheapest.shown.filter((id, b) => chosen.candidates[b] !== id).length;
  assert.ok(differs > 0, 'the cheapest point is not the run’s pick');
  assert.equal(
    cheapest.caption,
    `The best architecture within the slider’s budget (≤ ${formatCount(sel.budget)} FLOPs); the run’s pick (its budget: ≤ ${formatCount(chosen.budget.flops!)} FLOPs) differs in ${differs} block${differs === 1 ? '' : 's'}. Teacher: model.py. Stem and head are the teacher’s own.`,
  );
  // Moved back onto the run's budget: the same architecture, but the slider chose it.
  const back = selectOnFront(finalState.pareto.flops, 'flops', undefined, chosen)!.sliderIndex;
  const same = captionAt('flops', back);
  assert.deepEqual(same.shown, chosen.candidates);
  assert.match(same.caption, /^The best architecture within the slider’s budget \(≤ [^)]+ FLOPs\), which is also the run’s pick \(its budget: ≤ [^)]+ FLOPs\)\./);
});

test('another cost’s front, slider not moved: the run’s FLOPs budget picks another architecture there, and the caption says so', () => {
  const { shown, caption } = captionAt('params', undefined);
  assert.notDeepEqual(shown, chosen.candidates, 'in this fixture the params front’s default point is not the run’s pick');
  assert.match(caption, /^The best architecture within the slider’s budget \(≤ [^)]+ params\); the run’s pick \(its budget: ≤ [^)]+ FLOPs\) differs in \d+ blocks?\./);
});

test('without a front the diff shows the run’s pick; without a pick, only the slider’s budget', () => {
  assert.equal(diffCaption({ shown: chosen.candidates, source: 'chosen', sliderMoved: true, chosen }), `The run’s pick (its budget: ≤ ${formatCount(chosen.budget.flops!)} FLOPs). Stem and head are the teacher’s own.`);
  assert.equal(
    diffCaption({ shown: chosen.candidates, source: 'budget', sliderMoved: false, budget: { key: 'params', value: 150_000 } }),
    'The best architecture within the slider’s budget (≤ 150k params). Stem and head are the teacher’s own.',
  );
  assert.equal(describeBudget({}), 'no budget');
  assert.equal(describeBudget({ flops: 4_455_760, params: 150_000 }), '≤ 4.46M FLOPs and ≤ 150k params');
});
