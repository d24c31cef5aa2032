/**
 * What the search needs from a teacher, whatever format it was saved in: its cut into blocks
 * (shapes, costs, the fixed stem and head), its class scores, and its feature maps at every cut
 * in one forward pass. A Layers model (layers-teacher.ts) and a graph model (graph-teacher.ts)
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
  /** The map at every cut boundary (cut.boundaries order), then the class scores. */
  features(x: tf.Tensor4D): tf.Tensor[];
  dispose(): void;
}
