/**
 * A complete network of the search space: the teacher's fixed stem, one chosen path per block,
 * the teacher's fixed head. This is what the engine retrains, what code generators emit and what
 * the panel diffs against the teacher. Pure data: no TensorFlow.js here.
 */
import type { Activation, MBConvOp, OpFamily, Shape3 } from './search-space';

/** The non-searched layers (stem, head) are a plain chain of these. */
export type FixedLayer =
  | { kind: 'conv2d'; name: string; filters: number; kernel: number; stride: number; padding: 'same' | 'valid'; useBias: boolean; activation: FixedActivation }
  | { kind: 'depthwiseConv2d'; name: string; kernel: number; stride: number; padding: 'same' | 'valid'; useBias: boolean; depthMultiplier: number; activation: FixedActivation }
  | { kind: 'batchNorm'; name: string; epsilon: number; momentum: number }
  | { kind: 'activation'; name: string; fn: FixedActivation }
  | { kind: 'globalAvgPool'; name: string }
  | { kind: 'flatten'; name: string }
  | { kind: 'dropout'; name: string; rate: number }
  | { kind: 'dense'; name: string; units: number; useBias: boolean; activation: FixedActivation };

export type FixedActivation = 'linear' | Activation | 'sigmoid' | 'softmax';

/** One block of a concrete architecture: the chosen depth and ops. */
export interface ChosenBlock {
  index: number;
  name: string;
  inputShape: Shape3;
  outputShape: Shape3;
  stride: number;
  width: number;
  ops: MBConvOp[];
}

export interface ArchitectureSpec {
  /** A short name, e.g. "dna-fashion-a" or the candidate's id. */
  name: string;
  inputShape: Shape3;
  numClasses: number;
  family: OpFamily;
  stem: FixedLayer[];
  blocks: ChosenBlock[];
  head: FixedLayer[];
  /** Where it came from, for generated code comments. */
  provenance?: { runId?: string; note?: string };
}
