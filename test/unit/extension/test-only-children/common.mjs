// Shared bits of the test-only children: a valid run-started event and a send helper.
export const send = (m) => process.send(m);
export const runStarted = (runDir) => ({
  type: 'event',
  event: {
    t: Date.now(), type: 'run-started', runId: 'test-run', runDir, name: 'test', resumed: false,
    backend: { kind: 'cpu', name: 'cpu', tfjsVersion: 'none', threads: 1, reason: 'test-only child' },
    workers: 1, engineVersion: '0.0.0-test', seed: 1,
  },
});
