// Test-only: refuses the request with a user-facing 'fatal' message and exits 2.
import { send } from './common.mjs';
process.on('message', () => {
  send({ type: 'fatal', message: 'config.json:3:5: distill.epochs: epochs must be > 0' });
  setTimeout(() => process.exit(2), 20);
});
send({ type: 'ready', pid: process.pid });
