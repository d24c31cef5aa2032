/** A teacher saved as a TF.js LayersModel: cut at its layers (cut-teacher.ts). */
import * as tf from '@tensorflow/tfjs';
import { cutTeacher, featureExtractor } from './cut-teacher';
import type { TeacherModel } from './teacher-model';

export function layersTeacher(model: tf.LayersModel, file: string, cuts?: string[]): TeacherModel {
  const cut = cutTeacher(model, file, cuts);
  const extractor = featureExtractor(tf, model, cut);
  return {
    file,
    cut,
    predict: (x) => model.predict(x) as tf.Tensor2D,
    features: (x) => extractor.predict(x) as tf.Tensor[],
    dispose: () => model.dispose(),
  };
}
