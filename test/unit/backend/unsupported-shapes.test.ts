/** Cases the wasm pack does not implement raise an error naming the op and the shapes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend, UnsupportedKernelShapeError } from '../../../src/engine/backend';

function runKernel(name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>) {
  return () => tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap);
}

test('dilation > 1 in the depthwise gradients is refused by name, never computed wrongly', async () => {
  await initBackend('wasm');
  const x = tf.zeros([1, 9, 9, 3]);
  const dy = tf.zeros([1, 9, 9, 3]);
  const filter = tf.zeros([3, 3, 3, 1]);
  const attrs = { strides: 1, pad: 'same', dilations: 2 };
  for (const [name, inputs, extra] of [
    ['DepthwiseConv2dNativeBackpropFilter', { x, dy }, { filterShape: [3, 3, 3, 1] }],
    ['DepthwiseConv2dNativeBackpropInput', { dy, filter }, { inputShape: [1, 9, 9, 3] }],
  ] as const) {
    assert.throws(runKernel(name, inputs, { ...attrs, ...extra }), (err: unknown) => {
      assert.ok(err instanceof UnsupportedKernelShapeError, String(err));
      assert.match(err.message, new RegExp(`^${name} on the wasm training pack: dilation \\[2, 2\\]`));
      assert.match(err.message, /\[1, 9, 9, 3\]/);
      return true;
    });
  }
  tf.dispose([x, dy, filter]);
});

test('Conv2DBackpropFilter refuses NCHW and a dy that does not match the forward output', async () => {
  await initBackend('wasm');
  const x = tf.zeros([1, 3, 8, 8]);
  const dy = tf.zeros([1, 4, 8, 8]);
  assert.throws(runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 3, 4] }), /Conv2DBackpropFilter on the wasm training pack: dataFormat 'NCHW'.*x \[1, 3, 8, 8\]/);
  const x2 = tf.zeros([1, 8, 8, 3]);
  const wrongDy = tf.zeros([1, 7, 7, 4]);
  assert.throws(runKernel('Conv2DBackpropFilter', { x: x2, dy: wrongDy }, { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 3, 4] }), /dy shape not matching the forward output \[1, 8, 8, 4\]/);
  tf.dispose([x, dy, x2, wrongDy]);
});
