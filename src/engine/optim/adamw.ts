/**
 * Adam with decoupled weight decay and per-variable state.
 *
 * Why not tf.train.adam: it stores its moments by the POSITION of a variable in the gradient
 * list and counts one global step. Single-path supernet training updates a different subset of
 * variables every step, so positions would hand one op's moments to another op, and a global
 * step would bias-correct rarely-sampled ops wrongly. Here state is keyed by a stable name and
 * each variable counts its own steps (as PyTorch's Adam does), which also makes checkpoints easy.
 */
import * as tf from '@tensorflow/tfjs';

interface Slot {
  m: tf.Variable;
  v: tf.Variable;
  step: number;
}

export interface AdamWOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Decoupled decay, applied only to variables listed as decayed in `step`. */
  weightDecay?: number;
}

export class AdamW {
  learningRate: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly weightDecay: number;
  private readonly slots = new Map<string, Slot>();

  constructor(opts: AdamWOptions) {
    this.learningRate = opts.learningRate;
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.epsilon = opts.epsilon ?? 1e-8;
    this.weightDecay = opts.weightDecay ?? 0;
  }

  /**
   * Applies one update. `vars` maps stable names to variables, `grads` holds a gradient per name;
   * names in `decayed` also get weight decay.
   */
  apply(vars: Map<string, tf.Variable>, grads: Record<string, tf.Tensor>, decayed: Set<string>): void {
    const lr = this.learningRate;
    tf.tidy(() => {
      for (const [name, grad] of Object.entries(grads)) {
        const variable = vars.get(name);
        if (!variable) throw new Error(`AdamW: gradient for unknown variable "${name}"`);
        let slot = this.slots.get(name);
        if (!slot) {
          slot = { m: tf.variable(tf.zerosLike(variable), false), v: tf.variable(tf.zerosLike(variable), false), step: 0 };
          this.slots.set(name, slot);
        }
        slot.step++;
        const m = tf.add(tf.mul(slot.m, this.beta1), tf.mul(grad, 1 - this.beta1));
        const v = tf.add(tf.mul(slot.v, this.beta2), tf.mul(tf.square(grad), 1 - this.beta2));
        slot.m.assign(m);
        slot.v.assign(v);
        const correction1 = 1 - this.beta1 ** slot.step;
        const correction2 = 1 - this.beta2 ** slot.step;
        const stepSize = (lr * Math.sqrt(correction2)) / correction1;
        let next = tf.sub(variable, tf.mul(tf.div(m, tf.add(tf.sqrt(v), this.epsilon * Math.sqrt(correction2))), stepSize));
        if (this.weightDecay > 0 && decayed.has(name)) next = tf.sub(next, tf.mul(variable, lr * this.weightDecay));
        variable.assign(next);
      }
    });
  }

  /** State for checkpoints: moments by name plus per-variable step counts. */
  state(): { tensors: Record<string, tf.Tensor>; steps: Record<string, number> } {
    const tensors: Record<string, tf.Tensor> = {};
    const steps: Record<string, number> = {};
    for (const [name, s] of this.slots) {
      tensors[`${name}/m`] = s.m;
      tensors[`${name}/v`] = s.v;
      steps[name] = s.step;
    }
    return { tensors, steps };
  }

  restore(tensors: Record<string, tf.Tensor>, steps: Record<string, number>): void {
    this.dispose();
    for (const [name, step] of Object.entries(steps)) {
      const m = tensors[`${name}/m`];
      const v = tensors[`${name}/v`];
      if (!m || !v) throw new Error(`AdamW checkpoint: moments of "${name}" are missing`);
      this.slots.set(name, { m: tf.variable(m, false), v: tf.variable(v, false), step });
    }
  }

  dispose(): void {
    for (const s of this.slots.values()) {
      s.m.dispose();
      s.v.dispose();
    }
    this.slots.clear();
  }
}
