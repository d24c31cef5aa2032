// Run folders written the way the engine lays them out (src/shared/run-layout.ts), for the
// tests that open, list and refuse runs without running a search.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineEvent } from '../../../../src/shared/events';
import { RUN_FORMAT_VERSION, type RunManifest } from '../../../../src/shared/run-layout';

export function manifest(name: string, over: Partial<RunManifest> = {}): RunManifest {
  const now = new Date().toISOString();
  return { formatVersion: RUN_FORMAT_VERSION, runId: name, name, createdAt: now, engineVersion: '0.1.0', configSource: 'preset:quick', status: 'stopped', updatedAt: now, ...over };
}

export function events(runDir: string, name: string): EngineEvent[] {
  const s = (h: number, w: number, c: number): [number, number, number] => [h, w, c];
  return [
    { t: 1, type: 'run-started', runId: name, runDir, name, resumed: false, backend: { kind: 'wasm', name: 'wasm', tfjsVersion: '4.22.0', threads: 2, reason: 'fixture' }, workers: 1, engineVersion: '0.1.0', seed: 1 },
    { t: 2, type: 'phase', phase: 'prepare', state: 'started' },
    {
      t: 3, type: 'teacher', inputShape: s(28, 28, 1), numClasses: 10,
      blocks: [{ index: 0, name: 'stage1', layers: ['x'], inputShape: s(28, 28, 16), outputShape: s(14, 14, 24), params: 100, flops: 1000 }],
      stem: { params: 1, flops: 1 }, head: { params: 1, flops: 1 }, total: { params: 102, flops: 1002 },
    },
    { t: 4, type: 'phase', phase: 'prepare', state: 'finished' },
    { t: 5, type: 'phase', phase: 'distill', state: 'started' },
    { t: 6, type: 'distill-progress', block: 0, depth: 1, epoch: 0, epochs: 1, step: 1, steps: 2, loss: 0.5, imagesPerSecond: 10 },
    { t: 7, type: 'ranking', block: 0, depth: 1, candidates: [{ ops: 'k3e3', score: 0.4, params: 50, flops: 500 }, { ops: 'k5e3', score: 0.3, params: 60, flops: 600 }] },
    { t: 8, type: 'run-finished', status: 'stopped' },
  ];
}

export function writeRunFolder(runsDir: string, name: string, opts: { manifest?: unknown; manifestText?: string; eventsText?: string } = {}): string {
  const runDir = join(runsDir, name);
  mkdirSync(runDir, { recursive: true });
  writeFileSync(join(runDir, 'run.json'), opts.manifestText ?? JSON.stringify(opts.manifest ?? manifest(name)));
  writeFileSync(join(runDir, 'events.jsonl'), opts.eventsText ?? events(runDir, name).map((e) => JSON.stringify(e)).join('\n') + '\n');
  return runDir;
}
