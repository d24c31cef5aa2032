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
 * Adds to dfilter [kh, kw, c] the contribution of one padded image src [*, wp, c] and its dy
 * [ho, wo, c], for the 16 channels from ci. Taps run in pairs so each dy value loaded feeds two
 * taps: 8 accumulators (2 taps x 4 vectors) plus the 4 dy vectors fit the 16 SIMD registers.
 * The channel block is the outer loop, so its slice of the image stays in L1 for every tap.
 */
function filterGradBlock16(src: usize, dy: usize, dfilter: usize, ci: i32, c: i32, kh: i32, kw: i32, sh: i32, sw: i32, ho: i32, wo: i32, wp: i32): void {
  const pixel = <usize>c << 2;
  const rowBytes = <usize>wp * pixel;
  const col = <usize>sw * pixel;
  const off = <usize>ci << 2;
  for (let i = 0; i < kh; i++) {
    let j = 0;
    for (; j + 2 <= kw; j += 2) {
      const f0 = dfilter + <usize>(i * kw + j) * pixel + off;
      const f1 = f0 + pixel;
      let a0 = v128.load(f0), a1 = v128.load(f0, 16), a2 = v128.load(f0, 32), a3 = v128.load(f0, 48);
      let b0 = v128.load(f1), b1 = v128.load(f1, 16), b2 = v128.load(f1, 32), b3 = v128.load(f1, 48);
      let d = dy + off;
      for (let oh = 0; oh < ho; oh++) {
        let p = src + <usize>(oh * sh + i) * rowBytes + <usize>j * pixel + off;
        for (let ow = 0; ow < wo; ow++) {
          const g0 = v128.load(d), g1 = v128.load(d, 16), g2 = v128.load(d, 32), g3 = v128.load(d, 48);
          a0 = f32x4.add(a0, f32x4.mul(v128.load(p), g0));
          a1 = f32x4.add(a1, f32x4.mul(v128.load(p, 16), g1));
          a2 = f32x4.add(a2, f32x4.mul(v128.load(p, 32), g2));
          a3 = f32x4.add(a3, f32x4.mul(v128.load(p, 48), g3));
          const q = p + pixel;
          b0 = f32x4.add(b0, f32x4.mul(v128.load(q), g0));
          b1 = f32x4.add(b1, f32x4.mul(v128.load(q, 16), g1));
          b2 = f32x4.add(b2, f32x4.mul(v128.load(q, 32), g2));
          b3 = f32x4.add(b3, f32x4.mul(v128.load(q, 48), g3));
          p += col;
          d += pixel;
        }
      }
      v128.store(f0, a0); v128.store(f0, a1, 16); v128.store(f0, a2, 32); v128.store(f0, a3, 48);
      v128.store(f1, b0); v128.store(f1, b1, 16); v128.store(f1, b2, 32); v128.store(f1, b3, 48);
    }
    if (j < kw) {
      const f0 = dfilter + <usize>(i * kw + j) * pixel + off;
      let a0 = v128.load(f0), a1 = v128.load(f0, 16), a2 = v128.load(f0, 32), a3 = v128.load(f0, 48);
      let d = dy + off;
      for (let oh = 0; oh < ho; oh++) {
        let p = src + <usize>(oh * sh + i) * rowBytes + <usize>j * pixel + off;
        for (let ow = 0; ow < wo; ow++) {
          a0 = f32x4.add(a0, f32x4.mul(v128.load(p), v128.load(d)));
          a1 = f32x4.add(a1, f32x4.mul(v128.load(p, 16), v128.load(d, 16)));
          a2 = f32x4.add(a2, f32x4.mul(v128.load(p, 32), v128.load(d, 32)));
          a3 = f32x4.add(a3, f32x4.mul(v128.load(p, 48), v128.load(d, 48)));
          p += col;
          d += pixel;
        }
      }
      v128.store(f0, a0); v128.store(f0, a1, 16); v128.store(f0, a2, 32); v128.store(f0, a3, 48);
    }
  }
}

