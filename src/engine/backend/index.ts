/**
 * Compute backends of the engine. Call initBackend once at process start (the search child, each
 * block worker, the CLI, the bench) before any tensor is created; pass the kind the parent chose
 * to workers so every process of a run uses the same backend.
 */
export { initBackend, type InitBackendOptions } from './init-backend';
export { BackendUnavailableError, BACKEND_PREFERENCES, isBackendPreference, type BackendPreference, type BackendKind } from './preference';
export { detectGpuCount } from './gpu-count';
export { UnsupportedKernelShapeError } from './kernels/unsupported-shape';
export type { BackendRecord } from '../../shared/events';
