/**
 * Phase 1, prepare: load the data and the teacher, cut the teacher into blocks, derive the search
 * space, check that the budget can be met at all, and cache the teacher's maps that block 0
 * trains on (the rest follow during distillation: features.ts). Everything here is cheap next to
 * training, and the checks run BEFORE a new run folder is created (see preflight), so bad input
 * never leaves a half-made run behind.
 */
import { rmSync } from 'node:fs';
import type { SearchConfig } from '../../../shared/config/search-config';
import { addCost, mbconvLayerCost, ZERO_COST } from '../../../shared/cost';
import { runFile } from '../../../shared/run-layout';
import { blockPathCount, pathLayers, spaceSize, type SearchSpaceSpec } from '../../../shared/search-space';
import { accuracy } from '../../retrain/evaluate';
import { absoluteBudget } from '../../search/choose-architecture';
import { BudgetTooSmallError } from '../../search/budgeted-search';
import { buildSearchSpace } from '../../space/build-space';
import { describeCut, type TeacherCut } from '../../teacher/cut-teacher';
import type { TeacherModel } from '../../teacher/teacher-model';
import { loadTeacher } from '../../teacher/load-teacher';
import { teacherDigest } from '../../teacher/teacher-digest';
import { hasArtifact, readArtifact, writeArtifact } from '../run-artifacts';
import type { RunContext } from '../run-context';
import { loadRunData, type RunData } from '../run-data';
import { cacheFirstPass } from './features';

export interface Preflight {
  data: RunData;
  teacher: TeacherModel;
  /** Of the teacher's files (teacher-digest.ts). */
  teacherDigest: string;
  cut: TeacherCut;
  space: SearchSpaceSpec;
}

/**
 * The cheapest network of the space, for FLOPs and for params separately. A layer's cost depends
 * only on its position and its own op (channels and strides are fixed by the position), so the
 * cheapest path of a depth takes the cheapest op layer by layer.
 */
export function smallestNetwork(space: SearchSpaceSpec, cut: TeacherCut): { flops: number; params: number } {
  let total = addCost(cut.stemCost, cut.headCost);
  for (const b of space.blocks) {
    let best = { flops: Infinity, params: Infinity };
    for (const d of b.depths) {
      const perOp = space.ops.map((op) => pathLayers(b, new Array(d).fill(op)).map((l) => mbconvLayerCost(l, space.family)));
      let depthCost = ZERO_COST;
      for (let layer = 0; layer < d; layer++) {
        depthCost = addCost(depthCost, { flops: Math.min(...perOp.map((c) => c[layer].flops)), params: Math.min(...perOp.map((c) => c[layer].params)) });
      }
      best = { flops: Math.min(best.flops, depthCost.flops), params: Math.min(best.params, depthCost.params) };
    }
    total = addCost(total, best);
  }
  return total;
}

export async function preflight(config: SearchConfig): Promise<Preflight> {
  const data = await loadRunData(config);
  const teacher = await loadTeacher(config.teacher.model, config.teacher.cuts);
  const { cut, file } = teacher;
  const [h, w, c] = cut.inputShape;
  if (h !== data.train.height || w !== data.train.width || c !== data.train.channels) {
    throw new Error(`${file}: the teacher takes ${h}x${w}x${c} images but the dataset has ${data.train.height}x${data.train.width}x${data.train.channels}; use a teacher trained on this data.`);
  }
  if (cut.numClasses !== data.train.classNames.length) {
    throw new Error(`${file}: the teacher predicts ${cut.numClasses} classes but the dataset has ${data.train.classNames.length}; use a teacher trained on this data.`);
  }
  const space = buildSearchSpace(cut, config.space);
  const budget = absoluteBudget(config.budget, cut.total);
  const smallest = smallestNetwork(space, cut);
  if ((budget.flops !== undefined && budget.flops < smallest.flops) || (budget.params !== undefined && budget.params < smallest.params)) {
    throw new BudgetTooSmallError(budget, smallest);
  }
  return { data, teacher, teacherDigest: teacherDigest(file), cut, space };
}

/**
 * A resumed run must go on with the teacher it started with: its feature maps and supernets were
 * made from it. Throws (before anything is written) when the teacher's files changed since.
 */
export function checkSameTeacher(runDir: string, pre: Preflight): void {
  if (!hasArtifact(runDir, 'teacher')) return;
  const saved = readArtifact(runDir, 'teacher');
  if (saved.digest !== undefined && saved.digest !== pre.teacherDigest) {
    throw new Error(
      `${pre.teacher.file} changed since this run started (its files no longer match the fingerprint in ${runDir}/teacher.json); ` +
        'resuming would mix the old teacher’s trained blocks with the new one. Restore the teacher file, or start a new search.',
    );
  }
}

function fmtCount(n: number): string {
  return n >= 1e12 ? n.toExponential(1) : n.toLocaleString('en-US');
}

export async function runPrepare(ctx: RunContext, pre: Preflight): Promise<'done' | 'stopped'> {
  const { runDir, events } = ctx;
  const { cut, space } = pre;
  events.log('info', describeCut(cut));
  const saved = hasArtifact(runDir, 'teacher') ? readArtifact(runDir, 'teacher') : undefined;
  writeArtifact(runDir, 'teacher', { cut, digest: pre.teacherDigest, testAccuracy: saved?.testAccuracy });
  writeArtifact(runDir, 'space', space);
  emitTeacher(ctx, cut, saved?.testAccuracy);
  const pathsPerBlock = space.blocks.map((b) => blockPathCount(space, b));
  events.emit({ type: 'space', space, pathsPerBlock, totalArchitectures: spaceSize(space) });
  events.log('info', `Search space: ${space.blocks.length} blocks, ${pathsPerBlock.map(fmtCount).join(' x ')} paths = ${fmtCount(spaceSize(space))} architectures`);

  return cacheFirstPass(ctx, pre);
}

function emitTeacher(ctx: RunContext, cut: TeacherCut, testAccuracy: number | undefined): void {
  ctx.events.emit({ type: 'teacher', inputShape: cut.inputShape, numClasses: cut.numClasses, blocks: cut.blocks, stem: cut.stemCost, head: cut.headCost, total: cut.total, ...(testAccuracy === undefined ? {} : { testAccuracy }) });
}

/**
 * The teacher's test accuracy, the reference the student is judged against. Measured after
 * ranking rather than up front: the test split plays no part in the search, and the first
 * training step should not wait for it.
 */
export function ensureTeacherAccuracy(ctx: RunContext, pre: Preflight): number {
  const saved = readArtifact(ctx.runDir, 'teacher');
  if (saved.testAccuracy !== undefined) return saved.testAccuracy;
  const testAccuracy = accuracy((x) => pre.teacher.predict(x), pre.data.test, ctx.config.data.normalisation);
  writeArtifact(ctx.runDir, 'teacher', { ...saved, testAccuracy });
  emitTeacher(ctx, saved.cut, testAccuracy);
  ctx.events.log('info', `Teacher test accuracy: ${(testAccuracy * 100).toFixed(2)}% on ${pre.data.test.count} test images`);
  return testAccuracy;
}

/** The cache is only needed to train and rank; a finished run does not keep it. */
export function removeFeatureCache(runDir: string): void {
  rmSync(runFile(runDir, 'cache'), { recursive: true, force: true });
}
