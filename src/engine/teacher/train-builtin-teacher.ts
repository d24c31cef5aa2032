/**
 * `npm run train-teacher`: trains the built-in demo teacher (a small MobileNetV2, see
 * builtin/mobilenetv2-teacher.ts) on the embedded Fashion-MNIST subset and saves it to
 * models/fashion-mnist-mobilenetv2, where it is committed so a search starts at once.
 *
 * Plain tf.layers training (compile + trainOnBatch), so this also exercises the wasm kernel pack
 * through the Layers API. Trained on the whole training split; the held-out part a search ranks
 * on is a subset of it, which is fine (the teacher is the fixed reference, not a candidate);
 * the test split is only evaluated.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { SearchConfigSchema } from '../../shared/config/search-config';
import { initBackend } from '../backend';
import { iterateBatches } from '../data/batches';
import { findPackageRoot } from '../data/embedded-data';
import { readEmbeddedFashionMnistSubset } from '../data/fashion-mnist';
import { deriveSeed } from '../data/random';
import { fileSaveHandler } from '../model/fs-model-io';
import { accuracy } from '../retrain/evaluate';
import { BUILTIN_TEACHER, BUILTIN_TEACHER_DIR, buildMobileNetV2 } from './builtin/mobilenetv2-teacher';

export interface TrainTeacherOptions {
  epochs?: number;
  outDir?: string;
  seed?: number;
  log?: (line: string) => void;
}

export async function trainBuiltinTeacher(opts: TrainTeacherOptions = {}): Promise<{ testAccuracy: number; outDir: string }> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const epochs = opts.epochs ?? 15;
  const seed = opts.seed ?? 1;
  const outDir = opts.outDir ?? join(findPackageRoot(), BUILTIN_TEACHER_DIR);
  const backend = await initBackend('auto', { log });
  log(`backend: ${backend.name} — ${backend.reason}`);
  // The same normalisation and augmentation every search on this teacher uses by default.
  const { data } = SearchConfigSchema.parse({});
  const normalisation = data.normalisation;
  const augmentation = { horizontalFlip: true, cropPadding: 2 };
  const { train, test } = await readEmbeddedFashionMnistSubset();

  const model = buildMobileNetV2(BUILTIN_TEACHER, seed);
  const optimizer = tf.train.adam(0.004);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  log(`training the built-in teacher: ${model.countParams()} params, ${train.count} images, ${epochs} epochs`);
  const batchSize = 128;
  for (let epoch = 0; epoch < epochs; epoch++) {
    // Cosine decay to 5% of the initial rate: a short schedule that still ends converged.
    (optimizer as unknown as { learningRate: number }).learningRate = 0.004 * (0.05 + 0.95 * 0.5 * (1 + Math.cos((Math.PI * epoch) / epochs)));
    const t0 = performance.now();
    let loss = 0;
    let acc = 0;
    let n = 0;
    for (const batch of iterateBatches(train, { batchSize, normalisation, shuffle: true, seed: deriveSeed(seed, 77, epoch), augmentation, dropRemainder: true })) {
      const [l, a] = tf.tidy(() => {
        const x = tf.tensor4d(batch.images, [batch.size, train.height, train.width, train.channels]);
        const y = tf.oneHot(tf.tensor1d(batch.labels, 'int32'), BUILTIN_TEACHER.classes);
        return [x, y];
      }) as [tf.Tensor, tf.Tensor];
      const r = (await model.trainOnBatch(l, a)) as number[];
      l.dispose();
      a.dispose();
      loss += r[0];
      acc += r[1];
      n++;
    }
    log(`epoch ${epoch + 1}/${epochs}: loss ${(loss / n).toFixed(4)}, train acc ${((acc / n) * 100).toFixed(2)}%, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const testAccuracy = accuracy((x) => model.predict(x) as tf.Tensor, test, normalisation);
  log(`test accuracy: ${(testAccuracy * 100).toFixed(2)}% on ${test.count} test images`);
  await model.save(
    fileSaveHandler(outDir, {
      dnaSearch: { trainedBy: 'npm run train-teacher (src/engine/teacher/train-builtin-teacher.ts)', dataset: 'fashion-mnist-subset (embedded, 10k train / 2k test)', epochs, seed, augmentation, normalisation, testAccuracy, backend: backend.name },
    }),
  );
  log(`saved to ${outDir}`);
  return { testAccuracy, outDir };
}
