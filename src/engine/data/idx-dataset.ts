/**
 * An ImageDataset from a pair of IDX files: images (N×H×W for grey, N×H×W×C) and labels (N).
 */
import { DataError } from './data-error';
import type { ImageDataset } from './dataset';
import type { IdxArray } from './idx';
import { readIdxFile } from './idx';

export interface IdxPairPaths {
  images: string;
  labels: string;
}

/** Class names "0".."k-1", used when a config gives none. */
export function numberedClassNames(k: number): string[] {
  return Array.from({ length: k }, (_, i) => String(i));
}

/**
 * Builds a dataset from parsed IDX arrays. Without classNames, classes are named "0".."max label".
 * With classNames, every label must index into them.
 */
export function imageDatasetFromIdx(images: IdxArray, labels: IdxArray, paths: IdxPairPaths, classNames?: string[]): ImageDataset {
  const rank = images.dims.length;
  if (rank !== 3 && rank !== 4) {
    throw new DataError(
      `IDX images must have 3 dimensions (count×height×width) or 4 (count×height×width×channels), this file has ${rank} (${images.dims.join('×')})`,
      paths.images,
      'check that the images and labels paths are not swapped',
    );
  }
  if (labels.dims.length !== 1) {
    throw new DataError(
      `IDX labels must have 1 dimension (count), this file has ${labels.dims.length} (${labels.dims.join('×')})`,
      paths.labels,
      'check that the images and labels paths are not swapped',
    );
  }
  const [count, height, width, channels = 1] = images.dims as [number, number, number, number?];
  if (labels.dims[0] !== count) {
    throw new DataError(
      `label count ${labels.dims[0]} does not match image count ${count} in ${paths.images}`,
      paths.labels,
      'use the labels file that belongs to these images (train with train, test with test)',
    );
  }
  if (count === 0 || height === 0 || width === 0 || channels === 0) {
    throw new DataError(`IDX images are empty (${images.dims.join('×')})`, paths.images, 'use a file that contains images');
  }

  const labelValues = new Uint8Array(count);
  let maxLabel = 0;
  for (let i = 0; i < count; i++) {
    const v = labels.data[i]!;
    if (!Number.isInteger(v) || v < 0 || v > 255) {
      throw new DataError(
        `label #${i} is ${v}; labels must be whole numbers 0..255 (class indices)`,
        paths.labels,
        'store class indices, not one-hot vectors or scores',
      );
    }
    labelValues[i] = v;
    if (v > maxLabel) maxLabel = v;
  }
  if (classNames && maxLabel >= classNames.length) {
    throw new DataError(
      `label ${maxLabel} appears but only ${classNames.length} class names are given`,
      paths.labels,
      `give at least ${maxLabel + 1} class names, or leave classNames out to use numbers`,
    );
  }

  // 8-bit images are kept as they are; other IDX types become float32 on the same 0..255 scale.
  const pixels = images.data instanceof Uint8Array ? images.data : Float32Array.from(images.data);
  return {
    images: pixels,
    labels: labelValues,
    count,
    height,
    width,
    channels,
    classNames: classNames ? [...classNames] : numberedClassNames(maxLabel + 1),
  };
}

export async function readIdxImageDataset(paths: IdxPairPaths, classNames?: string[]): Promise<ImageDataset> {
  const [images, labels] = await Promise.all([readIdxFile(paths.images), readIdxFile(paths.labels)]);
  return imageDatasetFromIdx(images, labels, paths, classNames);
}
