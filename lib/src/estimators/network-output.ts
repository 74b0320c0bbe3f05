import * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../data/checks";

/**
 * Refuses what a network's `forward` returned unless it is t, one number per sample: a tensor of
 * shape [rows, 1] or [rows]. A forward that forgot its `return` failed in TensorFlow.js ("Argument
 * 'x' passed to 'mean' must be a Tensor", "Cannot read properties of undefined (reading
 * 'dataSync')"), and one of two columns made `evaluate` return two numbers for each point.
 */
export function checkNetworkOutput(t: unknown, rows: number, what = "net.forward"): tf.Tensor {
  const expected = `one number per sample, a tensor of shape [${rows}, 1] (or [${rows}])`;
  if (!(t instanceof tf.Tensor)) {
    fail(`${what} must return t, ${expected}; got ${describeValue(t)}${t === undefined ? " (did forward forget to return its value?)" : ""}.`);
  }
  const oneColumn = (t.rank === 2 && t.shape[1] === 1) || t.rank === 1;
  if (!oneColumn || t.shape[0] !== rows) fail(`${what} must return t, ${expected}; got shape [${t.shape.join(", ")}].`);
  return t;
}

/** `net.forward(...inputs)`, checked to be t on the inputs' rows. */
export function tOf<T extends tf.Tensor>(net: { forward(...inputs: tf.Tensor2D[]): T }, ...inputs: tf.Tensor2D[]): T {
  return checkNetworkOutput(net.forward(...inputs), inputs[0]?.shape[0] ?? 0) as T;
}
