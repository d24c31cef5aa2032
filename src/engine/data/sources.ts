/**
 * Turns a dataset spec from a config into a {train, test} pair of ImageDatasets, and checks that
 * the two fit together (same image shape, same classes).
 */
import { resolve } from 'node:path';
import type { DatasetSpec } from '../../shared/config/dataset-spec';
import { DataError } from './data-error';
import type { ImageDataset } from './dataset';
import { DEBIAN_FASHION_MNIST_DIR, readDebianFashionMnist, readEmbeddedFashionMnistSubset } from './fashion-mnist';
import { numberedClassNames, readIdxImageDataset } from './idx-dataset';
import { readImageFolder } from './image-folder';

export interface DatasetPair {
  train: ImageDataset;
  test: ImageDataset;
}

export interface LoadDatasetOptions {
  /** Folder of the config file; relative paths in the spec are resolved from here. */
  configDir: string;
  /** Override for tests: where the Debian Fashion-MNIST files are. */
  debianFashionMnistDir?: string;
  /** Override for tests: where the embedded subset is. */
  embeddedSubsetDir?: string;
}

function checkSameShape(pair: DatasetPair, testWhere: string): void {
  const { train, test } = pair;
  if (train.height !== test.height || train.width !== test.width || train.channels !== test.channels) {
    throw new DataError(
      `test images are ${test.height}x${test.width}x${test.channels} but training images are ${train.height}x${train.width}x${train.channels} (height x width x channels)`,
      testWhere,
      'use test data with the same image size and channels as the training data',
    );
  }
}

async function loadIdx(spec: Extract<DatasetSpec, { kind: 'idx' }>, configDir: string): Promise<DatasetPair> {
  const at = (p: string) => resolve(configDir, p);
  const trainPaths = { images: at(spec.trainImages), labels: at(spec.trainLabels) };
  const testPaths = { images: at(spec.testImages), labels: at(spec.testLabels) };
  const [train, test] = await Promise.all([
    readIdxImageDataset(trainPaths, spec.classNames),
    readIdxImageDataset(testPaths, spec.classNames),
  ]);
  if (!spec.classNames) {
    // Number the classes over both files, so a class missing from one still gets the same name.
    const names = numberedClassNames(Math.max(train.classNames.length, test.classNames.length));
    train.classNames = names;
    test.classNames = [...names];
  }
  checkSameShape({ train, test }, testPaths.images);
  return { train, test };
}

async function loadImageFolders(spec: Extract<DatasetSpec, { kind: 'image-folder' }>, configDir: string): Promise<DatasetPair> {
  const trainDir = resolve(configDir, spec.train);
  const testDir = resolve(configDir, spec.test);
  const train = await readImageFolder(trainDir);
  // The test set takes the training set's labels, size and channels, so the two always line up.
  const test = await readImageFolder(testDir, {
    classNames: train.classNames,
    channels: train.channels as 1 | 3,
    size: { height: train.height, width: train.width },
  });
  return { train, test };
}

export async function loadDatasetPair(spec: DatasetSpec, options: LoadDatasetOptions): Promise<DatasetPair> {
  switch (spec.kind) {
    case 'builtin-fashion-mnist':
      return spec.variant === 'full'
        ? readDebianFashionMnist(options.debianFashionMnistDir ?? DEBIAN_FASHION_MNIST_DIR)
        : readEmbeddedFashionMnistSubset(options.embeddedSubsetDir);
    case 'idx':
      return loadIdx(spec, options.configDir);
    case 'image-folder':
      return loadImageFolders(spec, options.configDir);
  }
}
