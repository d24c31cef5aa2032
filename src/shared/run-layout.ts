/**
 * Where things live inside a run folder. The engine writes them; the extension reads them (Runs
 * tree, panel of a finished run, Export Model) without loading the engine. Paths use '/', which
 * Node accepts on every platform.
 *
 *   <runsDir>/<runId>/
 *     run.json            RunManifest (format version, status)
 *     config.json         the resolved config (defaults filled in)
 *     env.json            backend, versions, seed, worker count
 *     events.jsonl        every EngineEvent, one JSON object per line
 *     run.lock            present while a process owns the run (pid, host)
 *     teacher.json        the teacher's cut: blocks, shapes, costs, test accuracy
 *     space.json          the student search space (SearchSpaceSpec)
 *     cache/              teacher feature maps for block training (removed when the run completes)
 *     supernets/b<B>-d<D>/  per-supernet checkpoint (weights + state.json)
 *     rankings/b<B>-d<D>.json
 *     pareto.json         fronts for FLOPs and params
 *     architecture.json   the chosen ArchitectureSpec (+ budget, score, candidates)
 *     retrain/            retraining checkpoint (weights + state.json)
 *     model/              the retrained TF.js LayersModel (model.json + weights.bin)
 *     summary.json        teacher vs student: params, FLOPs, test accuracy
 */
export const RUN_FORMAT_VERSION = 1;

export const RUN_FILES = {
  manifest: 'run.json',
  config: 'config.json',
  env: 'env.json',
  events: 'events.jsonl',
  lock: 'run.lock',
  teacher: 'teacher.json',
  space: 'space.json',
  cache: 'cache',
  supernets: 'supernets',
  rankings: 'rankings',
  pareto: 'pareto.json',
  architecture: 'architecture.json',
  model: 'model',
  summary: 'summary.json',
} as const;

export function supernetDir(runDir: string, block: number, depth: number): string {
  return `${runDir}/${RUN_FILES.supernets}/b${block}-d${depth}`;
}

export function rankingFile(runDir: string, block: number, depth: number): string {
  return `${runDir}/${RUN_FILES.rankings}/b${block}-d${depth}.json`;
}

export function runFile(runDir: string, file: keyof typeof RUN_FILES): string {
  return `${runDir}/${RUN_FILES[file]}`;
}

export type RunStatus = 'running' | 'completed' | 'stopped' | 'failed';

export interface RunManifest {
  formatVersion: number;
  runId: string;
  name: string;
  createdAt: string;
  engineVersion: string;
  /** Absolute path of the config file it was started from, or `preset:<name>`. */
  configSource: string;
  status: RunStatus;
  updatedAt: string;
}

export interface RunLock {
  pid: number;
  host: string;
  startedAt: string;
}
