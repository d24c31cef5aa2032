// Batch normalisation over the rows of a [rows, c] float32 matrix (an NHWC tensor seen as
// N*H*W rows): statistics, the normalisation itself and its full gradient. Partial sums run in
// float32 SIMD over chunks of rows and are gathered in float64, so long reductions keep their
// precision. `work` is caller-provided scratch of at least workBytes(c) bytes.

// Rows per float32 partial sum (then gathered in float64), and rows per tile: a tile of x (and
// dy) stays in L1 while every channel block of it is summed.
const CHUNK: i32 = 256;
const TILE: i32 = 16;

export function workBytes(c: i32): usize {
  // two float64 accumulators and two float32 partial sums per channel, plus 4 float32 constants
  return (<usize>c << 4) + (<usize>c << 3) + (<usize>c << 4);
}

/**
 * Adds the f32 sums of dy and of dy * (x - mean) over rows [r0, r1) to partG / partGX. Row by
 * row with the partial sums in memory (L1): with two input streams, walking channel blocks down
 * the rows ran ~3x slower here than this plain streaming order.
 */
function sumGradTerms(dy: usize, x: usize, mean: usize, partG: usize, partGX: usize, r0: i32, r1: i32, c: i32): void {
  const rowBytes = <usize>c << 2;
  for (let r = r0; r < r1; r++) {
    const base = <usize>r * rowBytes;
    const d = dy + base;
    const p = x + base;
    let ci = 0;
    for (; ci + 4 <= c; ci += 4) {
      const off = <usize>ci << 2;
      const y = v128.load(d + off);
      v128.store(partG + off, f32x4.add(v128.load(partG + off), y));
      v128.store(partGX + off, f32x4.add(v128.load(partGX + off), f32x4.mul(y, f32x4.sub(v128.load(p + off), v128.load(mean + off)))));
    }
    for (; ci < c; ci++) {
      const off = <usize>ci << 2;
      const y = load<f32>(d + off);
      store<f32>(partG + off, load<f32>(partG + off) + y);
      store<f32>(partGX + off, load<f32>(partGX + off) + y * (load<f32>(p + off) - load<f32>(mean + off)));
    }
  }
}

@inline function addPartial(acc: usize, part: usize, c: i32): void {
  for (let ci = 0; ci < c; ci++) {
    const a = acc + (<usize>ci << 3);
    store<f64>(a, load<f64>(a) + <f64>load<f32>(part + (<usize>ci << 2)));
  }
}

/** Adds the f32 sums of d = x - shift and of d^2 over rows [r0, r1) to part1 / part2. */
function sumShiftedMoments(x: usize, shift: usize, part1: usize, part2: usize, r0: i32, r1: i32, c: i32): void {
  const rowBytes = <usize>c << 2;
  let ci = 0;
  for (; ci + 8 <= c; ci += 8) {
    const off = <usize>ci << 2;
    const k0 = v128.load(shift + off);
    const k1 = v128.load(shift + off, 16);
    let s0 = v128.load(part1 + off);
    let s1 = v128.load(part1 + off, 16);
    let q0 = v128.load(part2 + off);
    let q1 = v128.load(part2 + off, 16);
    let p = x + <usize>r0 * rowBytes + off;
    for (let r = r0; r < r1; r++) {
      const d0 = f32x4.sub(v128.load(p), k0);
      const d1 = f32x4.sub(v128.load(p, 16), k1);
      s0 = f32x4.add(s0, d0);
      s1 = f32x4.add(s1, d1);
      q0 = f32x4.add(q0, f32x4.mul(d0, d0));
      q1 = f32x4.add(q1, f32x4.mul(d1, d1));
      p += rowBytes;
    }
    v128.store(part1 + off, s0);
    v128.store(part1 + off, s1, 16);
    v128.store(part2 + off, q0);
    v128.store(part2 + off, q1, 16);
  }
  for (; ci < c; ci++) {
    const off = <usize>ci << 2;
    const k0 = load<f32>(shift + off);
    let s0 = load<f32>(part1 + off);
    let q0 = load<f32>(part2 + off);
    let p = x + <usize>r0 * rowBytes + off;
    for (let r = r0; r < r1; r++) {
      const d0 = load<f32>(p) - k0;
      s0 += d0;
      q0 += d0 * d0;
      p += rowBytes;
    }
    store<f32>(part1 + off, s0);
    store<f32>(part2 + off, q0);
  }
}

