/**
 * A whole search, start to finish or resumed: prepare -> distill -> rank -> search -> retrain.
 * The CLI, the extension's child process and the tests all call this one function.
 *
 * Guarantees: bad input is found before a run folder is created; a run folder has one writer at a
 * time (run.lock); every phase's results are written atomically and skipped on resume; a stop
 * checkpoints running jobs and returns 'stopped'; a failure marks the run failed and keeps every
 * finished phase.
 */
import { availableParallelism } from 'node:os';
import type { BackendRecord, EngineEvent, Phase } from '../../shared/events';
import { initBackend, detectGpuCount } from '../backend';
import { ENGINE_VERSION } from '../version';
import { EventLog, readEvents } from './event-log';
import { loadConfig, type ConfigOverrides, type ConfigSource } from './load-config';
import { phaseSeconds } from './phase-times';
import { JobProcesses } from '../parallel/job-processes';
import { cacheRemainingFeatures } from './phases/features';
import { runDistill, runRank, runRetrain, slotEnvironment } from './phases/job-phases';
import { checkSameTeacher, ensureTeacherAccuracy, preflight, removeFeatureCache, runPrepare, type Preflight } from './phases/prepare';
import { runSearchPhase } from './phases/search';
import { hasArtifact, readArtifact, writeArtifact, type Summary } from './run-artifacts';
import type { RunContext } from './run-context';
import { createRunFolder, openRunFolder, setRunStatus, type OpenRun } from './run-folder';
import { acquireRunLock, type HeldLock } from './run-lock';
import { readRetrainState } from '../retrain/retrain';
import { opId } from '../../shared/search-space';

export type SearchRequest = { kind: 'new'; source: ConfigSource; runsDir: string; overrides?: ConfigOverrides } | { kind: 'resume'; runDir: string; overrides?: ConfigOverrides };

export interface SearchOptions {
  onEvent?(event: EngineEvent): void;
  signal?: AbortSignal;
  /** Called once the run folder is known (before any long work). */
  onRunDir?(runDir: string): void;
}

export interface SearchOutcome {
  runDir: string;
  status: 'completed' | 'stopped' | 'failed';
  summary?: Summary;
  error?: Error;
}

function workerCount(requested: number | 'auto', backend: string): number {
  if (requested !== 'auto') return requested;
  if (backend === 'tensorflow-gpu') return Math.max(1, detectGpuCount());
  return Math.max(1, availableParallelism());
}

async function phase(ctx: RunContext, name: Phase, skip: boolean, body: () => Promise<'done' | 'stopped'> | 'done' | 'stopped'): Promise<'done' | 'stopped'> {
  if (skip) {
    ctx.events.emit({ type: 'phase', phase: name, state: 'skipped' });
    return 'done';
  }
  if (ctx.stopRequested()) return 'stopped';
  ctx.events.emit({ type: 'phase', phase: name, state: 'started' });
  const r = await body();
  if (r === 'done') ctx.events.emit({ type: 'phase', phase: name, state: 'finished' });
  return r;
}

export async function runSearch(request: SearchRequest, options: SearchOptions = {}): Promise<SearchOutcome> {
  if (request.kind === 'new') {
    // Everything that can be wrong with the input is found before any folder is created. The
    // backend comes first: loading and cutting the teacher already runs on it.
    const loaded = loadConfig(request.source, request.overrides);
    const backend = await initBackend(loaded.config.compute.backend);
    const pre = await preflight(loaded.config);
    const run = createRunFolder(request.runsDir, loaded.config, loaded.source);
    return execute(run, acquireRunLock(run.runDir), backend, pre, false, options);
  }
  const run = openRunFolder(request.runDir);
  const { backend: kind, workers } = request.overrides ?? {};
  if (kind || workers) run.config = { ...run.config, compute: { backend: kind ?? run.config.compute.backend, workers: workers ?? run.config.compute.workers } };
  // Taken before anything else, so a folder in use is refused at once and nothing is written to it.
  const lock = acquireRunLock(run.runDir);
  try {
    const backend = await initBackend(run.config.compute.backend);
    const pre = await preflight(run.config);
    checkSameTeacher(run.runDir, pre);
    return await execute(run, lock, backend, pre, true, options);
  } catch (e) {
    lock.release();
    throw e;
  }
}

