/**
 * SYNTHETIC run events for developing and testing the search panel before a real run fixture
 * exists. Everything structural is real: the teacher's blocks are costed with the shared cost
 * model (a MobileNetV2 unit is an MBConv without squeeze-excite), the student space is the
 * config's default space derived from the teacher cuts, every candidate of every block is
 * enumerated and costed exactly, and the Pareto fronts come from the engine's exact
 * `paretoFront`. Only the numbers a training run would measure (losses, scores, accuracies) are
 * made up, from a seeded generator, so the stream is the same on every call.
 */
import type { ArchitectureSpec, ChosenBlock, FixedLayer } from '../../../src/shared/architecture';
import { addCost, fixedChainCost, pathCost, type Cost } from '../../../src/shared/cost';
import type { EngineEvent, EngineEventInput, FrontPointInfo, RankedCandidate, TeacherBlockInfo } from '../../../src/shared/events';
import { enumeratePaths, opId, parseCandidateId, type MBConvOp, type OpFamily, type SearchSpaceSpec, type Shape3, type StudentBlockSpec } from '../../../src/shared/search-space';
import { bestOnFront, paretoFront, type BlockOption, type CostKey } from '../../../src/engine/search/pareto-front';

export interface SyntheticRunOptions {
  seed?: number;
  ops?: MBConvOp[];
  depths?: number[];
  distillEpochs?: number;
  stepsPerEpoch?: number;
  /** Emit a distill-progress event every this many steps. */
  progressEvery?: number;
  retrainEpochs?: number;
  retrainSteps?: number;
  /** FLOPs budget of the 'chosen' event, as a fraction of the teacher's FLOPs. */
  budgetFraction?: number;
  name?: string;
}

export interface SyntheticRun {
  events: EngineEvent[];
  space: SearchSpaceSpec;
  teacherBlocks: TeacherBlockInfo[];
  fixed: Cost;
  fronts: Record<CostKey, FrontPointInfo[]>;
}

/** The built-in demo teacher's stages (a small MobileNetV2 for 28x28 grey images). */
const TEACHER_STAGES = [
  { channels: 24, units: 2, stride: 1 },
  { channels: 32, units: 2, stride: 2 },
  { channels: 48, units: 3, stride: 1 },
  { channels: 64, units: 2, stride: 2 },
  { channels: 96, units: 2, stride: 1 },
];
const TEACHER_EXPANSION = 4;
const INPUT: Shape3 = [28, 28, 1];
const CLASSES = 10;

const DEFAULT_OPS: MBConvOp[] = [
  { kernel: 3, expansion: 3 },
  { kernel: 5, expansion: 3 },
  { kernel: 7, expansion: 3 },
  { kernel: 3, expansion: 6 },
  { kernel: 5, expansion: 6 },
  { kernel: 7, expansion: 6 },
];

const STEM: FixedLayer[] = [
  { kind: 'conv2d', name: 'stem_conv', filters: 16, kernel: 3, stride: 2, padding: 'same', useBias: false, activation: 'linear' },
  { kind: 'batchNorm', name: 'stem_conv_bn', epsilon: 1e-3, momentum: 0.99 },
  { kind: 'activation', name: 'stem_conv_relu6', fn: 'relu6' },
];
const HEAD: FixedLayer[] = [
  { kind: 'conv2d', name: 'head_conv', filters: 256, kernel: 1, stride: 1, padding: 'same', useBias: false, activation: 'linear' },
  { kind: 'batchNorm', name: 'head_conv_bn', epsilon: 1e-3, momentum: 0.99 },
  { kind: 'activation', name: 'head_conv_relu6', fn: 'relu6' },
  { kind: 'globalAvgPool', name: 'pool' },
  { kind: 'dropout', name: 'dropout', rate: 0.2 },
  { kind: 'dense', name: 'classifier', units: CLASSES, useBias: true, activation: 'softmax' },
];

