// Data movement the composite gradients need, done in one pass instead of a chain of slow
// tfjs ops (4-D slices and strided slices are slow on the wasm backend).

/** out [rows, c*m]: every channel of x [rows, c] repeated m times (c*m + k <- c). */
export function repeatChannels(x: usize, out: usize, rows: i32, c: i32, m: i32): void {
  let o = out;
  let p = x;
  for (let r = 0; r < rows; r++) {
    for (let ci = 0; ci < c; ci++) {
      const v = load<f32>(p);
      for (let k = 0; k < m; k++) {
        store<f32>(o, v);
        o += 4;
      }
      p += 4;
    }
  }
}

/** out [rows, c]: the sum of each group of m consecutive channels of x [rows, c*m]. */
export function sumChannelGroups(x: usize, out: usize, rows: i32, c: i32, m: i32): void {
  let o = out;
  let p = x;
  for (let r = 0; r < rows; r++) {
    for (let ci = 0; ci < c; ci++) {
      let s: f32 = 0;
      for (let k = 0; k < m; k++) {
        s += load<f32>(p);
        p += 4;
      }
      store<f32>(o, s);
      o += 4;
    }
  }
}

/**
 * For filter tap (i, j) of a convolution with strides (sh, sw) and top/left padding (pt, pl):
 * out [c, n*ho*wo] = the input pixel each output pixel reads through that tap, transposed so
 * a plain matmul with dy [n*ho*wo, co] gives that tap's filter gradient. Zero where the tap
 * falls on padding.
 */
export function gatherTapTransposed(x: usize, out: usize, n: i32, h: i32, w: i32, c: i32, i: i32, j: i32, sh: i32, sw: i32, pt: i32, pl: i32, ho: i32, wo: i32): void {
  const positions = <usize>n * <usize>ho * <usize>wo;
  const channelStride = positions << 2;
  const pixel = <usize>c << 2;
  let p: usize = 0;
  for (let b = 0; b < n; b++) {
    for (let oh = 0; oh < ho; oh++) {
      const ih = oh * sh + i - pt;
      for (let ow = 0; ow < wo; ow++) {
        const iw = ow * sw + j - pl;
        let o = out + (p << 2);
        if (ih < 0 || ih >= h || iw < 0 || iw >= w) {
          for (let ci = 0; ci < c; ci++) {
            store<f32>(o, 0);
            o += channelStride;
          }
        } else {
          let s = x + ((<usize>b * <usize>h + <usize>ih) * <usize>w + <usize>iw) * pixel;
          for (let ci = 0; ci < c; ci++) {
            store<f32>(o, load<f32>(s));
            o += channelStride;
            s += 4;
          }
        }
        p++;
      }
    }
  }
}
