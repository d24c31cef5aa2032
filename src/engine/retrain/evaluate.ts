/** Top-1 accuracy of a classifier over a dataset, in inference mode (BN moving statistics). */
import * as tf from '@tensorflow/tfjs';
import type { Normalisation } from '../../shared/config/dataset-spec';
import { iterateBatches } from '../data/batches';
import type { ImageDataset } from '../data/dataset';

export function accuracy(model: tf.LayersModel, ds: ImageDataset, normalisation: Normalisation, indices?: ArrayLike<number>, batchSize = 256): number {
  let correct = 0;
  let total = 0;
  for (const batch of iterateBatches(ds, { batchSize, normalisation, indices })) {
    const classes = tf.tidy(() => tf.argMax(model.predict(tf.tensor4d(batch.images, [batch.size, ds.height, ds.width, ds.channels])) as tf.Tensor2D, 1));
    const predicted = classes.dataSync();
    classes.dispose();
    for (let i = 0; i < batch.size; i++) if (predicted[i] === batch.labels[i]) correct++;
    total += batch.size;
  }
  return total ? correct / total : 0;
}
