// Depthwise convolution (channel multiplier 1, NHWC, float32) forward and both gradients.
// Every pointer is a byte offset into tfjs's own wasm heap; `scratch` is a caller-allocated
// buffer of at least one padded image. Channels are vectorised 4 at a time (SIMD), the
// remainder runs scalar, so any channel count works.
import { flipFilter, padImage } from './image';

@inline function floorDiv(x: i32, d: i32): i32 {
  const q = x / d;
  return q * d > x ? q - 1 : q;
}

@inline function ceilDiv(x: i32, d: i32): i32 {
  return -floorDiv(-x, d);
}

/** Four output columns (four independent accumulator chains) of one output row, every channel. */
@inline function correlateTile4(s: usize, filter: usize, d: usize, dcol: usize, c: i32, kh: i32, kw: i32, pixel: usize, rowBytes: usize, col1: usize, col2: usize, col3: usize): void {
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
    v128.store(d + dcol + off, a1);
    v128.store(d + (dcol << 1) + off, a2);
    v128.store(d + dcol * 3 + off, a3);
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
    store<f32>(d + dcol + off, a1);
    store<f32>(d + (dcol << 1) + off, a2);
    store<f32>(d + dcol * 3 + off, a3);
  }
}

/** One output column of one output row, every channel. */
@inline function correlateTile1(s: usize, filter: usize, d: usize, c: i32, kh: i32, kw: i32, pixel: usize, rowBytes: usize): void {
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

/**
 * Correlates one zero-padded image src [*, wp, c] with filter [kh, kw, c] at stride (sh, sw),
 * writing ho x wo output pixels at dst, `dstRow` bytes between output rows and `dstCol` between
 * output columns (a plain [ho, wo, c] image, or every other pixel of a larger one).
 */
function correlateImage(src: usize, filter: usize, dst: usize, c: i32, kh: i32, kw: i32, sh: i32, sw: i32, ho: i32, wo: i32, wp: i32, dstRow: usize, dstCol: usize): void {
  const pixel = <usize>c << 2;
  const rowBytes = <usize>wp * pixel;
  const col1 = <usize>sw * pixel;
  const col2 = col1 << 1;
  const col3 = col1 * 3;
  for (let oh = 0; oh < ho; oh++) {
    const srcRow = src + <usize>(oh * sh) * rowBytes;
    const outRow = dst + <usize>oh * dstRow;
    let ow = 0;
    for (; ow + 4 <= wo; ow += 4) correlateTile4(srcRow + <usize>ow * col1, filter, outRow + <usize>ow * dstCol, dstCol, c, kh, kw, pixel, rowBytes, col1, col2, col3);
    if (ow < wo && wo >= 4) {
      // The last columns as one more 4-wide tile ending at the row's end: it rewrites a few
      // columns with the same values, but avoids single-column tiles (one latency-bound chain).
      ow = wo - 4;
      correlateTile4(srcRow + <usize>ow * col1, filter, outRow + <usize>ow * dstCol, dstCol, c, kh, kw, pixel, rowBytes, col1, col2, col3);
    } else {
      for (; ow < wo; ow++) correlateTile1(srcRow + <usize>ow * col1, filter, outRow + <usize>ow * dstCol, c, kh, kw, pixel, rowBytes);
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
    correlateImage(scratch, filter, y + <usize>b * outImage, c, kh, kw, sh, sw, ho, wo, wp, <usize>wo * pixel, pixel);
  }
}

/** Scratch for the stride-1 input gradient: a padded dy image plus the rotated filter. */
export function backpropInputScratchBytes(h: i32, w: i32, c: i32, kh: i32, kw: i32, sh: i32, sw: i32, ho: i32, wo: i32): usize {
  const pixel = <usize>c << 2;
  if (sh == 1 && sw == 1) return <usize>(h - 1 + kh) * <usize>(w - 1 + kw) * pixel + <usize>(kh * kw) * pixel;
  // one phase at a time: a padded dy image for it plus its sub-filter
  const uh = (kh + sh - 1) / sh;
  const uw = (kw + sw - 1) / sw;
  return <usize>((h + sh - 1) / sh + uh) * <usize>((w + sw - 1) / sw + uw) * pixel + <usize>(uh * uw) * pixel;
}

/**
 * dx [n, h, w, c] from dy [n, ho, wo, c]: correlations of the padded dy with the rotated filter
 * (one per stride phase when strided).
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
      correlateImage(scratch, rotated, dx + <usize>b * inImage, c, kh, kw, 1, 1, h, w, wp, <usize>w * pixel, pixel);
    }
    return;
  }
  // Strided: split dx by phase (ih + pt) mod sh, (iw + pl) mod sw. The pixels of one phase
  // receive exactly the taps of that phase, so each phase is a stride-1 correlation of dy with a
  // rotated sub-filter, written to every sh-th row and sw-th column of dx.
  for (let b = 0; b < n; b++) memory.fill(dx + <usize>b * inImage, 0, inImage);
  for (let a = 0; a < sh; a++) {
    const uh = a < kh ? (kh - a + sh - 1) / sh : 0;
    const m0 = ceilDiv(pt - a, sh);
    const m1 = floorDiv(h - 1 + pt - a, sh) + 1;
    for (let e = 0; e < sw; e++) {
      const uw = e < kw ? (kw - e + sw - 1) / sw : 0;
      const n0 = ceilDiv(pl - e, sw);
      const n1 = floorDiv(w - 1 + pl - e, sw) + 1;
      if (uh == 0 || uw == 0 || m1 <= m0 || n1 <= n0) continue; // no taps: stays 0
      const hp = m1 - m0 + uh - 1;
      const wp = n1 - n0 + uw - 1;
      const sub = scratch + <usize>hp * <usize>wp * pixel;
      // sub [vh, vw] = filter [a + sh (uh-1-vh), e + sw (uw-1-vw)]
      for (let vh = 0; vh < uh; vh++) {
        for (let vw = 0; vw < uw; vw++) {
          memory.copy(sub + <usize>(vh * uw + vw) * pixel, filter + <usize>((a + sh * (uh - 1 - vh)) * kw + e + sw * (uw - 1 - vw)) * pixel, pixel);
        }
      }
      const first = dx + (<usize>(a + sh * m0 - pt) * <usize>w + <usize>(e + sw * n0 - pl)) * pixel;
      for (let b = 0; b < n; b++) {
        padImage(dy + <usize>b * outImage, scratch, ho, wo, c, hp, wp, uh - 1 - m0, uw - 1 - n0);
        correlateImage(scratch, sub, first + <usize>b * inImage, c, uh, uw, 1, 1, m1 - m0, n1 - n0, wp, <usize>(sh * w) * pixel, <usize>sw * pixel);
      }
    }
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
