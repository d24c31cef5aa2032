/**
 * Per-channel normalisation of raw 0..255 pixels: y = (x/255 - mean[c]) / std[c].
 * It is folded into one multiply-add per value (y = x × scale[c] + shift[c]), computed once.
 */
import type { Normalisation } from '../../shared/config/dataset-spec';
import type { ImageDataset } from './dataset';

/** Kept in float64 so the only rounding is the final store into the float32 batch. */
export interface ChannelAffine {
  scale: Float64Array;
  shift: Float64Array;
}

/** Checks a normalisation against the channel count (one value broadcasts) and folds it. */
export function channelAffine(norm: Normalisation, channels: number): ChannelAffine {
  const fit = (values: number[], what: string): number[] => {
    if (values.length === 1) return new Array<number>(channels).fill(values[0]!);
    if (values.length === channels) return values;
    throw new RangeError(
      `normalisation ${what} has ${values.length} values but the images have ${channels} channel(s); give 1 or ${channels}`,
    );
  };
  const mean = fit(norm.mean, 'mean');
  const std = fit(norm.std, 'std');
  const scale = new Float64Array(channels);
  const shift = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    if (!(std[c]! > 0)) throw new RangeError(`normalisation std[${c}] must be > 0, got ${std[c]}`);
    scale[c] = 1 / (255 * std[c]!);
    shift[c] = -mean[c]! / std[c]!;
  }
  return { scale, shift };
}

/** Mean and standard deviation of each channel on the 0..1 scale: a ready-made Normalisation. */
export function channelStatistics(ds: ImageDataset): Normalisation {
  const c = ds.channels;
  const sum = new Float64Array(c);
  const sumSq = new Float64Array(c);
  for (let i = 0; i < ds.images.length; i++) {
    const x = ds.images[i]! / 255;
    sum[i % c]! += x;
    sumSq[i % c]! += x * x;
  }
  const n = ds.images.length / c;
  const mean = Array.from(sum, (s) => s / n);
  const std = Array.from(sumSq, (s, k) => Math.sqrt(Math.max(0, s / n - mean[k]! ** 2)));
  return { mean, std };
}
