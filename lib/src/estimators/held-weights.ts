import * as tf from "@tensorflow/tfjs-core";
import type { RowSource } from "../fast";
import { refuseWhileTested } from "./reference-guard";
import { ADAM } from "./trainer";

/**
 * Training whose parameters no other code can change: the standard network's parameters and
 * Adam's state as plain arrays of one training's own (`MovingAverageTrainer.stepWithLoss`, which
 * chapter 5's test trains a student's loss with). A loss computed on TensorFlow.js can write
 * the network's variables or TensorFlow.js's memory; these arrays it cannot reach, and they
 * move only by the gradients handed to `HeldAdam.step`.
 */

/** Adam, as TensorFlow.js's optimizer with the library's settings (`ADAM`), on parameters held in plain arrays. */
export class HeldAdam {
  private steps = 0;
  private readonly first: Float64Array[];
  private readonly second: Float64Array[];

  constructor(
    readonly params: Float32Array[],
    private readonly learningRate: number,
  ) {
    this.first = params.map((p) => new Float64Array(p.length));
    this.second = params.map((p) => new Float64Array(p.length));
  }

  /** One step with a gradient per parameter array (undefined: zero, a parameter the loss does not use). */
  step(grads: readonly (ArrayLike<number> | undefined)[]): void {
    this.steps += 1;
    const { beta1, beta2, epsilon } = ADAM;
    const firstCorrection = 1 - beta1 ** this.steps;
    const secondCorrection = 1 - beta2 ** this.steps;
    this.params.forEach((param, i) => {
      const grad = grads[i];
      const m = this.first[i];
      const v = this.second[i];
      for (let k = 0; k < param.length; k++) {
        const g = grad === undefined ? 0 : grad[k];
        m[k] = beta1 * m[k] + (1 - beta1) * g;
        v[k] = beta2 * v[k] + (1 - beta2) * g * g;
        param[k] -= (this.learningRate * (m[k] / firstCorrection)) / (Math.sqrt(v[k] / secondCorrection) + epsilon);
      }
    });
  }
}

/** The rows `index` of `source`, as a [rows, columns] tensor. */
export function rowsTensor(source: RowSource, index: ArrayLike<number>): tf.Tensor2D {
  const values = new Float32Array(index.length * source.cols);
  for (let k = 0; k < index.length; k++) values.set(source.data.subarray(index[k] * source.cols, (index[k] + 1) * source.cols), k * source.cols);
  return tf.tensor2d(values, [index.length, source.cols]);
}

const elu = (z: number) => (z >= 0 ? z : Math.expm1(z));

/**
 * t of the library's standard Net (fc1, ELU, fc2, ELU, fc3) on the pairs (x row `indexX[k]`,
 * y row `indexY[k]`), from its parameters [W1, b1, W2, b2, W3, b3] (weights row-major
 * [inputs, outputs]) in plain JavaScript: no TensorFlow.js state enters the result.
 */
export function standardNetOutputs(params: readonly Float32Array[], x: RowSource, y: RowSource, indexX: ArrayLike<number>, indexY: ArrayLike<number>): Float32Array {
  // the standard network's forward pass, which a test's guard may be refusing
  refuseWhileTested("Net.forward");
  const [w1, b1, w2, b2, w3, b3] = params;
  const hidden = b1.length;
  const input = new Float64Array(x.cols + y.cols);
  const a1 = new Float64Array(hidden);
  const a2 = new Float64Array(hidden);
  /** a · W + b through ELU, W row-major [a.length, hidden]. */
  const layer = (a: Float64Array, w: Float32Array, b: Float32Array, into: Float64Array) => {
    into.set(b);
    for (let i = 0; i < a.length; i++) {
      const ai = a[i];
      const row = i * hidden;
      for (let j = 0; j < hidden; j++) into[j] += ai * w[row + j];
    }
    for (let j = 0; j < hidden; j++) into[j] = elu(into[j]);
  };
  const out = new Float32Array(indexX.length);
  for (let k = 0; k < indexX.length; k++) {
    for (let c = 0; c < x.cols; c++) input[c] = x.data[indexX[k] * x.cols + c];
    for (let c = 0; c < y.cols; c++) input[x.cols + c] = y.data[indexY[k] * y.cols + c];
    layer(input, w1, b1, a1);
    layer(a1, w2, b2, a2);
    let t = b3[0];
    for (let i = 0; i < hidden; i++) t += a2[i] * w3[i];
    out[k] = t;
  }
  return out;
}
