import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { PNG } from 'pngjs';
import { writeIdxFile } from '../../../src/engine/data/idx';
import { loadDatasetPair } from '../../../src/engine/data/sources';
import {
  AugmentationSchema,
  DatasetSpecSchema,
  HeldOutFractionSchema,
  IdxDatasetSpecSchema,
  NormalisationSchema,
} from '../../../src/shared/config/dataset-spec';
import { messageMatcher, withTempDir } from './fixtures';

test('dataset spec schema: defaults, the three kinds, and rejections', () => {
  assert.deepEqual(DatasetSpecSchema.parse({ kind: 'builtin-fashion-mnist' }), { kind: 'builtin-fashion-mnist', variant: 'subset' });
  assert.equal(DatasetSpecSchema.parse({ kind: 'image-folder', train: 'a', test: 'b' }).kind, 'image-folder');
  const idx = { kind: 'idx', trainImages: 'a', trainLabels: 'b', testImages: 'c', testLabels: 'd' };
  assert.deepEqual(DatasetSpecSchema.parse(idx), idx);
  assert.equal(DatasetSpecSchema.safeParse({ kind: 'cifar' }).success, false);
  assert.equal(DatasetSpecSchema.safeParse({ kind: 'builtin-fashion-mnist', variant: 'huge' }).success, false);
  assert.equal(DatasetSpecSchema.safeParse({ ...idx, testLabels: '' }).success, false);
  assert.equal(DatasetSpecSchema.safeParse({ kind: 'image-folder', train: 'a', test: 'b', typo: 1 }).success, false, 'unknown keys are errors');
});

test('normalisation, augmentation and held-out fraction schemas', () => {
  assert.equal(NormalisationSchema.safeParse({ mean: [0.5], std: [0.5] }).success, true);
  assert.equal(NormalisationSchema.safeParse({ mean: [0.5, 0.5], std: [0.5] }).success, false);
  assert.equal(NormalisationSchema.safeParse({ mean: [0.5], std: [0] }).success, false);
  assert.deepEqual(AugmentationSchema.parse({}), { horizontalFlip: false, cropPadding: 0 });
  assert.equal(AugmentationSchema.safeParse({ cropPadding: 1.5 }).success, false);
  assert.equal(HeldOutFractionSchema.parse(undefined), 0.1);
  assert.equal(HeldOutFractionSchema.safeParse(1).success, false);
  assert.equal(HeldOutFractionSchema.safeParse(0).success, false);
});

test('idx spec: paths relative to the config folder; classes numbered over train and test', async () => {
  await withTempDir(async (configDir) => {
    await mkdir(join(configDir, 'data'));
    const pair = async (name: string, labels: number[], side = 2) => {
      const n = labels.length;
      await writeIdxFile(join(configDir, 'data', `${name}-images.idx`), { dataType: 'ubyte', dims: [n, side, side], data: new Uint8Array(n * side * side).fill(7) }, { gzip: true });
      await writeIdxFile(join(configDir, 'data', `${name}-labels.idx`), { dataType: 'ubyte', dims: [n], data: Uint8Array.from(labels) }, { gzip: false });
    };
    await pair('train', [0, 1, 1]);
    await pair('test', [2, 0]);
    const spec = IdxDatasetSpecSchema.parse({
      kind: 'idx',
      trainImages: 'data/train-images.idx',
      trainLabels: 'data/train-labels.idx',
      testImages: 'data/test-images.idx',
      testLabels: 'data/test-labels.idx',
    });
    const { train, test: testSet } = await loadDatasetPair(spec, { configDir });
    assert.deepEqual([train.count, testSet.count], [3, 2]);
    assert.deepEqual(train.classNames, ['0', '1', '2']);
    assert.deepEqual(testSet.classNames, ['0', '1', '2']);
    assert.deepEqual([...testSet.labels], [2, 0]);

    const named = await loadDatasetPair({ ...spec, classNames: ['x', 'y', 'z'] }, { configDir });
    assert.deepEqual(named.test.classNames, ['x', 'y', 'z']);

    await assert.rejects(
      loadDatasetPair({ ...spec, testImages: 'data/missing.idx' }, { configDir }),
      messageMatcher(join(configDir, 'data', 'missing.idx'), 'not found'),
    );

    await pair('odd', [0, 1], 3);
    await assert.rejects(
      loadDatasetPair({ ...spec, testImages: 'data/odd-images.idx', testLabels: 'data/odd-labels.idx' }, { configDir }),
      messageMatcher(join(configDir, 'data', 'odd-images.idx'), 'test images are 3x3x1 but training images are 2x2x1'),
    );
  });
});

test('image-folder spec: test set takes the training classes, size and channels', async () => {
  await withTempDir(async (configDir) => {
    const png = async (file: string, v: number) => {
      await mkdir(join(file, '..'), { recursive: true });
      const img = new PNG({ width: 2, height: 2 });
      img.data = Buffer.from(new Array(4).fill([v, v, v, 255]).flat());
      await writeFile(file, PNG.sync.write(img));
    };
    await png(join(configDir, 'imgs', 'train', 'cat', '1.png'), 10);
    await png(join(configDir, 'imgs', 'train', 'dog', '1.png'), 20);
    await png(join(configDir, 'imgs', 'test', 'dog', '1.png'), 30); // no cats in the test set
    const { train, test: testSet } = await loadDatasetPair({ kind: 'image-folder', train: 'imgs/train', test: 'imgs/test' }, { configDir });
    assert.deepEqual(train.classNames, ['cat', 'dog']);
    assert.deepEqual(testSet.classNames, ['cat', 'dog']);
    assert.deepEqual([...testSet.labels], [1], 'dog keeps label 1 although it is the only test class');
    assert.deepEqual([...testSet.images], [30, 30, 30, 30]);
    assert.equal(testSet.channels, 1);
  });
});
