/**
 * Decodes one PNG or JPEG to 8-bit RGB with pure-JS decoders (pngjs, jpeg-js: no native builds,
 * no downloads at install). The format is taken from the file's signature, not its extension.
 * Alpha is dropped: datasets of this kind are opaque, and compositing would invent a background.
 */
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { DataError } from './data-error';

export interface DecodedImage {
  width: number;
  height: number;
  /** width × height × 3, row-major. */
  rgb: Uint8Array;
  /** True when R = G = B for every pixel, so one channel holds everything. */
  grey: boolean;
}

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'] as const;

function isPng(b: Uint8Array): boolean {
  return b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
}

function isJpeg(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
}

function rgbaToRgb(rgba: Uint8Array, pixels: number): { rgb: Uint8Array; grey: boolean } {
  const rgb = new Uint8Array(pixels * 3);
  let grey = true;
  for (let p = 0, i = 0, o = 0; p < pixels; p++, i += 4, o += 3) {
    const r = rgba[i]!;
    const g = rgba[i + 1]!;
    const b = rgba[i + 2]!;
    rgb[o] = r;
    rgb[o + 1] = g;
    rgb[o + 2] = b;
    if (r !== g || g !== b) grey = false;
  }
  return { rgb, grey };
}

export function decodeImage(bytes: Buffer, file: string): DecodedImage {
  const fix = 're-export it as an 8-bit PNG or a baseline JPEG, or remove it from the folder';
  let width: number;
  let height: number;
  let rgba: Uint8Array;
  try {
    if (isPng(bytes)) {
      const png = PNG.sync.read(bytes); // 16-bit and palette images come back as 8-bit RGBA
      ({ width, height } = png);
      rgba = png.data;
    } else if (isJpeg(bytes)) {
      const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
      ({ width, height } = img);
      rgba = img.data;
    } else {
      throw new Error('neither a PNG nor a JPEG signature at the start of the file');
    }
  } catch (err) {
    throw new DataError(`cannot decode image (${(err as Error).message})`, file, fix);
  }
  if (width === 0 || height === 0) throw new DataError('image has zero width or height', file, fix);
  return { width, height, ...rgbaToRgb(rgba, width * height) };
}
