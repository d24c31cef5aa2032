/** Top-1 accuracy of a classifier over a dataset, in inference mode (BN moving statistics). */
import * as tf from '@tensorflow/tfjs';
import type { Normalisation } from '../../shared/config/dataset-spec';
import { iterateBatches } from '../data/batches';
import type { ImageDataset } from '../data/dataset';

/** `predict` gives class scores for a batch: a model's predict, or a teacher's. */
export function accuracy(predict: (x: tf.Tensor4D) => tf.Tensor, ds: ImageDataset, normalisation: Normalisation, indices?: ArrayLike<number>, batchSize = 256): number {
  let correct = 0;
  let total = 0;
  for (const batch of iterateBatches(ds, { batchSize, normalisation, indices })) {
    const classes = tf.tidy(() => tf.argMax(predict(tf.tensor4d(batch.images, [batch.size, ds.height, ds.width, ds.channels])), 1));
    const predicted = classes.dataSync();
    classes.dispose();
    for (let i = 0; i < batch.size; i++) if (predicted[i] === batch.labels[i]) correct++;
    total += batch.size;
  }
  return total ? correct / total : 0;
}
