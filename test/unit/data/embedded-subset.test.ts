import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { balancedSubset, classCounts } from '../../../src/engine/data/dataset';
import { embeddedFashionMnistSubsetDir, findPackageRoot } from '../../../src/engine/data/embedded-data';
import {
  DEBIAN_FASHION_MNIST_DIR,
  FASHION_MNIST_CLASS_NAMES,
  debianFashionMnistFiles,
  embeddedSubsetFiles,
  readDebianFashionMnist,
} from '../../../src/engine/data/fashion-mnist';
import { loadDatasetPair } from '../../../src/engine/data/sources';
import { messageMatcher, withTempDir } from './fixtures';

const dir = embeddedFashionMnistSubsetDir();
const readme = readFileSync(join(dir, 'README.md'), 'utf8');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const debianInstalled = Object.values(debianFashionMnistFiles()).every((f) => existsSync(f));
/** Read once: two tests need the full set and gunzipping 30 MB dominates their time. */
let fullSet: ReturnType<typeof readDebianFashionMnist> | undefined;
const debianFull = () => (fullSet ??= readDebianFashionMnist());

test('the embedded data is found from the sources by walking up to package.json', () => {
  const root = findPackageRoot();
  assert.equal(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name, 'dna-search');
  assert.equal(dir, join(root, 'data', 'fashion-mnist-subset'));
  assert.throws(() => findPackageRoot('/'), messageMatcher('cannot find the dna-search package folder'));
});

test('the built-in subset loads: 10k/2k, 28x28 grey, exactly balanced', async () => {
  const { train, test: testSet } = await loadDatasetPair({ kind: 'builtin-fashion-mnist', variant: 'subset' }, { configDir: '/nonexistent' });
  assert.deepEqual([train.count, train.height, train.width, train.channels], [10000, 28, 28, 1]);
  assert.deepEqual([testSet.count, testSet.height, testSet.width, testSet.channels], [2000, 28, 28, 1]);
  assert.deepEqual(classCounts(train), new Array(10).fill(1000));
  assert.deepEqual(classCounts(testSet), new Array(10).fill(200));
  assert.deepEqual(train.classNames, [...FASHION_MNIST_CLASS_NAMES]);
  assert.ok(train.images instanceof Uint8Array);
  // Real images, not blanks: Fashion-MNIST's mean pixel is about 73/255.
  const mean = train.images.reduce((a, b) => a + b, 0) / train.images.length;
  assert.ok(mean > 60 && mean < 85, `mean pixel ${mean}`);
});

test('README class counts and checksums match the files', () => {
  const countRows = [...readme.matchAll(/^\| (\d) \| ([^|]+) \| (\d+) \| (\d+) \|$/gm)];
  assert.equal(countRows.length, 10);
  const train = readFileSync(join(dir, 'train-labels.idx.gz'));
  const testLabels = readFileSync(join(dir, 'test-labels.idx.gz'));
  const count = (gz: Buffer, k: number) => gunzipSync(gz).subarray(8).filter((l) => l === k).length;
  for (const [, k, name, trainCount, testCount] of countRows) {
    assert.equal(name!.trim(), FASHION_MNIST_CLASS_NAMES[Number(k)]);
    assert.equal(Number(trainCount), count(train, Number(k)));
    assert.equal(Number(testCount), count(testLabels, Number(k)));
  }

  const files = Object.values(embeddedSubsetFiles(dir));
  for (const file of files) {
    const row = new RegExp('^\\| `' + basename(file).replace(/\./g, '\\.') + '` \\| (\\d+) \\| `([0-9a-f]{64})` \\|$', 'm').exec(readme);
    assert.ok(row, `README has no checksum row for ${basename(file)}`);
    const gz = readFileSync(file);
    assert.equal(Number(row[1]), gz.length, `${basename(file)} size`);
    assert.equal(row[2], sha256(gunzipSync(gz)), `${basename(file)} sha256`);
  }
  assert.match(readme, /Permission is hereby granted, free of charge/);
  assert.match(readme, /Zalando SE/);
});

test('the subset is reproducible from the Debian files with the README seed', { skip: !debianInstalled && 'dataset-fashion-mnist not installed' }, async () => {
  for (const file of Object.values(debianFashionMnistFiles())) {
    const row = new RegExp('^\\| `' + file.replace(/[./-]/g, '\\$&') + '` \\| `([0-9a-f]{64})` \\|$', 'm').exec(readme);
    assert.ok(row, `README lists no checksum for ${file}`);
    assert.equal(row[1], sha256(readFileSync(file)), `${file} differs from the one the subset was made from`);
  }
  const seed = Number(/^Seed: \*\*(\d+)\*\*$/m.exec(readme)?.[1]);
  assert.ok(Number.isInteger(seed));
  const full = await debianFull();
  const embedded = await loadDatasetPair({ kind: 'builtin-fashion-mnist', variant: 'subset' }, { configDir: '.' });
  const train = balancedSubset(full.train, 1000, seed);
  assert.deepEqual(train.labels, embedded.train.labels);
  assert.ok(Buffer.from(train.images).equals(Buffer.from(embedded.train.images)), 'train images differ');
  const testSet = balancedSubset(full.test, 200, seed);
  assert.ok(Buffer.from(testSet.images).equals(Buffer.from(embedded.test.images)), 'test images differ');
});

test('the full set loads 60k/10k when the Debian package is installed', { skip: !debianInstalled && 'dataset-fashion-mnist not installed' }, async () => {
  const { train, test: testSet } = await debianFull();
  assert.equal(train.count, 60000);
  assert.equal(testSet.count, 10000);
  assert.deepEqual(classCounts(train), new Array(10).fill(6000));
});

test('the full variant without the Debian package says how to install it', async () => {
  await withTempDir(async (empty) => {
    await assert.rejects(
      loadDatasetPair({ kind: 'builtin-fashion-mnist', variant: 'full' }, { configDir: '.', debianFashionMnistDir: empty }),
      messageMatcher(empty, 'not installed', 'apt-get install dataset-fashion-mnist', "variant 'subset'"),
    );
  });
  assert.equal(DEBIAN_FASHION_MNIST_DIR, '/usr/share/datasets/fashion-mnist');
});
