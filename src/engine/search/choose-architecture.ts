/**
 * The search phase: every ranked candidate of every depth variant becomes an option of its block,
 * the exact Pareto fronts (score vs FLOPs, score vs params) are built, and the best architecture
 * under the budget is chosen exactly. Stem and head costs are fixed and included in every total.
 */
import type { ArchitectureSpec } from '../../shared/architecture';
import type { SearchConfig } from '../../shared/config/search-config';
import type { Cost } from '../../shared/cost';
import type { FrontPointInfo, RankedCandidate } from '../../shared/events';
import { parseOpId, type SearchSpaceSpec } from '../../shared/search-space';
import type { TeacherCut } from '../teacher/cut-teacher';
import { searchUnderBudget, type Budget, type Selection } from './budgeted-search';
import { paretoFront, type BlockOption, type CostKey } from './pareto-front';

export interface BlockCandidates {
  /** Options of one block across its depth variants, with their candidate ids. */
  ids: string[];
  options: BlockOption[];
}

export function blockCandidates(blockIndex: number, rankings: { depth: number; candidates: RankedCandidate[] }[]): BlockCandidates {
  const ids: string[] = [];
  const options: BlockOption[] = [];
  for (const r of rankings) {
    for (const c of r.candidates) {
      options.push({ index: ids.length, score: c.score, flops: c.flops, params: c.params });
      ids.push(`b${blockIndex}.d${r.depth}:${c.ops}`);
    }
  }
  return { ids, options };
}

/** The budget in absolute numbers: fractions are of the teacher's whole-network cost. */
export function absoluteBudget(budget: SearchConfig['budget'], teacher: Cost): Budget {
  const out: Budget = {};
  const flops = [budget.flops, budget.flopsFraction !== undefined ? budget.flopsFraction * teacher.flops : undefined].filter((v): v is number => v !== undefined);
  const params = [budget.params, budget.paramsFraction !== undefined ? budget.paramsFraction * teacher.params : undefined].filter((v): v is number => v !== undefined);
  if (flops.length) out.flops = Math.floor(Math.min(...flops));
  if (params.length) out.params = Math.floor(Math.min(...params));
  return out;
}

export function frontInfo(blocks: BlockCandidates[], key: CostKey, fixed: Cost): FrontPointInfo[] {
  return paretoFront(blocks.map((b) => b.options), key, fixed).map((p) => ({
    score: p.score,
    flops: p.flops,
    params: p.params,
    candidates: p.choice.map((c, b) => blocks[b].ids[c]),
  }));
}

/** The concrete network of one candidate per block: teacher stem, chosen blocks, teacher head. */
export function architectureOf(name: string, space: SearchSpaceSpec, cut: TeacherCut, candidates: string[], runId?: string): ArchitectureSpec {
  return {
    name,
    inputShape: cut.inputShape,
    numClasses: cut.numClasses,
    family: space.family,
    stem: cut.stem,
    head: cut.head,
    blocks: candidates.map((id, b) => {
      const spec = space.blocks[b];
      const ops = id.slice(id.indexOf(':') + 1).split('-').map(parseOpId);
      return { index: spec.index, name: spec.name, inputShape: spec.inputShape, outputShape: spec.outputShape, stride: spec.stride, width: spec.width, ops };
    }),
    provenance: runId ? { runId } : undefined,
  };
}

export interface Choice {
  budget: Budget;
  selection: Selection;
  candidates: string[];
}

export function chooseUnderBudget(blocks: BlockCandidates[], budget: Budget, fixed: Cost): Choice {
  const selection = searchUnderBudget(blocks.map((b) => b.options), budget, fixed);
  return { budget, selection, candidates: selection.choice.map((c, b) => blocks[b].ids[c]) };
}
