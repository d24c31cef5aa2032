/**
 * Start-up check of a freshly chosen backend: every kernel the training loops need is
 * registered on it, and a tiny network's gradients (1x1 and 3x3 convs, depthwise conv at stride
 * 1 and 2, batch norm, relu6 / swish, MSE) match the pure-JS `cpu` reference. A backend that
 * fails is not used (auto mode moves on to the next one).
 */
import * as tf from '@tensorflow/tfjs';
import { FUSED_TRAINING_KERNELS } from './fused-kernel-names';
import { activate, batchNormTrain, mseLoss } from '../supernet/train-ops';

/**
 * Kernels a training step uses: the supernet loop (train-ops + AdamW) and tf.layers fit() with
 * conv2d / depthwiseConv2d / batchNormalization / dense / softmax / Adam, as recorded by
 * tf.profile on `cpu` (test/unit/backend/self-check.test.ts keeps this list complete).
 */
export const TRAINING_KERNELS: readonly string[] = [
  'Add', 'ArgMax', 'AvgPool', 'AvgPoolGrad', 'BatchMatMul', 'Cast', 'ClipByValue', 'Conv2D', 'Conv2DBackpropFilter',
  'Conv2DBackpropInput', 'DepthwiseConv2dNative', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput',
  'Equal', 'Floor', 'FusedBatchNorm', 'FusedConv2D', 'GatherV2', 'Greater', 'GreaterEqual', 'Identity', 'LessEqual', 'Log',
  'LogicalAnd', 'Mean', 'Minimum', 'Multiply', 'Neg', 'RealDiv', 'Relu', 'Relu6', 'Reshape', 'Rsqrt', 'Select', 'Sigmoid',
  'Slice', 'Softmax', 'Sqrt', 'Square', 'SquaredDifference', 'Step', 'Sub', 'Sum', 'Tile', 'ZerosLike', '_FusedMatMul',
];

export type SelfCheckResult = { ok: true; maxRelativeError: number } | { ok: false; why: string };

/** Kernels from TRAINING_KERNELS (plus the fused ones on wasm) that `backendName` lacks. */
export function missingTrainingKernels(backendName: string): string[] {
  const needed = backendName === 'wasm' ? [...TRAINING_KERNELS, ...FUSED_TRAINING_KERNELS] : TRAINING_KERNELS;
  return needed.filter((k) => tf.getKernel(k, backendName) === undefined);
}

/** Deterministic pseudo-random values (the check must not depend on any backend's RNG). */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = (s / 2147483648) * 2 - 1;
  }
  return out;
}

const SHAPES = {
  x: [2, 9, 9, 3],
  // 22 channels: the kernels' 16-wide, 4-wide and scalar channel loops all run
  expand: [1, 1, 3, 22],
  dw1: [3, 3, 22, 1],
  dw2: [5, 5, 22, 1],
  conv: [3, 3, 22, 5],
  gamma: [22],
  beta: [22],
} as const;

/** Loss and all gradients of the check network, read back as plain arrays. */
function checkNetwork(): Float32Array[] {
  return tf.tidy(() => {
    const make = (shape: readonly number[], seed: number) => tf.tensor(values(shape.reduce((a, b) => a * b, 1), seed), shape as number[]);
    const t = Object.fromEntries(Object.entries(SHAPES).map(([name, shape], i) => [name, make(shape, 7 + i)])) as Record<keyof typeof SHAPES, tf.Tensor>;
    const target = make([2, 2, 2, 5], 99);
    const f = (x: tf.Tensor, expand: tf.Tensor, dw1: tf.Tensor, dw2: tf.Tensor, conv: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => {
      let h = tf.conv2d(x as tf.Tensor4D, expand as tf.Tensor4D, 1, 'same');
      h = activate(batchNormTrain(h, gamma as tf.Tensor1D, beta as tf.Tensor1D).y, 'relu6');
      h = activate(tf.depthwiseConv2d(h, dw1 as tf.Tensor4D, 1, 'same'), 'swish');
      h = tf.depthwiseConv2d(h, dw2 as tf.Tensor4D, 2, 'same');
      h = tf.conv2d(h, conv as tf.Tensor4D, 2, 'valid');
      return mseLoss(h, target);
    };
    const inputs = [t.x, t.expand, t.dw1, t.dw2, t.conv, t.gamma, t.beta];
    const { value, grads } = tf.valueAndGrads(f)(inputs);
    return [value, ...grads].map((g) => g.dataSync() as Float32Array);
  });
}

function maxRelativeError(a: Float32Array[], b: Float32Array[]): number {
  let worst = 0;
  a.forEach((arr, i) => {
    let scale = 1e-6;
    for (const v of b[i]) scale = Math.max(scale, Math.abs(v));
    for (let j = 0; j < arr.length; j++) {
      const e = Math.abs(arr[j] - b[i][j]) / scale;
      worst = Number.isNaN(e) ? Infinity : Math.max(worst, e);
    }
  });
  return worst;
}

/** Max error (relative to each gradient's largest value) tolerated: float32 noise is ~1e-6. */
export const SELF_CHECK_TOLERANCE = 1e-3;

/** Runs the check on the active backend against `cpu`, restoring the active backend afterwards. */
export async function selfCheckActiveBackend(): Promise<SelfCheckResult> {
  const name = tf.getBackend();
  const missing = missingTrainingKernels(name);
  if (missing.length) return { ok: false, why: `backend '${name}' lacks kernel(s) ${missing.join(', ')}` };
  let got: Float32Array[];
  try {
    got = checkNetwork();
  } catch (err) {
    return { ok: false, why: `a training step failed on '${name}': ${err instanceof Error ? err.message : String(err)}` };
  }
  if (name === 'cpu') return { ok: true, maxRelativeError: 0 };
  quietCpuBanner();
  await tf.setBackend('cpu');
  let reference: Float32Array[];
  try {
    reference = checkNetwork();
  } finally {
    await tf.setBackend(name);
  }
  const err = maxRelativeError(got, reference);
  if (!(err <= SELF_CHECK_TOLERANCE)) return { ok: false, why: `gradients on '${name}' differ from the cpu reference (max relative error ${err.toExponential(2)} > ${SELF_CHECK_TOLERANCE})` };
  return { ok: true, maxRelativeError: err };
}

/**
 * The cpu backend prints "looks like you are running TensorFlow.js in Node.js ... install our
 * node backend" on first use. Here it is only the reference for the check, and backend choice
 * is reported by initBackend itself, so that advice would only mislead.
 */
export function quietCpuBanner(): void {
  const cpu = tf.findBackend('cpu') as { firstUse?: boolean } | null;
  if (cpu && 'firstUse' in cpu) cpu.firstUse = false;
}
