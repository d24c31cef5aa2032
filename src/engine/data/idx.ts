/**
 * IDX files (the MNIST family's format), raw or gzipped.
 *
 * Layout: two zero bytes, a type byte, a dimension count d, then d big-endian uint32 sizes, then the
 * values in row-major order, big-endian. Gzip is detected from the content (1f 8b), not the file
 * name, because copies named `*-ubyte` are often gzipped and vice versa.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { gunzip, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { DataError } from './data-error';

const gunzipAsync = promisify(gunzip);
const gzipAsync = promisify(gzip);

export type IdxDataType = 'ubyte' | 'byte' | 'short' | 'int' | 'float' | 'double';
export type IdxValues = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface IdxArray {
  dataType: IdxDataType;
  /** Sizes, outermost first, e.g. [60000, 28, 28]. */
  dims: number[];
  data: IdxValues;
}

interface DataTypeInfo {
  code: number;
  bytes: number;
  read(view: DataView, offset: number): number;
  write(view: DataView, offset: number, value: number): void;
  create(length: number): IdxValues;
}

const DATA_TYPES: Record<IdxDataType, DataTypeInfo> = {
  ubyte: { code: 0x08, bytes: 1, read: (v, o) => v.getUint8(o), write: (v, o, x) => v.setUint8(o, x), create: (n) => new Uint8Array(n) },
  byte: { code: 0x09, bytes: 1, read: (v, o) => v.getInt8(o), write: (v, o, x) => v.setInt8(o, x), create: (n) => new Int8Array(n) },
  short: { code: 0x0b, bytes: 2, read: (v, o) => v.getInt16(o), write: (v, o, x) => v.setInt16(o, x), create: (n) => new Int16Array(n) },
  int: { code: 0x0c, bytes: 4, read: (v, o) => v.getInt32(o), write: (v, o, x) => v.setInt32(o, x), create: (n) => new Int32Array(n) },
  float: { code: 0x0d, bytes: 4, read: (v, o) => v.getFloat32(o), write: (v, o, x) => v.setFloat32(o, x), create: (n) => new Float32Array(n) },
  double: { code: 0x0e, bytes: 8, read: (v, o) => v.getFloat64(o), write: (v, o, x) => v.setFloat64(o, x), create: (n) => new Float64Array(n) },
};

const TYPE_BY_CODE = new Map<number, IdxDataType>(
  (Object.keys(DATA_TYPES) as IdxDataType[]).map((t) => [DATA_TYPES[t].code, t]),
);

const FIX_CORRUPT =
  'use an unmodified IDX file (e.g. re-download or re-generate it); gzipped and raw files are both accepted';

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Parses IDX bytes (already un-gzipped). `source` names the file in error messages. */
export function parseIdx(bytes: Uint8Array, source: string): IdxArray {
  if (bytes.length < 4) {
    throw new DataError(`not an IDX file: only ${bytes.length} bytes, the header alone needs at least 8`, source, FIX_CORRUPT);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const magic = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new DataError(
      `not an IDX file: bad magic number ${magic} (an IDX file starts with 00 00, a type byte and a dimension count)`,
      source,
      FIX_CORRUPT,
    );
  }
  const dataType = TYPE_BY_CODE.get(bytes[2]!);
  if (dataType === undefined) {
    throw new DataError(
      `not an IDX file: unknown data type byte 0x${bytes[2]!.toString(16).padStart(2, '0')} (known: 08 ubyte, 09 byte, 0b short, 0c int, 0d float, 0e double)`,
      source,
      FIX_CORRUPT,
    );
  }
  const rank = bytes[3]!;
  if (rank === 0) throw new DataError('IDX header declares 0 dimensions', source, FIX_CORRUPT);

  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw new DataError(
      `truncated IDX file: the header needs ${headerBytes} bytes for ${rank} dimensions, got ${bytes.length}`,
      source,
      FIX_CORRUPT,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i));

  const info = DATA_TYPES[dataType];
  const count = dims.reduce((a, b) => a * b, 1);
  const expectedBytes = headerBytes + count * info.bytes;
  if (bytes.length !== expectedBytes) {
    const problem = bytes.length < expectedBytes ? 'truncated IDX file' : 'IDX file has trailing bytes';
    throw new DataError(
      `${problem}: header says ${dims.join('×')} ${dataType}, so expected ${expectedBytes} bytes, got ${bytes.length}`,
      source,
      FIX_CORRUPT,
    );
  }

  let data: IdxValues;
  if (dataType === 'ubyte') {
    // A plain Uint8Array copy: Buffer#slice would be a view keeping the whole (maybe pooled) file alive.
    data = new Uint8Array(bytes.subarray(headerBytes));
  } else {
    data = info.create(count);
    for (let i = 0, o = headerBytes; i < count; i++, o += info.bytes) data[i] = info.read(view, o);
  }
  return { dataType, dims, data };
}

/** Reads an IDX file, raw or gzipped. Errors name the file and say what is wrong. */
export async function readIdxFile(file: string): Promise<IdxArray> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new DataError(
        'IDX file not found',
        file,
        "check the path (relative paths in a config are resolved from the config file's folder)",
      );
    }
    if (code === 'EISDIR') throw new DataError('expected an IDX file but found a folder', file, 'point the path at the file itself');
    throw new DataError(`cannot read IDX file (${(err as Error).message})`, file, 'check that the file exists and is readable');
  }
  if (isGzip(bytes)) {
    try {
      bytes = await gunzipAsync(bytes);
    } catch (err) {
      throw new DataError(
        `gzipped IDX file is corrupt or truncated (${(err as Error).message})`,
        file,
        'the download or copy was probably cut short; fetch or generate the file again',
      );
    }
  }
  return parseIdx(bytes, file);
}

/** Serialises an IDX array (header + big-endian values). */
export function encodeIdx(idx: IdxArray): Buffer {
  const info = DATA_TYPES[idx.dataType];
  const count = idx.dims.reduce((a, b) => a * b, 1);
  if (count !== idx.data.length) {
    throw new RangeError(`IDX dims ${idx.dims.join('×')} hold ${count} values but data has ${idx.data.length}`);
  }
  if (idx.dims.length === 0 || idx.dims.length > 255) throw new RangeError(`IDX needs 1..255 dimensions, got ${idx.dims.length}`);
  const headerBytes = 4 + 4 * idx.dims.length;
  const out = Buffer.alloc(headerBytes + count * info.bytes);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  out[2] = info.code;
  out[3] = idx.dims.length;
  idx.dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  if (idx.dataType === 'ubyte') {
    out.set(idx.data as Uint8Array, headerBytes);
  } else {
    for (let i = 0, o = headerBytes; i < count; i++, o += info.bytes) info.write(view, o, idx.data[i]!);
  }
  return out;
}

/** Writes an IDX file; gzip level 9 when `gzip` is set (as the MNIST originals are distributed). */
export async function writeIdxFile(file: string, idx: IdxArray, options: { gzip: boolean }): Promise<void> {
  const raw = encodeIdx(idx);
  await writeFile(file, options.gzip ? await gzipAsync(raw, { level: 9 }) : raw);
}
