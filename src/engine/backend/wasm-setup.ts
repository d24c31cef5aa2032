/**
 * Brings up tfjs's wasm backend for training: binaries found in dist/ or node_modules, one
 * thread (tfjs-backend-wasm disables its threaded build in Node, and two threads were not
 * faster on a real step here: parallelism comes from one worker process per core), then the
 * project's training kernel pack registered and attached to the backend's heap.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { tfjsWasmFolder } from './binary-files';
import { kernelsFor } from './kernels/kernels-for-backend';
import { registerWasmTrainingPack } from './kernels/register-pack';

export const WASM_THREADS = 1;

let pathsSet = false;

const PROCESS_EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

/**
 * The Emscripten runtime inside tfjs-backend-wasm installs process-wide 'uncaughtException' and
 * 'unhandledRejection' handlers that re-throw, turning any stray rejection in the engine into a
 * crash that prints a megabyte of minified source. Returns a function removing what was added.
 */
function processHandlersSnapshot(): () => void {
  const emitter = process as NodeJS.EventEmitter;
  const before = new Map(PROCESS_EVENTS.map((e) => [e, new Set(emitter.listeners(e))]));
  return () => {
    for (const e of PROCESS_EVENTS) {
      for (const l of emitter.listeners(e)) if (!before.get(e)!.has(l)) emitter.removeListener(e, l as (...args: unknown[]) => void);
    }
  };
}

/** Activates 'wasm' with the pack; throws with the reason when it cannot. */
export async function activateWasm(): Promise<{ threads: number }> {
  let lateStart = false;
  if (!pathsSet && !tf.engine().registry['wasm']) {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    try {
      setWasmPaths(tfjsWasmFolder());
    } catch {
      // tf.ready() / setBackend('wasm') ran before initBackend and its start failed (binaries
      // not where tfjs looked): it will not retry with our paths.
      lateStart = true;
    }
    setThreadsCount(WASM_THREADS);
    pathsSet = true;
  }
  let ok: boolean;
  const restoreHandlers = processHandlersSnapshot();
  try {
    ok = await tf.setBackend('wasm');
  } catch (err) {
    throw new Error(`tfjs-backend-wasm failed to start: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  } finally {
    restoreHandlers();
  }
  if (!ok) {
    throw new Error(
      lateStart
        ? 'tfjs-backend-wasm was started (and failed) before initBackend() could point it at its binaries; call initBackend() before tf.ready() or any tensor'
        : 'tfjs-backend-wasm failed to start (its .wasm binary could not be loaded or compiled)',
    );
  }
  registerWasmTrainingPack();
  kernelsFor(tf.backend()); // compiles and attaches the kernels now, so a missing binary fails here
  return { threads: getThreadsCount() };
}