/** mulberry32: small, seeded, good enough for made-up numbers. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function teacherBlocks(): TeacherBlockInfo[] {
  const teacherFamily: OpFamily = { seRatio: 0, activation: 'relu6' };
  const stemOut = fixedChainCost(STEM, INPUT).output as Shape3;
  let shape: Shape3 = stemOut;
  return TEACHER_STAGES.map((stage, index) => {
    const outShape: Shape3 = [Math.ceil(shape[0] / stage.stride), Math.ceil(shape[1] / stage.stride), stage.channels];
    const unit: ChosenBlock = { index, name: '', inputShape: shape, outputShape: outShape, stride: stage.stride, width: stage.channels, ops: [] };
    const ops = Array.from({ length: stage.units }, () => ({ kernel: 3, expansion: TEACHER_EXPANSION }));
    const cost = pathCost(unit, ops, teacherFamily);
    const name = `stage${index + 1}`;
    const layers: string[] = [];
    for (let u = 0; u < stage.units; u++) {
      const p = `${name}_unit${u + 1}`;
      layers.push(`${p}_expand`, `${p}_expand_bn`, `${p}_expand_relu6`, `${p}_dw`, `${p}_dw_bn`, `${p}_dw_relu6`, `${p}_project`, `${p}_project_bn`);
      if (u > 0 || (stage.stride === 1 && shape[2] === stage.channels)) layers.push(`${p}_add`);
    }
    const info: TeacherBlockInfo = { index, name, layers, inputShape: shape, outputShape: outShape, params: cost.params, flops: cost.flops };
    shape = outShape;
    return info;
  });
}

/** The student space the engine derives from the cuts: same shapes, searched ops and depths. */
function studentSpace(blocks: TeacherBlockInfo[], ops: MBConvOp[], depths: number[]): SearchSpaceSpec {
  const student: StudentBlockSpec[] = blocks.map((b) => ({
    index: b.index,
    name: b.name,
    inputShape: b.inputShape,
    outputShape: b.outputShape,
    stride: Math.round(b.inputShape[0] / b.outputShape[0]),
    width: b.outputShape[2],
    depths,
  }));
  return { ops, family: { seRatio: 0.25, activation: 'swish' }, blocks: student };
}

