import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { DataError } from '../../../src/engine/data/data-error';
import { readImageFolder } from '../../../src/engine/data/image-folder';
import { messageMatcher, withTempDir } from './fixtures';

type Rgb = [number, number, number];
type Painter = (x: number, y: number) => Rgb;

function rgba(width: number, height: number, paint: Painter): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [r, g, b] = paint(x, y);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  return data;
}

async function writePng(file: string, width: number, height: number, paint: Painter, colorType: 0 | 2 | 6 = 6): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  const png = new PNG({ width, height });
  png.data = rgba(width, height, paint);
  await writeFile(file, PNG.sync.write(png, { colorType }));
}

async function writeJpeg(file: string, width: number, height: number, paint: Painter): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, jpeg.encode({ width, height, data: rgba(width, height, paint) }, 100).data);
}

const colour = (seed: number): Painter => (x, y) => [(seed * 40 + x * 20) % 256, (y * 30) % 256, 200];
const greyLevel = (seed: number): Painter => (x, y) => {
  const v = (seed * 17 + x * 9 + y * 3) % 256;
  return [v, v, v];
};

test('reads a colour folder: classes in code-point order, PNG exact, JPEG close, 3 channels', async () => {
  await withTempDir(async (root) => {
    // Created out of order; "Zebra" sorts before "ant" by code point.
    await writePng(join(root, 'ant', 'b.png'), 4, 3, colour(1));
    await writeJpeg(join(root, 'ant', 'a.jpg'), 4, 3, colour(2));
    await writePng(join(root, 'Zebra', 'z.PNG'), 4, 3, colour(3));
    await writeFile(join(root, 'ant', 'notes.txt'), 'ignored');
    await writePng(join(root, 'ant', '.hidden.png'), 9, 9, colour(9)); // ignored despite the wrong size
    await writePng(join(root, 'stray.png'), 9, 9, colour(9)); // top-level file: ignored
    const ds = await readImageFolder(root);

    assert.deepEqual(ds.classNames, ['Zebra', 'ant']);
    assert.deepEqual({ count: ds.count, height: ds.height, width: ds.width, channels: ds.channels }, { count: 3, height: 3, width: 4, channels: 3 });
    // Order: Zebra/z.PNG, ant/a.jpg, ant/b.png
    assert.deepEqual([...ds.labels], [0, 1, 1]);
    const len = 4 * 3 * 3;
    assert.deepEqual([...ds.images.subarray(0, len)], [...rgba(4, 3, colour(3))].filter((_, i) => i % 4 !== 3));
    assert.deepEqual([...ds.images.subarray(2 * len, 3 * len)], [...rgba(4, 3, colour(1))].filter((_, i) => i % 4 !== 3));
    const jpegExpected = [...rgba(4, 3, colour(2))].filter((_, i) => i % 4 !== 3);
    const worst = Math.max(...Array.from(ds.images.subarray(len, 2 * len), (v, i) => Math.abs(v - jpegExpected[i]!)));
    assert.ok(worst <= 16, `JPEG pixels off by up to ${worst}`);
  });
});

test('an all-grey folder gives 1 channel, from RGBA and true greyscale PNGs', async () => {
  await withTempDir(async (root) => {
    await writePng(join(root, 'a', '1.png'), 3, 2, greyLevel(1));
    await writePng(join(root, 'b', '2.png'), 3, 2, greyLevel(2), 0);
    const ds = await readImageFolder(root);
    assert.equal(ds.channels, 1);
    assert.deepEqual([...ds.images], [...rgba(3, 2, greyLevel(1)), ...rgba(3, 2, greyLevel(2))].filter((_, i) => i % 4 === 0));
    // One colour image makes the whole set RGB.
    await writePng(join(root, 'b', '3.png'), 3, 2, colour(1));
    assert.equal((await readImageFolder(root)).channels, 3);
  });
});

