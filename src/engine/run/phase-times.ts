/** Seconds spent in each phase, summed over every session of a run (a resumed run included). */
import type { EngineEvent, Phase } from '../../shared/events';

export function phaseSeconds(events: EngineEvent[]): Record<string, number> {
  const started: Partial<Record<Phase, number>> = {};
  const total: Record<string, number> = {};
  let last = 0;
  for (const e of events) {
    if (e.type === 'phase') {
      if (e.state === 'started') started[e.phase] = e.t;
      else if (e.state === 'finished' && started[e.phase] !== undefined) {
        total[e.phase] = (total[e.phase] ?? 0) + (e.t - started[e.phase]!) / 1000;
        delete started[e.phase];
      }
    } else if (e.type === 'run-finished' || e.type === 'run-started') {
      // A session that ended mid-phase counts up to its last event.
      const end = e.type === 'run-finished' ? e.t : last;
      for (const [p, t] of Object.entries(started)) total[p] = (total[p] ?? 0) + (end - t) / 1000;
      for (const p of Object.keys(started)) delete started[p as Phase];
    }
    last = e.t;
  }
  return total;
}
