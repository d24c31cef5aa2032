// Test-only: sends messages of wrong shapes around valid ones, then finishes normally.
import { send, runStarted } from './common.mjs';
send({ type: 'event', event: { t: 1, type: 'log', level: 'info', message: 'before ready: must be dropped' } });
send({ type: 'ready', pid: process.pid });
process.on('message', (m) => {
  if (m.type !== 'start') return;
  send({ type: 'nonsense' });
  send({ type: 'event', event: { t: 1, type: 'distill-progress', block: -1 } });
  send('not even an object');
  send(runStarted('/tmp/test-only-run'));
  send({ type: 'event', event: { t: 2, type: 'log', level: 'info', message: 'a valid event' } });
  send({ type: 'done', status: 'completed', runDir: '/tmp/test-only-run' });
  setTimeout(() => process.exit(0), 20);
});
