import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../data/checks";
import type { FusedNet, LossGradient, RowSource } from "../fast";
import { HeldAdam, rowsTensor } from "./held-weights";
import type { Net } from "./net";
import { recordedLoss } from "./loss-value";

/**
 * How `MovingAverageTrainer.stepWithLoss` trains the standard network on a loss it did not
 * write (chapter 5's test of a student's SmoothedMINETrainer.loss): one optimisation step per
 * minibatch, moved only by the gradient of what the loss returned, with parameters no other
 * code can reach.
 *
 * - `heldLossTraining`: the parameters in plain arrays (HeldAdam), written into the network's
 *   variables before each call; the gradient by TensorFlow.js through the loss and the network.
 * - `fusedLossTraining`: the parameters in a fused kernel of their own (FusedNet, as the
 *   library's trainers train); the network's outputs t on the joint and reference batch come
 *   from the kernel, the loss runs on TensorFlow.js with those outputs as its inputs, and the
 *   kernel back-propagates ∂loss/∂t. The same gradient by the chain rule, about eight times
 *   faster. It needs a loss that calls `this.net.forward` only on its own arguments, (x, y) and
 *   (xRef, yRef), as the exercise's loss does; `callsForwardOnItsArguments` checks that first.
 *   A step where the loss calls it on other tensors all the same is done again on TensorFlow.js
 *   (the kernel's parameters written into the network, the gradient applied in the kernel).
 */
export interface LossTraining {
  /** One step on the joint rows and the reference rows (rows of x, rows of y); returns the loss. */
  iterate(rows: ArrayLike<number>, refX: ArrayLike<number>, refY: ArrayLike<number>): number;
  /** The parameters [W1, b1, W2, b2, W3, b3] as they are now. */
  parameters(): Float32Array[];
}

