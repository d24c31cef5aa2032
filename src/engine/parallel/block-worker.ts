/**
 * Entry of one job process (bundled as dist/block-worker.js, forked by worker-pool.ts). It starts
 * its own backend — the one the main process chose — runs exactly one job and exits, so every
 * job starts with a fresh heap and a crash takes down only its own job.
 */
import { initBackend } from '../backend';
import { runJob } from './run-job';
import { FromWorkerSchema, ToWorkerSchema, type FromWorker } from './worker-protocol';

let stopRequested = false;

function send(message: FromWorker): void {
  if (process.connected) process.send?.(FromWorkerSchema.parse(message));
}

function fail(message: string): void {
  send({ type: 'failed', message });
  process.exitCode = 1;
  if (process.connected) process.disconnect();
}

process.on('message', (raw) => {
  const parsed = ToWorkerSchema.safeParse(raw);
  if (!parsed.success) return fail(`job process received an invalid message: ${parsed.error.issues[0]?.message}`);
  const msg = parsed.data;
  if (msg.type === 'stop') {
    stopRequested = true;
    return;
  }
  void (async () => {
    try {
      // The parent chose and logged the backend; a job process only has to get the same one.
      const backend = await initBackend(msg.backend);
      send({ type: 'backend', backend });
      const status = await runJob(msg.job, send, () => stopRequested);
      send({ type: 'finished', status });
      if (process.connected) process.disconnect();
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e));
    }
  })();
});

// The parent going away (crash, kill) must not leave an orphan training for nobody.
process.on('disconnect', () => setTimeout(() => process.exit(), 100).unref());
send({ type: 'ready', pid: process.pid });
