/**
 * Instantiates the project's compiled training kernels (built from ./assembly by
 * build-kernels.mjs) on tfjs-backend-wasm's own memory, so they read and write tensors in place.
 */
import { readFileSync } from 'node:fs';
import { kernelWasmPath } from '../binary-files';
import { webAssembly, type WasmMemory } from './webassembly-api';

type Ptr = number;

/** Exports of dna-train-kernels.wasm (see assembly/index.ts). */
export interface TrainKernels {
  depthwiseForward(x: Ptr, filter: Ptr, y: Ptr, scratch: Ptr, n: number, h: number, w: number, c: number, kh: number, kw: number, sh: number, sw: number, pt: number, pl: number, ho: number, wo: number): void;
  depthwiseBackpropInput(dy: Ptr, filter: Ptr, dx: Ptr, scratch: Ptr, n: number, h: number, w: number, c: number, kh: number, kw: number, sh: number, sw: number, pt: number, pl: number, ho: number, wo: number): void;
  depthwiseBackpropFilter(x: Ptr, dy: Ptr, dfilter: Ptr, scratch: Ptr, n: number, h: number, w: number, c: number, kh: number, kw: number, sh: number, sw: number, pt: number, pl: number, ho: number, wo: number): void;
  forwardScratchBytes(c: number, kh: number, kw: number, sh: number, sw: number, ho: number, wo: number): number;
  backpropInputScratchBytes(h: number, w: number, c: number, kh: number, kw: number, sh: number, sw: number, ho: number, wo: number): number;
  batchNormStats(x: Ptr, rows: number, c: number, mean: Ptr, variance: Ptr, work: Ptr): void;
  batchNormApply(x: Ptr, mean: Ptr, variance: Ptr, gamma: Ptr, beta: Ptr, eps: number, y: Ptr, rows: number, c: number, work: Ptr): void;
  batchNormBackward(dy: Ptr, x: Ptr, mean: Ptr, variance: Ptr, gamma: Ptr, eps: number, dx: Ptr, dgamma: Ptr, dbeta: Ptr, rows: number, c: number, work: Ptr): void;
  batchNormInferBackward(dy: Ptr, x: Ptr, mean: Ptr, variance: Ptr, gamma: Ptr, eps: number, dx: Ptr, dmean: Ptr, dvariance: Ptr, dgamma: Ptr, dbeta: Ptr, rows: number, c: number, work: Ptr): void;
  batchNormWorkBytes(c: number): number;
  reluGrad(dy: Ptr, x: Ptr, dx: Ptr, n: number): void;
  relu6Grad(dy: Ptr, x: Ptr, dx: Ptr, n: number): void;
  clipGrad(dy: Ptr, x: Ptr, dx: Ptr, n: number, lo: number, hi: number): void;
  swishForward(x: Ptr, y: Ptr, s: Ptr, n: number): void;
  swishGrad(dy: Ptr, x: Ptr, s: Ptr, dx: Ptr, n: number): void;
  repeatChannels(x: Ptr, out: Ptr, rows: number, c: number, m: number): void;
  sumChannelGroups(x: Ptr, out: Ptr, rows: number, c: number, m: number): void;
  sumMiddle(x: Ptr, out: Ptr, outer: number, mid: number, inner: number, work: Ptr): void;
  avgPoolGradTiled(dy: Ptr, dx: Ptr, n: number, h: number, w: number, c: number, fh: number, fw: number, ho: number, wo: number): void;
  matmulTN(a: Ptr, b: Ptr, out: Ptr, rows: number, m: number, n: number): void;
  gatherTapTransposed(x: Ptr, out: Ptr, n: number, h: number, w: number, c: number, i: number, j: number, sh: number, sw: number, pt: number, pl: number, ho: number, wo: number): void;
}

let compiled: object | undefined;

function kernelModule(): object {
  compiled ??= new webAssembly.Module(readFileSync(kernelWasmPath()));
  return compiled;
}

export function instantiateTrainKernels(memory: WasmMemory): TrainKernels {
  const instance = new webAssembly.Instance(kernelModule(), { env: { memory } });
  const exports = instance.exports as unknown as TrainKernels;
  const missing = (['depthwiseForward', 'batchNormStats', 'relu6Grad', 'gatherTapTransposed', 'matmulTN', 'sumMiddle', 'avgPoolGradTiled', 'swishForward', 'batchNormInferBackward', 'clipGrad'] as const).filter((k) => typeof exports[k] !== 'function');
  if (missing.length) throw new Error(`${kernelWasmPath()} lacks ${missing.join(', ')}; rebuild with \`npm run build\``);
  return exports;
}
