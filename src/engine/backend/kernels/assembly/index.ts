// Entry of the project's WebAssembly training kernels (AssemblyScript, compiled at build time
// by ../build-kernels.mjs). The module imports tfjs-backend-wasm's memory, so every function
// works in place on tensors of that backend; it owns no memory and no data of its own.
export { depthwiseForward, depthwiseBackpropInput, depthwiseBackpropFilter, forwardScratchBytes, backpropInputScratchBytes } from './depthwise';
export { batchNormStats, batchNormApply, batchNormBackward, batchNormInferBackward, workBytes as batchNormWorkBytes } from './batch-norm';
export { reluGrad, relu6Grad, swishGrad, swishForward, clipGrad } from './activations';
export { repeatChannels, sumChannelGroups, gatherTapTransposed } from './layout';
export { matmulTN } from './matmul-tn';
export { sumMiddle, avgPoolGradTiled } from './reduce';