/**
 * mean [c] and (biased) variance [c] of x [rows, c] in one pass: sums of x - shift and of its
 * square, with the first row as shift so the variance does not cancel away in float32
 * (var = E[d^2] - E[d]^2, both moments of data already centred near the mean).
 */
export function batchNormStats(x: usize, rows: i32, c: i32, mean: usize, variance: usize, work: usize): void {
  const acc1 = work;
  const acc2 = work + (<usize>c << 3);
  const part1 = work + (<usize>c << 4);
  const part2 = part1 + (<usize>c << 2);
  const shift = part2 + (<usize>c << 2);
  memory.copy(shift, x, <usize>c << 2);
  memory.fill(acc1, 0, <usize>c << 4);
  for (let r0 = 0; r0 < rows; r0 += CHUNK) {
    const r1 = min<i32>(rows, r0 + CHUNK);
    memory.fill(part1, 0, <usize>c << 3); // part1 and part2
    for (let t = r0; t < r1; t += TILE) sumShiftedMoments(x, shift, part1, part2, t, min<i32>(r1, t + TILE), c);
    addPartial(acc1, part1, c);
    addPartial(acc2, part2, c);
  }
  const inv = 1.0 / <f64>rows;
  for (let ci = 0; ci < c; ci++) {
    const m = load<f64>(acc1 + (<usize>ci << 3)) * inv;
    const v = load<f64>(acc2 + (<usize>ci << 3)) * inv - m * m;
    store<f32>(mean + (<usize>ci << 2), <f32>(<f64>load<f32>(shift + (<usize>ci << 2)) + m));
    store<f32>(variance + (<usize>ci << 2), <f32>max<f64>(0, v));
  }
}

/** y = x * a + b per channel (a, b [c]): the normalisation once its constants are known. */
export function scaleShift(x: usize, a: usize, b: usize, y: usize, rows: i32, c: i32): void {
  const rowBytes = <usize>c << 2;
  for (let r = 0; r < rows; r++) {
    const base = <usize>r * rowBytes;
    let ci = 0;
    for (; ci + 4 <= c; ci += 4) {
      const off = <usize>ci << 2;
      v128.store(y + base + off, f32x4.add(f32x4.mul(v128.load(x + base + off), v128.load(a + off)), v128.load(b + off)));
    }
    for (; ci < c; ci++) {
      const off = <usize>ci << 2;
      store<f32>(y + base + off, load<f32>(x + base + off) * load<f32>(a + off) + load<f32>(b + off));
    }
  }
}

/** y = (x - mean) / sqrt(variance + eps) * gamma + beta. */
export function batchNormApply(x: usize, mean: usize, variance: usize, gamma: usize, beta: usize, eps: f32, y: usize, rows: i32, c: i32, work: usize): void {
  const a = work;
  const b = work + (<usize>c << 2);
  for (let ci = 0; ci < c; ci++) {
    const off = <usize>ci << 2;
    const scale = load<f32>(gamma + off) / Mathf.sqrt(load<f32>(variance + off) + eps);
    store<f32>(a + off, scale);
    store<f32>(b + off, load<f32>(beta + off) - load<f32>(mean + off) * scale);
  }
  scaleShift(x, a, b, y, rows, c);
}

/**
 * Full gradient of training-mode batch norm (statistics from the batch itself):
 *   dbeta = sum dy, dgamma = sum dy * xhat,
 *   dx = gamma * invstd * (dy - dbeta / rows - xhat * dgamma / rows),
 * computed as dx = dy * k1 + (x - mean) * k2 + k3 per channel in one streaming pass.
 */
