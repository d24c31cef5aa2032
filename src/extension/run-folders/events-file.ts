/**
 * Reads a run's `events.jsonl`: one EngineEvent per line. Every line is validated; bad lines are
 * counted and reported (with their line number) rather than thrown, so a damaged file still shows
 * what can be read. An unfinished last line (no newline yet: the engine is writing it, or died
 * while writing it) is normal and not damage.
 */
import { EngineEventSchema, type EngineEvent } from '../../shared/events';

export interface BadLine {
  line: number;
  reason: string;
}

export interface EventsFile {
  events: EngineEvent[];
  badLines: BadLine[];
  /** The unfinished last line was dropped. */
  partialTail: boolean;
}

export function parseEventsText(text: string): EventsFile {
  const lines = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  const events: EngineEvent[] = [];
  const badLines: BadLine[] = [];
  let partialTail = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (!raw) continue;
    const isLast = i === lines.length - 1;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      if (isLast && !endsWithNewline) {
        partialTail = true;
        continue;
      }
      badLines.push({ line: i + 1, reason: `not JSON (${(err as Error).message})` });
      continue;
    }
    const r = EngineEventSchema.safeParse(json);
    if (r.success) events.push(r.data);
    else {
      const issue = r.error.issues[0];
      badLines.push({ line: i + 1, reason: issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'not an event' });
    }
  }
  return { events, badLines, partialTail };
}
