/**
 * Zero-copy Identity. The built-in wasm Identity copies the whole buffer, and the engine calls
 * Identity for every tensor a gradient saves (tf.customGrad's save(), kernels' saved inputs),
 * which cost 10-15% of a training step. Tensors are immutable (Variable.assign swaps the data,
 * it never writes into it), so sharing the buffer under the backend's ref count is safe; the
 * built-in Reshape already does exactly this.
 */
import * as tf from '@tensorflow/tfjs';
import { stockKernel } from './stock-kernels';
import type { KernelArgs, WasmBackend } from './wasm-heap';

function identity(args: KernelArgs): tf.TensorInfo {
  const { x } = args.inputs as { x: tf.TensorInfo };
  if (x.dtype === 'string') return stockKernel(tf.Identity)(args) as tf.TensorInfo;
  (args.backend as WasmBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export const identityKernelConfig: tf.KernelConfig = { kernelName: tf.Identity, backendName: 'wasm', kernelFunc: identity as unknown as tf.KernelFunc };
