/**
 * The REAL quick-preset run committed in test/fixtures/runs/quick/ (made by
 * scripts/test/make-run-fixture.ts): its events, checked against today's event schema, so a
 * fixture older than the format fails here, saying which line and how to remake it.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EngineEventSchema, type EngineEvent } from '../../../src/shared/events';

export const QUICK_RUN_DIR = resolve(import.meta.dirname, '../../fixtures/runs/quick');

export function quickRunEvents(): EngineEvent[] {
  const file = join(QUICK_RUN_DIR, 'events.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((line, i) => {
      const parsed = EngineEventSchema.safeParse(JSON.parse(line));
      if (!parsed.success) {
        throw new Error(`${file} line ${i + 1} is not an event of the current format (${parsed.error.issues[0]?.message}); remake the fixture: node --import tsx scripts/test/make-run-fixture.ts`);
      }
      return parsed.data;
    });
}
