/**
 * The teacher's feature maps, cached in two passes so that training starts early. The first pass
 * runs only the stem and block 0 (about a fifth of the teacher) over the training and held-out
 * images: that is all block 0's supernets read, so they start training right after it. The
 * second pass — every other map, the class scores and the calibration batch — runs in the main
 * process while they train. A resumed run computes only what is not on disk.
 */
import { allFeatures, cacheFeatures, featuresCached, type FeatureRequest, type FeatureSplit } from '../../features/teacher-features';
import type { Preflight } from './prepare';
import type { RunContext } from '../run-context';

/** The maps block 0 learns from (its input, boundary 0) and to (its output, boundary 1). */
const FIRST_PASS: FeatureRequest = { boundaries: [0, 1], withScores: false };

/** Whether a block's supernets can train on the first pass alone. */
export function trainsOnFirstPass(block: number): boolean {
  return block === 0;
}

function splits(pre: Preflight): [FeatureSplit, Preflight['data']['train']][] {
  return [
    ['train', pre.data.train],
    ['heldOut', pre.data.rankHeldOut],
    ['calibration', pre.data.calibration],
  ];
}

async function cachePass(ctx: RunContext, pre: Preflight, which: FeatureSplit[], request: FeatureRequest, what: string, abandon: () => boolean = () => false): Promise<'done' | 'stopped'> {
  const stop = () => ctx.stopRequested() || abandon();
  for (const [split, ds] of splits(pre)) {
    if (!which.includes(split)) continue;
    if (featuresCached(ctx.runDir, split, request)) continue;
    const t0 = performance.now();
    if ((await cacheFeatures(ctx.runDir, pre.teacher, split, ds, ctx.config.data.normalisation, request, stop)) === 'stopped') return 'stopped';
    ctx.events.log('info', `Teacher ${what} of ${ds.count} ${split} images cached in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return 'done';
}

/** Block 0's maps (train and held-out): the only teacher work before the first training step. */
export function cacheFirstPass(ctx: RunContext, pre: Preflight): Promise<'done' | 'stopped'> {
  return cachePass(ctx, pre, ['train', 'heldOut'], FIRST_PASS, 'feature maps of the stem and block 0');
}

/** Everything else: the other blocks' maps, the class scores (for KD) and the calibration batch. */
export function cacheRemainingFeatures(ctx: RunContext, pre: Preflight, abandon?: () => boolean): Promise<'done' | 'stopped'> {
  return cachePass(ctx, pre, ['train', 'heldOut', 'calibration'], allFeatures(pre.teacher), 'feature maps and class scores', abandon);
}
