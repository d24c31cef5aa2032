// Test-only: says ready, starts a run, writes an error line and exits with code 1 (a crash).
import { send, runStarted } from './common.mjs';
process.on('message', (m) => {
  if (m.type !== 'start') return;
  send(runStarted('/tmp/test-only-run'));
  process.stderr.write('Error: simulated crash in the test-only child\n');
  setTimeout(() => process.exit(1), 20);
});
send({ type: 'ready', pid: process.pid });
