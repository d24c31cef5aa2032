/** Which compute backend the user asked for (setting / CLI flag / config `compute.backend`). */
import type { BackendRecord } from '../../shared/events';

export type BackendPreference = 'auto' | 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
export type BackendKind = BackendRecord['kind'];

export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

/** What 'auto' tries, best first. cpu is last: it is a correctness reference, far too slow to train. */
export const AUTO_ORDER: readonly BackendKind[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

/** What to install (or do) to make a backend available, for error messages. */
export const HOW_TO_GET: Record<BackendKind, string> = {
  'tensorflow-gpu':
    'install the optional native GPU backend: `npm install @tensorflow/tfjs-node-gpu@4.22.0` (its installer downloads libtensorflow 2.9.1; it needs an NVIDIA GPU with CUDA 11.2 and cuDNN 8; offline, point TFJS_NODE_BASE_URI at a mirror)',
  tensorflow:
    'install the optional native CPU backend: `npm install @tensorflow/tfjs-node@4.22.0` (its installer downloads libtensorflow 2.9.1; offline, point TFJS_NODE_BASE_URI at a mirror)',
  wasm: 'reinstall the extension or run `npm run build`: the wasm backend needs @tensorflow/tfjs-backend-wasm 4.22 binaries and the training kernels (dna-train-kernels.wasm) next to the engine',
  cpu: 'the cpu backend ships with @tensorflow/tfjs; reinstall the extension',
};

/** A backend the user forced (not 'auto') cannot be used. The message says what to install. */
export class BackendUnavailableError extends Error {
  constructor(
    readonly preference: BackendPreference,
    readonly why: string,
  ) {
    super(`Compute backend '${preference}' is not available: ${why}. To use it, ${preference === 'auto' ? HOW_TO_GET.wasm : HOW_TO_GET[preference]}; or set the backend to 'auto'.`);
    this.name = 'BackendUnavailableError';
  }
}

export function isBackendPreference(value: unknown): value is BackendPreference {
  return typeof value === 'string' && (BACKEND_PREFERENCES as readonly string[]).includes(value);
}
