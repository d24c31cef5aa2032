/**
 * The rank phase for one supernet: load its trained weights, score all its paths, and save the
 * ranking (rankings/b<B>-d<D>.json). A saved ranking is never recomputed on resume.
 */
import { existsSync } from 'node:fs';
import type { RankedCandidate } from '../../shared/events';
import { rankingFile } from '../../shared/run-layout';
import type { SearchSpaceSpec } from '../../shared/search-space';
import { createRng, deriveSeed } from '../data/random';
import { loadSupernet } from '../distill/supernet-checkpoint';
import { readBoundary } from '../features/teacher-features';
import { readJsonFile, writeJsonAtomic } from '../io/atomic-write';
import { SupernetBlock } from '../supernet/supernet-block';
import { RankingStopped, rankSupernet } from './rank-supernet';

export interface RankJob {
  runDir: string;
  space: SearchSpaceSpec;
  block: number;
  depth: number;
  seed: number;
}

export interface SavedRanking {
  block: number;
  depth: number;
  candidates: RankedCandidate[];
}

export function readRanking(runDir: string, block: number, depth: number): SavedRanking | undefined {
  const file = rankingFile(runDir, block, depth);
  return existsSync(file) ? (readJsonFile(file) as SavedRanking) : undefined;
}

export async function runRankJob(job: RankJob, hooks: { onProgress?: (done: number, total: number) => void; shouldStop?: () => boolean } = {}): Promise<SavedRanking | 'stopped'> {
  const saved = readRanking(job.runDir, job.block, job.depth);
  if (saved) return saved;
  const net = new SupernetBlock(job.space, job.space.blocks[job.block], job.depth, createRng(deriveSeed(job.seed, 404, job.block, job.depth)).next);
  try {
    loadSupernet(job.runDir, net);
    const candidates = await rankSupernet(
      net,
      {
        calibration: readBoundary(job.runDir, 'calibration', job.block),
        heldOutIn: readBoundary(job.runDir, 'heldOut', job.block),
        heldOutOut: readBoundary(job.runDir, 'heldOut', job.block + 1),
      },
      hooks,
    );
    const ranking: SavedRanking = { block: job.block, depth: job.depth, candidates };
    writeJsonAtomic(rankingFile(job.runDir, job.block, job.depth), ranking);
    return ranking;
  } catch (e) {
    if (e instanceof RankingStopped) return 'stopped';
    throw e;
  } finally {
    net.dispose();
  }
}
