/**
 * Loads the optional native backends, @tensorflow/tfjs-node-gpu or @tensorflow/tfjs-node, onto
 * THE ENGINE'S OWN TensorFlow.js instance.
 *
 * Why a require hook: our bundles (dist/cli.js, search-child.js, block-worker.js, bench.js)
 * contain their own copy of @tensorflow/tfjs, while tfjs-node stays external (it is optional
 * and native). When loaded, tfjs-node calls require('@tensorflow/tfjs') itself and registers
 * its 'tensorflow' backend and ~200 kernels on whatever that returns — from node_modules, a
 * DIFFERENT tfjs-core instance than the bundle's, so the engine would never see the backend
 * (and tensors of the two instances do not mix). While — and only while — the package loads,
 * the hook answers require('@tensorflow/tfjs') and require('@tensorflow/tfjs-core') coming from
 * files inside that package with the engine's instance (which re-exports all of tfjs-core).
 * Nothing else is affected: other requesters and every require after the load see plain Node.
 */
import * as tf from '@tensorflow/tfjs';
import Module, { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';

export type NativePackage = '@tensorflow/tfjs-node-gpu' | '@tensorflow/tfjs-node';

export type NativeLoad =
  | { ok: true; pkg: NativePackage; version: string }
  | { ok: false; pkg: NativePackage; installed: boolean; why: string };

// Resolves like a require() from this file: dist/ for the bundles, src/engine/backend/ under tsx.
const nodeRequire = createRequire(__filename);

const HOOKED_REQUESTS = new Set(['@tensorflow/tfjs', '@tensorflow/tfjs-core']);

type LoadFn = (request: string, parent: { filename?: string | null } | undefined, isMain: boolean) => unknown;
const moduleInternals = Module as unknown as { _load: LoadFn };

/** Resolves a package's entry file, or undefined when it is not installed (where Node would look). */
export function resolveNativePackage(pkg: NativePackage, paths?: string[]): string | undefined {
  try {
    return nodeRequire.resolve(pkg, paths ? { paths } : undefined);
  } catch {
    return undefined;
  }
}

function packageRoot(entry: string, pkg: NativePackage): string {
  // .../node_modules/@tensorflow/tfjs-node/dist/index.js -> .../node_modules/@tensorflow/tfjs-node
  const marker = `${sep}${pkg.split('/').join(sep)}${sep}`;
  const at = entry.lastIndexOf(marker);
  return at >= 0 ? entry.slice(0, at + marker.length - 1) : dirname(entry);
}

/** Requires `entry` with '@tensorflow/tfjs(-core)' from inside `root` mapped to the engine's tf. */
export function requireOntoEngineInstance(entry: string, root: string): unknown {
  const original = moduleInternals._load;
  const inside = (file: string | null | undefined) => typeof file === 'string' && (file === root || file.startsWith(root + sep));
  moduleInternals._load = function hookedLoad(this: unknown, request, parent, isMain) {
    if (HOOKED_REQUESTS.has(request) && inside(parent?.filename)) return tf;
    return original.call(this, request, parent, isMain);
  };
  try {
    return nodeRequire(entry);
  } finally {
    moduleInternals._load = original;
  }
}

/** First line of an error, without the long require stack Node appends. */
function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0].trim();
}

const attempts = new Map<NativePackage, NativeLoad>();

/**
 * Tries once per process to load `pkg` onto the engine's tf instance. After a native package
 * loaded, the other one is never tried: two libtensorflow copies in one process would fight.
 */
export function loadNativeTensorflow(pkg: NativePackage, paths?: string[]): NativeLoad {
  const previous = attempts.get(pkg);
  if (previous) return previous;
  const other = [...attempts.values()].find((a) => a.ok);
  if (other && other.pkg !== pkg) {
    return { ok: false, pkg, installed: resolveNativePackage(pkg, paths) !== undefined, why: `${other.pkg} is already loaded in this process` };
  }
  const result = attemptLoad(pkg, paths);
  attempts.set(pkg, result);
  return result;
}

function attemptLoad(pkg: NativePackage, paths?: string[]): NativeLoad {
  const entry = resolveNativePackage(pkg, paths);
  if (!entry) return { ok: false, pkg, installed: false, why: `${pkg} is not installed` };
  let loaded: { version?: Record<string, string> };
  try {
    loaded = requireOntoEngineInstance(entry, packageRoot(entry, pkg)) as { version?: Record<string, string> };
  } catch (err) {
    return { ok: false, pkg, installed: true, why: `${pkg} is installed but failed to load: ${firstLine(err)}` };
  }
  if (!tf.findBackendFactory('tensorflow')) {
    return { ok: false, pkg, installed: true, why: `${pkg} loaded but registered no 'tensorflow' backend on the engine's TensorFlow.js instance` };
  }
  const version = loaded.version?.['tfjs-node'] ?? 'unknown';
  return { ok: true, pkg, version };
}

/** Resets what this module remembers (tests only: a real process loads native code once). */
export function forgetNativeAttemptsForTests(): void {
  attempts.clear();
}
