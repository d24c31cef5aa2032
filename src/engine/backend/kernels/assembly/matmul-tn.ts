// out [m, n] = a^T b for a [rows, m], b [rows, n] (row-major, float32): the weight gradient of a
// 1x1 convolution or dense layer (X^T dY), where rows = pixels or batch is by far the longest
// axis. Done directly, with no transposed copy and no per-call re-packing of a huge operand.
//
// Register tile: 4 columns of a (broadcast) x 12 columns of b (3 vectors) = 12 accumulators,
// which with 3 b vectors and 1 broadcast fills the 16 SIMD registers of x86-64. Rows run in
// blocks that keep their slices of a and b in cache while every tile of out visits them.

const ROW_BLOCK: i32 = 128;

@inline function tile4x12(a: usize, b: usize, out: usize, r0: i32, r1: i32, i: i32, j: i32, m: i32, n: i32): void {
  const rowA = <usize>m << 2;
  const rowB = <usize>n << 2;
  const o0 = out + ((<usize>i * <usize>n + <usize>j) << 2);
  const o1 = o0 + rowB;
  const o2 = o1 + rowB;
  const o3 = o2 + rowB;
  let c00 = v128.load(o0), c01 = v128.load(o0, 16), c02 = v128.load(o0, 32);
  let c10 = v128.load(o1), c11 = v128.load(o1, 16), c12 = v128.load(o1, 32);
  let c20 = v128.load(o2), c21 = v128.load(o2, 16), c22 = v128.load(o2, 32);
  let c30 = v128.load(o3), c31 = v128.load(o3, 16), c32 = v128.load(o3, 32);
  let pa = a + <usize>r0 * rowA + (<usize>i << 2);
  let pb = b + <usize>r0 * rowB + (<usize>j << 2);
  for (let r = r0; r < r1; r++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const b2 = v128.load(pb, 32);
    let s = v128.load32_splat(pa);
    c00 = f32x4.add(c00, f32x4.mul(s, b0));
    c01 = f32x4.add(c01, f32x4.mul(s, b1));
    c02 = f32x4.add(c02, f32x4.mul(s, b2));
    s = v128.load32_splat(pa, 4);
    c10 = f32x4.add(c10, f32x4.mul(s, b0));
    c11 = f32x4.add(c11, f32x4.mul(s, b1));
    c12 = f32x4.add(c12, f32x4.mul(s, b2));
    s = v128.load32_splat(pa, 8);
    c20 = f32x4.add(c20, f32x4.mul(s, b0));
    c21 = f32x4.add(c21, f32x4.mul(s, b1));
    c22 = f32x4.add(c22, f32x4.mul(s, b2));
    s = v128.load32_splat(pa, 12);
    c30 = f32x4.add(c30, f32x4.mul(s, b0));
    c31 = f32x4.add(c31, f32x4.mul(s, b1));
    c32 = f32x4.add(c32, f32x4.mul(s, b2));
    pa += rowA;
    pb += rowB;
  }
  v128.store(o0, c00); v128.store(o0, c01, 16); v128.store(o0, c02, 32);
  v128.store(o1, c10); v128.store(o1, c11, 16); v128.store(o1, c12, 32);
  v128.store(o2, c20); v128.store(o2, c21, 16); v128.store(o2, c22, 32);
  v128.store(o3, c30); v128.store(o3, c31, 16); v128.store(o3, c32, 32);
}

/** One column of a (broadcast) against 4 columns of b. */
@inline function tile1x4(a: usize, b: usize, out: usize, r0: i32, r1: i32, i: i32, j: i32, m: i32, n: i32): void {
  const rowA = <usize>m << 2;
  const rowB = <usize>n << 2;
  const o = out + ((<usize>i * <usize>n + <usize>j) << 2);
  let c = v128.load(o);
  let pa = a + <usize>r0 * rowA + (<usize>i << 2);
  let pb = b + <usize>r0 * rowB + (<usize>j << 2);
  for (let r = r0; r < r1; r++) {
    c = f32x4.add(c, f32x4.mul(v128.load32_splat(pa), v128.load(pb)));
    pa += rowA;
    pb += rowB;
  }
  v128.store(o, c);
}

@inline function tile1x1(a: usize, b: usize, out: usize, r0: i32, r1: i32, i: i32, j: i32, m: i32, n: i32): void {
  const rowA = <usize>m << 2;
  const rowB = <usize>n << 2;
  const o = out + ((<usize>i * <usize>n + <usize>j) << 2);
  let c = load<f32>(o);
  let pa = a + <usize>r0 * rowA + (<usize>i << 2);
  let pb = b + <usize>r0 * rowB + (<usize>j << 2);
  for (let r = r0; r < r1; r++) {
    c += load<f32>(pa) * load<f32>(pb);
    pa += rowA;
    pb += rowB;
  }
  store<f32>(o, c);
}

export function matmulTN(a: usize, b: usize, out: usize, rows: i32, m: i32, n: i32): void {
  memory.fill(out, 0, (<usize>m * <usize>n) << 2);
  for (let r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
    const r1 = min<i32>(rows, r0 + ROW_BLOCK);
    let j = 0;
    for (; j + 12 <= n; j += 12) {
      let i = 0;
      for (; i + 4 <= m; i += 4) tile4x12(a, b, out, r0, r1, i, j, m, n);
      for (; i < m; i++) {
        tile1x4(a, b, out, r0, r1, i, j, m, n);
        tile1x4(a, b, out, r0, r1, i, j + 4, m, n);
        tile1x4(a, b, out, r0, r1, i, j + 8, m, n);
      }
    }
    for (; j + 4 <= n; j += 4) {
      for (let i = 0; i < m; i++) tile1x4(a, b, out, r0, r1, i, j, m, n);
    }
    for (; j < n; j++) {
      for (let i = 0; i < m; i++) tile1x1(a, b, out, r0, r1, i, j, m, n);
    }
  }
}
