/**
 * The student search space, shared by the engine (which trains it), the code generators and the
 * webview (which display it). Pure data and arithmetic: no TensorFlow.js here.
 *
 * A student block replaces one teacher block. Its layers are MBConv candidates; layer 1 maps the
 * teacher's input width to the student width and carries the stride, middle layers keep the
 * student width, and the last layer projects to the teacher's width at the cut so its output can
 * be compared with the teacher's feature map (see shared notes, "Search space").
 */

/** [height, width, channels] of a feature map (NHWC without the batch). */
export type Shape3 = [number, number, number];

/** One MBConv candidate op: 1x1 expand, depthwise k x k, squeeze-excite, 1x1 project. */
export interface MBConvOp {
  kernel: number;
  expansion: number;
}

export type Activation = 'relu' | 'relu6' | 'swish';

/** Settings common to every candidate op in the space. */
export interface OpFamily {
  /** Squeeze-excite ratio relative to the layer's input channels; 0 disables SE. */
  seRatio: number;
  activation: Activation;
}

/** One searchable student block, derived from a teacher cut. */
export interface StudentBlockSpec {
  index: number;
  /** Name of the teacher block it replaces (for display and code matching). */
  name: string;
  inputShape: Shape3;
  outputShape: Shape3;
  stride: number;
  /** Student channel width of the inner layers. */
  width: number;
  /** Depth variants; each is trained as its own supernet. */
  depths: number[];
}

/** The whole searchable space. */
export interface SearchSpaceSpec {
  ops: MBConvOp[];
  family: OpFamily;
  blocks: StudentBlockSpec[];
}

/** One candidate path of one block: a depth and one op index per layer. */
export interface CandidatePath {
  block: number;
  depth: number;
  ops: number[];
}

/** Fully resolved layer of a path: what the builders and the cost model need. */
export interface MBConvLayerSpec {
  inChannels: number;
  outChannels: number;
  stride: number;
  kernel: number;
  expansion: number;
  /** Identity shortcut: only when the shapes in and out are equal. */
  residual: boolean;
  /** Spatial size of this layer's input. */
  inputHeight: number;
  inputWidth: number;
}

export function opId(op: MBConvOp): string {
  return `k${op.kernel}e${op.expansion}`;
}

export function parseOpId(id: string): MBConvOp {
  const m = /^k(\d+)e(\d+)$/.exec(id);
  if (!m) throw new Error(`Not an op id: "${id}" (expected like "k3e6": kernel 3, expansion 6)`);
  return { kernel: Number(m[1]), expansion: Number(m[2]) };
}

/** Stable, human-readable id of a candidate: `b2.d3:k3e6-k5e3-k7e6`. */
export function candidateId(space: Pick<SearchSpaceSpec, 'ops'>, path: CandidatePath): string {
  return `b${path.block}.d${path.depth}:${path.ops.map((o) => opId(space.ops[o])).join('-')}`;
}

export function parseCandidateId(space: Pick<SearchSpaceSpec, 'ops'>, id: string): CandidatePath {
  const m = /^b(\d+)\.d(\d+):([\w-]+)$/.exec(id);
  if (!m) throw new Error(`Not a candidate id: "${id}" (expected like "b0.d3:k3e6-k5e3-k7e6")`);
  const ids = m[3].split('-');
  const ops = ids.map((o) => {
    const idx = space.ops.findIndex((op) => opId(op) === o);
    if (idx < 0) throw new Error(`Candidate "${id}": op "${o}" is not in this search space`);
    return idx;
  });
  const depth = Number(m[2]);
  if (ops.length !== depth) throw new Error(`Candidate "${id}": depth ${depth} but ${ops.length} ops`);
  return { block: Number(m[1]), depth, ops };
}

/** Output spatial size of a 'same'-padded layer. */
export function sameOutputSize(size: number, stride: number): number {
  return Math.ceil(size / stride);
}

/** Resolves a path into its concrete layers (channels, strides, residuals, spatial sizes). */
export function pathLayers(block: StudentBlockSpec, ops: MBConvOp[]): MBConvLayerSpec[] {
  const depth = ops.length;
  const [h, w, cin] = block.inputShape;
  const cout = block.outputShape[2];
  const layers: MBConvLayerSpec[] = [];
  let height = h;
  let width = w;
  for (let i = 0; i < depth; i++) {
    const inChannels = i === 0 ? cin : block.width;
    const outChannels = i === depth - 1 ? cout : block.width;
    const stride = i === 0 ? block.stride : 1;
    layers.push({
      inChannels,
      outChannels,
      stride,
      kernel: ops[i].kernel,
      expansion: ops[i].expansion,
      residual: stride === 1 && inChannels === outChannels,
      inputHeight: height,
      inputWidth: width,
    });
    height = sameOutputSize(height, stride);
    width = sameOutputSize(width, stride);
  }
  return layers;
}

/** Number of paths of one depth variant and of a whole block. */
export function pathCount(space: Pick<SearchSpaceSpec, 'ops'>, depth: number): number {
  return space.ops.length ** depth;
}

export function blockPathCount(space: Pick<SearchSpaceSpec, 'ops'>, block: StudentBlockSpec): number {
  return block.depths.reduce((sum, d) => sum + pathCount(space, d), 0);
}

/** Total architectures of the space (product over blocks); a float, it can exceed 2^53. */
export function spaceSize(space: SearchSpaceSpec): number {
  return space.blocks.reduce((prod, b) => prod * blockPathCount(space, b), 1);
}

/** Every path of one depth variant, in depth-first (lexicographic) order: shared prefixes are adjacent. */
export function* enumeratePaths(space: Pick<SearchSpaceSpec, 'ops'>, block: number, depth: number): Generator<CandidatePath> {
  const n = space.ops.length;
  const ops = new Array<number>(depth).fill(0);
  const total = n ** depth;
  for (let k = 0; k < total; k++) {
    yield { block, depth, ops: ops.slice() };
    for (let i = depth - 1; i >= 0; i--) {
      if (++ops[i] < n) break;
      ops[i] = 0;
    }
  }
}
