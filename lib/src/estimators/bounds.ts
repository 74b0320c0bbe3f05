import * as tf from "@tensorflow/tfjs-core";
import { requireBackend } from "../backend";
import { fail } from "../data/checks";
import type { LossGradient } from "../fast";
import { refuseBoundsWhileTested } from "./reference-guard";
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

/** `bound` with `check` called first by each of its forms. */
export function checkedBound(bound: Bound, check: () => void): Bound {
  return Object.freeze({
    name: bound.name,
    tensor: (tJoint: tf.Tensor, tRef: tf.Tensor) => {
      check();
      return bound.tensor(tJoint, tRef);
    },
    evaluation: (tJoint: ArrayLike<number>, tRef: ArrayLike<number>) => {
      check();
      return bound.evaluation(tJoint, tRef);
    },
    lossGradient: (tJoint: Float32Array, tRef: Float32Array, gJoint: Float32Array, gRef: Float32Array) => {
      check();
      return bound.lossGradient(tJoint, tRef, gJoint, gRef);
    },
  });
}

/** A bound whose every form refuses while a test refuses MINE's loss, but in the library's own computations (reference-guard.ts). */
const declared = (bound: Bound): Bound => checkedBound(bound, refuseBoundsWhileTested);

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
export const DV: Bound = declared({
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
});

/** The f-divergence bound of MINE-f (NWJ): mean t − mean e^{t' − 1}; its gradient in t' is e^{t'−1}/n'. */
export const F_BOUND: Bound = declared({
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
});

/**
 * InfoNCE (van den Oord et al. 2018; Poole et al. 2019): each joint output t_i = t(x_i, y_i)
 * competes with K outputs t(x_i, y_j) on other y's of its batch, laid out shift by shift
 * (tRef[s·n + i] for s < K, n the joint count, so K = tRef.length / n). The bound is
 * mean_i [t_i − log((e^{t_i} + Σ_s e^{t_{s,i}})/(K + 1))], at most log(K + 1) whatever the MI.
 * Its standard error: the per-anchor terms' deviation over √n.
 */
export const INFO_NCE: Bound = declared({
  name: "InfoNCE",
  tensor: (tJoint, tRef) => {
    if (tJoint.size === 0 || tRef.size % tJoint.size !== 0) {
      fail(`InfoNCE.tensor(tJoint, tRef): tRef must hold K ≥ 1 outputs per joint output, laid out shift by shift; got ${tRef.size} for ${tJoint.size}.`);
    }
    return tf.tidy(() => {
      const joint = tf.reshape(tJoint, [1, -1]);
      const negatives = tf.reshape(tRef, [-1, joint.shape[1] as number]);
      const candidates = negatives.shape[0] + 1;
      const all = tf.concat([joint, negatives], 0);
      return tf.add(tf.mean(tf.sub(joint, tf.logSumExp(all, 0, true))), Math.log(candidates)) as tf.Scalar;
    });
  },
  evaluation: (tJoint, tRef) => {
    const terms = infoNCETerms(tJoint, tRef);
    return { estimate: mean(terms.values), standardError: Math.sqrt(variance(terms.values) / tJoint.length) };
  },
  lossGradient: (tJoint, tRef, gJoint, gRef) => {
    const n = tJoint.length;
    const { values, logNormalisers } = infoNCETerms(tJoint, tRef);
    for (let i = 0; i < n; i++) gJoint[i] = -(1 - Math.exp(tJoint[i] - logNormalisers[i])) / n;
    for (let r = 0; r < tRef.length; r++) gRef[r] = Math.exp(tRef[r] - logNormalisers[r % n]) / n;
    return -mean(values);
  },
});

