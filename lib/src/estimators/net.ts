import * as tf from "@tensorflow/tfjs-core";
import { requireBackend } from "../backend";
import { Rng } from "../random/rng";
import { checkFinite, checkInteger, checkKnownOptions, checkOptionsObject, checkPositiveInteger, describeValue, fail } from "../data/checks";
import { toMatrix, matrixToTensor } from "../data/matrix";
import { refuseWhileTested } from "./reference-guard";
import { checkNetworkOutput } from "./network-output";

/** A fully connected layer x·W + b with W of shape [in, out] drawn from N(0, σ²) and b = 0. */
export class Dense {
  readonly weight: tf.Variable<tf.Rank.R2>;
  readonly bias: tf.Variable<tf.Rank.R1>;

  constructor(inputSize: number, outputSize: number, sigma: number, rng: Rng) {
    requireBackend();
    checkPositiveInteger(inputSize, "new Dense(inputSize, outputSize, sigma, rng): inputSize");
    checkPositiveInteger(outputSize, "new Dense(inputSize, outputSize, sigma, rng): outputSize");
    if (checkFinite(sigma, "new Dense(inputSize, outputSize, sigma, rng): sigma") < 0) {
      fail(`new Dense(inputSize, outputSize, sigma, rng): sigma must be ≥ 0 (a standard deviation), got ${sigma}.`);
    }
    if (!(rng instanceof Rng)) fail("new Dense(inputSize, outputSize, sigma, rng): rng must be an Rng, e.g. new Rng(0).");
    this.weight = variableFrom(tf.tensor2d(drawWeights(inputSize * outputSize, sigma, rng), [inputSize, outputSize]));
    this.bias = variableFrom(tf.zeros([outputSize]));
  }

  get inputSize(): number {
    return this.weight.shape[0];
  }

  get outputSize(): number {
    return this.weight.shape[1];
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    checkLayerAlive(this, "Dense.apply");
    checkInputAlive(x, "Dense.apply(x): x");
    if (!(x instanceof tf.Tensor) || x.rank !== 2 || x.shape[1] !== this.inputSize) {
      const got = x instanceof tf.Tensor ? `shape [${x.shape.join(", ")}]` : describeValue(x);
      fail(`Dense.apply(x): x must be a 2-D tensor of ${this.inputSize} columns (the layer's inputSize), one row per sample; got ${got}.`);
    }
    return tf.tidy(() => tf.add(tf.matMul(x, this.weight), this.bias));
  }

  dispose(): void {
    this.weight.dispose();
    this.bias.dispose();
  }
}

/**
 * Refuses a layer whose weights were disposed (`net.dispose()` frees its layers): TensorFlow.js
 * said only "Cannot read properties of undefined (reading 'backend')".
 */
function checkLayerAlive(layer: Dense, what: string): void {
  if (layer.weight.isDisposed || layer.bias.isDisposed) {
    fail(`${what}: this network was disposed (dispose() frees its weights); make a new Net, and dispose a network only when done with it.`);
  }
}

/**
 * Refuses an input tensor that was disposed (kept after `tf.tidy` or `dispose()`): TensorFlow.js said
 * only "Cannot read properties of undefined (reading 'backend')".
 */
function checkInputAlive(input: unknown, what: string): void {
  if (input instanceof tf.Tensor && input.isDisposed) {
    fail(`${what} is a disposed tensor; pass a live one (make it again, or keep it out of tf.tidy and dispose() until done).`);
  }
}

/** `count` weights N(0, σ²) from `rng`, rounded to float32 as a variable holds them. */
function drawWeights(count: number, sigma: number, rng: Rng): Float32Array {
  return Float32Array.from(rng.normals(count), (z) => sigma * z);
}

/** A trainable variable holding `initial`, which is disposed (the variable keeps its own reference). */
function variableFrom<R extends tf.Rank>(initial: tf.Tensor<R>): tf.Variable<R> {
  const variable = tf.variable(initial);
  initial.dispose();
  return variable;
}

/**
 * A network's parameters as plain numbers: its sizes, and its variables' values in their order
 * (fc1.weight row by row, fc1.bias, fc2.weight, fc2.bias, fc3.weight, fc3.bias).
 */
export interface NetWeights {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly values: readonly ArrayLike<number>[];
}

/** The checked options of a network: sizes, σ and seed, with the course's defaults. */
function netSettings(given: NetOptions, context: string): Required<NetOptions> {
  const options = checkOptionsObject(given, context);
  checkKnownOptions(options, ["inputSize", "hiddenSize", "sigma", "seed"], context);
  const { inputSize = 2, hiddenSize = 100, sigma = 0.02, seed = 0 } = options;
  const name = context.replace(/\(options\)$/, "");
  checkPositiveInteger(inputSize, `${name}({ inputSize })`);
  checkPositiveInteger(hiddenSize, `${name}({ hiddenSize })`);
  checkNetworkSize(inputSize, hiddenSize, `${name}({ hiddenSize })`);
  if (sigma !== "fan-in") {
    checkFinite(sigma, `${name}({ sigma })`);
    if (sigma < 0) fail(`${name}({ sigma }) must be ≥ 0 (a standard deviation) or "fan-in", got ${sigma}.`);
  }
  return { inputSize, hiddenSize, sigma, seed: checkInteger(seed, `${name}({ seed })`) };
}

