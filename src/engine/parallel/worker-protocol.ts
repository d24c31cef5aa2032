/**
 * Messages between the engine's main process and its job processes (one forked process per
 * supernet, ranking or retraining job: each has its own backend instance and its own memory, and
 * the wasm heap, which never shrinks, goes away with the process). Validated on receipt like every
 * other boundary.
 */
import { z } from 'zod';
import { BackendRecordSchema } from '../../shared/events';

const int = z.number().int().nonnegative();
const finite = z.number().finite();

export const JobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('distill'), runDir: z.string(), block: int, depth: int }),
  z.object({ kind: z.literal('rank'), runDir: z.string(), block: int, depth: int }),
  z.object({ kind: z.literal('retrain'), runDir: z.string() }),
]);
export type Job = z.infer<typeof JobSchema>;

export const ToWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('job'), job: JobSchema }),
  z.object({ type: z.literal('stop') }),
]);
export type ToWorker = z.infer<typeof ToWorkerSchema>;

export const FromWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), pid: int }),
  z.object({ type: z.literal('backend'), backend: BackendRecordSchema }),
  z.object({ type: z.literal('distill-progress'), epoch: int, epochs: int, step: int, steps: int, loss: finite, imagesPerSecond: finite }),
  z.object({ type: z.literal('distill-epoch'), epoch: int, trainLoss: finite, heldOutLoss: finite }),
  z.object({ type: z.literal('rank-progress'), done: int, total: int }),
  z.object({ type: z.literal('retrain-progress'), epoch: int, epochs: int, step: int, steps: int, loss: finite }),
  z.object({ type: z.literal('retrain-epoch'), epoch: int, trainLoss: finite, trainAccuracy: finite, heldOutAccuracy: finite }),
  z.object({ type: z.literal('log'), level: z.enum(['info', 'warn', 'error']), message: z.string() }),
  z.object({ type: z.literal('finished'), status: z.enum(['done', 'stopped']) }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type FromWorker = z.infer<typeof FromWorkerSchema>;
