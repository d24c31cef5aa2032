/**
 * What the architecture diff's caption says it shows. Until the user moves the budget slider
 * the slider sits at the run's own budget and the diff shows the run's pick, so the caption
 * names it, with that budget. Once the slider moved (or the panel shows another cost's front,
 * where the run's budget picks something else) it is the best architecture within the slider's
 * budget, and the caption says whether that is the run's pick.
 */
import type { RunState } from '../../src/shared/run-state';
import { formatCount } from './format';
import type { CostKey } from './front';

export interface DiffCaptionInput {
  /** The candidates the diff shows, and where they come from (see PanelContext.activeArchitecture). */
  shown: readonly string[];
  source: 'budget' | 'chosen';
  /** Whether the user has moved the slider (the UI state holds a slider position). */
  sliderMoved: boolean;
  /** The slider's budget, when the diff follows it. */
  budget?: { key: CostKey; value: number };
  chosen?: Pick<NonNullable<RunState['chosen']>, 'candidates' | 'budget'>;
  /** Where the teacher came from (its file), when the host said. */
  teacherSource?: string;
}

const UNIT: Record<CostKey, string> = { flops: 'FLOPs', params: 'params' };

/** "≤ 4.48M FLOPs", "≤ 4.48M FLOPs and ≤ 150k params", or "no budget". */
export function describeBudget(budget: { flops?: number; params?: number }): string {
  const parts = (['flops', 'params'] as const).flatMap((k) => (budget[k] !== undefined ? [`≤ ${formatCount(budget[k])} ${UNIT[k]}`] : []));
  return parts.length ? parts.join(' and ') : 'no budget';
}

function blocksDiffering(a: readonly string[], b: readonly string[]): number {
  return a.filter((id, i) => b[i] !== id).length;
}

export function diffCaption(input: DiffCaptionInput): string {
  const { shown, chosen } = input;
  const runBudget = chosen ? describeBudget(chosen.budget) : '';
  const runPick = `The run’s pick (its budget: ${runBudget})`;
  let what: string;
  if (input.source === 'chosen' || !input.budget) what = chosen ? runPick : 'The architecture the run picked';
  else {
    const differs = chosen ? blocksDiffering(shown, chosen.candidates) : 0;
    if (chosen && !input.sliderMoved && differs === 0) what = runPick;
    else {
      what = `The best architecture within the slider’s budget (≤ ${formatCount(input.budget.value)} ${UNIT[input.budget.key]})`;
      if (chosen) what += differs === 0 ? `, which is also the run’s pick (its budget: ${runBudget})` : `; the run’s pick (its budget: ${runBudget}) differs in ${differs} block${differs === 1 ? '' : 's'}`;
    }
  }
  const teacher = input.teacherSource ? ` Teacher: ${input.teacherSource}.` : '';
  return `${what}.${teacher} Stem and head are the teacher’s own.`;
}