/** The most weights a network may have: 2^24 float32 values (64 MB, and Adam keeps two more of each). */
export const MAX_NETWORK_WEIGHTS = 2 ** 24;

/**
 * Refuses a network too large to hold: hiddenSize 10⁹ ran the process out of memory (a fatal
 * abort, not an error), where a clear refusal costs nothing.
 */
export function checkNetworkSize(inputSize: number, hiddenSize: number, what: string): void {
  const weights = hiddenSize * hiddenSize + (inputSize + 3) * hiddenSize + 1;
  if (weights > MAX_NETWORK_WEIGHTS) {
    const largest = Math.floor((-(inputSize + 3) + Math.sqrt((inputSize + 3) ** 2 + 4 * (MAX_NETWORK_WEIGHTS - 1))) / 2);
    fail(
      `${what} = ${hiddenSize} makes a network of about ${weights.toPrecision(3)} weights, more than the ${MAX_NETWORK_WEIGHTS} this library ` +
        `holds (memory would run out); give at most ${largest} (32 to 512 hidden units suit most data).`,
    );
  }
}

/** The standard deviation of a layer's weights with `inputs` inputs. */
function layerSigma(sigma: number | "fan-in", inputs: number): number {
  return sigma === "fan-in" ? 1 / Math.sqrt(inputs) : sigma;
}

/**
 * The weights `new Net(options)` starts with, drawn as the network draws them but never put on
 * TensorFlow.js: a test's reference made from them shares no memory with the code it checks.
 */
export function initialNetWeights(options: NetOptions = {}): NetWeights {
  const { inputSize, hiddenSize, sigma, seed } = netSettings(options, "initialNetWeights(options)");
  const rng = new Rng(seed);
  const values: Float32Array[] = [];
  for (const [inputs, outputs] of [[inputSize, hiddenSize], [hiddenSize, hiddenSize], [hiddenSize, 1]]) {
    values.push(drawWeights(inputs * outputs, layerSigma(sigma, inputs), rng), new Float32Array(outputs));
  }
  return { inputSize, hiddenSize, values };
}

export interface NetOptions {
  inputSize?: number;
  hiddenSize?: number;
  /**
   * The weights' standard deviation: a number for every layer (default 0.02, the course's), or
   * "fan-in" for 1/√(inputs of the layer), which keeps t and its gradients of order one at the start.
   */
  sigma?: number | "fan-in";
  seed?: number;
}

/**
 * The statistics network's parameters without a forward pass of its own: the layers
 * fc1 (inputSize → hiddenSize), fc2 (hiddenSize → hiddenSize) and fc3 (hiddenSize → 1),
 * weights N(0, σ²) from Rng(seed) (σ = 0.02 unless `sigma` says otherwise), biases 0.
 * A subclass writes `forward` (chapter 5's
 * MINENet); `Net` is the library's.
 */
export abstract class NetLayers {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly sigma: number | "fan-in";
  readonly seed: number;
  readonly fc1: Dense;
  readonly fc2: Dense;
  readonly fc3: Dense;

  constructor(options: NetOptions = {}) {
    requireBackend();
    const { inputSize, hiddenSize, sigma, seed } = netSettings(options, "new Net(options)");
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.sigma = sigma;
    this.seed = seed;
    const rng = new Rng(seed);
    this.fc1 = new Dense(inputSize, hiddenSize, layerSigma(sigma, inputSize), rng);
    this.fc2 = new Dense(hiddenSize, hiddenSize, layerSigma(sigma, hiddenSize), rng);
    this.fc3 = new Dense(hiddenSize, 1, layerSigma(sigma, hiddenSize), rng);
  }

  /** t on a batch, output [n, 1]. */
  abstract forward(...inputs: tf.Tensor2D[]): tf.Tensor2D;

  /** The trainable variables: fc1.weight, fc1.bias, fc2.weight, fc2.bias, fc3.weight, fc3.bias. */
  get variables(): tf.Variable[] {
    return [this.fc1, this.fc2, this.fc3].flatMap((layer) => [layer.weight, layer.bias]);
  }

