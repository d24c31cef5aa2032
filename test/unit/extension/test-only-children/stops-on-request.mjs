// Test-only: behaves: on 'stop' it reports 'done' stopped and exits.
import { send, runStarted } from './common.mjs';
process.on('message', (m) => {
  if (m.type === 'start' || m.type === 'resume') send(runStarted(m.runDir ?? `${m.runsDir}/r1`));
  if (m.type === 'stop') {
    send({ type: 'done', status: 'stopped' });
    setTimeout(() => process.exit(0), 20);
  }
});
setInterval(() => {}, 1000);
send({ type: 'ready', pid: process.pid });
