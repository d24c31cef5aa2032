/** Small builders shared by the data-layer tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImageDataset } from '../../../src/engine/data/dataset';

/** A temp folder removed after the callback, pass or fail. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'dna-data-test-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A dataset whose pixel values encode where they are: pixel (y, x, c) of image n is
 * (n * 7 + y * w + x + c * 50) % 256, and labels follow `labelOf(n)`.
 */
export function syntheticDataset(
  count: number,
  shape: { height: number; width: number; channels: number },
  labelOf: (n: number) => number,
  classes: number,
): ImageDataset {
  const { height, width, channels } = shape;
  const images = new Uint8Array(count * height * width * channels);
  let i = 0;
  for (let n = 0; n < count; n++)
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        for (let c = 0; c < channels; c++) images[i++] = (n * 7 + y * width + x + c * 50) % 256;
  const labels = Uint8Array.from({ length: count }, (_, n) => labelOf(n));
  return { images, labels, count, height, width, channels, classNames: Array.from({ length: classes }, (_, k) => `c${k}`) };
}

/** Asserts that `fn` rejects with a DataError-style message containing every fragment. */
export function messageMatcher(...fragments: (string | RegExp)[]): (err: unknown) => boolean {
  return (err: unknown) => {
    const message = (err as Error).message;
    for (const f of fragments) {
      const ok = typeof f === 'string' ? message.includes(f) : f.test(message);
      if (!ok) throw new Error(`error message ${JSON.stringify(message)} lacks ${String(f)}`);
    }
    return true;
  };
}