/** The `this` a trained loss sees: the network's forward, β and the moving average m it updates. */
export interface LossView {
  readonly net: { forward(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D };
  readonly beta: number;
  m: number;
}

export type TrainedLoss = (this: LossView, x: tf.Tensor2D, y: tf.Tensor2D, xRef: tf.Tensor2D, yRef: tf.Tensor2D) => tf.Scalar;

/** A view whose `net.forward` is whatever `forward()` currently routes to. */
export function lossView(beta: number, m: number, forward: () => (x: tf.Tensor2D, y: tf.Tensor2D) => tf.Tensor2D): LossView {
  const net = Object.freeze({ forward: (x: tf.Tensor2D, y: tf.Tensor2D) => forward()(x, y) });
  return Object.seal(Object.defineProperties({ m }, { net: { value: net, enumerable: true }, beta: { value: beta, enumerable: true } })) as LossView;
}

interface Batch {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
  xRef: tf.Tensor2D;
  yRef: tf.Tensor2D;
}

function batchTensors(rowsX: RowSource, rowsY: RowSource, rows: ArrayLike<number>, refX: ArrayLike<number>, refY: ArrayLike<number>): Batch {
  return { x: rowsTensor(rowsX, rows), y: rowsTensor(rowsY, rows), xRef: rowsTensor(rowsX, refX), yRef: rowsTensor(rowsY, refY) };
}

type Route = (to: (x: tf.Tensor2D, y: tf.Tensor2D) => tf.Tensor2D) => void;

/**
 * A tensor of a copy of `values`: TensorFlow.js's cpu backend keeps the very array a tensor is made
 * of, and its `dataSync()` hands that array out, so a loss that read a variable or an output there
 * wrote the parameters this training holds (a cell can switch a kernel to that backend).
 */
function tensorOfCopy(values: Float32Array, shape: number[]): tf.Tensor {
  return tf.tensor(values.slice(), shape);
}

/** Sets the network's variables to `params` ([W1, b1, W2, b2, W3, b3], flat). */
export function assignParameters(net: Net, params: readonly Float32Array[]): void {
  tf.tidy(() => net.variables.forEach((v, i) => v.assign(tensorOfCopy(params[i], v.shape))));
}

/**
 * The loss on one batch and its gradient with respect to the network's variables, on
 * TensorFlow.js through the loss and the network, from the parameters `params`.
 */
function lossAndGradients(loss: TrainedLoss, view: LossView, net: Net, params: readonly Float32Array[], batch: Batch): { value: number; grads: (Float32Array | undefined)[] } {
  assignParameters(net, params);
  const variables = net.variables;
  return tf.tidy(() => {
    const result = tf.variableGrads(() => recordedLoss(() => loss.call(view, batch.x, batch.y, batch.xRef, batch.yRef), "stepWithLoss: loss"), variables);
    return {
      value: result.value.dataSync()[0],
      grads: variables.map((v) => (result.grads[v.name] === undefined ? undefined : Float32Array.from(result.grads[v.name].dataSync()))),
    };
  });
}

/** `batchTensors`' tensors for the duration of `use`. */
function withBatch<T>(rowsX: RowSource, rowsY: RowSource, rows: ArrayLike<number>, refX: ArrayLike<number>, refY: ArrayLike<number>, use: (batch: Batch) => T): T {
  const batch = batchTensors(rowsX, rowsY, rows, refX, refY);
  try {
    return use(batch);
  } finally {
    tf.dispose([batch.x, batch.y, batch.xRef, batch.yRef]);
  }
}

export function heldLossTraining(loss: TrainedLoss, view: LossView, route: Route, net: Net, initial: Float32Array[], rowsX: RowSource, rowsY: RowSource, learningRate: number): LossTraining {
  const adam = new HeldAdam(initial, learningRate);
  route((x, y) => net.forward(x, y));
  return {
    iterate(rows, refX, refY) {
      const { value, grads } = withBatch(rowsX, rowsY, rows, refX, refY, (batch) => lossAndGradients(loss, view, net, adam.params, batch));
      if (Number.isFinite(value)) adam.step(grads);
      return value;
    },
    parameters() {
      return adam.params;
    },
  };
}

/** Thrown from forward on the fused path when the loss calls it on tensors other than its arguments. */
const ON_OTHER_TENSORS = Symbol("forward on tensors other than the loss's arguments");

/**
 * Whether `loss` calls `this.net.forward` only on (x, y) and (xRef, yRef) as it receives them:
 * one call on two rows of each, with a view of its own (the trainer's m is not touched), the
 * network's outputs zero. A loss that throws here is left to the TensorFlow.js path, which
 * reports its error as it always did.
 */
export function callsForwardOnItsArguments(loss: TrainedLoss, beta: number, m: number, rowsX: RowSource, rowsY: RowSource): boolean {
  const first = [0, 1].filter((row) => row < rowsX.data.length / rowsX.cols);
  let onArguments = true;
  try {
    tf.tidy(() => {
      const { x, y, xRef, yRef } = batchTensors(rowsX, rowsY, first, first, first);
      const forward = (a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D => {
        if (!((a === x && b === y) || (a === xRef && b === yRef))) onArguments = false;
        return tf.zeros([first.length, 1]);
      };
      loss.call(lossView(beta, m, () => forward), x, y, xRef, yRef);
    });
  } catch {
    return false;
  }
  return onArguments;
}

/** `fused` holds the starting parameters already (it was made before the loss first ran). */
export function fusedLossTraining(loss: TrainedLoss, view: LossView, route: Route, fused: FusedNet, net: Net, rowsX: RowSource, rowsY: RowSource): LossTraining {
  let batch: Batch | undefined;
  let outputs: [tf.Tensor2D, tf.Tensor2D] | undefined;
  // set when the loss called forward on other tensors, even if it caught what forward threw
  let strayed = false;
  const onOutputs = (a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D => {
    if (batch === undefined || outputs === undefined) return fail("stepWithLoss: the network's forward is only available while the loss runs.");
    if (a === batch.x && b === batch.y) return outputs[0];
    if (a === batch.xRef && b === batch.yRef) return outputs[1];
    strayed = true;
    throw ON_OTHER_TENSORS;
  };
  /** The step again on TensorFlow.js, from the kernel's parameters, its gradient applied in the kernel. */
  const onTensorFlow = (current: Batch, m: number): number => {
    route((a, b) => net.forward(a, b));
    view.m = m;
    try {
      const { value, grads } = lossAndGradients(loss, view, net, fused.parameters(), current);
      if (Number.isFinite(value)) fused.applyGradients(grads);
      return value;
    } finally {
      route(onOutputs);
    }
  };
  route(onOutputs);
  const throughOutputs = (): LossGradient => (tJoint, tRef, gJoint, gRef) =>
    tf.tidy(() => {
      // the kernel's outputs are views of its memory, which holds the parameters and Adam's state
      const joint = tensorOfCopy(tJoint, [tJoint.length, 1]) as tf.Tensor2D;
      const reference = tensorOfCopy(tRef, [tRef.length, 1]) as tf.Tensor2D;
      const current = batch as Batch;
      outputs = [joint, reference];
      let result: { value: tf.Tensor; grads: (tf.Tensor | undefined)[] };
      try {
        // the engine's own call, which allows an output the loss does not use (no gradient)
        result = tf.engine().gradients(() => recordedLoss(() => loss.call(view, current.x, current.y, current.xRef, current.yRef), "stepWithLoss: loss"), [joint, reference], undefined, true);
      } catch (error) {
        if (strayed) throw ON_OTHER_TENSORS;
        throw error;
      } finally {
        outputs = undefined;
      }
      if (strayed) throw ON_OTHER_TENSORS;
      const { value, grads } = result;
      const [gradJoint, gradRef] = grads;
      if (gradJoint === undefined && gradRef === undefined) fail("stepWithLoss: the loss does not depend on the network's outputs (this.net.forward): nothing would train.");
      if (gradJoint === undefined) gJoint.fill(0);
      else gJoint.set(gradJoint.dataSync());
      if (gradRef === undefined) gRef.fill(0);
      else gRef.set(gradRef.dataSync());
      return value.dataSync()[0];
    });
  return {
    iterate(rows, refX, refY) {
      const m = view.m;
      return withBatch(rowsX, rowsY, rows, refX, refY, (tensors) => {
        batch = tensors;
        strayed = false;
        try {
          return fused.trainOn(
            { parts: [{ source: rowsX, index: rows }, { source: rowsY, index: rows }], count: rows.length },
            { parts: [{ source: rowsX, index: refX }, { source: rowsY, index: refY }], count: refX.length },
            throughOutputs(),
          );
        } catch (error) {
          if (error !== ON_OTHER_TENSORS) throw error;
          return onTensorFlow(tensors, m);
        } finally {
          batch = undefined;
        }
      });
    },
    parameters() {
      return fused.parameters();
    },
  };
}
