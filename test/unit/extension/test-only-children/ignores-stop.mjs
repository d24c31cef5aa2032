// Test-only: starts a run and a grandchild "worker", then ignores 'stop' forever, so the supervisor
// must kill it — and its whole process group — after the grace period.
import { spawn } from 'node:child_process';
import { send, runStarted } from './common.mjs';
process.on('message', (m) => {
  if (m.type === 'start') {
    const worker = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    send(runStarted('/tmp/test-only-run'));
    send({ type: 'event', event: { t: Date.now(), type: 'log', level: 'info', message: `worker ${worker.pid}` } });
  }
});
setInterval(() => {}, 1000);
send({ type: 'ready', pid: process.pid });
