/**
 * Opens a run folder for viewing: its manifest, its events (validated line by line) and the state
 * they fold into. A folder written by another run-format version, or with a damaged run.json or
 * events.jsonl, still opens — read-only, with a notice that says what is wrong — so the user sees
 * what survived instead of a broken panel. Only a path that is not a run folder at all is an error.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { EngineEvent } from '../../shared/events';
import { RUN_FORMAT_VERSION, runFile, type RunManifest } from '../../shared/run-layout';
import { foldEvents, type RunState } from '../../shared/run-state';
import { parseEventsText } from './events-file';
import { FormatVersionSchema, RunManifestSchema, firstIssue } from './run-manifest';

export class NotARunFolderError extends Error {}

export interface RunFolder {
  runDir: string;
  /** The run's display name: the manifest's, or the folder name when the manifest is unusable. */
  name: string;
  manifest?: RunManifest;
  events: EngineEvent[];
  state: RunState;
  /** Set when the folder must not be resumed or written: what is wrong, in words for the user. */
  readOnlyReason?: string;
}

export type ManifestRead =
  | { ok: true; manifest: RunManifest }
  | { ok: false; missing: boolean; formatVersion?: number; reason: string };

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Reads and checks run.json; never throws for a damaged or missing file. */
export async function readManifest(runDir: string): Promise<ManifestRead> {
  const text = await readText(runFile(runDir, 'manifest'));
  if (text === undefined) return { ok: false, missing: true, reason: 'run.json is missing' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, missing: false, reason: `run.json is damaged: ${(err as Error).message}` };
  }
  const version = FormatVersionSchema.safeParse(json);
  if (version.success && version.data.formatVersion !== RUN_FORMAT_VERSION) {
    return {
      ok: false,
      missing: false,
      formatVersion: version.data.formatVersion,
      reason:
        `this run was written in run-folder format version ${version.data.formatVersion}, ` +
        `and this DNA Search reads version ${RUN_FORMAT_VERSION}; open it with the DNA Search version that wrote it to resume it`,
    };
  }
  const parsed = RunManifestSchema.safeParse(json);
  if (!parsed.success) return { ok: false, missing: false, reason: `run.json is damaged: ${firstIssue(parsed.error)}` };
  return { ok: true, manifest: parsed.data };
}

export async function readRunFolder(runDir: string): Promise<RunFolder> {
  const info = await stat(runDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new NotARunFolderError(`${runDir} is not a folder`);

  const manifest = await readManifest(runDir);
  const eventsText = await readText(runFile(runDir, 'events'));
  if (!manifest.ok && manifest.missing && eventsText === undefined) {
    throw new NotARunFolderError(`${runDir} is not a DNA Search run folder: it has neither run.json nor events.jsonl`);
  }

  const reasons: string[] = [];
  if (!manifest.ok) reasons.push(manifest.reason);
  let events: EngineEvent[] = [];
  if (eventsText === undefined) {
    if (manifest.ok && manifest.manifest.status !== 'running') reasons.push('events.jsonl is missing, so there is nothing to show');
  } else {
    const parsed = parseEventsText(eventsText);
    events = parsed.events;
    if (parsed.badLines.length) {
      const first = parsed.badLines[0];
      reasons.push(
        `events.jsonl has ${parsed.badLines.length} unreadable line${parsed.badLines.length > 1 ? 's' : ''} ` +
          `(first: line ${first.line}: ${first.reason}); showing the ${events.length} events that could be read`,
      );
    }
  }
  const state = foldEvents(events);
  const name = (manifest.ok ? manifest.manifest.name : undefined) ?? state.name ?? basename(runDir);
  return {
    runDir,
    name,
    manifest: manifest.ok ? manifest.manifest : undefined,
    events,
    state,
    readOnlyReason: reasons.length ? `Opened read-only: ${reasons.join('; ')}.` : undefined,
  };
}
