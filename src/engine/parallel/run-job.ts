/**
 * Runs one job (train a supernet, rank a supernet, retrain the chosen network) inside the current
 * process, reading what it needs from the run folder and reporting through `send`. The job
 * process (block-worker.ts) and in-process callers (tests) both use this.
 */
import type { SearchConfig } from '../../shared/config/search-config';
import { runFile } from '../../shared/run-layout';
import { readJsonFile } from '../io/atomic-write';
import { trainSupernet } from '../distill/train-supernet';
import { runRankJob } from '../rank/rank-job';
import { retrain } from '../retrain/retrain';
import { blockLearningRate } from '../run/load-config';
import { readArtifact } from '../run/run-artifacts';
import { loadRunData } from '../run/run-data';
import { loadTeacher } from '../teacher/load-teacher';
import { isAugmentationOn } from '../data/augment';
import type { FromWorker, Job } from './worker-protocol';

export async function runJob(job: Job, send: (m: FromWorker) => void, shouldStop: () => boolean): Promise<'done' | 'stopped'> {
  const config = readJsonFile(runFile(job.runDir, 'config')) as SearchConfig;
  switch (job.kind) {
    case 'distill': {
      const space = readArtifact(job.runDir, 'space');
      return trainSupernet(
        { runDir: job.runDir, space, block: job.block, depth: job.depth, distill: config.distill, learningRate: blockLearningRate(config, job.block), seed: config.seed },
        {
          onProgress: (p) => send({ type: 'distill-progress', ...p }),
          onEpoch: (e) => send({ type: 'distill-epoch', ...e }),
          shouldStop,
        },
      );
    }
    case 'rank': {
      const space = readArtifact(job.runDir, 'space');
      const r = await runRankJob({ runDir: job.runDir, space, block: job.block, depth: job.depth, seed: config.seed }, { onProgress: (done, total) => send({ type: 'rank-progress', done, total }), shouldStop });
      return r === 'stopped' ? 'stopped' : 'done';
    }
    case 'retrain': {
      const choice = readArtifact(job.runDir, 'architecture');
      const data = await loadRunData(config);
      const teacher = isAugmentationOn(config.data.augmentation) && config.retrain.kd.weight > 0 ? await loadTeacher(config.teacher.model, config.teacher.cuts) : undefined;
      const r = await retrain(
        { runDir: job.runDir, architecture: choice.architecture, config, train: data.train, heldOut: data.heldOut, test: data.test, teacher },
        {
          onProgress: (p) => send({ type: 'retrain-progress', ...p }),
          onEpoch: (e) => send({ type: 'retrain-epoch', ...e }),
          shouldStop,
        },
      );
      return r.status;
    }
  }
}
