/**
 * A weight-sharing supernet for one depth variant of one student block: every layer holds one
 * set of weights per candidate op, and a path picks one op per layer. Trained one sampled path
 * at a time (single-path), scored path by path when ranking.
 */
import * as tf from '@tensorflow/tfjs';
import { pathLayers, type MBConvLayerSpec, type SearchSpaceSpec, type StudentBlockSpec } from '../../shared/search-space';
import { createMBConvWeights, mbconvDecayed, mbconvForward, mbconvVariables, type BnMode, type MBConvWeights } from './mbconv-op';

export class SupernetBlock {
  /** weights[layer][op] */
  readonly weights: MBConvWeights[][];
  /** specs[layer][op]: the resolved layer for that op (kernel and expansion differ per op). */
  readonly specs: MBConvLayerSpec[][];

  constructor(
    readonly space: SearchSpaceSpec,
    readonly block: StudentBlockSpec,
    readonly depth: number,
    rand: () => number,
  ) {
    this.specs = [];
    this.weights = [];
    for (let layer = 0; layer < depth; layer++) {
      this.specs.push(space.ops.map((op) => pathLayers(block, new Array(depth).fill(op))[layer]));
      this.weights.push(space.ops.map((_, o) => createMBConvWeights(this.specs[layer][o], space.family, `b${block.index}d${depth}/l${layer}/o${o}`, rand)));
    }
  }

  /** Runs one layer with one op. */
  layer(x: tf.Tensor4D, layer: number, op: number, mode: BnMode): tf.Tensor4D {
    return mbconvForward(this.weights[layer][op], x, this.specs[layer][op], this.space.family, mode);
  }

  /** Runs a whole path; in 'batch' mode BN uses the batch's statistics (training). */
  forward(x: tf.Tensor4D, path: number[]): tf.Tensor4D {
    let h = x;
    path.forEach((op, layer) => (h = this.layer(h, layer, op, { kind: 'batch' })));
    return h;
  }

  pathVariables(path: number[]): tf.Variable[] {
    return path.flatMap((op, layer) => mbconvVariables(this.weights[layer][op]));
  }

  pathDecayed(path: number[]): tf.Variable[] {
    return path.flatMap((op, layer) => mbconvDecayed(this.weights[layer][op]));
  }

  /** Every variable that gets weight decay (conv/dense kernels of every op). */
  decayedVariables(): tf.Variable[] {
    return this.weights.flatMap((ops) => ops.flatMap(mbconvDecayed));
  }

  allVariables(): tf.Variable[] {
    return this.weights.flatMap((ops) => ops.flatMap(mbconvVariables));
  }

  dispose(): void {
    for (const v of this.allVariables()) v.dispose();
  }
}
