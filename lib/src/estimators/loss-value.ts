import * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../data/checks";

/**
 * Runs a loss while TensorFlow.js records it for the gradient, checking what it returns. When the
 * loss throws, or returns no scalar, the tensors the recording kept for the backward pass are
 * freed: TensorFlow.js keeps copies of them until that pass, which then never runs, so every
 * failed call left its minibatch's activations behind.
 */
export function recordedLoss(compute: () => unknown, what: string): tf.Scalar {
  try {
    return checkLossValue(compute(), what);
  } catch (error) {
    const tape = (tf.engine().state as { activeTape?: { saved?: tf.Tensor[] }[] | null }).activeTape;
    tape?.forEach((node) => node.saved?.forEach((t) => t.dispose()));
    throw error;
  }
}

/**
 * The value a `loss` returned, if it is a tf.Scalar. Anything else used to reach TensorFlow.js, which said "The f passed
 * in variableGrads(f) must return a scalar" or "The result y returned by f() must be a tensor",
 * naming neither the loss nor the fix. Called inside the gradient's scope, so the tensors the
 * loss made are freed when it throws.
 */
export function checkLossValue(value: unknown, what: string): tf.Scalar {
  if (!(value instanceof tf.Tensor)) {
    const hint =
      typeof value === "number"
        ? " (a plain number: TensorFlow.js cannot differentiate it; compute the loss with tf operations on the network's outputs)"
        : value === undefined
          ? " (did the method forget to return its value?)"
          : "";
    fail(`${what} must return a tf.Scalar, the minibatch's loss, got ${describeValue(value)}${hint}.`);
  }
  if (value.rank === 0) return value as tf.Scalar;
  return fail(
    `${what} must return a tf.Scalar, one number for the minibatch, got a tensor of shape [${value.shape.join(", ")}]; ` +
      (value.size === 1 ? "take its one entry with tf.squeeze(...)." : "average it over the samples, with tf.mean(...)."),
  );
}
