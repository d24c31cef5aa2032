// Depthwise convolution (channel multiplier 1, NHWC, float32) forward and both gradients.
// Every pointer is a byte offset into tfjs's own wasm heap; `scratch` is a caller-allocated
// buffer of at least one padded image. Channels are vectorised 4 at a time (SIMD), the
// remainder runs scalar, so any channel count works.
import { flipFilter, padImage, unpadImage } from './image';

/**
 * Correlates one zero-padded image src [*, wp, c] with filter [kh, kw, c] at stride (sh, sw):
 * dst [ho, wo, c]. Four output columns per tile give four independent accumulator chains.
 */
function correlateImage(src: usize, filter: usize, dst: usize, c: i32, kh: i32, kw: i32, sh: i32, sw: i32, ho: i32, wo: i32, wp: i32): void {
  const pixel = <usize>c << 2;
  const rowBytes = <usize>wp * pixel;
  const col1 = <usize>sw * pixel;
  const col2 = col1 << 1;
  const col3 = col1 * 3;
  for (let oh = 0; oh < ho; oh++) {
    const srcRow = src + <usize>(oh * sh) * rowBytes;
    const dstRow = dst + <usize>(oh * wo) * pixel;
    let ow = 0;
    for (; ow + 4 <= wo; ow += 4) {
      const s = srcRow + <usize>ow * col1;
      const d = dstRow + <usize>ow * pixel;
      let ci = 0;
      for (; ci + 4 <= c; ci += 4) {
        const off = <usize>ci << 2;
        let a0 = f32x4.splat(0);
        let a1 = f32x4.splat(0);
        let a2 = f32x4.splat(0);
        let a3 = f32x4.splat(0);
        let rowp = s + off;
        let fp = filter + off;
        for (let i = 0; i < kh; i++) {
          let p = rowp;
          for (let j = 0; j < kw; j++) {
            const wv = v128.load(fp);
            a0 = f32x4.add(a0, f32x4.mul(v128.load(p), wv));
            a1 = f32x4.add(a1, f32x4.mul(v128.load(p + col1), wv));
            a2 = f32x4.add(a2, f32x4.mul(v128.load(p + col2), wv));
            a3 = f32x4.add(a3, f32x4.mul(v128.load(p + col3), wv));
            p += pixel;
            fp += pixel;
          }
          rowp += rowBytes;
        }
        v128.store(d + off, a0);
        v128.store(d + pixel + off, a1);
        v128.store(d + (pixel << 1) + off, a2);
        v128.store(d + pixel * 3 + off, a3);
      }
      for (; ci < c; ci++) {
        const off = <usize>ci << 2;
        let a0: f32 = 0;
        let a1: f32 = 0;
        let a2: f32 = 0;
        let a3: f32 = 0;
        let rowp = s + off;
        let fp = filter + off;
        for (let i = 0; i < kh; i++) {
          let p = rowp;
          for (let j = 0; j < kw; j++) {
            const wv = load<f32>(fp);
            a0 += load<f32>(p) * wv;
            a1 += load<f32>(p + col1) * wv;
            a2 += load<f32>(p + col2) * wv;
            a3 += load<f32>(p + col3) * wv;
            p += pixel;
            fp += pixel;
          }
          rowp += rowBytes;
        }
        store<f32>(d + off, a0);
        store<f32>(d + pixel + off, a1);
        store<f32>(d + (pixel << 1) + off, a2);
        store<f32>(d + pixel * 3 + off, a3);
      }
    }
    for (; ow < wo; ow++) {
      const s = srcRow + <usize>ow * col1;
      const d = dstRow + <usize>ow * pixel;
      let ci = 0;
      for (; ci + 4 <= c; ci += 4) {
        const off = <usize>ci << 2;
        let a0 = f32x4.splat(0);
        let rowp = s + off;
        let fp = filter + off;
        for (let i = 0; i < kh; i++) {
          let p = rowp;
          for (let j = 0; j < kw; j++) {
            a0 = f32x4.add(a0, f32x4.mul(v128.load(p), v128.load(fp)));
            p += pixel;
            fp += pixel;
          }
          rowp += rowBytes;
        }
        v128.store(d + off, a0);
      }
      for (; ci < c; ci++) {
        const off = <usize>ci << 2;
        let a0: f32 = 0;
        let rowp = s + off;
        let fp = filter + off;
        for (let i = 0; i < kh; i++) {
          let p = rowp;
          for (let j = 0; j < kw; j++) {
            a0 += load<f32>(p) * load<f32>(fp);
            p += pixel;
            fp += pixel;
          }
          rowp += rowBytes;
        }
        store<f32>(d + off, a0);
      }
    }
  }
}

