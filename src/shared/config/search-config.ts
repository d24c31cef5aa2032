/**
 * The search config: one JSON file describes a whole search. This zod schema is the single source
 * of truth — the engine validates with it, the extension validates with it (diagnostics with file
 * and line), and the JSON Schema that editors use (`schemas/search-config.schema.json`) is
 * generated from it at build time. Defaults here are the built-in default run.
 */
import { z } from 'zod';
import { AugmentationSchema, DatasetSpecSchema, HeldOutFractionSchema, NormalisationSchema } from './dataset-spec';

const positiveInt = (what: string) => z.number().int(`${what} must be a whole number`).positive(`${what} must be > 0`);

export const OpSchema = z.strictObject({
  kernel: z.number().int().refine((k) => k % 2 === 1 && k >= 1 && k <= 7, 'kernel must be an odd size from 1 to 7'),
  expansion: positiveInt('expansion').max(12, 'expansion must be at most 12'),
});

export const TeacherSchema = z.strictObject({
  model: z
    .string()
    .min(1)
    .default('builtin:fashion-mnist-mobilenetv2')
    .describe("Path to a TF.js LayersModel model.json (relative to this file), or 'builtin:fashion-mnist-mobilenetv2'."),
  cuts: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Names of the teacher layers whose outputs end each block. Default: found automatically where the feature-map shape changes.'),
  sourceFile: z
    .string()
    .min(1)
    .optional()
    .describe("The teacher's source file (TF.js TS/JS, Keras or PyTorch) for inline diffs and CodeLens, relative to this file."),
});

export const SpaceSchema = z.strictObject({
  ops: z
    .array(OpSchema)
    .min(1)
    .default([
      { kernel: 3, expansion: 3 },
      { kernel: 5, expansion: 3 },
      { kernel: 7, expansion: 3 },
      { kernel: 3, expansion: 6 },
      { kernel: 5, expansion: 6 },
      { kernel: 7, expansion: 6 },
    ])
    .describe('Candidate MBConv ops of every layer.'),
  depths: z
    .array(positiveInt('depth').max(6, 'depth must be at most 6'))
    .min(1)
    .default([1, 2, 3])
    .describe('Depth variants of every block; each is trained as its own supernet.'),
  widthMultiplier: z
    .number()
    .positive()
    .max(4)
    .default(1)
    .describe("Student inner width = teacher block width x this (the last layer always projects to the teacher's width)."),
  seRatio: z.number().min(0).max(1).default(0.25).describe('Squeeze-excite ratio; 0 disables SE.'),
  activation: z.enum(['relu', 'relu6', 'swish']).default('swish'),
});

export const DistillSchema = z.strictObject({
  epochs: positiveInt('epochs').default(3),
  batchSize: positiveInt('batchSize').default(64),
  learningRate: z
    .union([z.number().positive(), z.array(z.number().positive()).min(1)])
    .default(0.003)
    .describe('Adam learning rate of every block, or one per block (the last value repeats for further blocks).'),
  lrDecay: z.number().positive().max(1).default(0.9).describe('Learning rate multiplier per epoch.'),
  weightDecay: z.number().min(0).default(1e-4).describe('Decoupled weight decay on conv/dense kernels (none on BN or biases).'),
  maxTrainImages: positiveInt('maxTrainImages').optional().describe('Use at most this many training images per epoch (all when absent).'),
});

export const RankSchema = z.strictObject({
  heldOutImages: positiveInt('heldOutImages').default(256).describe('Held-out training images used to score every candidate.'),
  calibrationImages: positiveInt('calibrationImages').default(128).describe('Size of the fixed training batch used to recalibrate BN statistics per candidate.'),
});

export const BudgetSchema = z
  .strictObject({
    flopsFraction: z.number().positive().max(1).optional().describe("FLOPs budget as a fraction of the teacher's FLOPs."),
    paramsFraction: z.number().positive().max(1).optional().describe("Params budget as a fraction of the teacher's params."),
    flops: z.number().positive().optional().describe('Absolute FLOPs (multiply-adds) budget.'),
    params: z.number().positive().optional().describe('Absolute params budget.'),
  })
  .default({ flopsFraction: 0.5 });

export const RetrainSchema = z.strictObject({
  epochs: positiveInt('epochs').default(6),
  batchSize: positiveInt('batchSize').default(64),
  learningRate: z.number().positive().default(0.003),
  lrDecay: z.number().positive().max(1).default(0.8),
  kd: z
    .strictObject({
      weight: z.number().min(0).max(1).default(0.5).describe("Weight of the teacher's soft targets in the loss (0 = labels only)."),
      temperature: z.number().positive().default(4),
    })
    .default({ weight: 0.5, temperature: 4 }),
});

export const ComputeSchema = z.strictObject({
  backend: z.enum(['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']).default('auto'),
  workers: z.union([z.literal('auto'), positiveInt('workers').max(64)]).default('auto').describe("Parallel block-training processes; 'auto' = one per core (or per GPU)."),
});

export const DataSchema = z.strictObject({
  dataset: DatasetSpecSchema.default({ kind: 'builtin-fashion-mnist', variant: 'subset' }),
  heldOutFraction: HeldOutFractionSchema,
  normalisation: NormalisationSchema.default({ mean: [0.286], std: [0.353] }),
  augmentation: AugmentationSchema.default({ horizontalFlip: false, cropPadding: 0 }),
  trainSubset: positiveInt('trainSubset')
    .optional()
    .describe('Train on at most this many training images (a seeded, class-balanced subset of the training part), for a quick try. The held-out and test data are unaffected.'),
});

export const SearchConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1).default('search'),
  seed: z.number().int().min(0).default(1),
  data: DataSchema.default(DataSchema.parse({})),
  teacher: TeacherSchema.default(TeacherSchema.parse({})),
  space: SpaceSchema.default(SpaceSchema.parse({})),
  distill: DistillSchema.default(DistillSchema.parse({})),
  rank: RankSchema.default(RankSchema.parse({})),
  budget: BudgetSchema,
  retrain: RetrainSchema.default(RetrainSchema.parse({})),
  compute: ComputeSchema.default(ComputeSchema.parse({})),
});

/** What the user writes (every field optional). */
export type SearchConfigInput = z.input<typeof SearchConfigSchema>;
/** What the engine runs with (defaults filled in). */
export type SearchConfig = z.output<typeof SearchConfigSchema>;
