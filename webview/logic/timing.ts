/** Elapsed time and a rough ETA for the header (event times are the engine's clock). */
import { overallProgress, type RunState } from '../../src/shared/run-state';

/**
 * Run time so far. Finished or not live: first to last event. Live: that plus the local time
 * since the last event arrived (`receivedAt`, the webview's clock), so it keeps ticking.
 */
export function elapsedMs(state: RunState, now: number, live: boolean, receivedAt?: number): number | undefined {
  if (state.startedAt === undefined) return undefined;
  const recorded = Math.max(0, (state.lastEventAt ?? state.startedAt) - state.startedAt);
  return live && receivedAt !== undefined ? recorded + Math.max(0, now - receivedAt) : recorded;
}

/** Remaining time by linear extrapolation of overall progress; undefined until there is enough to go on. */
export function etaMs(state: RunState, now: number, live: boolean, receivedAt?: number): number | undefined {
  if (!live) return undefined;
  const elapsed = elapsedMs(state, now, live, receivedAt);
  const p = overallProgress(state);
  if (elapsed === undefined || p < 0.02 || p >= 1) return undefined;
  return (elapsed * (1 - p)) / p;
}
