/**
 * A named set of float32 arrays in one file pair: `<name>.json` (names, shapes, offsets, plus any
 * JSON metadata) and `<name>.bin` (the values back to back). Used for supernet checkpoints and the
 * teacher feature cache. Plain arrays, not tf tensors, so it is backend-independent and the
 * worker that reads it decides when data enters the backend's memory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeAtomic, writeJsonAtomic } from './atomic-write';

export interface NamedArray {
  shape: number[];
  values: Float32Array;
}

interface BundleIndex {
  format: 'dna-tensor-bundle';
  version: 1;
  entries: { name: string; shape: number[]; offset: number; length: number }[];
  bytes: number;
  meta?: unknown;
}

const elements = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Writes the .bin first and the .json last: a bundle whose .json exists is complete. */
export function writeTensorBundle(basePath: string, arrays: Record<string, NamedArray>, meta?: unknown): void {
  const entries: BundleIndex['entries'] = [];
  let offset = 0;
  for (const [name, a] of Object.entries(arrays)) {
    if (a.values.length !== elements(a.shape)) throw new Error(`tensor bundle ${basePath}: "${name}" has ${a.values.length} values but shape [${a.shape}]`);
    entries.push({ name, shape: a.shape, offset, length: a.values.length });
    offset += a.values.length;
  }
  const data = new Float32Array(offset);
  for (const e of entries) data.set(arrays[e.name].values, e.offset);
  writeAtomic(`${basePath}.bin`, new Uint8Array(data.buffer));
  const index: BundleIndex = { format: 'dna-tensor-bundle', version: 1, entries, bytes: data.byteLength, meta };
  writeJsonAtomic(`${basePath}.json`, index);
}

export function tensorBundleExists(basePath: string): boolean {
  return existsSync(`${basePath}.json`) && existsSync(`${basePath}.bin`);
}

export interface TensorBundle {
  arrays: Record<string, NamedArray>;
  meta: unknown;
}

export function readTensorBundle(basePath: string): TensorBundle {
  let index: BundleIndex;
  try {
    index = JSON.parse(readFileSync(`${basePath}.json`, 'utf8')) as BundleIndex;
  } catch (e) {
    throw new Error(`${basePath}.json: cannot be read as a tensor bundle index (${(e as Error).message})`, { cause: e });
  }
  if (index.format !== 'dna-tensor-bundle' || index.version !== 1) throw new Error(`${basePath}.json: not a DNA tensor bundle (format ${String(index.format)})`);
  const raw = readFileSync(`${basePath}.bin`);
  if (raw.byteLength !== index.bytes) throw new Error(`${basePath}.bin: holds ${raw.byteLength} bytes, its index expects ${index.bytes}; the file is truncated or damaged`);
  // Copy into an aligned buffer: Buffer slices may start at odd offsets.
  const all = new Float32Array(raw.byteLength / 4);
  new Uint8Array(all.buffer).set(raw);
  const arrays: Record<string, NamedArray> = {};
  for (const e of index.entries) arrays[e.name] = { shape: e.shape, values: all.subarray(e.offset, e.offset + e.length) };
  return { arrays, meta: index.meta };
}
