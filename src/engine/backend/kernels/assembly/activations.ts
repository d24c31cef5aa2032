// Activation gradients in one pass each (the stock op gradients take three or four).
// Masks follow tfjs's own gradient definitions exactly: relu passes dy where x > 0, relu6 where
// 0 < x <= 6, swish uses s = sigmoid(x) computed in the forward pass.

export function reluGrad(dy: usize, x: usize, dx: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const off = <usize>i << 2;
    v128.store(dx + off, v128.and(v128.load(dy + off), f32x4.gt(v128.load(x + off), zero)));
  }
  for (; i < n; i++) {
    const off = <usize>i << 2;
    store<f32>(dx + off, load<f32>(x + off) > 0 ? load<f32>(dy + off) : 0);
  }
}

export function relu6Grad(dy: usize, x: usize, dx: usize, n: i32): void {
  const zero = f32x4.splat(0);
  const six = f32x4.splat(6);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const off = <usize>i << 2;
    const v = v128.load(x + off);
    const mask = v128.and(f32x4.gt(v, zero), f32x4.le(v, six));
    v128.store(dx + off, v128.and(v128.load(dy + off), mask));
  }
  for (; i < n; i++) {
    const off = <usize>i << 2;
    const v = load<f32>(x + off);
    store<f32>(dx + off, v > 0 && v <= 6 ? load<f32>(dy + off) : 0);
  }
}

/** d/dx of x * s with s = sigmoid(x): dy * s * (1 + x * (1 - s)). */
export function swishGrad(dy: usize, x: usize, s: usize, dx: usize, n: i32): void {
  const one = f32x4.splat(1);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const off = <usize>i << 2;
    const sv = v128.load(s + off);
    const inner = f32x4.add(one, f32x4.mul(v128.load(x + off), f32x4.sub(one, sv)));
    v128.store(dx + off, f32x4.mul(v128.load(dy + off), f32x4.mul(sv, inner)));
  }
  for (; i < n; i++) {
    const off = <usize>i << 2;
    const sv = load<f32>(s + off);
    store<f32>(dx + off, load<f32>(dy + off) * sv * (1 + load<f32>(x + off) * (1 - sv)));
  }
}

// exp(x) for float32x4: x = n ln2 + r with |r| <= ln2 / 2, exp(r) by a degree-6 Taylor
// polynomial (relative error < 2e-7 on that range), 2^n built in the exponent bits. Inputs are
// clamped to [-87, 88] (the float32 range of exp), which is all sigmoid needs.
@inline function expf4(x: v128): v128 {
  // pmin / pmax are single instructions (min / max carry NaN and -0 rules that cost several)
  const v = f32x4.pmin(f32x4.pmax(x, f32x4.splat(-87)), f32x4.splat(88));
  const n = f32x4.nearest(f32x4.mul(v, f32x4.splat(1.4426950408889634)));
  // r = v - n ln2, with ln2 split in two so the subtraction stays exact
  const r = f32x4.sub(f32x4.sub(v, f32x4.mul(n, f32x4.splat(0.693145751953125))), f32x4.mul(n, f32x4.splat(1.428606765330187e-6)));
  let p = f32x4.splat(1.0 / 720.0);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 120.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 24.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 6.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(0.5));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
  // 2^n: n + 127 lands in the low mantissa bits of (n + 127 + 2^23); shifting by 23 moves it
  // into the exponent field (cheaper than a saturating float-to-int conversion)
  const scale = i32x4.shl(f32x4.add(n, f32x4.splat(8388608.0 + 127.0)), 23);
  return f32x4.mul(p, scale);
}

/** y = x * sigmoid(x) and s = sigmoid(x) (kept for the gradient), in one pass. */
export function swishForward(x: usize, y: usize, s: usize, n: i32): void {
  const one = f32x4.splat(1);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const off = <usize>i << 2;
    const v = v128.load(x + off);
    const sv = f32x4.div(one, f32x4.add(one, expf4(f32x4.neg(v))));
    v128.store(s + off, sv);
    v128.store(y + off, f32x4.mul(v, sv));
  }
  for (; i < n; i++) {
    const off = <usize>i << 2;
    const v = load<f32>(x + off);
    // the vector exp on one lane: AssemblyScript's Mathf.exp would bring lookup tables (data)
    const sv = <f32>1 / (<f32>1 + f32x4.extract_lane(expf4(f32x4.splat(-v)), 0));
    store<f32>(s + off, sv);
    store<f32>(y + off, v * sv);
  }
}

/** Gradient of clipByValue(x, lo, hi): dy where lo <= x <= hi (both ends included, as tfjs). */
export function clipGrad(dy: usize, x: usize, dx: usize, n: i32, lo: f32, hi: f32): void {
  const vlo = f32x4.splat(lo);
  const vhi = f32x4.splat(hi);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const off = <usize>i << 2;
    const v = v128.load(x + off);
    const mask = v128.and(f32x4.ge(v, vlo), f32x4.le(v, vhi));
    v128.store(dx + off, v128.and(v128.load(dy + off), mask));
  }
  for (; i < n; i++) {
    const off = <usize>i << 2;
    const v = load<f32>(x + off);
    store<f32>(dx + off, v >= lo && v <= hi ? load<f32>(dy + off) : 0);
  }
}
