/**
 * Creating and reopening run folders (layout: src/shared/run-layout.ts). A new run gets a
 * timestamped folder of its own, so starting a search can never touch an existing run; reopening
 * checks the format version and the resolved config before anything is written.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SearchConfigSchema, type SearchConfig } from '../../shared/config/search-config';
import { RUN_FORMAT_VERSION, runFile, type RunManifest, type RunStatus } from '../../shared/run-layout';
import { readJsonFile, writeJsonAtomic } from '../io/atomic-write';
import { ENGINE_VERSION } from '../version';

export class RunFolderError extends Error {
  override name = 'RunFolderError';
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'search';
}

function timestamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export interface OpenRun {
  runDir: string;
  manifest: RunManifest;
  config: SearchConfig;
}

export function createRunFolder(runsDir: string, config: SearchConfig, configSource: string): OpenRun {
  const base = `${timestamp()}-${slug(config.name)}`;
  let runId = base;
  for (let n = 2; existsSync(join(runsDir, runId)); n++) runId = `${base}-${n}`;
  const runDir = resolve(runsDir, runId);
  mkdirSync(runDir, { recursive: true });
  const now = new Date().toISOString();
  const manifest: RunManifest = { formatVersion: RUN_FORMAT_VERSION, runId, name: config.name, createdAt: now, engineVersion: ENGINE_VERSION, configSource, status: 'running', updatedAt: now };
  writeJsonAtomic(runFile(runDir, 'config'), config);
  writeJsonAtomic(runFile(runDir, 'manifest'), manifest);
  return { runDir, manifest, config };
}

export function openRunFolder(runDir: string): OpenRun {
  const dir = resolve(runDir);
  if (!existsSync(runFile(dir, 'manifest'))) throw new RunFolderError(`${dir}: not a DNA Search run folder (no ${runFile('', 'manifest').slice(1)}). Pass the folder of a run, e.g. runs/20261204-101500-fashion-mnist-default.`);
  const manifest = readJsonFile(runFile(dir, 'manifest')) as RunManifest;
  if (manifest.formatVersion !== RUN_FORMAT_VERSION) {
    throw new RunFolderError(`${dir}: this run was written in run format ${manifest.formatVersion} (by DNA Search ${manifest.engineVersion}); this version reads format ${RUN_FORMAT_VERSION} and cannot resume it. Start a new search.`);
  }
  const parsed = SearchConfigSchema.safeParse(readJsonFile(runFile(dir, 'config')));
  if (!parsed.success) throw new RunFolderError(`${runFile(dir, 'config')}: the saved config does not validate (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}); the run folder is damaged.`);
  return { runDir: dir, manifest, config: parsed.data };
}

export function setRunStatus(run: OpenRun, status: RunStatus): void {
  run.manifest = { ...run.manifest, status, updatedAt: new Date().toISOString() };
  writeJsonAtomic(runFile(run.runDir, 'manifest'), run.manifest);
}
