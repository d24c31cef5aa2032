/**
 * The engine's event stream: everything a run does, as typed events. The engine appends each one
 * to the run folder's `events.jsonl` and emits it live; the child process forwards them to the
 * extension, which forwards (throttled) to the webview. Replaying the file rebuilds the same
 * state as watching live — the panel of a finished run and of a running one are the same code.
 */
import { z } from 'zod';
import { ArchitectureSpecSchema, CostSchema, SearchSpaceSpecSchema, Shape3Schema } from './domain-schemas';

export const PHASES = ['prepare', 'distill', 'rank', 'search', 'retrain'] as const;
export const PhaseSchema = z.enum(PHASES);
export type Phase = z.infer<typeof PhaseSchema>;

const int = z.number().int().nonnegative();
const finite = z.number().finite();

export const BackendRecordSchema = z.object({
  kind: z.enum(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']),
  name: z.string(),
  tfjsVersion: z.string(),
  threads: int,
  reason: z.string(),
});
export type BackendRecord = z.infer<typeof BackendRecordSchema>;

export const TeacherBlockInfoSchema = z.object({
  index: int,
  name: z.string(),
  /** Teacher layer names inside the block, in order (used to match source lines). */
  layers: z.array(z.string()),
  inputShape: Shape3Schema,
  outputShape: Shape3Schema,
  params: int,
  flops: int,
});
export type TeacherBlockInfo = z.infer<typeof TeacherBlockInfoSchema>;

export const RankedCandidateSchema = z.object({
  /** Op ids joined by '-', e.g. "k3e6-k5e3"; with block and depth this is the candidate id. */
  ops: z.string(),
  score: finite,
  params: int,
  flops: int,
});
export type RankedCandidate = z.infer<typeof RankedCandidateSchema>;

export const FrontPointSchema = z.object({
  score: finite,
  flops: int,
  params: int,
  /** One candidate id per block. */
  candidates: z.array(z.string()),
});
export type FrontPointInfo = z.infer<typeof FrontPointSchema>;

const base = { t: z.number() };

export const EngineEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('run-started'),
    runId: z.string(),
    runDir: z.string(),
    name: z.string(),
    resumed: z.boolean(),
    backend: BackendRecordSchema,
    workers: int,
    engineVersion: z.string(),
    seed: int,
  }),
  z.object({ ...base, type: z.literal('phase'), phase: PhaseSchema, state: z.enum(['started', 'finished', 'skipped']) }),
  z.object({
    ...base,
    type: z.literal('teacher'),
    inputShape: Shape3Schema,
    numClasses: int,
    blocks: z.array(TeacherBlockInfoSchema),
    stem: CostSchema,
    head: CostSchema,
    total: CostSchema,
    testAccuracy: finite.optional(),
  }),
  z.object({ ...base, type: z.literal('space'), space: SearchSpaceSpecSchema, pathsPerBlock: z.array(int), totalArchitectures: z.number() }),
  z.object({
    ...base,
    type: z.literal('distill-progress'),
    block: int,
    depth: int,
    epoch: int,
    epochs: int,
    step: int,
    steps: int,
    loss: finite,
    imagesPerSecond: finite,
  }),
  z.object({ ...base, type: z.literal('distill-epoch'), block: int, depth: int, epoch: int, trainLoss: finite, heldOutLoss: finite }),
  z.object({ ...base, type: z.literal('rank-progress'), block: int, depth: int, done: int, total: int }),
  z.object({ ...base, type: z.literal('ranking'), block: int, depth: int, candidates: z.array(RankedCandidateSchema) }),
  z.object({ ...base, type: z.literal('pareto'), key: z.enum(['flops', 'params']), points: z.array(FrontPointSchema) }),
  z.object({
    ...base,
    type: z.literal('chosen'),
    budget: z.object({ flops: z.number().optional(), params: z.number().optional() }),
    score: finite,
    cost: CostSchema,
    candidates: z.array(z.string()),
    architecture: ArchitectureSpecSchema,
  }),
  z.object({ ...base, type: z.literal('retrain-progress'), epoch: int, epochs: int, step: int, steps: int, loss: finite }),
  z.object({ ...base, type: z.literal('retrain-epoch'), epoch: int, trainLoss: finite, trainAccuracy: finite, heldOutAccuracy: finite }),
  z.object({
    ...base,
    type: z.literal('summary'),
    teacher: z.object({ params: int, flops: int, testAccuracy: finite }),
    student: z.object({ params: int, flops: int, testAccuracy: finite, blocks: z.array(z.object({ name: z.string(), ops: z.array(z.string()) })) }),
    phaseSeconds: z.record(z.string(), finite),
  }),
  z.object({ ...base, type: z.literal('log'), level: z.enum(['info', 'warn', 'error']), message: z.string() }),
  z.object({ ...base, type: z.literal('run-finished'), status: z.enum(['completed', 'stopped', 'failed']), message: z.string().optional() }),
]);

export type EngineEvent = z.infer<typeof EngineEventSchema>;
export type EngineEventType = EngineEvent['type'];
export type EventOf<T extends EngineEventType> = Extract<EngineEvent, { type: T }>;
/** What producers pass: the timestamp is added on emit. */
export type EngineEventInput = EngineEvent extends infer E ? (E extends { t: number } ? Omit<E, 't'> : never) : never;
