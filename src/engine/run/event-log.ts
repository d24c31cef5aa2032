/**
 * The run's event stream: every event is appended to `events.jsonl` (so a finished run replays
 * exactly as it was watched) and handed to live listeners (the CLI's progress display, the child
 * process's IPC forwarding). The main engine process is the only writer of the file.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { EngineEventSchema, type EngineEvent, type EngineEventInput } from '../../shared/events';
import { runFile } from '../../shared/run-layout';

export type EventListener = (event: EngineEvent) => void;

export class EventLog {
  private readonly listeners = new Set<EventListener>();
  private file?: string;

  /** Starts (or continues, on resume) writing to the run folder's events.jsonl. */
  attach(runDir: string): void {
    this.file = runFile(runDir, 'events');
  }

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(input: EngineEventInput): EngineEvent {
    // Validating here catches an engine bug at its source instead of as a broken panel later.
    const event = EngineEventSchema.parse({ ...input, t: Date.now() });
    if (this.file) appendFileSync(this.file, `${JSON.stringify(event)}\n`);
    for (const l of this.listeners) l(event);
    return event;
  }

  log(level: 'info' | 'warn' | 'error', message: string): void {
    this.emit({ type: 'log', level, message });
  }
}

/**
 * Reads a run's events. A damaged line (a crash mid-append can cut the last one) is skipped and
 * counted rather than failing the whole replay.
 */
export function readEvents(runDir: string): { events: EngineEvent[]; damagedLines: number } {
  const file = runFile(runDir, 'events');
  if (!existsSync(file)) return { events: [], damagedLines: 0 };
  const events: EngineEvent[] = [];
  let damagedLines = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = EngineEventSchema.safeParse(JSON.parse(line));
      if (r.success) events.push(r.data);
      else damagedLines++;
    } catch {
      damagedLines++;
    }
  }
  return { events, damagedLines };
}
