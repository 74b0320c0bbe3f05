import * as tf from "@tensorflow/tfjs-core";
import { requireBackend } from "../backend";
import { fail } from "../data/checks";

/**
 * The Donsker–Varadhan bound: mean t(Z) − log mean e^{t(Z')}
 * = mean t − (logsumexp t' − log n'), computed stably with logsumexp.
 */
export function dvBound(tJoint: tf.Tensor, tRef: tf.Tensor): tf.Scalar {
  requireBackend();
  checkOutputs(tJoint, tRef, "dvBound");
  return tf.tidy(() => {
    const reference = tf.reshape(tRef, [-1]);
    const logMeanExp = tf.sub(tf.logSumExp(reference), Math.log(reference.size));
    return tf.sub(tf.mean(tJoint), logMeanExp) as tf.Scalar;
  });
}

/** The f-divergence (MINE-f / NWJ) bound for KL: mean t(Z) − mean e^{t(Z') − 1}. */
export function fBound(tJoint: tf.Tensor, tRef: tf.Tensor): tf.Scalar {
  requireBackend();
  checkOutputs(tJoint, tRef, "fBound");
  return tf.tidy(() => tf.sub(tf.mean(tJoint), tf.mean(tf.exp(tf.sub(tRef, 1)))) as tf.Scalar);
}

function checkOutputs(tJoint: unknown, tRef: unknown, what: string): void {
  for (const [name, t] of [["tJoint", tJoint], ["tRef", tRef]] as const) {
    if (!(t instanceof tf.Tensor)) fail(`${what}(tJoint, tRef): ${name} must be a tensor of network outputs.`);
    if (t.isDisposed) fail(`${what}(tJoint, tRef): ${name} was already disposed.`);
    if (t.size === 0) fail(`${what}(tJoint, tRef): ${name} is empty; it needs at least one network output.`);
  }
}
