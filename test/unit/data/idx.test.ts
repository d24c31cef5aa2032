import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DataError } from '../../../src/engine/data/data-error';
import type { IdxArray } from '../../../src/engine/data/idx';
import { encodeIdx, parseIdx, readIdxFile, writeIdxFile } from '../../../src/engine/data/idx';
import { readIdxImageDataset } from '../../../src/engine/data/idx-dataset';
import { messageMatcher, withTempDir } from './fixtures';

const tinyImages: IdxArray = { dataType: 'ubyte', dims: [3, 2, 2], data: Uint8Array.from([0, 1, 2, 3, 10, 11, 12, 13, 250, 251, 252, 255]) };
const tinyLabels: IdxArray = { dataType: 'ubyte', dims: [3], data: Uint8Array.from([2, 0, 1]) };

test('encodeIdx writes the MNIST header byte for byte', () => {
  const bytes = encodeIdx(tinyImages);
  // 00 00 08 03 | 3 | 2 | 2 | 12 pixels
  assert.deepEqual([...bytes.subarray(0, 16)], [0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2]);
  assert.equal(bytes.length, 16 + 12);
  assert.deepEqual([...bytes.subarray(16)], [...tinyImages.data]);
});

test('IDX round trip, raw and gzipped, for ubyte images and labels', async () => {
  await withTempDir(async (dir) => {
    for (const gzip of [false, true]) {
      const file = join(dir, `images-${gzip}.idx`);
      await writeIdxFile(file, tinyImages, { gzip });
      const head = await readFile(file);
      assert.equal(head[0] === 0x1f && head[1] === 0x8b, gzip, 'gzip flag decides the on-disk format');
      const back = await readIdxFile(file);
      assert.equal(back.dataType, 'ubyte');
      assert.deepEqual(back.dims, [3, 2, 2]);
      assert.deepEqual(back.data, tinyImages.data);
    }
  });
});

test('IDX round trip for every data type, big-endian', () => {
  const cases: IdxArray[] = [
    { dataType: 'byte', dims: [4], data: Int8Array.from([-128, -1, 0, 127]) },
    { dataType: 'short', dims: [2, 2], data: Int16Array.from([-32768, -2, 258, 32767]) },
    { dataType: 'int', dims: [3], data: Int32Array.from([-2147483648, 16909060, 2147483647]) },
    { dataType: 'float', dims: [2], data: Float32Array.from([1.5, -0.25]) },
    { dataType: 'double', dims: [1, 2], data: Float64Array.from([Math.PI, -1e300]) },
  ];
  for (const idx of cases) {
    const back = parseIdx(encodeIdx(idx), 'mem');
    assert.equal(back.dataType, idx.dataType);
    assert.deepEqual(back.dims, idx.dims);
    assert.deepEqual(back.data, idx.data);
  }
  // Big-endian on disk: the short 258 is 01 02.
  const shortBytes = encodeIdx(cases[1]!);
  assert.deepEqual([...shortBytes.subarray(12 + 4, 12 + 6)], [1, 2]);
});

test('a missing IDX file names the path and says it was not found', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'nope-images.idx');
    await assert.rejects(readIdxFile(file), (err) => err instanceof DataError && messageMatcher(file, 'not found', 'config file')(err));
  });
});

test('bad magic is reported with the bytes found', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'photo.idx');
    await writeFile(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    await assert.rejects(readIdxFile(file), messageMatcher(file, 'bad magic number 89 50 4e 47'));
    await writeFile(file, Buffer.from([0, 0, 0x07, 1, 0, 0, 0, 0]));
    await assert.rejects(readIdxFile(file), messageMatcher(file, 'unknown data type byte 0x07'));
  });
});

test('a truncated IDX file says how many bytes were expected and found', async () => {
  await withTempDir(async (dir) => {
    const full = encodeIdx(tinyImages);
    const raw = join(dir, 'cut.idx');
    await writeFile(raw, full.subarray(0, full.length - 5));
    await assert.rejects(readIdxFile(raw), messageMatcher(raw, 'truncated IDX file', 'expected 28 bytes, got 23', '3×2×2 ubyte'));

    const header = join(dir, 'header-only.idx');
    await writeFile(header, full.subarray(0, 9));
    await assert.rejects(readIdxFile(header), messageMatcher(header, 'header needs 16 bytes for 3 dimensions, got 9'));

    // A cut gzip stream fails inside zlib; the message still names the file and the cause.
    const gz = join(dir, 'cut.idx.gz');
    const zipped = gzipSync(full);
    await writeFile(gz, zipped.subarray(0, zipped.length - 10));
    await assert.rejects(readIdxFile(gz), messageMatcher(gz, 'corrupt or truncated'));

    const long = join(dir, 'long.idx');
    await writeFile(long, Buffer.concat([full, Buffer.from([1, 2])]));
    await assert.rejects(readIdxFile(long), messageMatcher(long, 'trailing bytes', 'expected 28 bytes, got 30'));
  });
});

test('an IDX image/label pair becomes a dataset; count mismatches and bad labels are named', async () => {
  await withTempDir(async (dir) => {
    const images = join(dir, 'images.idx.gz');
    const labels = join(dir, 'labels.idx');
    await writeIdxFile(images, tinyImages, { gzip: true });
    await writeIdxFile(labels, tinyLabels, { gzip: false });
    const ds = await readIdxImageDataset({ images, labels });
    assert.deepEqual(
      { count: ds.count, height: ds.height, width: ds.width, channels: ds.channels, classNames: ds.classNames },
      { count: 3, height: 2, width: 2, channels: 1, classNames: ['0', '1', '2'] },
    );
    assert.ok(ds.images instanceof Uint8Array);
    assert.deepEqual([...ds.labels], [2, 0, 1]);

    const twoLabels = join(dir, 'two-labels.idx');
    await writeIdxFile(twoLabels, { dataType: 'ubyte', dims: [2], data: Uint8Array.from([0, 1]) }, { gzip: false });
    await assert.rejects(
      readIdxImageDataset({ images, labels: twoLabels }),
      messageMatcher(twoLabels, 'label count 2 does not match image count 3', images),
    );

    await assert.rejects(
      readIdxImageDataset({ images, labels }, ['a', 'b']),
      messageMatcher(labels, 'label 2 appears but only 2 class names'),
    );

    // Swapped paths: labels have 1 dimension, not 3.
    await assert.rejects(readIdxImageDataset({ images: labels, labels: images }), messageMatcher(labels, 'must have 3 dimensions'));

    const floatImages = join(dir, 'float-images.idx');
    await writeIdxFile(floatImages, { dataType: 'float', dims: [3, 1, 1, 2], data: Float32Array.from([0, 255, 1, 2, 3.5, 4]) }, { gzip: false });
    const fds = await readIdxImageDataset({ images: floatImages, labels });
    assert.ok(fds.images instanceof Float32Array);
    assert.equal(fds.channels, 2);
    assert.deepEqual([...fds.images], [0, 255, 1, 2, 3.5, 4]);
  });
});
