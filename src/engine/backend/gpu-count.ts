/**
 * How many CUDA GPUs this machine offers the search, for "one worker process per GPU". Local and
 * instant: the NVIDIA driver's /proc entries on Linux, else `nvidia-smi -L` with a short
 * timeout; CUDA_VISIBLE_DEVICES narrows the result as CUDA itself would. 0 when none.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const NVIDIA_PROC = '/proc/driver/nvidia/gpus';
const NVIDIA_SMI_TIMEOUT_MS = 3000;

function physicalGpuCount(): number {
  try {
    if (existsSync(NVIDIA_PROC)) return readdirSync(NVIDIA_PROC).length;
  } catch {
    // unreadable: ask nvidia-smi instead
  }
  try {
    const r = spawnSync('nvidia-smi', ['-L'], { timeout: NVIDIA_SMI_TIMEOUT_MS, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
    if (r.status !== 0 || typeof r.stdout !== 'string') return 0;
    return r.stdout.split('\n').filter((line) => /^GPU \d+:/.test(line.trim())).length;
  } catch {
    return 0;
  }
}

/** Devices CUDA_VISIBLE_DEVICES leaves visible, or undefined when it is not set. */
export function visibleDeviceLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ids = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  // CUDA stops at the first invalid entry (e.g. "-1" hides every device).
  const firstInvalid = ids.findIndex((id) => id.startsWith('-'));
  return firstInvalid === -1 ? ids.length : firstInvalid;
}

export function detectGpuCount(env: NodeJS.ProcessEnv = process.env): number {
  const physical = physicalGpuCount();
  const limit = visibleDeviceLimit(env.CUDA_VISIBLE_DEVICES);
  return limit === undefined ? physical : Math.min(physical, limit);
}
