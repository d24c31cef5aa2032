// The run lock's liveness check: a live process holds its lock, a gone one does not, and neither
// does a zombie (exited, not yet reaped), which still answers kill(pid, 0).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { isProcessAlive } from '../../../src/shared/node/process-alive';

test('this process is alive; a pid that exited and was reaped is not', async () => {
  assert.equal(isProcessAlive(process.pid), true);
  const child = spawn(process.execPath, ['-e', '0']);
  const pid = child.pid!;
  await once(child, 'exit');
  assert.equal(isProcessAlive(pid), false);
});

test('a zombie (exited, its parent never reaps it) is not alive', { skip: process.platform !== 'linux' && 'zombies are detected through /proc (Linux only)' }, async () => {
  // sh starts a short child, prints its pid and becomes `sleep`, which never reaps that child.
  // The child outlives the exec (0.3 s), so sh itself cannot have reaped it.
  const parent = spawn('sh', ['-c', 'sleep 0.3 & echo $!; exec sleep 10'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [chunk] = (await once(parent.stdout!, 'data')) as [Buffer];
    const zombie = Number(chunk.toString().trim());
    assert.ok(zombie > 0);
    let state = '';
    for (let i = 0; i < 250 && state !== 'Z'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      try {
        state = /\) (\S)/.exec((await import('node:fs')).readFileSync(`/proc/${zombie}/stat`, 'utf8'))?.[1] ?? '';
      } catch {
        state = '';
      }
    }
    assert.equal(state, 'Z', 'the child became a zombie');
    // kill(pid, 0) still succeeds on it ...
    assert.doesNotThrow(() => process.kill(zombie, 0));
    // ... yet it holds no lock.
    assert.equal(isProcessAlive(zombie), false);
  } finally {
    parent.kill();
  }
});
