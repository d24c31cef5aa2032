/**
 * Runtime validators for the domain types that cross process and webview boundaries. Each is
 * checked against its TypeScript interface at compile time, so the two cannot drift apart.
 */
import { z } from 'zod';
import type { ArchitectureSpec, FixedLayer } from './architecture';
import type { MBConvOp, SearchSpaceSpec, Shape3, StudentBlockSpec } from './search-space';

const int = z.number().int();
const count = z.number().nonnegative();

export const Shape3Schema: z.ZodType<Shape3> = z.tuple([int.positive(), int.positive(), int.positive()]);
export const MBConvOpSchema: z.ZodType<MBConvOp> = z.object({ kernel: int.positive(), expansion: int.positive() });
const ActivationSchema = z.enum(['relu', 'relu6', 'swish']);
const FixedActivationSchema = z.enum(['linear', 'relu', 'relu6', 'swish', 'sigmoid', 'softmax']);
const Padding = z.enum(['same', 'valid']);

export const FixedLayerSchema: z.ZodType<FixedLayer> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('conv2d'), name: z.string(), filters: int.positive(), kernel: int.positive(), stride: int.positive(), padding: Padding, useBias: z.boolean(), activation: FixedActivationSchema }),
  z.object({ kind: z.literal('depthwiseConv2d'), name: z.string(), kernel: int.positive(), stride: int.positive(), padding: Padding, useBias: z.boolean(), depthMultiplier: int.positive(), activation: FixedActivationSchema }),
  z.object({ kind: z.literal('batchNorm'), name: z.string(), epsilon: z.number().positive(), momentum: z.number() }),
  z.object({ kind: z.literal('activation'), name: z.string(), fn: FixedActivationSchema }),
  z.object({ kind: z.literal('globalAvgPool'), name: z.string() }),
  z.object({ kind: z.literal('flatten'), name: z.string() }),
  z.object({ kind: z.literal('dropout'), name: z.string(), rate: z.number().min(0).max(1) }),
  z.object({ kind: z.literal('dense'), name: z.string(), units: int.positive(), useBias: z.boolean(), activation: FixedActivationSchema }),
]);

export const OpFamilySchema = z.object({ seRatio: z.number().min(0).max(1), activation: ActivationSchema });

export const StudentBlockSpecSchema: z.ZodType<StudentBlockSpec> = z.object({
  index: int.nonnegative(),
  name: z.string(),
  inputShape: Shape3Schema,
  outputShape: Shape3Schema,
  stride: int.positive(),
  width: int.positive(),
  depths: z.array(int.positive()).min(1),
});

export const SearchSpaceSpecSchema: z.ZodType<SearchSpaceSpec> = z.object({
  ops: z.array(MBConvOpSchema).min(1),
  family: OpFamilySchema,
  blocks: z.array(StudentBlockSpecSchema),
});

export const ArchitectureSpecSchema: z.ZodType<ArchitectureSpec> = z.object({
  name: z.string(),
  inputShape: Shape3Schema,
  numClasses: int.positive(),
  family: OpFamilySchema,
  stem: z.array(FixedLayerSchema),
  blocks: z.array(
    z.object({
      index: int.nonnegative(),
      name: z.string(),
      inputShape: Shape3Schema,
      outputShape: Shape3Schema,
      stride: int.positive(),
      width: int.positive(),
      ops: z.array(MBConvOpSchema).min(1),
    }),
  ),
  head: z.array(FixedLayerSchema),
  provenance: z.object({ runId: z.string().optional(), note: z.string().optional() }).optional(),
});

export const CostSchema = z.object({ params: count, flops: count });