async function execute(run: OpenRun, lock: HeldLock, backend: BackendRecord, pre: Preflight, resumed: boolean, options: SearchOptions): Promise<SearchOutcome> {
  const events = new EventLog();
  events.attach(run.runDir);
  const unsubscribe = options.onEvent ? events.on(options.onEvent) : () => {};
  options.onRunDir?.(run.runDir);
  const stopListeners = new Set<() => void>();
  let stopped = options.signal?.aborted ?? false;
  const onAbort = () => {
    stopped = true;
    for (const l of stopListeners) l();
  };
  options.signal?.addEventListener('abort', onAbort);
  let processes: JobProcesses | undefined;
  try {
    setRunStatus(run, 'running');
    const workers = workerCount(run.config.compute.workers, backend.kind);
    processes = new JobProcesses(backend.kind, (slot) => slotEnvironment(backend.kind, slot, workers));
    // Their start (bundle, backend) overlaps with preparing the run instead of delaying training.
    processes.prewarm(workers);
    events.emit({ type: 'run-started', runId: run.manifest.runId, runDir: run.runDir, name: run.config.name, resumed, backend, workers, engineVersion: ENGINE_VERSION, seed: run.config.seed });
    const ctx: RunContext = {
      run,
      runDir: run.runDir,
      config: run.config,
      events,
      backend,
      workers,
      processes,
      stopRequested: () => stopped,
      onStop: (l) => {
        stopListeners.add(l);
        return () => stopListeners.delete(l);
      },
    };
    const steps: [Phase, boolean, () => Promise<'done' | 'stopped'> | 'done' | 'stopped'][] = [
      [
        'prepare',
        false,
        () => runPrepare(ctx, pre),
      ],
      ['distill', false, () => runDistill(ctx, (abandon) => cacheRemainingFeatures(ctx, pre, abandon))],
      ['rank', false, () => runRank(ctx)],
      [
        'search',
        hasArtifact(run.runDir, 'architecture'),
        () => {
          runSearchPhase(ctx);
          return 'done';
        },
      ],
      [
        'retrain',
        false,
        async () => {
          ensureTeacherAccuracy(ctx, pre);
          return (await runRetrain(ctx)).status;
        },
      ],
    ];
    for (const [name, skip, body] of steps) {
      if ((await phase(ctx, name, skip, body)) === 'stopped') {
        events.emit({ type: 'run-finished', status: 'stopped', message: `stopped during ${name}; resume to continue` });
        setRunStatus(run, 'stopped');
        return { runDir: run.runDir, status: 'stopped' };
      }
    }
    const summary = summarise(run.runDir);
    writeArtifact(run.runDir, 'summary', summary);
    events.emit({ type: 'summary', ...summary });
    removeFeatureCache(run.runDir);
    events.emit({ type: 'run-finished', status: 'completed' });
    setRunStatus(run, 'completed');
    return { runDir: run.runDir, status: 'completed', summary };
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    events.log('error', error.message);
    events.emit({ type: 'run-finished', status: 'failed', message: error.message });
    setRunStatus(run, 'failed');
    return { runDir: run.runDir, status: 'failed', error };
  } finally {
    processes?.dispose();
    options.signal?.removeEventListener('abort', onAbort);
    unsubscribe();
    lock.release();
  }
}

function summarise(runDir: string): Summary {
  const teacher = readArtifact(runDir, 'teacher');
  const choice = readArtifact(runDir, 'architecture');
  const retrained = readRetrainState(runDir);
  if (retrained?.testAccuracy === undefined || teacher.testAccuracy === undefined) throw new Error(`${runDir}: a test accuracy is missing (teacher.json or retrain/state.json); the run folder is damaged`);
  return {
    teacher: { params: teacher.cut.total.params, flops: teacher.cut.total.flops, testAccuracy: teacher.testAccuracy },
    student: {
      params: choice.cost.params,
      flops: choice.cost.flops,
      testAccuracy: retrained.testAccuracy,
      blocks: choice.architecture.blocks.map((b) => ({ name: b.name, ops: b.ops.map(opId) })),
    },
    phaseSeconds: phaseSeconds(readEvents(runDir).events),
  };
}
