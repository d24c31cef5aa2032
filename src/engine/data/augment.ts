/**
 * Training-time augmentation and normalisation of one image into a batch buffer.
 *
 * Order follows the common torchvision recipe: random crop with zero padding (in raw pixel space, so
 * padding is black before normalisation), then random horizontal flip, then normalise.
 * Both are done in one pass over the output pixels with no intermediate buffers.
 */
import type { Augmentation } from '../../shared/config/dataset-spec';
import type { ChannelAffine } from './normalise';
import type { Rng } from './random';

/** The random choices for one image. offsetY/offsetX shift the source window, in -pad..pad. */
export interface SampleTransform {
  flip: boolean;
  offsetY: number;
  offsetX: number;
}

export const IDENTITY_TRANSFORM: SampleTransform = Object.freeze({ flip: false, offsetY: 0, offsetX: 0 });

export function isAugmentationOn(aug: Augmentation | undefined): aug is Augmentation {
  return aug !== undefined && (aug.horizontalFlip || aug.cropPadding > 0);
}

/** Draws one image's transform. Draw order is fixed (flip, then y, then x) so a seed replays exactly. */
export function drawTransform(rng: Rng, aug: Augmentation): SampleTransform {
  const flip = aug.horizontalFlip ? rng.next() < 0.5 : false;
  const pad = aug.cropPadding;
  const offsetY = pad > 0 ? rng.nextInt(2 * pad + 1) - pad : 0;
  const offsetX = pad > 0 ? rng.nextInt(2 * pad + 1) - pad : 0;
  return { flip, offsetY, offsetX };
}

export interface ImageShape {
  height: number;
  width: number;
  channels: number;
}

/**
 * Writes normalise(transform(src image)) to out[outOffset ...]. Output pixel (y, x) comes from source
 * pixel (y + offsetY, x' + offsetX) with x' = flip ? width-1-x : x; pixels outside the source are 0.
 */
export function writeTransformedImage(
  src: ArrayLike<number>,
  srcOffset: number,
  shape: ImageShape,
  transform: SampleTransform,
  affine: ChannelAffine,
  out: Float32Array,
  outOffset: number,
): void {
  const { height: h, width: w, channels: c } = shape;
  const { scale, shift } = affine;
  let o = outOffset;
  for (let y = 0; y < h; y++) {
    const sy = y + transform.offsetY;
    const rowInside = sy >= 0 && sy < h;
    for (let x = 0; x < w; x++) {
      const sx = (transform.flip ? w - 1 - x : x) + transform.offsetX;
      if (rowInside && sx >= 0 && sx < w) {
        const s = srcOffset + (sy * w + sx) * c;
        for (let k = 0; k < c; k++) out[o++] = src[s + k]! * scale[k]! + shift[k]!;
      } else {
        for (let k = 0; k < c; k++) out[o++] = shift[k]!; // black padding, normalised
      }
    }
  }
}
