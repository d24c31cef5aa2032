/**
 * Runtime shapes of the two small JSON files the extension reads from a run folder before
 * anything else: `run.json` (what the run is) and `run.lock` (who owns it right now). The
 * interfaces live in src/shared/run-layout.ts; these schemas are checked against them at
 * compile time so the two cannot drift apart.
 */
import { z } from 'zod';
import type { RunLock, RunManifest } from '../../shared/run-layout';

export const RunManifestSchema: z.ZodType<RunManifest> = z.object({
  formatVersion: z.number().int(),
  runId: z.string().min(1),
  name: z.string(),
  createdAt: z.string(),
  engineVersion: z.string(),
  configSource: z.string(),
  status: z.enum(['running', 'completed', 'stopped', 'failed']),
  updatedAt: z.string(),
});

export const RunLockSchema: z.ZodType<RunLock> = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  startedAt: z.string(),
});

/** Only the format version, read first so a run of another version is recognised even if the rest changed. */
export const FormatVersionSchema = z.object({ formatVersion: z.number().int() });

export function firstIssue(error: z.ZodError): string {
  const i = error.issues[0];
  return i ? `${i.path.join('.') || '(root)'}: ${i.message}` : 'unexpected shape';
}
