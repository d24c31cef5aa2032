// Helpers shared by the depthwise kernels: copying one NHWC image into a zero-bordered scratch
// buffer (so the hot loops never test bounds) and rotating a filter.

/**
 * Copies image [h, w, c] into a zero-padded buffer [hp, wp, c]: buffer row r holds input row
 * r - pt, buffer column q holds input column q - pl (pt / pl may be negative: input cropped).
 */
export function padImage(src: usize, dst: usize, h: i32, w: i32, c: i32, hp: i32, wp: i32, pt: i32, pl: i32): void {
  const pixel = <usize>c << 2;
  const rowBytes = <usize>wp * pixel;
  const q0 = max<i32>(0, pl);
  const q1 = min<i32>(wp, w + pl);
  for (let r = 0; r < hp; r++) {
    const ih = r - pt;
    const d = dst + <usize>r * rowBytes;
    if (ih < 0 || ih >= h || q1 <= q0) {
      memory.fill(d, 0, rowBytes);
      continue;
    }
    if (q0 > 0) memory.fill(d, 0, <usize>q0 * pixel);
    memory.copy(d + <usize>q0 * pixel, src + (<usize>ih * <usize>w + <usize>(q0 - pl)) * pixel, <usize>(q1 - q0) * pixel);
    if (q1 < wp) memory.fill(d + <usize>q1 * pixel, 0, <usize>(wp - q1) * pixel);
  }
}

/** Filter [kh, kw, c] rotated by 180 degrees (for the input gradient as a correlation). */
export function flipFilter(src: usize, dst: usize, kh: i32, kw: i32, c: i32): void {
  const pixel = <usize>c << 2;
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      memory.copy(dst + (<usize>(kh - 1 - i) * <usize>kw + <usize>(kw - 1 - j)) * pixel, src + (<usize>i * <usize>kw + <usize>j) * pixel, pixel);
    }
  }
}
