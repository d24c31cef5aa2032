/**
 * Chooses and starts the compute backend of this process. 'auto' tries, best first:
 *   1. tensorflow-gpu: @tensorflow/tfjs-node-gpu, only when it loads AND sees a CUDA device;
 *   2. tensorflow:     @tensorflow/tfjs-node (or tfjs-node-gpu running on its CPU);
 *   3. wasm:           tfjs-backend-wasm plus the project's training kernel pack;
 *   4. cpu:            pure JS, a correctness reference (hundreds of times too slow to train).
 * Each candidate must pass the start-up self-check (kernels present, gradients match cpu).
 * The result says which backend runs and why the better ones did not, once, via `log` and in
 * the returned record (which goes into every run's record). A forced backend that cannot run
 * throws BackendUnavailableError naming what to install — it never silently falls back.
 */
import * as tf from '@tensorflow/tfjs';
import { availableParallelism } from 'node:os';
import type { BackendRecord } from '../../shared/events';
import { loadNativeTensorflow, type NativePackage } from './native-tensorflow';
import { AUTO_ORDER, BackendUnavailableError, isBackendPreference, type BackendKind, type BackendPreference } from './preference';
import { quietCpuBanner, selfCheckActiveBackend } from './self-check';
import { activateWasm, WASM_THREADS } from './wasm-setup';

export interface InitBackendOptions {
  /** Receives the one line saying which backend was chosen and why. */
  log?: (line: string) => void;
  /** Extra folders to resolve the optional tfjs-node packages from (default: Node's own lookup). */
  nativePaths?: string[];
}

type Attempt = { ok: true; name: string; threads: number; detail: string } | { ok: false; why: string };

/**
 * Defaults for libtensorflow, set only where the user has not: take GPU memory as needed (one
 * worker process per GPU shares nothing, but a grab-everything default starves the driver's
 * other clients), and skip its INFO chatter on stderr (warnings and errors still show).
 */
function nativeEnvironmentDefaults(): void {
  process.env.TF_FORCE_GPU_ALLOW_GROWTH ??= 'true';
  process.env.TF_CPP_MIN_LOG_LEVEL ??= '1';
}

async function activateNative(kind: 'tensorflow-gpu' | 'tensorflow', nativePaths?: string[]): Promise<Attempt> {
  nativeEnvironmentDefaults();
  const packages: NativePackage[] = kind === 'tensorflow-gpu' ? ['@tensorflow/tfjs-node-gpu'] : ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];
  const reasons: string[] = [];
  for (const pkg of packages) {
    const load = loadNativeTensorflow(pkg, nativePaths);
    if (!load.ok) {
      reasons.push(load.why);
      continue;
    }
    if (!(await tf.setBackend('tensorflow'))) {
      reasons.push(`${pkg} loaded but its 'tensorflow' backend failed to initialise`);
      continue;
    }
    const usingGpu = (tf.backend() as { isUsingGpuDevice?: boolean }).isUsingGpuDevice === true;
    if (kind === 'tensorflow-gpu' && !usingGpu) {
      reasons.push(`${pkg} loaded but sees no CUDA device (needs an NVIDIA GPU with CUDA 11.2 and cuDNN 8)`);
      continue;
    }
    if (kind === 'tensorflow' && usingGpu) {
      reasons.push(`${pkg} runs on the GPU (that is the tensorflow-gpu backend)`);
      continue;
    }
    const where = usingGpu ? 'CUDA GPU' : 'CPU';
    return { ok: true, name: `tensorflow (${pkg} ${load.version}, ${where})`, threads: usingGpu ? 1 : availableParallelism(), detail: `${pkg} ${load.version} on the ${where}` };
  }
  return { ok: false, why: reasons.join('; ') };
}

async function activate(kind: BackendKind, opts: InitBackendOptions): Promise<Attempt> {
  try {
    switch (kind) {
      case 'tensorflow-gpu':
      case 'tensorflow':
        return await activateNative(kind, opts.nativePaths);
      case 'wasm': {
        const { threads } = await activateWasm();
        return { ok: true, name: `wasm (tfjs-backend-wasm ${tf.version_core}, SIMD, ${threads} thread, DNA training kernels)`, threads, detail: 'tfjs-backend-wasm with the DNA training kernel pack' };
      }
      case 'cpu':
        quietCpuBanner();
        if (!(await tf.setBackend('cpu'))) return { ok: false, why: 'the cpu backend failed to initialise' };
        return { ok: true, name: `cpu (pure JS, tfjs ${tf.version_core})`, threads: 1, detail: 'the pure-JS cpu backend (correctness reference; very slow to train)' };
    }
  } catch (err) {
    return { ok: false, why: err instanceof Error ? err.message : String(err) };
  }
}

const chosen = new Map<BackendPreference, BackendRecord>();

export async function initBackend(pref: BackendPreference = 'auto', opts: InitBackendOptions = {}): Promise<BackendRecord> {
  if (!isBackendPreference(pref)) throw new Error(`unknown compute backend '${String(pref)}'; use one of auto, tensorflow-gpu, tensorflow, wasm, cpu`);
  const previous = chosen.get(pref);
  if (previous && (await tf.setBackend(backendName(previous.kind)))) return previous;
  const order = pref === 'auto' ? AUTO_ORDER : [pref];
  const skipped: string[] = [];
  for (const kind of order) {
    const attempt = await activate(kind, opts);
    let why: string;
    if (attempt.ok) {
      const check = await selfCheckActiveBackend();
      if (check.ok) {
        const reason = pref === 'auto' ? `auto: ${attempt.detail}${skipped.length ? ` (skipped ${skipped.join('; ')})` : ''}` : `forced by setting: ${attempt.detail}`;
        const record: BackendRecord = { kind, name: attempt.name, tfjsVersion: tf.version_core, threads: kind === 'wasm' ? WASM_THREADS : attempt.threads, reason };
        chosen.set(pref, record);
        opts.log?.(`compute backend: ${record.name} — ${reason}`);
        return record;
      }
      why = `start-up self-check failed: ${check.why}`;
    } else {
      why = attempt.why;
    }
    if (pref !== 'auto') throw new BackendUnavailableError(pref, why);
    // say each cause once (both native kinds may report the same missing package)
    const fresh = why.split('; ').filter((part) => !skipped.some((s) => s.includes(part)));
    if (fresh.length) skipped.push(`${kind}: ${fresh.join('; ')}`);
  }
  throw new Error(`no compute backend could start: ${skipped.join('; ')}`);
}

function backendName(kind: BackendKind): string {
  return kind === 'tensorflow-gpu' ? 'tensorflow' : kind;
}
