/**
 * The DNA Search demo teacher, a small MobileNetV2 for 28x28 grey Fashion-MNIST images, written
 * the way one writes it in TensorFlow.js. It is the built-in teacher's network with the built-in
 * teacher's layer names, so a search with dna-search.json (next to this file, which names it as
 * `teacher.sourceFile`) shows its results here: a CodeLens above `buildTeacher`, and beside each
 * stage what the student chose for it. DNA Search finds each stage by the layer names on its
 * lines ('stage1_unit1', ...); see ../README.md for the region markers that do it explicitly.
 */
import * as tf from '@tensorflow/tfjs';

/** Convolution and batch norm, then ReLU6 when asked: layers `${name}`, `${name}_bn`, `${name}_relu6`. */
function convBn(x: tf.SymbolicTensor, name: string, filters: number, kernel: number, stride: number, relu6: boolean): tf.SymbolicTensor {
  let y = tf.layers.conv2d({ name, filters, kernelSize: kernel, strides: stride, padding: 'same', useBias: false }).apply(x) as tf.SymbolicTensor;
  y = tf.layers.batchNormalization({ name: `${name}_bn` }).apply(y) as tf.SymbolicTensor;
  if (relu6) y = tf.layers.reLU({ name: `${name}_relu6`, maxValue: 6 }).apply(y) as tf.SymbolicTensor;
  return y;
}

/** An inverted residual unit: 1x1 expand, 3x3 depthwise, 1x1 project; a shortcut when the shape stays. */
function invertedResidual(x: tf.SymbolicTensor, name: string, outChannels: number, stride: number, expansion = 4): tf.SymbolicTensor {
  const inChannels = x.shape[3] as number;
  let y = convBn(x, `${name}_expand`, inChannels * expansion, 1, 1, true);
  y = tf.layers.depthwiseConv2d({ name: `${name}_dw`, kernelSize: 3, strides: stride, padding: 'same', useBias: false }).apply(y) as tf.SymbolicTensor;
  y = tf.layers.batchNormalization({ name: `${name}_dw_bn` }).apply(y) as tf.SymbolicTensor;
  y = tf.layers.reLU({ name: `${name}_dw_relu6`, maxValue: 6 }).apply(y) as tf.SymbolicTensor;
  y = convBn(y, `${name}_project`, outChannels, 1, 1, false);
  if (stride === 1 && inChannels === outChannels) y = tf.layers.add({ name: `${name}_add` }).apply([x, y]) as tf.SymbolicTensor;
  return y;
}

/** Fashion-MNIST MobileNetV2: 28x28x1 images -> 10 class probabilities; 301,210 params. */
export function buildTeacher(): tf.LayersModel {
  const input = tf.input({ name: 'image', shape: [28, 28, 1] });
  let x = convBn(input, 'stem_conv', 16, 3, 2, true); // 14x14x16

  // stage1: 14x14x16 -> 14x14x24
  x = invertedResidual(x, 'stage1_unit1', 24, 1);
  x = invertedResidual(x, 'stage1_unit2', 24, 1);
  // stage2: -> 7x7x32
  x = invertedResidual(x, 'stage2_unit1', 32, 2);
  x = invertedResidual(x, 'stage2_unit2', 32, 1);
  // stage3: -> 7x7x48
  x = invertedResidual(x, 'stage3_unit1', 48, 1);
  x = invertedResidual(x, 'stage3_unit2', 48, 1);
  x = invertedResidual(x, 'stage3_unit3', 48, 1);
  // stage4: -> 4x4x64
  x = invertedResidual(x, 'stage4_unit1', 64, 2);
  x = invertedResidual(x, 'stage4_unit2', 64, 1);
  // stage5: -> 4x4x96
  x = invertedResidual(x, 'stage5_unit1', 96, 1);
  x = invertedResidual(x, 'stage5_unit2', 96, 1);

  x = convBn(x, 'head_conv', 256, 1, 1, true);
  x = tf.layers.globalAveragePooling2d({ name: 'head_pool' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.dropout({ name: 'head_dropout', rate: 0.2 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.dense({ name: 'classifier', units: 10, activation: 'softmax' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ name: 'fashion_mnist_mobilenetv2', inputs: input, outputs: x });
}
