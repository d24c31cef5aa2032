/**
 * Folds a run's events into the state the UI shows. The extension (tree, status bar) and the
 * webview (panel) both use this reducer, live or replaying `events.jsonl`, so they always agree.
 */
import type { ArchitectureSpec } from './architecture';
import { supernetStepFlops } from './cost';
import type { BackendRecord, EngineEvent, EventOf, FrontPointInfo, Phase, RankedCandidate } from './events';
import type { SearchSpaceSpec } from './search-space';

export type PhaseState = 'pending' | 'running' | 'done' | 'skipped';

export interface LossPoint {
  /** Fractional epoch (epoch + step/steps) so curves of different lengths share an axis. */
  x: number;
  loss: number;
}

export interface SupernetState {
  block: number;
  depth: number;
  train: LossPoint[];
  epochs: { epoch: number; trainLoss: number; heldOutLoss: number }[];
  progress?: { epoch: number; epochs: number; step: number; steps: number; imagesPerSecond: number };
  ranking?: RankedCandidate[];
  rankProgress?: { done: number; total: number };
}

export interface RunState {
  runId?: string;
  runDir?: string;
  name?: string;
  backend?: BackendRecord;
  workers?: number;
  startedAt?: number;
  lastEventAt?: number;
  phases: Record<Phase, PhaseState>;
  currentPhase?: Phase;
  teacher?: Omit<EventOf<'teacher'>, 't' | 'type'>;
  space?: SearchSpaceSpec;
  pathsPerBlock?: number[];
  totalArchitectures?: number;
  /** Keyed by `${block}.${depth}`. */
  supernets: Record<string, SupernetState>;
  pareto: { flops?: FrontPointInfo[]; params?: FrontPointInfo[] };
  chosen?: { budget: { flops?: number; params?: number }; score: number; cost: { params: number; flops: number }; candidates: string[]; architecture: ArchitectureSpec };
  retrain: { train: LossPoint[]; epochs: { epoch: number; trainLoss: number; trainAccuracy: number; heldOutAccuracy: number }[]; progress?: { epoch: number; epochs: number; step: number; steps: number } };
  summary?: Omit<EventOf<'summary'>, 't' | 'type'>;
  logs: { t: number; level: 'info' | 'warn' | 'error'; message: string }[];
  status: 'idle' | 'running' | 'completed' | 'stopped' | 'failed';
  finishMessage?: string;
}

export function emptyRunState(): RunState {
  return {
    phases: { prepare: 'pending', distill: 'pending', rank: 'pending', search: 'pending', retrain: 'pending' },
    supernets: {},
    pareto: {},
    retrain: { train: [], epochs: [] },
    logs: [],
    status: 'idle',
  };
}

const MAX_LOGS = 500;

export function supernetKey(block: number, depth: number): string {
  return `${block}.${depth}`;
}

function supernet(state: RunState, block: number, depth: number): SupernetState {
  const key = supernetKey(block, depth);
  return (state.supernets[key] ??= { block, depth, train: [], epochs: [] });
}

