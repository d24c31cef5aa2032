/**
 * Benchmark: one MBConv block training step (batch 64, 14x14x40, expand 6, kernel 5, stride 1,
 * BN + ReLU6 + residual, MSE, Adam) on wasm + the kernel pack, on tfjs `cpu`, and in PyTorch
 * (1 thread, channels_last and NCHW), with the ratios from the same run.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/engine/backend';
import { intFlag, type Benchmark, type BenchTable } from './benchmark';
import { BENCH_MBCONV, mbconvTrainer, profileStep } from './mbconv-training';
import { fmt, loadText, median, peakRssMiB, timeStepsWithCpu, wasmHeapMiB } from './measure';
import { runTorchPeer } from './torch-peer';

const TARGET_VS_TORCH = 1.3;
const TARGET_VS_CPU = 100;

export const mbconvStepBenchmark: Benchmark = {
  name: 'mbconv-step',
  summary: 'one MBConv training step: wasm + kernel pack vs tfjs cpu vs PyTorch (1 thread)',
  flags: {
    steps: 'timed wasm steps (default 500; the tensor count must not grow over them)',
    'cpu-steps': 'timed tfjs cpu steps (default 1: ~2 min each); 0 skips cpu',
    'torch-steps': 'timed PyTorch steps per layout (default 30)',
    profile: '1 = also print per-kernel time of one wasm step',
  },
  async run(opts) {
    const steps = intFlag(opts, 'steps', 500);
    const cpuSteps = opts.flags.get('cpu-steps') === '0' ? 0 : intFlag(opts, 'cpu-steps', 1);
    const torchSteps = intFlag(opts, 'torch-steps', 30);
    const shape = BENCH_MBCONV;
    const tables: BenchTable[] = [];
    const loadBefore = loadText();

    const backend = await initBackend('wasm');
    const trainer = mbconvTrainer(shape);
    trainer.step();
    const tensorsBefore = tf.memory().numTensors;
    const wasmTimes = timeStepsWithCpu(() => trainer.step(), steps, 2);
    const tensorGrowth = tf.memory().numTensors - tensorsBefore;
    const wasmMs = median(wasmTimes.wall);
    const wasmCpuMs = median(wasmTimes.cpu);
    const heap = wasmHeapMiB();
    if (opts.flags.get('profile') === '1') {
      const rows = await profileStep(trainer);
      const total = rows.reduce((a, r) => a + r.ms, 0);
      tables.push({ title: 'wasm: kernel time of one step (tf.profile)', columns: ['kernel', 'calls', 'ms', '%'], rows: rows.map((r) => [r.name, r.calls, fmt(r.ms, 2), fmt((100 * r.ms) / total, 1)]), notes: [`kernel total ${fmt(total, 1)} ms; the rest of a step is engine / tape bookkeeping`] });
    }
    trainer.dispose();
    opts.log(`wasm: ${fmt(wasmMs, 1)} ms/step median of ${steps}`);

    let cpuMs: number | undefined;
    let cpuCpuMs: number | undefined;
    if (cpuSteps > 0) {
      await initBackend('cpu');
      opts.log(`tfjs cpu: timing ${cpuSteps} step(s), ~2 minutes each ...`);
      const cpuTrainer = mbconvTrainer(shape);
      const t = timeStepsWithCpu(() => cpuTrainer.step(), cpuSteps, 0);
      cpuMs = median(t.wall);
      cpuCpuMs = median(t.cpu);
      cpuTrainer.dispose();
      await initBackend('wasm');
    }

    const torch = runTorchPeer({ steps: torchSteps, warmup: 3, ...shape });
    const torchMs = (layout: string) => (torch.ok ? torch.results.find((r) => r.layout === layout)?.medianMs : undefined);
    const cl = torchMs('channels_last');
    const nchw = torchMs('nchw');
    const torchCpu = (layout: string) => (torch.ok ? torch.results.find((r) => r.layout === layout)?.medianCpuMs : undefined);
    const clCpu = torchCpu('channels_last');
    const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${fmt(a / b, 2)}x` : '-');
    const rows: (string | number)[][] = [
      [`tfjs wasm + DNA kernel pack (${backend.threads} thread)`, steps, fmt(wasmMs, 1), ratio(wasmMs, cl), ratio(wasmMs, nchw), ratio(cpuMs, wasmMs), fmt(wasmCpuMs, 1), ratio(wasmCpuMs, clCpu)],
      ['tfjs cpu (pure JS)', cpuSteps || 'skipped', fmt(cpuMs, 0), ratio(cpuMs, cl), ratio(cpuMs, nchw), cpuMs ? '1.00x' : '-', fmt(cpuCpuMs, 0), ratio(cpuCpuMs, clCpu)],
      [torch.ok ? `PyTorch ${torch.version} channels_last (1 thread)` : 'PyTorch channels_last', torch.ok ? torchSteps : 'absent', fmt(cl, 1), cl ? '1.00x' : '-', ratio(cl, nchw), ratio(cpuMs, cl), fmt(clCpu, 1), clCpu ? '1.00x' : '-'],
      [torch.ok ? `PyTorch ${torch.version} NCHW (1 thread)` : 'PyTorch NCHW', torch.ok ? torchSteps : 'absent', fmt(nchw, 1), ratio(nchw, cl), nchw ? '1.00x' : '-', ratio(cpuMs, nchw), fmt(torchCpu('nchw'), 1), ratio(torchCpu('nchw'), clCpu)],
    ];
    const notes = [
      `shape: batch ${shape.batch}, ${shape.size}x${shape.size}x${shape.channels}, expand ${shape.expand}, kernel ${shape.kernel}, stride 1, BN + ReLU6 + residual, MSE, Adam; median ms per step (fwd + bwd + Adam), wall clock; targets are judged on wall clock`,
      'CPU ms/step: the process CPU time of a step (what it costs when other processes share the core; cache pollution still shows)',
      `wasm: ${steps} timed steps after 3 untimed; live tensors grew by ${tensorGrowth} over them; wasm heap ${fmt(heap, 0)} MiB, process peak RSS ${fmt(peakRssMiB(), 0)} MiB`,
      cpuMs ? `cpu: ${cpuSteps} timed step(s), no warm-up (each takes minutes)` : 'cpu: skipped (--cpu-steps 0)',
      torch.ok ? `PyTorch: ${torchSteps} timed steps per layout after 3 warm-up, torch.set_num_threads(1), peak RSS ${fmt(torch.peakRssMiB, 0)} MiB` : `PyTorch: ${torch.why}`,
      `targets: wasm <= ${TARGET_VS_TORCH}x PyTorch channels_last: ${cl ? (wasmMs <= TARGET_VS_TORCH * cl ? 'MET' : 'NOT met') : 'unknown'}; >= ${TARGET_VS_CPU}x faster than cpu: ${cpuMs ? (cpuMs / wasmMs >= TARGET_VS_CPU ? 'MET' : 'NOT met') : 'unknown'}; no tensor growth: ${tensorGrowth === 0 ? 'MET' : 'NOT met'}`,
      `load average (1/5/15 min) before: ${loadBefore}, after: ${loadText()}`,
    ];
    tables.unshift({ title: 'MBConv block training step', columns: ['implementation', 'steps', 'median ms/step', 'vs PyTorch CL', 'vs PyTorch NCHW', 'speed-up vs tfjs cpu', 'CPU ms/step', 'CPU vs PyTorch CL'], rows, notes });
    return tables;
  },
};
