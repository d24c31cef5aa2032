/**
 * An ImageDataset from a folder with one sub-folder per class:
 *
 *   train/
 *     cat/ 001.png 002.jpg ...
 *     dog/ ...
 *
 * Classes are the sub-folder names in code-point order (locale-independent, so labels are the same
 * on every machine); files within a class are read in the same order. Hidden entries (".x") and
 * files with other extensions are ignored. All images must have one size. Channels: 1 when every
 * image is grey (R = G = B), else 3.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { DataError } from './data-error';
import type { ImageDataset } from './dataset';
import type { DecodedImage } from './image-decode';
import { IMAGE_EXTENSIONS, decodeImage } from './image-decode';

export interface ImageFolderOptions {
  /**
   * Fix the label order to these class names (e.g. the training set's, when reading the test set).
   * Every sub-folder must then be one of them; classes may be absent.
   */
  classNames?: string[];
  /** Force 1 or 3 channels (e.g. to match the training set); default 'auto'. */
  channels?: 1 | 3 | 'auto';
  /** Require this size (e.g. the training set's). */
  size?: { height: number; width: number };
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function listEntries(dir: string): Promise<import('node:fs').Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new DataError('image folder not found', dir, "check the path (relative paths in a config are resolved from the config file's folder)");
    }
    if (code === 'ENOTDIR') throw new DataError('expected a folder of class sub-folders but found a file', dir, 'point the path at the folder');
    throw new DataError(`cannot read image folder (${(err as Error).message})`, dir, 'check that the folder exists and is readable');
  }
}

async function isDirectory(entry: import('node:fs').Dirent, parent: string): Promise<boolean> {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  return (await stat(join(parent, entry.name)).catch(() => undefined))?.isDirectory() ?? false;
}

async function listClassFolders(root: string): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await listEntries(root)) {
    if (!entry.name.startsWith('.') && (await isDirectory(entry, root))) names.push(entry.name);
  }
  if (names.length === 0) {
    throw new DataError(
      'no class folders: the image folder must contain one sub-folder per class',
      root,
      `move the images into sub-folders named after their class, e.g. ${join(root, 'cat', '001.png')}`,
    );
  }
  return names.sort(byCodePoint);
}

async function listImageFiles(classDir: string): Promise<string[]> {
  const files = (await listEntries(classDir))
    .filter((e) => !e.name.startsWith('.') && !e.isDirectory())
    .map((e) => e.name)
    .filter((name) => (IMAGE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase()))
    .sort(byCodePoint);
  if (files.length === 0) {
    throw new DataError(
      `class folder has no images (looked for ${IMAGE_EXTENSIONS.join(', ')})`,
      classDir,
      'add images of this class, or remove the folder',
    );
  }
  return files.map((name) => join(classDir, name));
}

export async function readImageFolder(root: string, options: ImageFolderOptions = {}): Promise<ImageDataset> {
  const folders = await listClassFolders(root);
  const classNames = options.classNames ?? folders;
  if (classNames.length > 256) {
    throw new DataError(`${classNames.length} class folders; at most 256 classes are supported`, root, 'merge or drop classes');
  }
  const unknown = folders.filter((f) => !classNames.includes(f));
  if (unknown.length > 0) {
    throw new DataError(
      `class folder(s) ${unknown.map((u) => `"${u}"`).join(', ')} not among the training classes (${classNames.join(', ')})`,
      root,
      'use the same class folder names as the training folder',
    );
  }

  const decoded: { image: DecodedImage; file: string; label: number }[] = [];
  // The size every image must have, and how to describe where it came from in an error.
  let first: { described: string; height: number; width: number } | undefined = options.size
    ? { described: `the training images are ${options.size.width}x${options.size.height}`, ...options.size }
    : undefined;
  for (const folder of folders) {
    const label = classNames.indexOf(folder);
    for (const file of await listImageFiles(join(root, folder))) {
      const image = decodeImage(await readFile(file), file);
      if (!first) first = { described: `${file} is ${image.width}x${image.height}`, height: image.height, width: image.width };
      if (image.height !== first.height || image.width !== first.width) {
        throw new DataError(
          `mixed image sizes: ${first.described} (width x height) but this one is ${image.width}x${image.height}`,
          file,
          'resize all images to one size first (e.g. ImageMagick: mogrify -resize WxH! *.png)',
        );
      }
      decoded.push({ image, file, label });
    }
  }

  const allGrey = decoded.every((d) => d.image.grey);
  const channels = options.channels === undefined || options.channels === 'auto' ? (allGrey ? 1 : 3) : options.channels;
  if (channels === 1 && !allGrey) {
    const colour = decoded.find((d) => !d.image.grey)!;
    throw new DataError(
      'colour image where greyscale is required (the training images are all grey)',
      colour.file,
      'convert it to greyscale, or add colour images to the training folder',
    );
  }

  const { height, width } = first!;
  const pixels = height * width;
  const images = new Uint8Array(decoded.length * pixels * channels);
  const labels = new Uint8Array(decoded.length);
  decoded.forEach(({ image, label }, n) => {
    labels[n] = label;
    if (channels === 3) {
      images.set(image.rgb, n * pixels * 3);
    } else {
      for (let p = 0; p < pixels; p++) images[n * pixels + p] = image.rgb[p * 3]!;
    }
  });
  return { images, labels, count: decoded.length, height, width, channels, classNames: [...classNames] };
}
