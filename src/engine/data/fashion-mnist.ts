/**
 * Fashion-MNIST (Xiao, Rasul & Vollgraf 2017; MIT © Zalando SE): the built-in default dataset.
 * 'subset' is the class-balanced 10k/2k subset embedded in this repository (data/fashion-mnist-subset,
 * made by scripts/data/make-fashion-mnist-subset.ts); 'full' is the 60k/10k set from Debian's
 * dataset-fashion-mnist package.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from './data-error';
import type { ImageDataset } from './dataset';
import { embeddedFashionMnistSubsetDir } from './embedded-data';
import { readIdxImageDataset } from './idx-dataset';

export const FASHION_MNIST_CLASS_NAMES: readonly string[] = Object.freeze([
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
]);

export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

export function debianFashionMnistFiles(dir: string = DEBIAN_FASHION_MNIST_DIR) {
  return {
    trainImages: join(dir, 'train-images-idx3-ubyte.gz'),
    trainLabels: join(dir, 'train-labels-idx1-ubyte.gz'),
    testImages: join(dir, 't10k-images-idx3-ubyte.gz'),
    testLabels: join(dir, 't10k-labels-idx1-ubyte.gz'),
  };
}

export function embeddedSubsetFiles(dir: string = embeddedFashionMnistSubsetDir()) {
  return {
    trainImages: join(dir, 'train-images.idx.gz'),
    trainLabels: join(dir, 'train-labels.idx.gz'),
    testImages: join(dir, 'test-images.idx.gz'),
    testLabels: join(dir, 'test-labels.idx.gz'),
  };
}

export type FashionMnistFiles = ReturnType<typeof debianFashionMnistFiles>;

export async function readFashionMnistFiles(files: FashionMnistFiles): Promise<{ train: ImageDataset; test: ImageDataset }> {
  const names = [...FASHION_MNIST_CLASS_NAMES];
  const [train, test] = await Promise.all([
    readIdxImageDataset({ images: files.trainImages, labels: files.trainLabels }, names),
    readIdxImageDataset({ images: files.testImages, labels: files.testLabels }, names),
  ]);
  return { train, test };
}

/** The full 60k/10k set; a clear error naming the Debian package when it is not installed. */
export async function readDebianFashionMnist(dir: string = DEBIAN_FASHION_MNIST_DIR) {
  const files = debianFashionMnistFiles(dir);
  const missing = Object.values(files).filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new DataError(
      `the full Fashion-MNIST set is not installed (missing ${missing.join(', ')})`,
      dir,
      "install Debian's package: sudo apt-get install dataset-fashion-mnist — or choose variant 'subset', which ships with DNA Search",
    );
  }
  return readFashionMnistFiles(files);
}

/** The embedded 10k/2k subset. */
export async function readEmbeddedFashionMnistSubset(dir?: string) {
  return readFashionMnistFiles(embeddedSubsetFiles(dir));
}