/** Bytes of scratch depthwiseForward needs: one padded input image. */
export function forwardScratchBytes(c: i32, kh: i32, kw: i32, sh: i32, sw: i32, ho: i32, wo: i32): usize {
  return <usize>((ho - 1) * sh + kh) * <usize>((wo - 1) * sw + kw) * (<usize>c << 2);
}

/** y [n, ho, wo, c] = depthwise(x [n, h, w, c], filter [kh, kw, c]) with top/left padding pt/pl. */
export function depthwiseForward(x: usize, filter: usize, y: usize, scratch: usize, n: i32, h: i32, w: i32, c: i32, kh: i32, kw: i32, sh: i32, sw: i32, pt: i32, pl: i32, ho: i32, wo: i32): void {
  const hp = (ho - 1) * sh + kh;
  const wp = (wo - 1) * sw + kw;
  const pixel = <usize>c << 2;
  const inImage = <usize>h * <usize>w * pixel;
  const outImage = <usize>ho * <usize>wo * pixel;
  for (let b = 0; b < n; b++) {
    padImage(x + <usize>b * inImage, scratch, h, w, c, hp, wp, pt, pl);
    correlateImage(scratch, filter, y + <usize>b * outImage, c, kh, kw, sh, sw, ho, wo, wp);
  }
}

/** Scratch for the stride-1 input gradient: a padded dy image plus the rotated filter. */
export function backpropInputScratchBytes(h: i32, w: i32, c: i32, kh: i32, kw: i32, sh: i32, sw: i32, ho: i32, wo: i32): usize {
  const pixel = <usize>c << 2;
  if (sh == 1 && sw == 1) return <usize>(h - 1 + kh) * <usize>(w - 1 + kw) * pixel + <usize>(kh * kw) * pixel;
  return <usize>((ho - 1) * sh + kh) * <usize>((wo - 1) * sw + kw) * pixel;
}

/**
 * dx [n, h, w, c] from dy [n, ho, wo, c]. Stride 1: a correlation of the padded dy with the
 * rotated filter (gather, fast). Other strides: each dy pixel scatters into a padded dx image.
 */
export function depthwiseBackpropInput(dy: usize, filter: usize, dx: usize, scratch: usize, n: i32, h: i32, w: i32, c: i32, kh: i32, kw: i32, sh: i32, sw: i32, pt: i32, pl: i32, ho: i32, wo: i32): void {
  const pixel = <usize>c << 2;
  const inImage = <usize>h * <usize>w * pixel;
  const outImage = <usize>ho * <usize>wo * pixel;
  if (sh == 1 && sw == 1) {
    const hp = h - 1 + kh;
    const wp = w - 1 + kw;
    const rotated = scratch + <usize>hp * <usize>wp * pixel;
    flipFilter(filter, rotated, kh, kw, c);
    for (let b = 0; b < n; b++) {
      padImage(dy + <usize>b * outImage, scratch, ho, wo, c, hp, wp, kh - 1 - pt, kw - 1 - pl);
      correlateImage(scratch, rotated, dx + <usize>b * inImage, c, kh, kw, 1, 1, h, w, wp);
    }
    return;
  }
  const hp = (ho - 1) * sh + kh;
  const wp = (wo - 1) * sw + kw;
  const rowBytes = <usize>wp * pixel;
  for (let b = 0; b < n; b++) {
    memory.fill(scratch, 0, <usize>hp * rowBytes);
    const g0 = dy + <usize>b * outImage;
    for (let oh = 0; oh < ho; oh++) {
      for (let ow = 0; ow < wo; ow++) {
        const g = g0 + <usize>(oh * wo + ow) * pixel;
        const base = scratch + <usize>(oh * sh) * rowBytes + <usize>(ow * sw) * pixel;
        for (let i = 0; i < kh; i++) {
          for (let j = 0; j < kw; j++) {
            const t = base + <usize>i * rowBytes + <usize>j * pixel;
            const f = filter + <usize>(i * kw + j) * pixel;
            let ci = 0;
            for (; ci + 4 <= c; ci += 4) {
              const off = <usize>ci << 2;
              v128.store(t + off, f32x4.add(v128.load(t + off), f32x4.mul(v128.load(g + off), v128.load(f + off))));
            }
            for (; ci < c; ci++) {
              const off = <usize>ci << 2;
              store<f32>(t + off, load<f32>(t + off) + load<f32>(g + off) * load<f32>(f + off));
            }
          }
        }
      }
    }
    unpadImage(scratch, dx + <usize>b * inImage, h, w, c, hp, wp, pt, pl);
  }
}

