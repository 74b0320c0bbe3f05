import * as tf from "@tensorflow/tfjs-core";
import { requireBackend } from "../backend";
import { fail } from "../data/checks";
import type { LossGradient } from "../fast";
import { mean, scaledExp, variance, type Evaluation } from "./statistics";

/**
 * A variational lower bound on a KL divergence, declared once: as a tensor (what the
 * TensorFlow.js path differentiates), in float64 with its standard error (what estimates
 * report), and as the loss −bound with its gradient in the outputs (what the fused kernel
 * back-propagates). t is the network's output on joint samples (tJoint) and on reference
 * samples (tRef).
 */
export interface Bound {
  readonly name: string;
  tensor(tJoint: tf.Tensor, tRef: tf.Tensor): tf.Scalar;
  evaluation(tJoint: ArrayLike<number>, tRef: ArrayLike<number>): Evaluation;
  /** Writes ∂(−bound)/∂t into gJoint and gRef and returns −bound. */
  readonly lossGradient: LossGradient;
}

/** −mean t, with its gradient −1/n for every joint output. */
function negativeMean(tJoint: ArrayLike<number>, gJoint: Float32Array): number {
  gJoint.fill(-1 / tJoint.length);
  return -mean(tJoint);
}

/**
 * Donsker–Varadhan: mean t − log mean e^{t'} = mean t − (logsumexp t' − log n'), stable for
 * any t; its gradient in t' is the softmax of t'. The standard error is the delta method's
 * for a fixed network (joint and reference means independent).
 */
export const DV: Bound = {
  name: "DV",
  tensor: (tJoint, tRef) =>
    tf.tidy(() => {
      const reference = tf.reshape(tRef, [-1]);
      return tf.sub(tf.mean(tJoint), tf.sub(tf.logSumExp(reference), Math.log(reference.size))) as tf.Scalar;
    }),
  evaluation: (tJoint, tRef) => {
    const { scaled, shift } = scaledExp(tRef);
    const meanScaled = mean(scaled);
    return {
      estimate: mean(tJoint) - (shift + Math.log(meanScaled)),
      standardError: Math.sqrt(variance(tJoint) / tJoint.length + variance(scaled) / (tRef.length * meanScaled ** 2)),
    };
  },
  lossGradient: (tJoint, tRef, gJoint, gRef) => {
    const joint = negativeMean(tJoint, gJoint);
    const { scaled, shift } = scaledExp(tRef);
    let sum = 0;
    for (let i = 0; i < scaled.length; i++) sum += scaled[i];
    for (let i = 0; i < scaled.length; i++) gRef[i] = scaled[i] / sum;
    return joint + shift + Math.log(sum) - Math.log(tRef.length);
  },
};

/** The f-divergence bound of MINE-f (NWJ): mean t − mean e^{t' − 1}; its gradient in t' is e^{t'−1}/n'. */
export const F_BOUND: Bound = {
  name: "f",
  tensor: (tJoint, tRef) => tf.tidy(() => tf.sub(tf.mean(tJoint), tf.mean(tf.exp(tf.sub(tRef, 1)))) as tf.Scalar),
  evaluation: (tJoint, tRef) => {
    const exps = Float64Array.from(tRef, (v) => Math.exp(v - 1));
    return {
      estimate: mean(tJoint) - mean(exps),
      standardError: Math.sqrt(variance(tJoint) / tJoint.length + variance(exps) / tRef.length),
    };
  },
  lossGradient: (tJoint, tRef, gJoint, gRef) => {
    const joint = negativeMean(tJoint, gJoint);
    let sum = 0;
    for (let i = 0; i < tRef.length; i++) {
      const e = Math.exp(tRef[i] - 1);
      sum += e;
      gRef[i] = e / tRef.length;
    }
    return joint + sum / tRef.length;
  },
};

/** The DV bound on tensors of network outputs, as a scalar tensor. */
export function dvBound(tJoint: tf.Tensor, tRef: tf.Tensor): tf.Scalar {
  requireBackend();
  checkOutputs(tJoint, tRef, "dvBound");
  return DV.tensor(tJoint, tRef);
}

/** The f-divergence (MINE-f / NWJ) bound for KL: mean t(Z) − mean e^{t(Z') − 1}. */
export function fBound(tJoint: tf.Tensor, tRef: tf.Tensor): tf.Scalar {
  requireBackend();
  checkOutputs(tJoint, tRef, "fBound");
  return F_BOUND.tensor(tJoint, tRef);
}

function checkOutputs(tJoint: unknown, tRef: unknown, what: string): void {
  for (const [name, t] of [["tJoint", tJoint], ["tRef", tRef]] as const) {
    if (!(t instanceof tf.Tensor)) fail(`${what}(tJoint, tRef): ${name} must be a tensor of network outputs.`);
    if (t.isDisposed) fail(`${what}(tJoint, tRef): ${name} was already disposed.`);
    if (t.size === 0) fail(`${what}(tJoint, tRef): ${name} is empty; it needs at least one network output.`);
  }
}