/** InfoNCE's per-anchor terms and each anchor's log Σ e^t over its K + 1 candidates. */
function infoNCETerms(tJoint: ArrayLike<number>, tRef: ArrayLike<number>): { values: Float64Array; logNormalisers: Float64Array } {
  const n = tJoint.length;
  const negatives = tRef.length / n;
  if (!Number.isInteger(negatives) || negatives < 1) {
    fail(`InfoNCE needs K ≥ 1 reference outputs per joint output, laid out shift by shift; got ${tRef.length} for ${n}.`);
  }
  const values = new Float64Array(n);
  const logNormalisers = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let largest = tJoint[i];
    for (let s = 0; s < negatives; s++) largest = Math.max(largest, tRef[s * n + i]);
    let sum = Math.exp(tJoint[i] - largest);
    for (let s = 0; s < negatives; s++) sum += Math.exp(tRef[s * n + i] - largest);
    logNormalisers[i] = largest + Math.log(sum);
    values[i] = tJoint[i] - logNormalisers[i] + Math.log(negatives + 1);
  }
  return { values, logNormalisers };
}

/** log(1 + e^v), stable for any v. */
function softplus(v: number): number {
  return v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
}

function sigmoid(v: number): number {
  return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
}

/**
 * SMILE (Song & Ermon 2020) with clip τ: the critic is trained on the Jensen–Shannon
 * objective mean −softplus(−t) − mean softplus(t'), whose optimum is t = log dP/dQ itself
 * (no free constant, and bounded gradients), and the estimate is the DV bound with e^{t'}
 * clipped to [e^{−τ}, e^{τ}]: mean t − log mean clip(e^{t'}). The clip trades a bias (where
 * log dP/dQ passes τ on reference samples) for a much smaller variance. `tensor` and
 * `lossGradient` are the training objective, `evaluation` the estimate.
 */
export function smileBound(clip: number): Bound {
  const clipped = (v: number) => Math.min(Math.max(v, -clip), clip);
  return declared({
    name: `SMILE(τ = ${clip})`,
    tensor: (tJoint, tRef) =>
      tf.tidy(() => tf.sub(tf.neg(tf.mean(tf.softplus(tf.neg(tJoint)))), tf.mean(tf.softplus(tRef))) as tf.Scalar),
    evaluation: (tJoint, tRef) => {
      const { scaled, shift } = scaledExp(Float64Array.from(tRef, clipped));
      const meanScaled = mean(scaled);
      return {
        estimate: mean(tJoint) - (shift + Math.log(meanScaled)),
        standardError: Math.sqrt(variance(tJoint) / tJoint.length + variance(scaled) / (tRef.length * meanScaled ** 2)),
      };
    },
    lossGradient: (tJoint, tRef, gJoint, gRef) => {
      let loss = 0;
      for (let i = 0; i < tJoint.length; i++) {
        loss += softplus(-tJoint[i]) / tJoint.length;
        gJoint[i] = -sigmoid(-tJoint[i]) / tJoint.length;
      }
      for (let i = 0; i < tRef.length; i++) {
        loss += softplus(tRef[i]) / tRef.length;
        gRef[i] = sigmoid(tRef[i]) / tRef.length;
      }
      return loss;
    },
  });
}

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

/**
 * Refuses what is not one network output per sample: a tensor of shape [n] or [n, 1]. The
 * bounds average every entry, so outputs of shape [n, 2] (two heads, or x and y concatenated
 * instead of a network's output) or a scalar would give a number for a different question.
 */
export function checkOutputs(tJoint: unknown, tRef: unknown, what: string): void {
  for (const [name, t] of [["tJoint", tJoint], ["tRef", tRef]] as const) {
    if (!(t instanceof tf.Tensor)) fail(`${what}(tJoint, tRef): ${name} must be a tensor of network outputs.`);
    if (t.isDisposed) fail(`${what}(tJoint, tRef): ${name} was already disposed.`);
    if (t.size === 0) fail(`${what}(tJoint, tRef): ${name} is empty; it needs at least one network output.`);
    const oneColumn = t.rank === 1 || (t.rank === 2 && t.shape[1] === 1);
    if (!oneColumn) {
      fail(
        `${what}(tJoint, tRef): ${name} has shape [${t.shape.join(", ")}]; it must hold one network output per sample, ` +
          "shape [n, 1] (what Net.forward returns) or [n]. Pass the network's outputs t(x, y), not the samples themselves.",
      );
    }
  }
}
