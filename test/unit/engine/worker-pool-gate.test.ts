// The worker pool's job gate (distillation waits for the teacher maps a job reads): a job is sent
// only once its gate resolves; a gate that fails fails its job with the gate's reason and ends the
// process it had; a stop releases jobs still waiting. Real job processes (dist/block-worker.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JobProcesses } from '../../../src/engine/parallel/job-processes';
import { WorkerPool } from '../../../src/engine/parallel/worker-pool';
import type { Job } from '../../../src/engine/parallel/worker-protocol';

const job: Job = { kind: 'distill', runDir: '/nonexistent/dna-run', block: 1, depth: 2 };

/** Records the pid of every process handed to a job. */
class RecordingProcesses extends JobProcesses {
  readonly pids: number[] = [];
  override take(slot: number): ReturnType<JobProcesses['take']> {
    const p = super.take(slot);
    this.pids.push(p.child.pid!);
    return p;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test("a job whose gate fails fails with the gate's reason, and its process is ended", async () => {
  const processes = new RecordingProcesses('cpu');
  try {
    const pool = new WorkerPool({ concurrency: 1, processes, onMessage: () => {} });
    await assert.rejects(
      pool.run([job], async () => {
        throw new Error('the teacher maps could not be computed');
      }),
      /training block 1 depth 2 failed: the teacher maps could not be computed/,
    );
  } finally {
    processes.dispose();
  }
  assert.equal(processes.pids.length, 1);
  for (let i = 0; i < 100 && alive(processes.pids[0]); i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(alive(processes.pids[0]), false, 'the process that never got its job was ended');
});

test('a stop releases a job that waits for its gate, without sending it', async () => {
  const processes = new JobProcesses('cpu');
  try {
    const sent: string[] = [];
    const pool = new WorkerPool({ concurrency: 1, processes, onMessage: (_, m) => sent.push(m.type) });
    setTimeout(() => pool.stop(), 300);
    const never = new Promise<void>(() => {});
    assert.equal(await pool.run([job, { ...job, block: 2 }], () => never), 'stopped');
    assert.deepEqual(sent, [], 'no job reached a process');
  } finally {
    processes.dispose();
  }
});