/** Applies one event in place and returns the same state (cheap for long streams). */
export function applyEvent(state: RunState, e: EngineEvent): RunState {
  state.lastEventAt = e.t;
  switch (e.type) {
    case 'run-started':
      Object.assign(state, { runId: e.runId, runDir: e.runDir, name: e.name, backend: e.backend, workers: e.workers, status: 'running' as const });
      state.startedAt ??= e.t;
      state.finishMessage = undefined;
      break;
    case 'phase':
      state.phases[e.phase] = e.state === 'started' ? 'running' : e.state === 'finished' ? 'done' : 'skipped';
      if (e.state === 'started') state.currentPhase = e.phase;
      break;
    case 'teacher': {
      const { t: _t, type: _type, ...rest } = e;
      state.teacher = rest;
      break;
    }
    case 'space':
      state.space = e.space;
      state.pathsPerBlock = e.pathsPerBlock;
      state.totalArchitectures = e.totalArchitectures;
      break;
    case 'distill-progress': {
      const s = supernet(state, e.block, e.depth);
      s.progress = { epoch: e.epoch, epochs: e.epochs, step: e.step, steps: e.steps, imagesPerSecond: e.imagesPerSecond };
      s.train.push({ x: e.epoch + e.step / Math.max(1, e.steps), loss: e.loss });
      break;
    }
    case 'distill-epoch': {
      const s = supernet(state, e.block, e.depth);
      s.epochs = s.epochs.filter((x) => x.epoch !== e.epoch);
      s.epochs.push({ epoch: e.epoch, trainLoss: e.trainLoss, heldOutLoss: e.heldOutLoss });
      break;
    }
    case 'rank-progress':
      supernet(state, e.block, e.depth).rankProgress = { done: e.done, total: e.total };
      break;
    case 'ranking':
      supernet(state, e.block, e.depth).ranking = e.candidates;
      break;
    case 'pareto':
      state.pareto[e.key] = e.points;
      break;
    case 'chosen':
      state.chosen = { budget: e.budget, score: e.score, cost: e.cost, candidates: e.candidates, architecture: e.architecture };
      break;
    case 'retrain-progress':
      state.retrain.progress = { epoch: e.epoch, epochs: e.epochs, step: e.step, steps: e.steps };
      state.retrain.train.push({ x: e.epoch + e.step / Math.max(1, e.steps), loss: e.loss });
      break;
    case 'retrain-epoch':
      state.retrain.epochs = state.retrain.epochs.filter((x) => x.epoch !== e.epoch);
      state.retrain.epochs.push({ epoch: e.epoch, trainLoss: e.trainLoss, trainAccuracy: e.trainAccuracy, heldOutAccuracy: e.heldOutAccuracy });
      break;
    case 'summary': {
      const { t: _t, type: _type, ...rest } = e;
      state.summary = rest;
      break;
    }
    case 'log':
      state.logs.push({ t: e.t, level: e.level, message: e.message });
      if (state.logs.length > MAX_LOGS) state.logs.splice(0, state.logs.length - MAX_LOGS);
      break;
    case 'run-finished':
      state.status = e.status;
      state.finishMessage = e.message;
      for (const p of Object.keys(state.phases) as Phase[]) if (state.phases[p] === 'running' && e.status !== 'completed') state.phases[p] = 'pending';
      break;
  }
  return state;
}

export function foldEvents(events: Iterable<EngineEvent>, state: RunState = emptyRunState()): RunState {
  for (const e of events) applyEvent(state, e);
  return state;
}

/**
 * Overall progress in [0, 1] for status bars and ETAs: phases weighted by their share of time in
 * the default run on 2 cores (prepare 5 s, distill 238 s, rank 58 s, retrain 222 s).
 */
export const PHASE_WEIGHTS: Record<Phase, number> = { prepare: 0.02, distill: 0.47, rank: 0.1, search: 0.01, retrain: 0.4 };

export function overallProgress(state: RunState): number {
  const weights = PHASE_WEIGHTS;
  let p = 0;
  for (const phase of Object.keys(weights) as Phase[]) {
    const st = state.phases[phase];
    if (st === 'done' || st === 'skipped') p += weights[phase];
    else if (st === 'running') p += weights[phase] * phaseFraction(state, phase);
  }
  return Math.min(1, p);
}

function phaseFraction(state: RunState, phase: Phase): number {
  if (phase === 'distill') {
    // Supernets weighed by their step cost: a depth-3 block costs about three depth-1 ones, and
    // counting them alike made the ETA swing by minutes.
    const space = state.space;
    const weight = (block: number, depth: number) => (space ? supernetStepFlops(space, block, depth) : 1) || 1;
    const all = space ? space.blocks.flatMap((b) => b.depths.map((d) => ({ block: b.index, depth: d }))) : Object.values(state.supernets);
    const total = all.reduce((s, n) => s + weight(n.block, n.depth), 0) || 1;
    const done = Object.values(state.supernets).reduce(
      (s, n) => s + (n.progress ? (weight(n.block, n.depth) * (n.progress.epoch + n.progress.step / Math.max(1, n.progress.steps))) / Math.max(1, n.progress.epochs) : 0),
      0,
    );
    return Math.min(1, done / total);
  }
  if (phase === 'rank') {
    const nets = Object.values(state.supernets);
    const total = nets.length || 1;
    return nets.reduce((s, n) => s + (n.ranking ? 1 : n.rankProgress ? n.rankProgress.done / Math.max(1, n.rankProgress.total) : 0), 0) / total;
  }
  if (phase === 'retrain' && state.retrain.progress) {
    const p = state.retrain.progress;
    return Math.min(1, (p.epoch + p.step / Math.max(1, p.steps)) / Math.max(1, p.epochs));
  }
  return 0;
}
