import type * as tf from "@tensorflow/tfjs-core";
import * as bounds from "./bounds";
import type { Bound } from "./bounds";
import { refuseWhileTested } from "./reference-guard";
import { checkPositive, describeValue, fail } from "../data/checks";

/*
 * The bounds as the library exports them. Each computes a part of MINE's loss (mean t, the mean
 * or log-mean of e^{t'}), so while a test refuses "MINETrainer.loss" they refuse too: a loss
 * that handed them its outputs would be the library's work. These also count as calls of it
 * (referenceCalls); the declared bounds of bounds.ts, which the trainers hold, refuse in a test
 * as well (refuseBoundsWhileTested, reference-guard.ts).
 */

function refuse(): void {
  refuseWhileTested("MINETrainer.loss");
}

/** `bound` refusing in a test, and its tensor form refusing outputs that are not one per sample. */
function guarded(bound: Bound): Bound {
  const checked = bounds.checkedBound(bound, refuse);
  return Object.freeze({
    ...checked,
    tensor: (tJoint: tf.Tensor, tRef: tf.Tensor) => {
      bounds.checkOutputs(tJoint, tRef, `${bound.name}.tensor`);
      return checked.tensor(tJoint, tRef);
    },
    evaluation: (tJoint: ArrayLike<number>, tRef: ArrayLike<number>) => {
      checkOutputValues(tJoint, `${bound.name}.evaluation(tJoint, tRef): tJoint`);
      checkOutputValues(tRef, `${bound.name}.evaluation(tJoint, tRef): tRef`);
      const evaluation = checked.evaluation(tJoint, tRef);
      // F_BOUND at t' = 1000 gave −Infinity (e^999), and outputs near 1e300 a standard error of Infinity, without a word
      if (!Number.isFinite(evaluation.estimate) || !Number.isFinite(evaluation.standardError)) {
        fail(
          `${bound.name}.evaluation(tJoint, tRef): outputs reaching ${largestMagnitude(tJoint, tRef).toPrecision(3)} in magnitude overflow double precision ` +
            `in this bound (its ${Number.isFinite(evaluation.estimate) ? "standard error" : "estimate"} came out ${Number.isFinite(evaluation.estimate) ? evaluation.standardError : evaluation.estimate}: ` +
            "e^t passes 1.8e308 beyond t ≈ 709, t² beyond |t| ≈ 1e154); such outputs come from a network that diverged: lower learningRate, or train fewer epochs.",
        );
      }
      return evaluation;
    },
  });
}

function largestMagnitude(...outputs: ArrayLike<number>[]): number {
  let largest = 0;
  for (const values of outputs) for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i]));
  return largest;
}

/**
 * Network outputs given to an exported bound's `evaluation`: a non-empty array of finite numbers.
 * An empty one or a NaN gave an estimate of NaN, null read null's length, and strings were
 * coerced to numbers. (The trainers call the bounds of bounds.ts, which judge a NaN as a divergence.)
 */
function checkOutputValues(values: unknown, what: string): void {
  if (!(Array.isArray(values) || ArrayBuffer.isView(values)) || (values as ArrayLike<unknown>).length === 0) {
    fail(`${what} must be a non-empty array of network outputs (numbers, one per sample), got ${describeValue(values)}.`);
  }
  const list = values as ArrayLike<unknown>;
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      fail(`${what}[${i}] is ${describeValue(v)}; network outputs must be finite numbers (a NaN or ±Infinity comes from a network that diverged).`);
    }
  }
}

export const DV: Bound = guarded(bounds.DV);
export const F_BOUND: Bound = guarded(bounds.F_BOUND);
export const INFO_NCE: Bound = guarded(bounds.INFO_NCE);

/** SMILE with clip τ (bounds.ts). */
export function smileBound(clip: number): Bound {
  // τ = 0, −1 or NaN made a bound clipped to nothing or to NaN, without a word (SMILETrainer checked its clip)
  checkPositive(clip, "smileBound(clip): clip (τ)");
  return guarded(bounds.smileBound(clip));
}

/** The DV bound on tensors of network outputs, as a scalar tensor. */
export function dvBound(tJoint: tf.Tensor, tRef: tf.Tensor): tf.Scalar {
  refuse();
  return bounds.dvBound(tJoint, tRef);
}

/** The f-divergence (MINE-f / NWJ) bound for KL: mean t(Z) − mean e^{t(Z') − 1}. */
export function fBound(tJoint: tf.Tensor, tRef: tf.Tensor): tf.Scalar {
  refuse();
  return bounds.fBound(tJoint, tRef);
}
