// Reductions and pooling gradients the wasm backend does slowly: a sum over middle or leading
// axes (it transposes the whole tensor first) and the gradient of non-overlapping average
// pooling (squeeze-excite's global pool: its generic loop took ~100 ms on a [64,14,14,144] map).

const CHUNK: i32 = 256;

/**
 * out [outer, inner] = sum over m of x [outer, mid, inner]. Row-streaming float32 partial sums
 * per chunk of `mid`, gathered in float64. work: inner * 12 bytes.
 */
export function sumMiddle(x: usize, out: usize, outer: i32, mid: i32, inner: i32, work: usize): void {
  const acc = work;
  const part = work + (<usize>inner << 3);
  const rowBytes = <usize>inner << 2;
  for (let o = 0; o < outer; o++) {
    memory.fill(acc, 0, <usize>inner << 3);
    const base = x + <usize>o * <usize>mid * rowBytes;
    for (let m0 = 0; m0 < mid; m0 += CHUNK) {
      const m1 = min<i32>(mid, m0 + CHUNK);
      memory.fill(part, 0, rowBytes);
      for (let m = m0; m < m1; m++) {
        const row = base + <usize>m * rowBytes;
        let i = 0;
        for (; i + 4 <= inner; i += 4) {
          const off = <usize>i << 2;
          v128.store(part + off, f32x4.add(v128.load(part + off), v128.load(row + off)));
        }
        for (; i < inner; i++) {
          const off = <usize>i << 2;
          store<f32>(part + off, load<f32>(part + off) + load<f32>(row + off));
        }
      }
      for (let i = 0; i < inner; i++) {
        const a = acc + (<usize>i << 3);
        store<f64>(a, load<f64>(a) + <f64>load<f32>(part + (<usize>i << 2)));
      }
    }
    const dst = out + <usize>o * rowBytes;
    for (let i = 0; i < inner; i++) store<f32>(dst + (<usize>i << 2), <f32>load<f64>(acc + (<usize>i << 3)));
  }
}

/**
 * Gradient of average pooling whose windows tile the input without overlap or padding
 * (stride = window): every input pixel of window (oi, oj) gets dy[oi, oj] / (fh * fw); pixels
 * no window covers (a 'valid' remainder) get 0.
 */
export function avgPoolGradTiled(dy: usize, dx: usize, n: i32, h: i32, w: i32, c: i32, fh: i32, fw: i32, ho: i32, wo: i32): void {
  const pixel = <usize>c << 2;
  const scale = f32x4.splat(<f32>1 / <f32>(fh * fw));
  const sScalar = <f32>1 / <f32>(fh * fw);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < h; i++) {
      const oi = i / fh;
      for (let j = 0; j < w; j++) {
        const oj = j / fw;
        const d = dx + ((<usize>b * <usize>h + <usize>i) * <usize>w + <usize>j) * pixel;
        if (oi >= ho || oj >= wo) {
          memory.fill(d, 0, pixel);
          continue;
        }
        const g = dy + ((<usize>b * <usize>ho + <usize>oi) * <usize>wo + <usize>oj) * pixel;
        let ci = 0;
        for (; ci + 4 <= c; ci += 4) {
          const off = <usize>ci << 2;
          v128.store(d + off, f32x4.mul(v128.load(g + off), scale));
        }
        for (; ci < c; ci++) {
          const off = <usize>ci << 2;
          store<f32>(d + off, load<f32>(g + off) * sScalar);
        }
      }
    }
  }
}
