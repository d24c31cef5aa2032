/**
 * Run folders for the tests, written the way the engine lays them out (src/shared/run-layout.ts):
 * a manifest, an events.jsonl of a small real-shaped run, optionally a lock.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineEvent } from '../../../src/shared/events';
import { RUN_FORMAT_VERSION, type RunManifest } from '../../../src/shared/run-layout';

export function tempRunsDir(): string {
  return mkdtempSync(join(tmpdir(), 'dna-ext-runs-'));
}

export function manifest(over: Partial<RunManifest> = {}): RunManifest {
  return {
    formatVersion: RUN_FORMAT_VERSION,
    runId: 'r1',
    name: 'fashion-mnist-quick',
    createdAt: '2026-01-02T03:04:05.000Z',
    engineVersion: '0.1.0',
    configSource: 'preset:quick',
    status: 'completed',
    updatedAt: '2026-01-02T03:14:05.000Z',
    ...over,
  };
}

const shape = (h: number, w: number, c: number): [number, number, number] => [h, w, c];

/** A two-block run: teacher, space, distillation of block 0 (depths 1 and 2), rankings, choice. */
export function sampleEvents(runDir: string): EngineEvent[] {
  const ops = [{ kernel: 3, expansion: 3 }, { kernel: 5, expansion: 3 }];
  return [
    { t: 1, type: 'run-started', runId: 'r1', runDir, name: 'fashion-mnist-quick', resumed: false, backend: { kind: 'wasm', name: 'wasm', tfjsVersion: '4.22.0', threads: 2, reason: 'test' }, workers: 2, engineVersion: '0.1.0', seed: 1 },
    { t: 2, type: 'phase', phase: 'prepare', state: 'started' },
    {
      t: 3, type: 'teacher', inputShape: shape(28, 28, 1), numClasses: 10,
      blocks: [
        { index: 0, name: 'stage1', layers: ['a'], inputShape: shape(28, 28, 16), outputShape: shape(14, 14, 24), params: 1000, flops: 100000 },
        { index: 1, name: 'stage2', layers: ['b'], inputShape: shape(14, 14, 24), outputShape: shape(7, 7, 32), params: 2000, flops: 80000 },
      ],
      stem: { params: 10, flops: 1000 }, head: { params: 330, flops: 330 }, total: { params: 3340, flops: 181330 },
    },
    {
      t: 4, type: 'space',
      space: {
        ops, family: { seRatio: 0.25, activation: 'swish' },
        blocks: [
          { index: 0, name: 'stage1', inputShape: shape(28, 28, 16), outputShape: shape(14, 14, 24), stride: 2, width: 24, depths: [1, 2] },
          { index: 1, name: 'stage2', inputShape: shape(14, 14, 24), outputShape: shape(7, 7, 32), stride: 2, width: 32, depths: [1, 2] },
        ],
      },
      pathsPerBlock: [6, 6], totalArchitectures: 36,
    },
    { t: 5, type: 'phase', phase: 'prepare', state: 'finished' },
    { t: 6, type: 'phase', phase: 'distill', state: 'started' },
    { t: 7, type: 'distill-progress', block: 0, depth: 1, epoch: 0, epochs: 1, step: 8, steps: 8, loss: 0.5, imagesPerSecond: 900 },
    { t: 8, type: 'distill-epoch', block: 0, depth: 1, epoch: 0, trainLoss: 0.5, heldOutLoss: 0.55 },
    { t: 9, type: 'distill-progress', block: 0, depth: 2, epoch: 0, epochs: 1, step: 8, steps: 8, loss: 0.4, imagesPerSecond: 800 },
    { t: 10, type: 'distill-epoch', block: 0, depth: 2, epoch: 0, trainLoss: 0.4, heldOutLoss: 0.42 },
    { t: 11, type: 'ranking', block: 0, depth: 1, candidates: [{ ops: 'k3e3', score: 0.30, params: 300, flops: 30000 }, { ops: 'k5e3', score: 0.25, params: 400, flops: 40000 }] },
    { t: 12, type: 'ranking', block: 0, depth: 2, candidates: [{ ops: 'k3e3-k3e3', score: 0.20, params: 600, flops: 60000 }, { ops: 'k5e3-k3e3', score: 0.27, params: 700, flops: 70000 }] },
    { t: 13, type: 'distill-progress', block: 1, depth: 1, epoch: 0, epochs: 2, step: 4, steps: 8, loss: 0.7, imagesPerSecond: 700 },
  ];
}

export function writeRun(
  runsDir: string,
  name: string,
  opts: { manifest?: unknown; manifestText?: string; events?: EngineEvent[]; eventsText?: string; lock?: unknown } = {},
): string {
  const runDir = join(runsDir, name);
  mkdirSync(runDir, { recursive: true });
  if (opts.manifestText !== undefined) writeFileSync(join(runDir, 'run.json'), opts.manifestText);
  else if (opts.manifest !== null) writeFileSync(join(runDir, 'run.json'), JSON.stringify(opts.manifest ?? manifest({ name })));
  const text = opts.eventsText ?? (opts.events ?? sampleEvents(runDir)).map((e) => JSON.stringify(e)).join('\n') + '\n';
  writeFileSync(join(runDir, 'events.jsonl'), text);
  if (opts.lock !== undefined) writeFileSync(join(runDir, 'run.lock'), typeof opts.lock === 'string' ? opts.lock : JSON.stringify(opts.lock));
  return runDir;
}
