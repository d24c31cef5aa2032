/**
 * The wasm training kernel pack: registers, for tfjs's 'wasm' backend, the gradients it lacks
 * (Conv2DBackpropFilter, DepthwiseConv2dNativeBackpropInput/Filter), faster replacements for
 * kernels on the training hot path, and the project's fused training kernels. Registration is
 * global to the tfjs instance (kernels are bound to a backend object lazily, on first use), so
 * both the engine's own loops and tf.layers fit() pick them up. It also routes two tfjs-core
 * gradients (FusedBatchNorm, ClipByValue) to fused kernels on wasm (gradient-overrides.ts).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { conv2dKernelConfigs } from './conv2d-kernels';
import { depthwiseKernelConfigs } from './depthwise-kernels';
import { fusedTrainKernelConfigs } from './fused-train-kernels';
import { registerGradientOverrides } from './gradient-overrides';
import { identityKernelConfig } from './identity-kernel';
import { matmulKernelConfigs } from './matmul-kernels';
import { reduceKernelConfigs } from './reduce-kernels';
import { captureStockKernel } from './stock-kernels';

/** Built-in kernels the pack overrides or calls; captured before anything is replaced. */
const STOCK_USED = [tf.Conv2D, tf.Conv2DBackpropInput, tf.DepthwiseConv2dNative, tf.Identity, tf.BatchMatMul, tf.Transpose, tf.Sum, tf.Mean, tf.AvgPoolGrad, tf.FusedBatchNorm];

const PACK: tf.KernelConfig[] = [...conv2dKernelConfigs, ...matmulKernelConfigs, ...reduceKernelConfigs, ...depthwiseKernelConfigs, identityKernelConfig, ...fusedTrainKernelConfigs];

/** Names of every kernel the pack registers for 'wasm'. */
export const WASM_PACK_KERNELS: readonly string[] = PACK.map((k) => k.kernelName);

let registered = false;

export function registerWasmTrainingPack(): readonly string[] {
  if (registered) return WASM_PACK_KERNELS;
  for (const name of STOCK_USED) {
    if (!captureStockKernel(name)) throw new Error(`tfjs-backend-wasm is missing its '${name}' kernel; is @tensorflow/tfjs-backend-wasm 4.22 installed?`);
  }
  for (const config of PACK) {
    // Replacing a built-in kernel: unregister first (registerKernel would warn and keep going).
    if (tf.getKernel(config.kernelName, 'wasm')) tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel(config);
  }
  registerGradientOverrides();
  registered = true;
  return WASM_PACK_KERNELS;
}

export function isWasmTrainingPackRegistered(): boolean {
  return registered;
}
