/**
 * The built-in demo teacher: a small MobileNetV2 for 28x28 grey images (Fashion-MNIST).
 * Stem 3x3/2 conv, five stages of inverted-residual units, 1x1 head conv, pooling, classifier.
 * Layer names follow `stageN_unitM_*`, which is what the auto-cut and the block names use.
 */
import * as tf from '@tensorflow/tfjs';

export interface StageSpec {
  /** Output channels of the stage. */
  channels: number;
  units: number;
  /** Stride of the first unit. */
  stride: number;
  expansion: number;
}

export const BUILTIN_TEACHER_STAGES: StageSpec[] = [
  { channels: 24, units: 2, stride: 1, expansion: 4 },
  { channels: 32, units: 2, stride: 2, expansion: 4 },
  { channels: 48, units: 3, stride: 1, expansion: 4 },
  { channels: 64, units: 2, stride: 2, expansion: 4 },
  { channels: 96, units: 2, stride: 1, expansion: 4 },
];

export interface MobileNetV2Spec {
  inputShape: [number, number, number];
  stemChannels: number;
  stages: StageSpec[];
  headChannels: number;
  classes: number;
  dropout: number;
}

export const BUILTIN_TEACHER: MobileNetV2Spec = {
  inputShape: [28, 28, 1],
  stemChannels: 16,
  stages: BUILTIN_TEACHER_STAGES,
  headChannels: 256,
  classes: 10,
  dropout: 0.2,
};

/** Name of the committed built-in teacher, as written in configs (`teacher.model`). */
export const BUILTIN_TEACHER_ID = 'builtin:fashion-mnist-mobilenetv2';
/** Where the committed teacher lives, relative to the package root. */
export const BUILTIN_TEACHER_DIR = 'models/fashion-mnist-mobilenetv2';

/** Seeded He-normal initializers, one seed per layer, so the committed teacher can be regenerated. */
let nextSeed = 0;
const heNormal = () => tf.initializers.heNormal({ seed: nextSeed++ });

function convBnAct(x: tf.SymbolicTensor, name: string, filters: number, kernel: number, stride: number, act: boolean): tf.SymbolicTensor {
  let y = tf.layers.conv2d({ name, filters, kernelSize: kernel, strides: stride, padding: 'same', useBias: false, kernelInitializer: heNormal() }).apply(x) as tf.SymbolicTensor;
  y = tf.layers.batchNormalization({ name: `${name}_bn` }).apply(y) as tf.SymbolicTensor;
  if (act) y = tf.layers.reLU({ name: `${name}_relu6`, maxValue: 6 }).apply(y) as tf.SymbolicTensor;
  return y;
}

function invertedResidual(x: tf.SymbolicTensor, name: string, inC: number, outC: number, stride: number, expansion: number): tf.SymbolicTensor {
  let y = convBnAct(x, `${name}_expand`, inC * expansion, 1, 1, true);
  y = tf.layers.depthwiseConv2d({ name: `${name}_dw`, kernelSize: 3, strides: stride, padding: 'same', useBias: false, depthwiseInitializer: heNormal() }).apply(y) as tf.SymbolicTensor;
  y = tf.layers.batchNormalization({ name: `${name}_dw_bn` }).apply(y) as tf.SymbolicTensor;
  y = tf.layers.reLU({ name: `${name}_dw_relu6`, maxValue: 6 }).apply(y) as tf.SymbolicTensor;
  y = convBnAct(y, `${name}_project`, outC, 1, 1, false);
  if (stride === 1 && inC === outC) y = tf.layers.add({ name: `${name}_add` }).apply([x, y]) as tf.SymbolicTensor;
  return y;
}

/** A MobileNetV2 of the given shape; the built-in teacher by default (tests build tiny ones). */
export function buildMobileNetV2(spec: MobileNetV2Spec = BUILTIN_TEACHER, seed = 1): tf.LayersModel {
  nextSeed = seed * 1000;
  const input = tf.input({ shape: spec.inputShape, name: 'image' });
  let x = convBnAct(input, 'stem_conv', spec.stemChannels, 3, 2, true);
  let channels = spec.stemChannels;
  spec.stages.forEach((stage, s) => {
    for (let u = 0; u < stage.units; u++) {
      x = invertedResidual(x, `stage${s + 1}_unit${u + 1}`, channels, stage.channels, u === 0 ? stage.stride : 1, stage.expansion);
      channels = stage.channels;
    }
  });
  x = convBnAct(x, 'head_conv', spec.headChannels, 1, 1, true);
  x = tf.layers.globalAveragePooling2d({ name: 'head_pool' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.dropout({ name: 'head_dropout', rate: spec.dropout }).apply(x) as tf.SymbolicTensor;
  const logits = tf.layers.dense({ name: 'classifier', units: spec.classes, activation: 'softmax' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: logits, name: 'fashion_mnist_mobilenetv2' });
}
