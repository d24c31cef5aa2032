/**
 * The PyTorch peer of the MBConv benchmark: scripts/bench/torch_mbconv.py under Debian's
 * python3 (where python3-torch lives), 1 thread, channels_last and NCHW. Absent torch or
 * python is reported, never fatal.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface TorchLayoutResult {
  layout: 'channels_last' | 'nchw';
  medianMs: number;
  /** process CPU time per step (the wall time minus time the core went to other processes) */
  medianCpuMs?: number;
  steps: number;
}

export type TorchPeer = { ok: true; version: string; threads: number; results: TorchLayoutResult[]; peakRssMiB: number } | { ok: false; why: string };

/** Debian's interpreter first: the pyenv `python3` on PATH has no torch. */
const PYTHONS = ['/usr/bin/python3', 'python3'];

function script(): string {
  // bench.js lives in dist/; from sources this file is bench/
  const candidates = [resolve(__dirname, '..', 'scripts', 'bench', 'torch_mbconv.py'), join(process.cwd(), 'scripts', 'bench', 'torch_mbconv.py')];
  return candidates.find((c) => existsSync(c)) ?? candidates[0];
}

export function runTorchPeer(args: { steps: number; warmup: number; batch: number; size: number; channels: number; expand: number; kernel: number }): TorchPeer {
  const file = script();
  if (!existsSync(file)) return { ok: false, why: `${file} not found` };
  const argv = [file, '--steps', String(args.steps), '--warmup', String(args.warmup), '--batch', String(args.batch), '--size', String(args.size), '--channels', String(args.channels), '--expand', String(args.expand), '--kernel', String(args.kernel), '--threads', '1'];
  const tried: string[] = [];
  for (const python of PYTHONS) {
    const r = spawnSync(python, argv, { encoding: 'utf8', timeout: 10 * 60_000, env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' } });
    if (r.error) {
      tried.push(`${python}: ${r.error.message}`);
      continue;
    }
    const line = r.stdout.trim().split('\n').pop() ?? '';
    let parsed: { error?: string; torchVersion?: string; threads?: number; results?: TorchLayoutResult[]; peakRssMiB?: number };
    try {
      parsed = JSON.parse(line);
    } catch {
      tried.push(`${python}: exit ${r.status}, ${r.stderr.trim().split('\n').pop() ?? 'no output'}`);
      continue;
    }
    if (parsed.error || !parsed.results) {
      tried.push(`${python}: ${parsed.error ?? 'no results'}`);
      continue;
    }
    return { ok: true, version: parsed.torchVersion ?? '?', threads: parsed.threads ?? 1, results: parsed.results, peakRssMiB: parsed.peakRssMiB ?? NaN };
  }
  return { ok: false, why: `PyTorch not available (${tried.join('; ')}); on Debian: apt-get install python3-torch` };
}
