/**
 * Entry of one job process (bundled as dist/block-worker.js, forked by worker-pool.ts). It starts
 * its own backend at once — the one the main process chose, passed as its first argument — so a
 * process forked ahead of time is ready the moment its job arrives; it then runs exactly one job
 * and exits, so every job starts with a fresh heap and a crash takes down only its own job.
 */
import { initBackend, isBackendPreference } from '../backend';
import { runJob } from './run-job';
import { FromWorkerSchema, ToWorkerSchema, type FromWorker } from './worker-protocol';

let stopRequested = false;
let jobStarted = false;

// A Ctrl-C in a terminal reaches the whole process group, this process included. The main
// process decides what a stop means (it sends 'stop', and the job checkpoints); dying of the
// signal here would turn the user's stop into a failed job.
process.on('SIGINT', () => {});

function send(message: FromWorker, then?: () => void): void {
  if (process.connected) process.send?.(FromWorkerSchema.parse(message), undefined, {}, () => then?.());
  else then?.();
}

/** The last message, then let go of the channel — only once the message is out (Node crashes on a disconnect with sends still queued). */
function sendLast(message: FromWorker): void {
  send(message, () => {
    if (process.connected) process.disconnect();
  });
}

function fail(message: string): void {
  process.exitCode = 1;
  sendLast({ type: 'failed', message });
}

async function main(): Promise<void> {
  const kind = process.argv[2];
  if (!isBackendPreference(kind) || kind === 'auto') return fail(`job process started without a backend kind (got "${kind}")`);
  // The parent chose and logged the backend; a job process only has to get the same one.
  const backend = await initBackend(kind);
  process.on('message', (raw) => {
    const parsed = ToWorkerSchema.safeParse(raw);
    if (!parsed.success) return fail(`job process received an invalid message: ${parsed.error.issues[0]?.message}`);
    const msg = parsed.data;
    if (msg.type === 'stop') {
      stopRequested = true;
      // Not started yet: nothing to checkpoint.
      if (!jobStarted) process.exit(0);
      return;
    }
    if (jobStarted) return fail('job process received a second job; it runs exactly one');
    jobStarted = true;
    void (async () => {
      try {
        const status = await runJob(msg.job, send, () => stopRequested);
        sendLast({ type: 'finished', status });
      } catch (e) {
        fail(e instanceof Error ? e.message : String(e));
      }
    })();
  });
  send({ type: 'backend', backend });
  send({ type: 'ready', pid: process.pid });
}

// The parent going away (crash, kill) must not leave an orphan training for nobody.
process.on('disconnect', () => setTimeout(() => process.exit(), 100).unref());
main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