export function batchNormBackward(dy: usize, x: usize, mean: usize, variance: usize, gamma: usize, eps: f32, dx: usize, dgamma: usize, dbeta: usize, rows: i32, c: i32, work: usize): void {
  const accG = work;
  const accGX = work + (<usize>c << 3);
  const partG = work + (<usize>c << 4);
  const partGX = partG + (<usize>c << 2);
  memory.fill(accG, 0, <usize>c << 4);
  for (let r0 = 0; r0 < rows; r0 += CHUNK) {
    const r1 = min<i32>(rows, r0 + CHUNK);
    memory.fill(partG, 0, <usize>c << 3); // partG and partGX
    sumGradTerms(dy, x, mean, partG, partGX, r0, r1, c);
    addPartial(accG, partG, c);
    addPartial(accGX, partGX, c);
  }
  // constants reuse the partial-sum space
  const k1 = partG;
  const k2 = partGX;
  const k3 = partGX + (<usize>c << 2);
  const invRows = 1.0 / <f64>rows;
  for (let ci = 0; ci < c; ci++) {
    const off = <usize>ci << 2;
    const sumG = load<f64>(accG + (<usize>ci << 3));
    const sumGX = load<f64>(accGX + (<usize>ci << 3));
    const invStd = 1.0 / Math.sqrt(<f64>load<f32>(variance + off) + <f64>eps);
    const g = <f64>load<f32>(gamma + off);
    store<f32>(dbeta + off, <f32>sumG);
    store<f32>(dgamma + off, <f32>(sumGX * invStd));
    const a = g * invStd;
    const b = -a * invStd * invStd * sumGX * invRows;
    store<f32>(k1 + off, <f32>a);
    store<f32>(k2 + off, <f32>b);
    store<f32>(k3 + off, <f32>(-a * sumG * invRows));
  }
  const rowBytes = <usize>c << 2;
  for (let r = 0; r < rows; r++) {
    const base = <usize>r * rowBytes;
    let ci = 0;
    for (; ci + 4 <= c; ci += 4) {
      const off = <usize>ci << 2;
      const centred = f32x4.sub(v128.load(x + base + off), v128.load(mean + off));
      const t = f32x4.add(f32x4.mul(v128.load(dy + base + off), v128.load(k1 + off)), f32x4.mul(centred, v128.load(k2 + off)));
      v128.store(dx + base + off, f32x4.add(t, v128.load(k3 + off)));
    }
    for (; ci < c; ci++) {
      const off = <usize>ci << 2;
      const centred = load<f32>(x + base + off) - load<f32>(mean + off);
      store<f32>(dx + base + off, load<f32>(dy + base + off) * load<f32>(k1 + off) + centred * load<f32>(k2 + off) + load<f32>(k3 + off));
    }
  }
}

/**
 * Gradient of batch norm with mean and variance as separate inputs (tf.batchNorm, as tf.layers
 * uses it; the statistics' own gradients then flow through tf.moments):
 *   dx = dy gamma invstd, dmean = -gamma invstd sum dy,
 *   dvar = -1/2 gamma invstd^3 sum dy (x - mean), dgamma = invstd sum dy (x - mean), dbeta = sum dy.
 */
export function batchNormInferBackward(dy: usize, x: usize, mean: usize, variance: usize, gamma: usize, eps: f32, dx: usize, dmean: usize, dvariance: usize, dgamma: usize, dbeta: usize, rows: i32, c: i32, work: usize): void {
  const accG = work;
  const accGX = work + (<usize>c << 3);
  const partG = work + (<usize>c << 4);
  const partGX = partG + (<usize>c << 2);
  memory.fill(accG, 0, <usize>c << 4);
  for (let r0 = 0; r0 < rows; r0 += CHUNK) {
    const r1 = min<i32>(rows, r0 + CHUNK);
    memory.fill(partG, 0, <usize>c << 3);
    sumGradTerms(dy, x, mean, partG, partGX, r0, r1, c);
    addPartial(accG, partG, c);
    addPartial(accGX, partGX, c);
  }
  const k1 = partG;
  for (let ci = 0; ci < c; ci++) {
    const off = <usize>ci << 2;
    const sumG = load<f64>(accG + (<usize>ci << 3));
    const sumGX = load<f64>(accGX + (<usize>ci << 3));
    const invStd = 1.0 / Math.sqrt(<f64>load<f32>(variance + off) + <f64>eps);
    const g = <f64>load<f32>(gamma + off);
    store<f32>(dbeta + off, <f32>sumG);
    store<f32>(dgamma + off, <f32>(sumGX * invStd));
    store<f32>(dmean + off, <f32>(-g * invStd * sumG));
    store<f32>(dvariance + off, <f32>(-0.5 * g * invStd * invStd * invStd * sumGX));
    store<f32>(k1 + off, <f32>(g * invStd));
  }
  const rowBytes = <usize>c << 2;
  for (let r = 0; r < rows; r++) {
    const base = <usize>r * rowBytes;
    let ci = 0;
    for (; ci + 4 <= c; ci += 4) {
      const off = <usize>ci << 2;
      v128.store(dx + base + off, f32x4.mul(v128.load(dy + base + off), v128.load(k1 + off)));
    }
    for (; ci < c; ci++) {
      const off = <usize>ci << 2;
      store<f32>(dx + base + off, load<f32>(dy + base + off) * load<f32>(k1 + off));
    }
  }
}
