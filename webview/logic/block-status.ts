/**
 * What the block graph shows for each block: where it is in the pipeline (pending, training,
 * ranking, ranked), how far, and how well its supernets reproduce the teacher (the latest loss,
 * and that loss relative to where training started, which is what the colour encodes).
 */
import type { RunState, SupernetState } from '../../src/shared/run-state';

export type BlockPhase = 'pending' | 'training' | 'trained' | 'ranking' | 'ranked';

export interface BlockStatus {
  index: number;
  phase: BlockPhase;
  /** Distillation progress over all depth variants, 0..1. */
  progress: number;
  /** Latest loss of the block's best supernet: held-out when an epoch finished, else train. */
  loss?: number;
  /** That loss over the first loss seen (1 = no better than untrained; lower is better). */
  lossRatio?: number;
  /** Depth variants and how many are ranked. */
  depths: number[];
  rankedDepths: number;
  rankedCandidates: number;
  /** Best-scoring candidate so far, as `b<block>.d<depth>:<ops>`. */
  best?: { id: string; score: number };
}

function latestLoss(net: SupernetState): number | undefined {
  const lastEpoch = net.epochs.length ? net.epochs.reduce((a, b) => (b.epoch > a.epoch ? b : a)) : undefined;
  const lastTrain = net.train.length ? net.train[net.train.length - 1] : undefined;
  // A finished epoch's held-out loss is the honest number; a train point newer than it is fresher.
  if (lastEpoch && (!lastTrain || lastTrain.x <= lastEpoch.epoch + 1 + 1e-9)) return lastEpoch.heldOutLoss;
  if (!lastTrain) return undefined;
  // Average the last few train points: a single step is noisy.
  const tail = net.train.slice(-8);
  return tail.reduce((s, p) => s + p.loss, 0) / tail.length;
}

function netProgress(net: SupernetState | undefined): number {
  if (!net) return 0;
  if (net.ranking || net.rankProgress) return 1;
  const p = net.progress;
  if (!p) return net.epochs.length ? 1 : 0;
  return Math.min(1, (p.epoch + p.step / Math.max(1, p.steps)) / Math.max(1, p.epochs));
}

export function blockStatuses(state: RunState): BlockStatus[] {
  const count = state.space?.blocks.length ?? state.teacher?.blocks.length ?? 0;
  const out: BlockStatus[] = [];
  for (let index = 0; index < count; index++) {
    const depths = state.space?.blocks[index]?.depths ?? [];
    const nets = Object.values(state.supernets).filter((n) => n.block === index);
    const byDepth = new Map(nets.map((n) => [n.depth, n]));
    const allDepths = depths.length ? depths : nets.map((n) => n.depth);
    const rankedDepths = allDepths.filter((d) => byDepth.get(d)?.ranking).length;
    const progress = allDepths.length ? allDepths.reduce((s, d) => s + netProgress(byDepth.get(d)), 0) / allDepths.length : 0;
    let phase: BlockPhase = 'pending';
    if (allDepths.length && rankedDepths === allDepths.length) phase = 'ranked';
    else if (nets.some((n) => n.ranking || n.rankProgress)) phase = 'ranking';
    else if (allDepths.length && progress >= 1 - 1e-9) phase = 'trained';
    else if (nets.some((n) => n.progress || n.train.length)) phase = 'training';

    let loss: number | undefined;
    let first: number | undefined;
    for (const n of nets) {
      const l = latestLoss(n);
      if (l !== undefined && (loss === undefined || l < loss)) {
        loss = l;
        first = n.train.length ? Math.max(...n.train.slice(0, 8).map((p) => p.loss)) : undefined;
      }
    }
    let best: BlockStatus['best'];
    let rankedCandidates = 0;
    for (const n of nets) {
      if (!n.ranking) continue;
      rankedCandidates += n.ranking.length;
      for (const c of n.ranking) if (!best || c.score < best.score) best = { id: `b${index}.d${n.depth}:${c.ops}`, score: c.score };
    }
    out.push({
      index,
      phase,
      progress,
      loss,
      lossRatio: loss !== undefined && first !== undefined && first > 0 ? Math.min(1, loss / first) : undefined,
      depths: allDepths,
      rankedDepths,
      rankedCandidates,
      best,
    });
  }
  return out;
}