export function syntheticRunEvents(options: SyntheticRunOptions = {}): SyntheticRun {
  const seed = options.seed ?? 7;
  const rand = prng(seed);
  const ops = options.ops ?? DEFAULT_OPS;
  const depths = options.depths ?? [1, 2, 3];
  const distillEpochs = options.distillEpochs ?? 3;
  const steps = options.stepsPerEpoch ?? 80;
  const every = options.progressEvery ?? 4;
  const retrainEpochs = options.retrainEpochs ?? 8;
  const retrainSteps = options.retrainSteps ?? 60;
  const name = options.name ?? 'fashion-mnist-synthetic';

  const events: EngineEvent[] = [];
  let t = Date.UTC(2025, 0, 15, 9, 30, 0);
  const emit = (e: EngineEventInput, dtMs = 250) => {
    t += dtMs;
    events.push({ ...e, t } as EngineEvent);
  };

  const tBlocks = teacherBlocks();
  const space = studentSpace(tBlocks, ops, depths);
  const stem = fixedChainCost(STEM, INPUT).cost;
  const head = fixedChainCost(HEAD, tBlocks[tBlocks.length - 1].outputShape).cost;
  const fixed = addCost(stem, head);
  const teacherTotal = tBlocks.reduce((c, b) => addCost(c, b), fixed);
  const teacherAccuracy = 0.905;

  emit({ type: 'run-started', runId: `synthetic-${seed}`, runDir: `/workspace/runs/synthetic-${seed}`, name, resumed: false, backend: { kind: 'wasm', name: 'wasm', tfjsVersion: '4.22.0', threads: 2, reason: 'no native TensorFlow binding found; wasm with SIMD and 2 threads' }, workers: 2, engineVersion: '0.1.0', seed });
  emit({ type: 'phase', phase: 'prepare', state: 'started' });
  emit({ type: 'log', level: 'info', message: 'Loaded 10000 training and 2000 test images (embedded Fashion-MNIST subset)' });
  emit({ type: 'teacher', inputShape: INPUT, numClasses: CLASSES, blocks: tBlocks, stem, head, total: teacherTotal, testAccuracy: teacherAccuracy }, 1200);
  const pathsPerBlock = space.blocks.map((b) => b.depths.reduce((s, d) => s + ops.length ** d, 0));
  emit({ type: 'space', space, pathsPerBlock, totalArchitectures: pathsPerBlock.reduce((p, n) => p * n, 1) });
  emit({ type: 'phase', phase: 'prepare', state: 'finished' });

  // Distillation: each supernet's MSE falls towards a floor that depends on block and depth.
  emit({ type: 'phase', phase: 'distill', state: 'started' });
  for (const block of space.blocks) {
    for (const depth of block.depths) {
      const start = 0.9 + 0.6 * rand() + 0.15 * block.index;
      const floor = (0.08 + 0.05 * rand()) * (1 + 0.2 * block.index) / Math.sqrt(depth);
      const tau = steps * (0.6 + 0.5 * rand());
      for (let epoch = 0; epoch < distillEpochs; epoch++) {
        let sum = 0;
        let n = 0;
        for (let step = every; step <= steps; step += every) {
          const k = epoch * steps + step;
          const loss = Math.max(1e-4, floor + (start - floor) * Math.exp(-k / tau) + 0.04 * start * Math.exp(-k / (3 * tau)) * gaussian(rand) + 0.006 * gaussian(rand));
          sum += loss;
          n++;
          emit({ type: 'distill-progress', block: block.index, depth, epoch, epochs: distillEpochs, step, steps, loss, imagesPerSecond: 380 + 40 * rand() }, 120);
        }
        const trainLoss = sum / Math.max(1, n);
        emit({ type: 'distill-epoch', block: block.index, depth, epoch, trainLoss, heldOutLoss: trainLoss * (1.04 + 0.06 * rand()) });
      }
    }
  }
  emit({ type: 'phase', phase: 'distill', state: 'finished' });

  // Ranking: every path of every depth, relative-L1 scores (lower is better); bigger paths tend
  // to reproduce the teacher better, with noise so the ranking is not just a cost order.
  emit({ type: 'phase', phase: 'rank', state: 'started' });
  const options3: BlockOption[][] = [];
  const idsByBlock: string[][] = [];
  for (const block of space.blocks) {
    const base = 0.2 + 0.15 * rand();
    const all: (RankedCandidate & { depth: number })[] = [];
    for (const depth of block.depths) {
      const cands: RankedCandidate[] = [];
      for (const path of enumeratePaths(space, block.index, depth)) {
        const pathOps = path.ops.map((o) => ops[o]);
        const cost = pathCost(block, pathOps, space.family);
        cands.push({ ops: pathOps.map(opId).join('-'), score: 0, params: cost.params, flops: cost.flops });
      }
      all.push(...cands.map((c) => ({ ...c, depth })));
      const total = cands.length;
      emit({ type: 'rank-progress', block: block.index, depth, done: Math.floor(total / 2), total });
      emit({ type: 'rank-progress', block: block.index, depth, done: total, total });
    }
    const maxFlops = Math.max(...all.map((c) => c.flops));
    for (const c of all) c.score = base * Math.pow(c.flops / maxFlops, -0.12) * (1 + 0.05 / c.depth) * Math.exp(0.05 * gaussian(rand));
    for (const depth of block.depths) {
      const ranked = all.filter((c) => c.depth === depth).map(({ depth: _d, ...c }) => c).sort((a, b) => a.score - b.score);
      emit({ type: 'ranking', block: block.index, depth, candidates: ranked }, 600);
    }
    idsByBlock.push(all.map((c) => `b${block.index}.d${c.depth}:${c.ops}`));
    options3.push(all.map((c, index) => ({ index, score: c.score, flops: c.flops, params: c.params })));
  }
  emit({ type: 'phase', phase: 'rank', state: 'finished' });

  // Search: the exact fronts for both cost keys, and the chosen net under the FLOPs budget.
  emit({ type: 'phase', phase: 'search', state: 'started' });
  const fronts = {} as Record<CostKey, FrontPointInfo[]>;
  const rawFronts = {} as Record<CostKey, ReturnType<typeof paretoFront>>;
  for (const key of ['flops', 'params'] as const) {
    rawFronts[key] = paretoFront(options3, key, fixed);
    fronts[key] = rawFronts[key].map((p) => ({ score: p.score, flops: p.flops, params: p.params, candidates: p.choice.map((c, b) => idsByBlock[b][c]) }));
    emit({ type: 'pareto', key, points: fronts[key] }, 400);
  }
  const budget = { flops: Math.round((options.budgetFraction ?? 0.5) * teacherTotal.flops) };
  const best = bestOnFront(rawFronts.flops, 'flops', budget.flops);
  if (!best) throw new Error(`syntheticRunEvents: budgetFraction ${options.budgetFraction ?? 0.5} is below the smallest network of this space; raise it`);
  const candidates = best.choice.map((c, b) => idsByBlock[b][c]);
  const architecture: ArchitectureSpec = {
    name: `dna-${name}`,
    inputShape: INPUT,
    numClasses: CLASSES,
    family: space.family,
    stem: STEM,
    blocks: candidates.map((id, b) => {
      const path = parseCandidateId(space, id);
      const sb = space.blocks[b];
      return { index: b, name: sb.name, inputShape: sb.inputShape, outputShape: sb.outputShape, stride: sb.stride, width: sb.width, ops: path.ops.map((o) => ops[o]) };
    }),
    head: HEAD,
    provenance: { runId: `synthetic-${seed}`, note: 'synthetic event stream' },
  };
  emit({ type: 'chosen', budget, score: best.score, cost: { params: best.params, flops: best.flops }, candidates, architecture });
  emit({ type: 'log', level: 'info', message: `Chosen ${candidates.join(' ')} (${best.flops} FLOPs, ${best.params} params)` });
  emit({ type: 'phase', phase: 'search', state: 'finished' });

  // Retraining: loss falls, accuracies approach (but stay under) the teacher's.
  emit({ type: 'phase', phase: 'retrain', state: 'started' });
  for (let epoch = 0; epoch < retrainEpochs; epoch++) {
    let sum = 0;
    for (let step = 5; step <= retrainSteps; step += 5) {
      const k = (epoch * retrainSteps + step) / retrainSteps;
      const loss = 0.32 + 1.9 * Math.exp(-k / 1.6) + 0.03 * gaussian(rand);
      sum += loss;
      emit({ type: 'retrain-progress', epoch, epochs: retrainEpochs, step, steps: retrainSteps, loss }, 300);
    }
    const acc = 0.89 - 0.5 * Math.exp(-(epoch + 1) / 1.8);
    emit({ type: 'retrain-epoch', epoch, trainLoss: sum / (retrainSteps / 5), trainAccuracy: Math.min(0.99, acc + 0.02 + 0.005 * gaussian(rand)), heldOutAccuracy: acc + 0.006 * gaussian(rand) });
  }
  emit({ type: 'phase', phase: 'retrain', state: 'finished' });
  const finalAcc = 0.887;
  emit({
    type: 'summary',
    teacher: { params: teacherTotal.params, flops: teacherTotal.flops, testAccuracy: teacherAccuracy },
    student: { params: best.params, flops: best.flops, testAccuracy: finalAcc, blocks: architecture.blocks.map((b) => ({ name: b.name, ops: b.ops.map(opId) })) },
    phaseSeconds: { prepare: 2.1, distill: 412.5, rank: 61.3, search: 0.4, retrain: 188.0 },
  });
  emit({ type: 'run-finished', status: 'completed' });
  return { events, space, teacherBlocks: tBlocks, fixed, fronts };
}
