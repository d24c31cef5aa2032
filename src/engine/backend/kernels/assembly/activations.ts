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