test('files within a class are read in code-point order of their names', async () => {
  await withTempDir(async (root) => {
    // Written in a shuffled order; pixel value = rank of the name in code-point order.
    const names = ['B.png', 'a10.png', 'a9.png', 'a_1.png', 'b.png', 'z.png', 'A.png', 'a1.png'];
    const sorted = [...names].sort();
    for (const name of names) {
      const v = sorted.indexOf(name) * 10;
      await writePng(join(root, 'only', name), 1, 1, () => [v, v, v]);
    }
    const ds = await readImageFolder(root);
    assert.deepEqual([...ds.images], sorted.map((_, k) => k * 10));
  });
});

test('no class folders: names the folder and shows the expected layout', async () => {
  await withTempDir(async (root) => {
    await writePng(join(root, 'loose.png'), 2, 2, colour(1));
    await assert.rejects(readImageFolder(root), (e) => e instanceof DataError && messageMatcher(root, 'no class folders', join(root, 'cat', '001.png'))(e));
  });
});

test('a class folder without images is named', async () => {
  await withTempDir(async (root) => {
    await writePng(join(root, 'full', '1.png'), 2, 2, colour(1));
    await mkdir(join(root, 'empty'));
    await writeFile(join(root, 'empty', 'readme.md'), 'not an image');
    await assert.rejects(readImageFolder(root), messageMatcher(join(root, 'empty'), 'class folder has no images', '.png'));
  });
});

test('mixed sizes name both files and both sizes', async () => {
  await withTempDir(async (root) => {
    await writePng(join(root, 'a', '1.png'), 4, 4, colour(1));
    await writePng(join(root, 'b', '2.png'), 5, 4, colour(2));
    await assert.rejects(
      readImageFolder(root),
      messageMatcher(join(root, 'a', '1.png'), 'is 4x4', join(root, 'b', '2.png'), 'is 5x4', 'mixed image sizes', 'resize'),
    );
  });
});

test('an undecodable file is named', async () => {
  await withTempDir(async (root) => {
    await writePng(join(root, 'a', '1.png'), 2, 2, colour(1));
    const bad = join(root, 'a', '2.jpg');
    await writeFile(bad, 'this is not a jpeg');
    await assert.rejects(readImageFolder(root), messageMatcher(bad, 'cannot decode image', 'neither a PNG nor a JPEG'));
    // A PNG cut short fails inside the decoder; still named.
    const full = PNG.sync.write(Object.assign(new PNG({ width: 2, height: 2 }), { data: rgba(2, 2, colour(1)) }));
    await writeFile(bad, full.subarray(0, 30));
    await assert.rejects(readImageFolder(root), messageMatcher(bad, 'cannot decode image'));
  });
});

test('a missing folder is reported as not found', async () => {
  await withTempDir(async (root) => {
    const missing = join(root, 'nowhere');
    await assert.rejects(readImageFolder(missing), messageMatcher(missing, 'image folder not found'));
  });
});

test('reading with fixed classes, channels and size (as for a test set)', async () => {
  await withTempDir(async (root) => {
    await writePng(join(root, 'b', '1.png'), 2, 2, greyLevel(1));
    const ds = await readImageFolder(root, { classNames: ['a', 'b', 'c'], channels: 3, size: { height: 2, width: 2 } });
    assert.deepEqual(ds.classNames, ['a', 'b', 'c']);
    assert.deepEqual([...ds.labels], [1]);
    assert.equal(ds.channels, 3);
    assert.equal(ds.images.length, 2 * 2 * 3);

    await assert.rejects(readImageFolder(root, { classNames: ['a'] }), messageMatcher(root, 'class folder(s) "b" not among the training classes'));
    await assert.rejects(readImageFolder(root, { size: { height: 3, width: 3 } }), messageMatcher('the training images are 3x3', join(root, 'b', '1.png')));
    await writePng(join(root, 'b', '2.png'), 2, 2, colour(1));
    await assert.rejects(readImageFolder(root, { channels: 1 }), messageMatcher(join(root, 'b', '2.png'), 'colour image where greyscale is required'));
  });
});
