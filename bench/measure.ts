/** Timing and memory helpers shared by the benchmarks. */
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs';

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Times `steps` calls of fn after `warmup` untimed ones; milliseconds per call. */
export function timeSteps(fn: () => void, steps: number, warmup: number): number[] {
  return timeStepsWithCpu(fn, steps, warmup).wall;
}

/**
 * Wall-clock and process CPU milliseconds per call. On a shared machine the CPU time shows the
 * work done even while other processes take the core (it cannot hide cache pollution).
 */
export function timeStepsWithCpu(fn: () => void, steps: number, warmup: number): { wall: number[]; cpu: number[] } {
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < steps; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall, cpu };
}

export function loadText(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** Peak resident set size of this process so far, MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Size of the wasm backend's heap (it only grows), MiB; undefined on other backends. */
export function wasmHeapMiB(): number | undefined {
  const b = tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } };
  return b.wasm?.HEAPU8 ? b.wasm.HEAPU8.length / 2 ** 20 : undefined;
}

export function fmt(n: number | undefined, digits = 1): string {
  return n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits);
}
