/**
 * The engine entry the VS Code extension forks (bundled as dist/search-child.js). It speaks the
 * typed protocol of src/shared/protocol.ts over IPC: 'ready' first, then one 'start' or 'resume'
 * request, every engine event as it happens, and 'done' or 'fatal' at the end. 'stop' makes the
 * running jobs checkpoint and the run end as 'stopped'. TensorFlow.js lives here, never in the
 * extension host.
 */
import { resolve } from 'node:path';
import { parseChildRequest, type ChildMessage, type ChildRequest } from '../../shared/protocol';
import { runSearch, type SearchRequest } from '../run/run-search';

const controller = new AbortController();
let started = false;

function send(message: ChildMessage, then?: () => void): void {
  if (process.connected) process.send?.(message, undefined, {}, () => then?.());
  else then?.();
}

/** The last message, then let go of the channel once it is out (Node crashes on a disconnect with sends queued). */
function sendLast(message: ChildMessage): void {
  send(message, () => {
    if (process.connected) process.disconnect();
  });
}

function toSearchRequest(r: Extract<ChildRequest, { type: 'start' | 'resume' }>): SearchRequest {
  if (r.type === 'resume') return { kind: 'resume', runDir: resolve(r.runDir) };
  const o = r.overrides;
  return {
    kind: 'new',
    source: 'file' in r.config ? { file: r.config.file } : { preset: r.config.preset },
    runsDir: resolve(r.runsDir),
    overrides: { backend: o.backend, workers: o.workers, budget: o.budget },
  };
}

async function run(request: Extract<ChildRequest, { type: 'start' | 'resume' }>): Promise<void> {
  let runDir: string | undefined;
  try {
    const outcome = await runSearch(toSearchRequest(request), {
      signal: controller.signal,
      onRunDir: (d) => (runDir = d),
      onEvent: (event) => send({ type: 'event', event }),
    });
    if (outcome.status === 'failed') send({ type: 'fatal', message: outcome.error?.message ?? 'the search failed', runDir: outcome.runDir });
    process.exitCode = outcome.status === 'failed' ? 1 : 0;
    sendLast({ type: 'done', status: outcome.status, runDir: outcome.runDir });
  } catch (e) {
    // Bad input: found before (or instead of) writing anything.
    send({ type: 'fatal', message: e instanceof Error ? e.message : String(e), runDir });
    process.exitCode = 1;
    sendLast({ type: 'done', status: 'failed', runDir });
  }
}

process.on('message', (raw) => {
  const parsed = parseChildRequest(raw);
  if (!parsed.ok) {
    process.stderr.write(`[search-child] ignored: ${parsed.error}\n`);
    return;
  }
  const request = parsed.value;
  if (request.type === 'stop') {
    controller.abort();
    if (!started) process.exit(0);
    return;
  }
  if (started) {
    process.stderr.write('[search-child] ignored a second start/resume: one search per process\n');
    return;
  }
  started = true;
  void run(request);
});

// The extension host going away must not leave a search running for nobody: stop and checkpoint.
process.on('disconnect', () => controller.abort());
process.on('SIGTERM', () => controller.abort());
send({ type: 'ready', pid: process.pid });