/**
 * Accumulates, for one filter tap, sum over output pixels of src[oh*sh, ow*sw] * dy[oh, ow]
 * into acc [c]. src points at the tap's offset inside the padded image.
 */
function accumulateTap(src: usize, dy: usize, acc: usize, c: i32, sh: i32, sw: i32, ho: i32, wo: i32, wp: i32): void {
  const pixel = <usize>c << 2;
  const rowBytes = <usize>wp * pixel;
  const col = <usize>sw * pixel;
  let ci = 0;
  for (; ci + 16 <= c; ci += 16) {
    const off = <usize>ci << 2;
    let a0 = v128.load(acc + off);
    let a1 = v128.load(acc + off + 16);
    let a2 = v128.load(acc + off + 32);
    let a3 = v128.load(acc + off + 48);
    let g = dy + off;
    for (let oh = 0; oh < ho; oh++) {
      let p = src + <usize>(oh * sh) * rowBytes + off;
      for (let ow = 0; ow < wo; ow++) {
        a0 = f32x4.add(a0, f32x4.mul(v128.load(p), v128.load(g)));
        a1 = f32x4.add(a1, f32x4.mul(v128.load(p + 16), v128.load(g + 16)));
        a2 = f32x4.add(a2, f32x4.mul(v128.load(p + 32), v128.load(g + 32)));
        a3 = f32x4.add(a3, f32x4.mul(v128.load(p + 48), v128.load(g + 48)));
        p += col;
        g += pixel;
      }
    }
    v128.store(acc + off, a0);
    v128.store(acc + off + 16, a1);
    v128.store(acc + off + 32, a2);
    v128.store(acc + off + 48, a3);
  }
  for (; ci + 4 <= c; ci += 4) {
    const off = <usize>ci << 2;
    let a0 = v128.load(acc + off);
    let g = dy + off;
    for (let oh = 0; oh < ho; oh++) {
      let p = src + <usize>(oh * sh) * rowBytes + off;
      for (let ow = 0; ow < wo; ow++) {
        a0 = f32x4.add(a0, f32x4.mul(v128.load(p), v128.load(g)));
        p += col;
        g += pixel;
      }
    }
    v128.store(acc + off, a0);
  }
  for (; ci < c; ci++) {
    const off = <usize>ci << 2;
    let a0 = load<f32>(acc + off);
    let g = dy + off;
    for (let oh = 0; oh < ho; oh++) {
      let p = src + <usize>(oh * sh) * rowBytes + off;
      for (let ow = 0; ow < wo; ow++) {
        a0 += load<f32>(p) * load<f32>(g);
        p += col;
        g += pixel;
      }
    }
    store<f32>(acc + off, a0);
  }
}

/** dfilter [kh, kw, c] = sum over images and pixels of padded x times dy. */
export function depthwiseBackpropFilter(x: usize, dy: usize, dfilter: usize, scratch: usize, n: i32, h: i32, w: i32, c: i32, kh: i32, kw: i32, sh: i32, sw: i32, pt: i32, pl: i32, ho: i32, wo: i32): void {
  const hp = (ho - 1) * sh + kh;
  const wp = (wo - 1) * sw + kw;
  const pixel = <usize>c << 2;
  const rowBytes = <usize>wp * pixel;
  const inImage = <usize>h * <usize>w * pixel;
  const outImage = <usize>ho * <usize>wo * pixel;
  memory.fill(dfilter, 0, <usize>(kh * kw) * pixel);
  for (let b = 0; b < n; b++) {
    padImage(x + <usize>b * inImage, scratch, h, w, c, hp, wp, pt, pl);
    const g = dy + <usize>b * outImage;
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        accumulateTap(scratch + <usize>i * rowBytes + <usize>j * pixel, g, dfilter + <usize>(i * kw + j) * pixel, c, sh, sw, ho, wo, wp);
      }
    }
  }
}
