/**
 * What the Runs tree shows, as plain data (no vscode): a run's blocks from its folded state, and
 * each block's ranked candidates across its depth variants, best (lowest score) first. Kept
 * separate from the TreeDataProvider so it is unit-tested on real event streams.
 */
import type { RankedCandidate } from '../../shared/events';
import type { RunState } from '../../shared/run-state';

export interface BlockRow {
  index: number;
  name: string;
  /** e.g. "14×14×40 → 7×7×80" */
  shapes?: string;
  status: 'pending' | 'distilling' | 'distilled' | 'ranking' | 'ranked';
  /** Short text: progress or path count. */
  detail: string;
  candidateCount: number;
}

export interface CandidateRow {
  /** "b<block>.d<depth>:<ops>", the id the protocol and the code features use. */
  id: string;
  block: number;
  depth: number;
  rank: number;
  candidate: RankedCandidate;
  chosen: boolean;
}

export function candidateId(block: number, depth: number, ops: string): string {
  return `b${block}.d${depth}:${ops}`;
}

const shape = (s: [number, number, number]) => s.join('×');

export function blockRows(state: RunState): BlockRow[] {
  const teacherBlocks = state.teacher?.blocks ?? [];
  const spaceBlocks = state.space?.blocks ?? [];
  const count = Math.max(teacherBlocks.length, spaceBlocks.length);
  const rows: BlockRow[] = [];
  for (let index = 0; index < count; index++) {
    const t = teacherBlocks.find((b) => b.index === index);
    const sp = spaceBlocks.find((b) => b.index === index);
    const nets = Object.values(state.supernets).filter((n) => n.block === index);
    const depths = sp?.depths.length ?? nets.length;
    const ranked = nets.filter((n) => n.ranking).length;
    const candidateCount = nets.reduce((s, n) => s + (n.ranking?.length ?? 0), 0);
    let status: BlockRow['status'] = 'pending';
    let detail = 'pending';
    if (depths > 0 && ranked === depths) {
      status = 'ranked';
      detail = `${candidateCount} paths ranked`;
    } else if (nets.some((n) => n.rankProgress || n.ranking)) {
      status = 'ranking';
      const done = nets.reduce((s, n) => s + (n.ranking ? n.ranking.length : (n.rankProgress?.done ?? 0)), 0);
      const total = nets.reduce((s, n) => s + (n.ranking ? n.ranking.length : (n.rankProgress?.total ?? 0)), 0);
      detail = `ranking ${done}/${total}`;
    } else if (nets.length) {
      const fractions = nets.map((n) => (n.progress ? Math.min(1, (n.progress.epoch + n.progress.step / Math.max(1, n.progress.steps)) / Math.max(1, n.progress.epochs)) : 0));
      const finished = nets.filter((n) => n.progress && n.epochs.length >= n.progress.epochs).length;
      const pct = Math.round((fractions.reduce((a, b) => a + b, 0) / Math.max(1, depths)) * 100);
      status = finished === depths ? 'distilled' : 'distilling';
      const last = nets.flatMap((n) => n.epochs).at(-1);
      detail = `${status === 'distilled' ? 'distilled' : `distilling ${pct}%`}${last ? ` · held-out loss ${last.heldOutLoss.toPrecision(3)}` : ''}`;
    }
    rows.push({
      index,
      name: t?.name ?? sp?.name ?? `block ${index}`,
      shapes: t ? `${shape(t.inputShape)} → ${shape(t.outputShape)}` : sp ? `${shape(sp.inputShape)} → ${shape(sp.outputShape)}` : undefined,
      status,
      detail,
      candidateCount,
    });
  }
  return rows;
}

export function candidateRows(state: RunState, block: number): CandidateRow[] {
  const chosen = new Set(state.chosen?.candidates ?? []);
  const rows = Object.values(state.supernets)
    .filter((n) => n.block === block && n.ranking)
    .flatMap((n) => n.ranking!.map((c) => ({ id: candidateId(block, n.depth, c.ops), block, depth: n.depth, candidate: c })));
  rows.sort((a, b) => a.candidate.score - b.candidate.score || a.candidate.flops - b.candidate.flops);
  return rows.map((r, i) => ({ ...r, rank: i + 1, chosen: chosen.has(r.id) }));
}