/** The same for a block of 4 channels (one vector), taps in pairs. */
function filterGradBlock4(src: usize, dy: usize, dfilter: usize, ci: i32, c: i32, kh: i32, kw: i32, sh: i32, sw: i32, ho: i32, wo: i32, wp: i32): void {
  const pixel = <usize>c << 2;
  const rowBytes = <usize>wp * pixel;
  const col = <usize>sw * pixel;
  const off = <usize>ci << 2;
  for (let i = 0; i < kh; i++) {
    let j = 0;
    for (; j + 2 <= kw; j += 2) {
      const f0 = dfilter + <usize>(i * kw + j) * pixel + off;
      const f1 = f0 + pixel;
      let a0 = v128.load(f0);
      let b0 = v128.load(f1);
      let d = dy + off;
      for (let oh = 0; oh < ho; oh++) {
        let p = src + <usize>(oh * sh + i) * rowBytes + <usize>j * pixel + off;
        for (let ow = 0; ow < wo; ow++) {
          const g0 = v128.load(d);
          a0 = f32x4.add(a0, f32x4.mul(v128.load(p), g0));
          b0 = f32x4.add(b0, f32x4.mul(v128.load(p + pixel), g0));
          p += col;
          d += pixel;
        }
      }
      v128.store(f0, a0);
      v128.store(f1, b0);
    }
    if (j < kw) {
      const f0 = dfilter + <usize>(i * kw + j) * pixel + off;
      let a0 = v128.load(f0);
      let d = dy + off;
      for (let oh = 0; oh < ho; oh++) {
        let p = src + <usize>(oh * sh + i) * rowBytes + <usize>j * pixel + off;
        for (let ow = 0; ow < wo; ow++) {
          a0 = f32x4.add(a0, f32x4.mul(v128.load(p), v128.load(d)));
          p += col;
          d += pixel;
        }
      }
      v128.store(f0, a0);
    }
  }
}

/** The same for one channel (the remainder after the SIMD blocks). */
function filterGradChannel(src: usize, dy: usize, dfilter: usize, ci: i32, c: i32, kh: i32, kw: i32, sh: i32, sw: i32, ho: i32, wo: i32, wp: i32): void {
  const pixel = <usize>c << 2;
  const rowBytes = <usize>wp * pixel;
  const col = <usize>sw * pixel;
  const off = <usize>ci << 2;
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const f0 = dfilter + <usize>(i * kw + j) * pixel + off;
      let a0 = load<f32>(f0);
      let d = dy + off;
      for (let oh = 0; oh < ho; oh++) {
        let p = src + <usize>(oh * sh + i) * rowBytes + <usize>j * pixel + off;
        for (let ow = 0; ow < wo; ow++) {
          a0 += load<f32>(p) * load<f32>(d);
          p += col;
          d += pixel;
        }
      }
      store<f32>(f0, a0);
    }
  }
}

/** dfilter [kh, kw, c] = sum over images and pixels of padded x times dy. */
export function depthwiseBackpropFilter(x: usize, dy: usize, dfilter: usize, scratch: usize, n: i32, h: i32, w: i32, c: i32, kh: i32, kw: i32, sh: i32, sw: i32, pt: i32, pl: i32, ho: i32, wo: i32): void {
  const hp = (ho - 1) * sh + kh;
  const wp = (wo - 1) * sw + kw;
  const pixel = <usize>c << 2;
  const inImage = <usize>h * <usize>w * pixel;
  const outImage = <usize>ho * <usize>wo * pixel;
  memory.fill(dfilter, 0, <usize>(kh * kw) * pixel);
  for (let b = 0; b < n; b++) {
    padImage(x + <usize>b * inImage, scratch, h, w, c, hp, wp, pt, pl);
    const g = dy + <usize>b * outImage;
    let ci = 0;
    for (; ci + 16 <= c; ci += 16) filterGradBlock16(scratch, g, dfilter, ci, c, kh, kw, sh, sw, ho, wo, wp);
    for (; ci + 4 <= c; ci += 4) filterGradBlock4(scratch, g, dfilter, ci, c, kh, kw, sh, sw, ho, wo, wp);
    for (; ci < c; ci++) filterGradChannel(scratch, g, dfilter, ci, c, kh, kw, sh, sw, ho, wo, wp);
  }
}