  /**
   * t at each point (rows of `points`), as plain numbers. When `forward` is overridden with
   * k ≥ 2 parameters (say `forward(x, y)`), the columns are split into k equal parts, or as
   * `split` gives (column counts per argument).
   */
  evaluate(points: number[][] | tf.Tensor2D, split?: number[]): number[] {
    requireBackend();
    for (const layer of [this.fc1, this.fc2, this.fc3]) checkLayerAlive(layer, "evaluate(points)");
    const matrix = toMatrix(points, "evaluate(points)");
    // one point given flat, evaluate([1, 2]), read as two samples of one column: the error said to make a Net of inputSize 1
    const flat = Array.isArray(points) ? !points.some((row) => Array.isArray(row) || ArrayBuffer.isView(row)) : ArrayBuffer.isView(points);
    if (flat && matrix.cols !== this.inputSize && matrix.rows % this.inputSize === 0) {
      fail(
        `evaluate(points): points is flat, ${matrix.rows} values read as ${matrix.rows} samples of one column, but the net takes ${this.inputSize} ` +
          `columns; give rows of ${this.inputSize} coordinates, e.g. evaluate([[${Array.from({ length: Math.min(this.inputSize, 3) }, (_, k) => k + 1).join(", ")}${this.inputSize > 3 ? ", …" : ""}]]) for one point.`,
      );
    }
    if (split !== undefined && !Array.isArray(split)) fail(`evaluate(points, split): split must be an array of column counts, one per input of forward, e.g. [1, 1]; got ${describeValue(split)}.`);
    const parts = split ?? defaultSplit(matrix.cols, this.forward.length);
    if (parts.reduce((a, b) => a + b, 0) !== matrix.cols || parts.some((p) => !Number.isInteger(p) || p < 1)) {
      fail(`evaluate(points, split): split [${parts.join(", ")}] must be positive column counts adding up to the points' ${matrix.cols} columns.`);
    }
    const values = tf.tidy(() => {
      const all = matrixToTensor(matrix);
      const inputs = parts.length === 1 ? [all] : (tf.split(all, parts, 1) as tf.Tensor2D[]);
      return Array.from(checkNetworkOutput(this.forward(...inputs), matrix.rows, "evaluate(points): forward").dataSync());
    });
    const row = values.findIndex((v) => !Number.isFinite(v));
    if (row >= 0) fail(`evaluate(points): t at row ${row} is ${values[row]}: ${this.whyNotFinite()}`);
    return values;
  }

  /** Why the network gave a non-finite output: weights that are not finite, or finite ones too large for float32 on these points. */
  private whyNotFinite(): string {
    const layer = this.variables.findIndex((v) => tf.tidy(() => tf.any(tf.logicalNot(tf.isFinite(v))).dataSync()[0] === 1));
    if (layer >= 0) {
      return (
        `the network's variable ${layer} (${["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"][layer]}) holds values that are not finite, ` +
        "as training that diverged leaves them; make a new Net (and train with a lower learningRate)."
      );
    }
    return `the weights (sigma = ${this.sigma}) and the points together pass float32's range (about 3.4e38); use a smaller sigma or points of order one.`;
  }

  dispose(): void {
    this.fc1.dispose();
    this.fc2.dispose();
    this.fc3.dispose();
  }

  /** Concatenates the inputs, checking that they make `inputSize` columns. */
  protected joinInputs(inputs: tf.Tensor2D[]): tf.Tensor2D {
    if (inputs.length === 0) fail("Net.forward needs at least one input tensor.");
    for (const [k, input] of inputs.entries()) {
      checkInputAlive(input, `Net.forward: input ${k}`);
      if (!(input instanceof tf.Tensor) || input.rank !== 2) {
        const rows = Array.isArray(input) ? "; for rows of numbers use evaluate(points), or tf.tensor2d(rows)" : "";
        fail(`Net.forward: input ${k} must be a 2-D tensor [samples, columns]${input instanceof tf.Tensor ? `, got shape [${input.shape.join(", ")}]` : `, got ${describeValue(input)}${rows}`}.`);
      }
    }
    const columns = inputs.reduce((sum, input) => sum + input.shape[1], 0);
    if (columns !== this.inputSize) {
      fail(
        `Net.forward got ${columns} input columns but the net was made for inputSize = ${this.inputSize}; ` +
          `create it with new Net({ inputSize: ${columns} }).`,
      );
    }
    const rows = inputs[0].shape[0];
    if (inputs.some((input) => input.shape[0] !== rows)) {
      fail(`Net.forward: inputs have different numbers of rows (${inputs.map((i) => i.shape[0]).join(", ")}); pair them row by row.`);
    }
    return inputs.length === 1 ? inputs[0] : tf.concat(inputs, 1);
  }
}

/**
 * The statistics network t: inputs concatenated on the last axis, two hidden ELU layers,
 * one linear output. Subclasses may override `forward` (for example `forward(x, y)`).
 */
export class Net extends NetLayers {
  /** t on a batch: the inputs' columns side by side (total inputSize), output [n, 1]. */
  forward(...inputs: tf.Tensor2D[]): tf.Tensor2D {
    refuseWhileTested("Net.forward");
    return tf.tidy(() => {
      const z = this.joinInputs(inputs);
      const a1 = tf.elu(this.fc1.apply(z));
      const a2 = tf.elu(this.fc2.apply(a1));
      return this.fc3.apply(a2);
    });
  }
}

function defaultSplit(columns: number, declaredParameters: number): number[] {
  if (declaredParameters < 2) return [columns];
  if (columns % declaredParameters !== 0) {
    fail(
      `evaluate(points): forward takes ${declaredParameters} inputs but the points have ${columns} columns; ` +
        "pass split, the number of columns for each input, e.g. evaluate(points, [1, 1]).",
    );
  }
  return new Array<number>(declaredParameters).fill(columns / declaredParameters);
}
