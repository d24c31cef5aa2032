/**
 * The retraining loss: cross-entropy with the labels, blended with knowledge distillation from the
 * teacher's class probabilities (Hinton et al.): (1-w)·CE(y, softmax(z)) + w·T²·KL(p_T ‖ softmax(z/T)),
 * where p_T is the teacher's distribution sharpened or softened to temperature T. The student's
 * logits z come from the model with its final softmax removed (numerically stable log-softmax).
 */
import * as tf from '@tensorflow/tfjs';

export interface KdOptions {
  weight: number;
  temperature: number;
}

/** Teacher probabilities at temperature T, from its probabilities at T=1. */
export function softenProbabilities(probs: tf.Tensor2D, temperature: number): tf.Tensor2D {
  return tf.tidy(() => tf.softmax(tf.div(tf.log(tf.clipByValue(probs, 1e-8, 1)), temperature)) as tf.Tensor2D);
}

export function retrainLoss(logits: tf.Tensor2D, labels: tf.Tensor2D, teacherSoft: tf.Tensor2D | undefined, kd: KdOptions): tf.Scalar {
  return tf.tidy(() => {
    const ce = tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(logits)), 1)));
    if (!teacherSoft || kd.weight === 0) return ce as tf.Scalar;
    const logQ = tf.logSoftmax(tf.div(logits, kd.temperature));
    const logP = tf.log(tf.clipByValue(teacherSoft, 1e-8, 1));
    const kl = tf.mean(tf.sum(tf.mul(teacherSoft, tf.sub(logP, logQ)), 1));
    return tf.add(tf.mul(ce, 1 - kd.weight), tf.mul(kl, kd.weight * kd.temperature ** 2)) as tf.Scalar;
  });
}
