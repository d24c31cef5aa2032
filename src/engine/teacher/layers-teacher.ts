/** A teacher saved as a TF.js LayersModel: cut at its layers (cut-teacher.ts). */
import * as tf from '@tensorflow/tfjs';
import { cutTeacher, featureExtractor } from './cut-teacher';
import type { TeacherModel } from './teacher-model';

export function layersTeacher(model: tf.LayersModel, file: string, cuts?: string[]): TeacherModel {
  const cut = cutTeacher(model, file, cuts);
  // One extractor per output set asked for (the feature cache asks for two or three).
  const extractors = new Map<string, tf.LayersModel>();
  const extractor = (boundaries: readonly number[], withScores: boolean) => {
    const key = `${boundaries.join(',')}|${withScores}`;
    let m = extractors.get(key);
    if (!m) extractors.set(key, (m = featureExtractor(tf, model, cut, boundaries, withScores)));
    return m;
  };
  return {
    file,
    cut,
    predict: (x) => model.predict(x) as tf.Tensor2D,
    features: (x, boundaries, withScores) => [extractor(boundaries, withScores).predict(x)].flat() as tf.Tensor[],
    dispose: () => model.dispose(),
  };
}
