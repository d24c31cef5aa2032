/**
 * What the search needs from a teacher, whatever format it was saved in: its cut into blocks
 * (shapes, costs, the fixed stem and head), its class scores, and its feature maps at any cuts
 * in one forward pass that runs only the part of the network those outputs need. A Layers model (layers-teacher.ts) and a graph model (graph-teacher.ts)
 * each implement it; nothing else in the engine looks at the model itself.
 */
import type * as tf from '@tensorflow/tfjs';
import type { TeacherCut } from './cut-teacher';

export interface TeacherModel {
  /** The model.json it was loaded from. */
  file: string;
  cut: TeacherCut;
  /** Class scores for a batch (probabilities when cut.outputsProbabilities). */
  predict(x: tf.Tensor4D): tf.Tensor2D;
  /**
   * The maps at the given cut boundaries (indices into cut.boundaries, in that order), then the
   * class scores when `withScores`. Only the layers these outputs depend on run, so the maps of
   * the first boundaries cost only the stem and the first blocks.
   */
  features(x: tf.Tensor4D, boundaries: readonly number[], withScores: boolean): tf.Tensor[];
  dispose(): void;
}
