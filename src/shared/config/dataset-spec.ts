/**
 * Config schemas for the data a search trains and evaluates on. Pure zod (no Node imports) so the
 * config schema, the extension and the webview can all embed and validate them.
 *
 * Paths inside a spec are resolved relative to the folder of the config file that contains them.
 */
import { z } from 'zod';

const path = (what: string) => z.string().min(1, `${what} must be a non-empty path`);

export const BuiltinFashionMnistSpecSchema = z
  .strictObject({
    kind: z.literal('builtin-fashion-mnist'),
    variant: z
      .enum(['subset', 'full'])
      .default('subset')
      .describe(
        "'subset': the 10k/2k class-balanced subset shipped with DNA Search. " +
          "'full': the 60k/10k set from Debian's dataset-fashion-mnist package.",
      ),
  })
  .describe('Fashion-MNIST (28x28 grey, 10 classes; MIT, Zalando SE).');

export const IdxDatasetSpecSchema = z
  .strictObject({
    kind: z.literal('idx'),
    trainImages: path('trainImages').describe('IDX images (N×H×W or N×H×W×C), raw or gzipped.'),
    trainLabels: path('trainLabels').describe('IDX labels (N), raw or gzipped.'),
    testImages: path('testImages'),
    testLabels: path('testLabels'),
    classNames: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Names of classes 0..K-1; defaults to "0", "1", ...'),
  })
  .describe('Images and labels in IDX files, the MNIST family format.');

export const ImageFolderDatasetSpecSchema = z
  .strictObject({
    kind: z.literal('image-folder'),
    train: path('train').describe('Folder with one sub-folder of PNG/JPEG images per class.'),
    test: path('test').describe('Same layout as train; class folders must be a subset of train’s.'),
  })
  .describe('PNG/JPEG images, one sub-folder per class; all images the same size.');

export const DatasetSpecSchema = z.discriminatedUnion('kind', [
  BuiltinFashionMnistSpecSchema,
  IdxDatasetSpecSchema,
  ImageFolderDatasetSpecSchema,
]);

/**
 * Per-channel normalisation applied to x/255: (x/255 - mean[c]) / std[c]. One value broadcasts to
 * every channel. It must match what the teacher was trained with.
 */
export const NormalisationSchema = z
  .strictObject({
    mean: z.array(z.number().finite()).min(1),
    std: z.array(z.number().finite().positive('std values must be > 0')).min(1),
  })
  .refine((n) => n.mean.length === n.std.length, {
    message: 'mean and std must have the same number of values (one per channel, or one for all)',
    path: ['std'],
  });

/** Training-time augmentation; both off by default so results do not depend on it unless asked. */
export const AugmentationSchema = z.strictObject({
  horizontalFlip: z.boolean().default(false).describe('Mirror left-right with probability 1/2.'),
  cropPadding: z
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('Random crop: pad by this many black pixels per side, then crop back; 0 = off.'),
});

/** Fraction of each class in the training data held out to rank candidates (never the test set). */
export const HeldOutFractionSchema = z
  .number()
  .gt(0, 'heldOutFraction must be > 0')
  .lt(1, 'heldOutFraction must be < 1')
  .default(0.1);

export type BuiltinFashionMnistSpec = z.infer<typeof BuiltinFashionMnistSpecSchema>;
export type IdxDatasetSpec = z.infer<typeof IdxDatasetSpecSchema>;
export type ImageFolderDatasetSpec = z.infer<typeof ImageFolderDatasetSpecSchema>;
export type DatasetSpec = z.infer<typeof DatasetSpecSchema>;
export type Normalisation = z.infer<typeof NormalisationSchema>;
export type Augmentation = z.infer<typeof AugmentationSchema>;
