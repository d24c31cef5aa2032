/**
 * From candidate ids to an architecture to write as code, with the numbers the hovers, lenses and
 * decorations show: each block's candidate (rank, score, params, FLOPs, as the run ranked it), the
 * whole network's exact cost, its summed score and where it sits on the Pareto front. The ids are
 * one per block (a whole architecture: the chosen one, a Pareto point) or a single block's
 * candidate, which goes into the chosen architecture in place of that block's choice.
 */
import { architectureForCandidates } from '../../codegen';
import { architectureCost, type ArchitectureCost } from '../../shared/cost';
import type { ArchitectureSpec } from '../../shared/architecture';
import type { FrontPointInfo, TeacherBlockInfo } from '../../shared/events';
import { candidateRows } from '../run-folders/runs-tree-model';
import type { RunCodeData } from './run-code-data';

export interface CandidateStats {
  id: string;
  block: number;
  depth: number;
  ops: string;
  /** 1 = best score of the block (across its depth variants). */
  rank: number;
  of: number;
  score: number;
  params: number;
  flops: number;
  /** In the run's chosen architecture. */
  chosen: boolean;
}

export interface ArchitectureChoice {
  data: RunCodeData;
  arch: ArchitectureSpec;
  candidates: string[];
  /** One candidate per block (a whole architecture) rather than one block's candidate. */
  whole: boolean;
  /** For titles: "tiny-student", "tiny · Pareto point 3 of 7", "tiny · b1.d2:k3e1-k3e2". */
  label: string;
  cost: ArchitectureCost;
  /** Sum of the block scores (what the search minimises), when every block's candidate is ranked. */
  score?: number;
  isChosen: boolean;
  /** 1-based index on the FLOPs front (cheapest first), when the architecture is a point of it. */
  paretoPoint?: { index: number; of: number };
  /** The candidate of each block of `arch`, in block order (undefined where the run has no ranking for it). */
  blocks: (CandidateStats | undefined)[];
  teacherBlocks: TeacherBlockInfo[];
}

export class ChoiceError extends Error {
  override name = 'ChoiceError';
}

const ID = /^b(\d+)\.d(\d+):([\w-]+)$/;

export function candidateStats(data: RunCodeData, id: string): CandidateStats | undefined {
  const m = ID.exec(id);
  if (!m) return undefined;
  const rows = candidateRows(data.state, Number(m[1]));
  const row = rows.find((r) => r.id === id);
  if (!row) return undefined;
  return { id, block: row.block, depth: row.depth, ops: row.candidate.ops, rank: row.rank, of: rows.length, score: row.candidate.score, params: row.candidate.params, flops: row.candidate.flops, chosen: row.chosen };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

function blockId(b: ArchitectureSpec['blocks'][number]): string {
  return `b${b.index}.d${b.ops.length}:${b.ops.map((o) => `k${o.kernel}e${o.expansion}`).join('-')}`;
}

export function resolveArchitecture(data: RunCodeData, candidates: readonly string[]): ArchitectureChoice {
  const base = data.base;
  if (!base) throw new ChoiceError(`DNA Search: run "${data.name}" has no architecture to open yet: ${data.baseMissing ?? 'it has not chosen one'}.`);
  if (!candidates.length) throw new ChoiceError('DNA Search: no candidates were given.');
  const blocksNamed = new Set(candidates.map((c) => ID.exec(c)?.[1]));
  if (blocksNamed.size !== candidates.length) throw new ChoiceError(`DNA Search: two candidates for the same block in ${candidates.join(', ')}; give one per block.`);
  const whole = candidates.length === base.blocks.length;
  const chosenIds = data.state.chosen?.candidates ?? [];
  const isChosen = !!data.state.chosen && (whole ? sameSet(candidates, chosenIds) : chosenIds.includes(candidates[0]));
  const front: FrontPointInfo[] = data.state.pareto.flops ?? [];
  const frontIndex = whole ? front.findIndex((p) => sameSet(p.candidates, candidates)) : -1;

  let label: string;
  let name: string;
  if (isChosen && whole) {
    label = base.name;
    name = base.name;
  } else if (frontIndex >= 0) {
    label = `${data.name} · Pareto point ${frontIndex + 1} of ${front.length}`;
    name = `${data.name}-front-${frontIndex + 1}`;
  } else if (whole) {
    label = `${data.name} · ${candidates.map((c) => c.replace(/^b\d+\./, '')).join(' ')}`;
    name = `${data.name}-custom`;
  } else {
    label = `${data.name} · ${candidates[0]}`;
    name = `${data.name}-${candidates[0].replace(/[.:]/g, '-')}`;
  }
  let arch: ArchitectureSpec;
  try {
    arch = architectureForCandidates(base, candidates, name);
  } catch (err) {
    throw new ChoiceError(`DNA Search: ${(err as Error).message}`);
  }
  const blocks = arch.blocks.map((b) => candidateStats(data, blockId(b)));
  const score = blocks.every((b) => b) ? blocks.reduce((s, b) => s + b!.score, 0) : undefined;
  return {
    data,
    arch,
    candidates: [...candidates],
    whole,
    label,
    cost: architectureCost(arch),
    score,
    isChosen,
    paretoPoint: frontIndex >= 0 ? { index: frontIndex + 1, of: front.length } : undefined,
    blocks,
    teacherBlocks: data.teacherBlocks,
  };
}

export interface ArchitectureOption {
  label: string;
  description: string;
  detail?: string;
  candidates: string[];
  chosen: boolean;
}

/** The whole architectures of a run to choose from: the chosen one first, then every FLOPs-front point, cheapest first. */
export function architectureOptions(data: RunCodeData, format: (n: number) => string): ArchitectureOption[] {
  const options: ArchitectureOption[] = [];
  const chosen = data.state.chosen;
  if (chosen) {
    options.push({
      label: `$(star-full) ${chosen.architecture.name}`,
      description: `chosen under the budget · score ${chosen.score.toPrecision(4)} · ${format(chosen.cost.flops)} FLOPs · ${format(chosen.cost.params)} params`,
      candidates: chosen.candidates,
      chosen: true,
    });
  }
  const front = data.state.pareto.flops ?? [];
  front.forEach((p, i) => {
    const isChosen = !!chosen && sameSet(p.candidates, chosen.candidates);
    options.push({
      label: `Pareto point ${i + 1} of ${front.length}${isChosen ? ' (the chosen one)' : ''}`,
      description: `score ${p.score.toPrecision(4)} · ${format(p.flops)} FLOPs · ${format(p.params)} params`,
      detail: p.candidates.join('  '),
      candidates: p.candidates,
      chosen: isChosen,
    });
  });
  return options;
}
