import * as tf from "@tensorflow/tfjs-core";
import { requireBackend } from "../backend";
import { offsetSeed, Rng, toRng } from "../random/rng";
import { checkSameRows, matrixToTensor, toMatrix, type Matrix, type Samples } from "../data/matrix";
import {
  checkBoolean,
  checkInteger,
  checkKnownOptions,
  checkNonNegativeInteger,
  checkOptionsObject,
  checkPositive,
  checkPositiveInteger,
  fail,
} from "../data/checks";
import type { Evaluation } from "./statistics";
import { canFuse, FusedNet, kernelStatus } from "../fast";
import { Net } from "./net";
import { callOnEpoch } from "./on-epoch";
import { recordedLoss } from "./loss-value";
import { checkColumnScales } from "./column-scale";
import { checkColumnsNearZero } from "./offset-columns";

export interface TrainerOptions {
  /** Minibatches per epoch: batch j takes every itersPerEpoch-th index of the epoch's permutation. */
  itersPerEpoch?: number;
  /** Adam's step size. */
  learningRate?: number;
  /** Seed of the trainer's generator (permutations, reference draws). */
  seed?: number;
  /**
   * Train with the fused WebAssembly kernel (forward, backward and Adam in one call) when the
   * network is the standard Net and the loss is the trainer's own; it computes the same as
   * the TensorFlow.js path, several times faster. Default true; the environment variable
   * NEURAL_MI_FUSED=0 turns it off everywhere.
   */
  fused?: boolean;
}

/** Adam's settings, shared by the TensorFlow.js optimizer and the fused kernel. */
export const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;

export interface TrainingHistory {
  /** The minibatch loss of every iteration. */
  loss: number[];
  /** The estimate on the trainer's own data after every epoch. */
  estimate: number[];
}

export interface TrainOptions {
  epochs: number;
  /** Called after each epoch with the epoch count so far and the estimate; may be async. */
  onEpoch?: (epoch: number, estimate: number) => void | Promise<void>;
}

export interface EstimateOnOptions {
  /** Generator or seed for reference draws (permutations or uniform samples); default seed 0. */
  rng?: Rng | number;
  /**
   * How many reference sets of the samples' size to draw and pool (default 1); more make
   * the log-mean-exp term, and so the estimate, less dependent on the draw.
   */
  referenceDraws?: number;
}

export const TRAINER_OPTION_NAMES: readonly string[] = ["itersPerEpoch", "learningRate", "seed", "fused"];

/**
 * The most reference rows one evaluation draws: 2^22, whose hidden activations in the default Net
 * take about 1.7 GB a layer. `estimateOn(x, y, { referenceDraws: 1e9 })` ran the process out of
 * memory (a fatal abort, not an error).
 */
export const MAX_REFERENCE_ROWS = 2 ** 22;

/** Refuses `rows` reference rows beyond MAX_REFERENCE_ROWS, naming the option that asked for them and its largest value. */
export function checkReferenceRows(rows: number, what: string, largest: number): void {
  if (rows > MAX_REFERENCE_ROWS) {
    fail(
      `${what} asks for ${rows.toPrecision(3)} reference rows in one evaluation, more than the ${MAX_REFERENCE_ROWS} this library ` +
        `holds (memory would run out); give at most ${Math.max(1, Math.floor(largest))}.`,
    );
  }
}

/**
 * Training left the range where the numbers mean anything: a loss or an estimate that is not
 * finite, or a trainer's own sign of divergence (MINE's moving average overflowing). Both
 * training paths throw it at the same point, with the cause and the fix in the message.
 */
export class TrainingDiverged extends Error {
  constructor(
    message: string,
    /** The epoch (1-based) and iteration at which it was detected. */
    readonly epoch: number,
    readonly iteration: number,
  ) {
    super(`neural-mi: ${message}`);
    this.name = "TrainingDiverged";
  }
}

/**
 * What every trainer shares: Adam over the network's variables, epochs of minibatches,
 * the history, `step`, `train` and `dispose`. Subclasses say how an epoch's batches are
 * drawn (`beginEpoch`), what a batch's loss is (`batchLoss`, which calls the overridable
 * `loss`) and how the estimate is computed.
 */
export abstract class Trainer {
  readonly itersPerEpoch: number;
  readonly learningRate: number;
  readonly seed: number;
  readonly history: TrainingHistory = { loss: [], estimate: [] };
  /** Epochs and iterations trained so far. */
  epoch = 0;
  iteration = 0;
  protected readonly rng: Rng;
  /** The generator of epochForDisplay's reference pairs, apart from training's. */
  private displayRng: Rng | undefined;
  /** Adam of the TensorFlow.js path, made at its first use (see `optimizer`). */
  private adam: tf.Optimizer | undefined;
  private readonly fusedAllowed: boolean;
  /** The fused kernels training the networks, once `step` has decided (null: the TensorFlow.js path). */
  private fusedNets: FusedNet[] | null | undefined;
  private disposed = false;
  /** Whether a `train` call is under way (its epochs yield to the event loop in between). */
  private training = false;
  /** Whether `train` itself is in one of its epochs (`step(1)`), which the refusal below lets through. */
  private trainStepping = false;

  /** @param optionNames every option the subclass accepts; others are refused as typos. */
  protected constructor(options: TrainerOptions | undefined, what: string, optionNames: readonly string[] = TRAINER_OPTION_NAMES) {
    requireBackend();
    checkKnownOptions(checkOptionsObject(options, `${what} options`), optionNames, `${what} options`);
    const { itersPerEpoch = 10, learningRate = 1e-3, seed = 0, fused = true } = checkOptionsObject(options, `${what} options`);
    this.fusedAllowed = checkBoolean(fused, `${what}: fused`) && process.env.NEURAL_MI_FUSED !== "0";
    this.itersPerEpoch = checkPositiveInteger(itersPerEpoch, `${what}: itersPerEpoch`);
    this.learningRate = checkPositive(learningRate, `${what}: learningRate`);
    this.seed = checkInteger(seed, `${what}: seed`);
    this.rng = new Rng(this.seed);
  }

  /**
   * Adam, made at its first use: made in the constructor, its two tensors stayed behind
   * whenever a subclass then refused its arguments (no trainer to dispose).
   */
  protected get optimizer(): tf.Optimizer {
    // ε = 1e-8 as in PyTorch's Adam (tfjs would otherwise use its float32 epsilon, 1e-7)
    this.adam ??= tf.train.adam(this.learningRate, ADAM.beta1, ADAM.beta2, ADAM.epsilon);
    return this.adam;
  }

  /**
   * A subclass constructor's checks that run after its tensors are made: one that fails frees
   * them before the error leaves, so a refused trainer leaves no tensor behind.
   */
  protected checkedAfterAllocation<T>(check: () => T): T {
    try {
      return check();
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  /** Whether training runs on the fused WebAssembly kernel (decided at the first `step`). */
  get usesFusedKernel(): boolean {
    return this.fusedPath() !== null;
  }

  /** Trains for `epochs` epochs (0 only evaluates) and returns the estimate on the trainer's own data. */
  step(epochs = 1): number {
    this.checkAlive();
    checkNonNegativeInteger(epochs, "step(epochs)");
    if (epochs === 0) return this.estimateOwnData(this.rng).estimate;
    this.checkNotTraining("step(epochs)");
    let estimate = NaN;
    for (let e = 0; e < epochs; e++) estimate = this.epochOnOwnData();
    return estimate;
  }

  /**
   * One epoch and its estimate on the trainer's own data, for estimateMI's `onEpoch`, which only
   * observes: the epoch is `trainEpochs(1)`'s, and the estimate draws its reference pairs from a
   * generator of its own and is not judged (estimateMI judges the network on held-out samples), so
   * that a run with a callback trains, stops and estimates exactly as one without. Not for other callers.
   * @internal
   */
  epochForDisplay(): number {
    this.checkAlive();
    this.trainEpochs(1);
    this.displayRng ??= new Rng(offsetSeed(this.seed, DISPLAY_SEED_OFFSET));
    const { estimate } = this.estimateOwnData(this.displayRng);
    this.history.estimate.push(estimate);
    return estimate;
  }

  private epochOnOwnData(): number {
    this.trainEpochs(1);
    const evaluation = this.estimateOwnData(this.rng);
    this.history.estimate.push(evaluation.estimate);
    this.checkTrainedEvaluation(evaluation);
    return evaluation.estimate;
  }

  /**
   * Refuses, as a divergence, an evaluation on the trainer's own data after an epoch that no
   * network could give sensibly: an estimate that is not finite, or outputs all equal on data that
   * vary (no hidden unit responds any more: a step too large killed them, so the gradient is 0,
   * training cannot recover, and the estimate is 0 whatever the dependence; `oneOutput` says so, by
   * default a standard error of 0). Every training path that returns an estimate (`step`,
   * `stepWithLoss`) checks through here.
   */
  protected checkTrainedEvaluation({ estimate, standardError }: Evaluation, oneOutput = standardError === 0): void {
    if (!Number.isFinite(estimate)) throw this.diverged(`the estimate became ${estimate} after epoch ${this.epoch}`);
    if (oneOutput && this.ownDataVary()) {
      throw this.diverged(
        `after epoch ${this.epoch} the network gives one and the same output on every sample, so its estimate, ` +
          `${estimate.toPrecision(3)}, says nothing about the dependence and no further step can change it`,
      );
    }
    if (estimate < -WORSE_THAN_CONSTANT && estimate + WORSE_THAN_CONSTANT_Z * standardError < 0) {
      throw this.diverged(
        `after epoch ${this.epoch} the estimate on the very samples trained on is ${estimate.toPrecision(4)} ± ${standardError.toPrecision(2)}, ` +
          `below the 0 a constant network gives by over ${WORSE_THAN_CONSTANT} nat, so the number bounds nothing: ${this.offCourse()}`,
        this.offCourseAdvice(),
      );
    }
  }

  /**
   * Trains `epochs` epochs without evaluating on the trainer's own data (so without adding
   * to history.estimate): for callers that evaluate elsewhere, as estimateMI does on its
   * held-out part.
   */
  trainEpochs(epochs: number): void {
    this.checkAlive();
    this.checkNotTraining("trainEpochs(epochs)");
    checkNonNegativeInteger(epochs, "trainEpochs(epochs)");
    const fused = this.fusedPath();
    // the network's variables are the truth between calls: read them, write them back after each epoch
    fused?.forEach((f) => f.pull());
    for (let e = 0; e < epochs; e++) {
      this.beginEpoch();
      try {
        for (let j = 0; j < this.itersPerEpoch; j++) this.trainIteration(j);
      } finally {
        fused?.forEach((f) => f.push());
      }
      this.epoch += 1;
    }
  }

  /** Like `step`, one epoch at a time, yielding to the event loop between epochs so live plots redraw. */
  async train(options: TrainOptions): Promise<number> {
    this.checkAlive();
    const given = checkOptionsObject(options, "train(options)");
    checkKnownOptions(given, ["epochs", "onEpoch"], "train(options)");
    const { epochs, onEpoch } = given;
    checkNonNegativeInteger(epochs, "train({ epochs })");
    if (onEpoch !== undefined && typeof onEpoch !== "function") fail("train({ onEpoch }) must be a function (epoch, estimate) => void.");
    // two trainings at once interleaved their epochs: each call trained and returned after epochs of the other
    if (this.training) {
      fail("train() is already running on this trainer; await it (await trainer.train(...)) before training again, or train a second trainer.");
    }
    // no epoch to train: the last epoch's estimate, or before any, step(0)'s (not NaN)
    if (epochs === 0) return this.history.estimate[this.history.estimate.length - 1] ?? this.step(0);
    this.training = true;
    try {
      let estimate = NaN;
      for (let e = 0; e < epochs; e++) {
        this.trainStepping = true;
        try {
          estimate = this.step(1);
        } finally {
          this.trainStepping = false;
        }
        if (onEpoch) {
          await callOnEpoch(onEpoch, this.epoch, estimate, "train({ onEpoch })", `the trainer keeps the ${this.epoch} epochs trained so far.`);
        }
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return estimate;
    } finally {
      this.training = false;
    }
  }

  /** Frees the optimizer's state and the trainer's copies of the data (not a network you passed in). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.adam?.dispose();
    this.disposeOwned();
  }

  /** The estimate and its standard error on other samples (for example held-out data). */
  abstract estimateOn(a: unknown, b: unknown, options?: EstimateOnOptions): Evaluation;

  /** Draws the epoch's permutations (or whatever the batches of this epoch need). */
  protected abstract beginEpoch(): void;

  /** The loss of minibatch j of the current epoch; usually gathers the batch and calls `loss`. */
  protected abstract batchLoss(j: number): tf.Scalar;

  /** The variables Adam updates. */
  protected abstract trainableVariables(): tf.Variable[];

  /** The estimate on all of the trainer's own data, with fresh reference draws from its generator. */
  /** The estimate on the trainer's own samples, any reference pairs drawn from `rng`. */
  protected abstract estimateOwnData(rng: Rng): Evaluation;

  /** Whether the trainer's own data hold two different rows (then outputs all equal mean a network that stopped responding). */
  protected ownDataVary(): boolean {
    return false;
  }

  /** Disposes the tensors the trainer owns. */
  protected abstract disposeOwned(): void;

  /**
   * Fused kernels for the trainer's networks when every one of them can be fused and the
   * loss is the trainer's own, else undefined (the default: no fused path).
   */
  protected createFusedNets(): FusedNet[] | undefined {
    return undefined;
  }

  /** Minibatch j on the fused kernels; returns the loss. Subclasses with `createFusedNets` implement it. */
  protected fusedIteration(_j: number, _nets: FusedNet[]): number {
    throw new Error("neural-mi: this trainer has no fused iteration.");
  }

  /**
   * A fused kernel for `net` when it may train it: the option is on, `net` is the standard
   * Net, the trainer's loss is its own (`ownLoss`) and the kernel loads; else undefined.
   */
  protected fusedNetFor(net: unknown, ownLoss: boolean): FusedNet | undefined {
    if (!this.fusedAllowed || !ownLoss || !canFuse(net, Net.prototype.forward) || !kernelStatus().available) return undefined;
    return new FusedNet(net, { learningRate: this.learningRate, ...ADAM });
  }

  private fusedPath(): FusedNet[] | null {
    if (this.fusedNets === undefined) this.fusedNets = this.createFusedNets() ?? null;
    return this.fusedNets;
  }

  /** One optimisation step on minibatch j: the only place where parameters change. */
  protected trainIteration(j: number): void {
    const fused = this.fusedPath();
    const value = fused === null ? this.tfjsIteration(j) : this.fusedIteration(j, fused);
    this.iteration += 1;
    this.history.loss.push(value);
    const reason = this.divergence() ?? (Number.isFinite(value) ? undefined : `the training loss became ${value}`);
    if (reason !== undefined) throw this.diverged(`${reason} at iteration ${this.iteration} (epoch ${this.epoch + 1})`);
  }

  /**
   * A sign, checked after every iteration on both training paths, that training has
   * diverged even though the loss is finite; undefined when there is none.
   */
  protected divergence(): string | undefined {
    return undefined;
  }

  /** Why a network ends up worse than a constant on the samples it trains on. */
  protected offCourse(): string {
    const samples = this.trainingSamples();
    const batch = samples === undefined ? undefined : Math.floor(samples / this.itersPerEpoch);
    return (
      "the steps threw the network off" +
      (batch !== undefined && batch < SMALL_BATCH
        ? ` (minibatches of ${batch} samples, ${samples} samples in ${this.itersPerEpoch} iterations per epoch, are mostly noise: give more samples or lower itersPerEpoch)`
        : "")
    );
  }

  /** The samples an epoch trains on (the minibatches split them into itersPerEpoch parts), when known. */
  protected trainingSamples(): number | undefined {
    return undefined;
  }

  /** What to do about a divergence of this trainer (the message's second half). */
  protected divergenceAdvice(): string {
    return (
      "Train fewer epochs (history.estimate holds the estimate of every epoch so far) or lower learningRate; " +
      "estimateMI(x, y) does both by itself: it keeps the best held-out point and restarts with a lower learning rate."
    );
  }

  /**
   * The network's outputs on a batch, as `outputsOf` gives them, refused as a divergence once
   * they pass LARGEST_OUTPUT: float32 outputs there are multiples of 2^−7 or coarser, so an
   * estimate made of them is rounding in its second decimal, and outputs that large are a network
   * that has run off (MI-NEE at learningRate 1 reached estimates of −10¹¹ nats on both paths).
   */
  protected networkOutputs(compute: () => tf.Tensor): Float32Array {
    return this.checkedOutputs(outputsOf(compute));
  }

  /**
   * `networkOutputs` of `rows` rows, EVALUATION_CHUNK_ROWS at a time: `compute(start, end)` gives the outputs of
   * rows start to end − 1.
   */
  protected chunkedOutputs(rows: number, compute: (start: number, end: number) => tf.Tensor): Float32Array {
    if (rows <= EVALUATION_CHUNK_ROWS) return this.networkOutputs(() => compute(0, rows));
    const values = new Float32Array(rows);
    for (let start = 0; start < rows; start += EVALUATION_CHUNK_ROWS) {
      const end = Math.min(rows, start + EVALUATION_CHUNK_ROWS);
      const chunk = outputsOf(() => compute(start, end));
      if (chunk.length !== end - start) fail(`the network gave ${chunk.length} outputs for ${end - start} rows.`);
      values.set(chunk, start);
    }
    return this.checkedOutputs(values);
  }

  private checkedOutputs(values: Float32Array): Float32Array {
    let largest = 0;
    for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i]));
    if (largest > LARGEST_OUTPUT) {
      throw this.diverged(
        `the network's outputs reach ${largest.toPrecision(3)} in magnitude (epoch ${this.epoch}), where float32 resolves only steps of ` +
          `${(2 ** (Math.floor(Math.log2(largest)) - 23)).toPrecision(2)}, so no estimate made of them means anything`,
      );
    }
    return values;
  }

  protected diverged(what: string, advice = this.divergenceAdvice()): TrainingDiverged {
    return new TrainingDiverged(`training diverged: ${what}. ${advice}`, this.epoch + 1, this.iteration);
  }

  /**
   * What to do about a network worse than a constant on its own samples: fewer epochs do not help
   * (it can happen in the first), smaller steps or larger minibatches do.
   */
  protected offCourseAdvice(): string {
    return (
      "Lower learningRate (steps too large throw the network off; history.estimate holds the estimate of every epoch so far), " +
      "or give each minibatch more samples (more samples, or a lower itersPerEpoch); estimateMI(x, y) restarts with a lower learning rate by itself."
    );
  }

  private tfjsIteration(j: number): number {
    const { value, grads } = this.lossAndGradients(j);
    try {
      const loss = value.dataSync()[0];
      // as on the fused kernel, a step whose loss is not finite is not taken: the network keeps its
      // last finite parameters for the caller of the divergence (Adam's step would make them all NaN)
      if (Number.isFinite(loss)) this.optimizer.applyGradients(grads);
      return loss;
    } finally {
      value.dispose();
      tf.dispose(Object.values(grads));
    }
  }

  private lossAndGradients(j: number): { value: tf.Scalar; grads: tf.NamedTensorMap } {
    let value: tf.Scalar | undefined;
    try {
      return tf.variableGrads(() => (value = recordedLoss(() => this.batchLoss(j), "loss(...)")), this.trainableVariables());
    } catch (error) {
      // a loss that did not reach the variables: TensorFlow.js refused it after the forward pass, keeping its value
      value?.dispose();
      // TensorFlow.js's words for it speak of minimize(), which the caller never called
      if (error instanceof Error && error.message.startsWith("Cannot find a connection between any variable and the result")) {
        fail(
          "the loss does not depend on any of the network's variables (net.variables), so nothing would train: " +
            "net.forward must compute t with the variables it lists (new Net() does), and a loss must use net.forward's outputs.",
        );
      }
      throw error;
    }
  }

  /**
   * Refuses training called while `train` runs, between its epochs (from an onEpoch callback, another cell, a timer): the
   * epochs interleaved with train's, which returned after more epochs than it was asked for, and its epochs were
   * numbered past them. Evaluation (`estimateOn`, `step(0)`) only reads the network and is let through.
   */
  protected checkNotTraining(what: string): void {
    if (this.training && !this.trainStepping) {
      fail(
        `${what} was called while train() runs on this trainer: its epochs would interleave with train's; ` +
          "await the train(...) promise first (await trainer.train(...)), or train a second trainer.",
      );
    }
  }

  protected checkAlive(): void {
    if (this.disposed) fail("this trainer was disposed; create a new one to keep training.");
    // TensorFlow.js said only "Tensor is disposed" or "Cannot read properties of undefined (reading 'backend')"
    if (this.trainableVariables().some((v) => v.isDisposed)) {
      fail(
        "the network this trainer trains was disposed (net.dispose() frees its weights); make a new Net and a new trainer, " +
          "and dispose the network only after the trainer is done with it.",
      );
    }
  }

  /** Splits a fresh permutation of 0…n−1 into itersPerEpoch strided batches: batch j = perm[j::itersPerEpoch]. */
  protected stridedBatches(n: number): Int32Array[] {
    return stridedBatches(this.rng.permutation(n), this.itersPerEpoch);
  }

  protected checkBatchesFit(rows: number, what: string): void {
    if (this.itersPerEpoch > rows) {
      fail(
        `itersPerEpoch = ${this.itersPerEpoch} is larger than the ${rows} samples of ${what}, so some minibatches ` +
          "would be empty; use itersPerEpoch ≤ the number of samples.",
      );
    }
  }
}

/**
 * The most rows a network is evaluated on at once. A held-out evaluation takes 10 reference pairs a held-out sample
 * (InfoNCE 31), millions of rows from a few hundred thousand samples, and their hidden activations, 32 floats a row
 * a layer, all at once passed WebAssembly's memory: InfoNCE on a million samples stopped with "memory access out of bounds".
 */
export const EVALUATION_CHUNK_ROWS = 2 ** 18;

/** The largest network output an estimate is made of: float32 steps up to 2^−7 ≈ 0.008 nats (see `networkOutputs`). */
export const LARGEST_OUTPUT = 2 ** 16;

/**
 * How far below 0 (in nats, and in standard errors) a bound evaluated on the trainer's own data may
 * fall before `step` reports a divergence. Every bound the trainers maximise is 0 for a constant
 * network and below the divergence it bounds, which is ≥ 0; a network at its initial weights gives
 * about 0, and training on these very samples raises the bound. So a value a nat below 0, and
 * clearly so, is a network the steps threw off: MI-NEE at learningRate 1 returned −1503 nats from
 * step(1), and at 0.3 +24 nats (two of its divergences at −134 and −150, subtracted) for 0.51.
 */
export const WORSE_THAN_CONSTANT = 1;

/**
 * Whether outputs are one value to float32's resolution (a few units in the last place): a network
 * whose ELUs all saturate at −1 gives exactly one output in float32, but computed in float64 (as
 * `stepWithLoss` evaluates) the saturated units still differ by e^z ≈ 1e−8, so its standard error
 * is tiny, not 0 (an estimate of 9e−12 was returned from such a network).
 */
export function oneOutputToFloat32(...outputs: ArrayLike<number>[]): boolean {
  let [low, high] = [Infinity, -Infinity];
  for (const values of outputs) {
    for (let i = 0; i < values.length; i++) {
      low = Math.min(low, values[i]);
      high = Math.max(high, values[i]);
    }
  }
  return high - low <= 8 * 2 ** -23 * Math.max(1, Math.abs(low), Math.abs(high));
}
const WORSE_THAN_CONSTANT_Z = 4;
/** epochForDisplay's generator: the trainer's seed offset by this, so that it never meets training's draws. */
const DISPLAY_SEED_OFFSET = 7919;
/** Minibatches smaller than this are named when the network ends up worse than a constant. */
const SMALL_BATCH = 10;

export function stridedBatches(permutation: readonly number[], count: number): Int32Array[] {
  return Array.from({ length: count }, (_, j) => {
    const batch = new Int32Array(Math.ceil((permutation.length - j) / count));
    for (let k = 0, i = j; i < permutation.length; k++, i += count) batch[k] = permutation[i];
    return batch;
  });
}

export function gatherRows(data: tf.Tensor2D, rows: Int32Array | number[]): tf.Tensor2D {
  return tf.tidy(() => tf.gather(data, tf.tensor1d(rows, "int32")));
}

/** Network outputs as a flat array of numbers, freeing the tensor. */
export function outputsOf(compute: () => tf.Tensor): Float32Array {
  const t = tf.tidy(compute);
  const values = Float32Array.from(t.dataSync() as Float32Array);
  t.dispose();
  return values;
}

/**
 * `estimateOn(x, y, options)` for trainers of (X, Y) pairs: checks the samples (against the
 * columns of the trainer's own x and y, `trained`) and the options, hands `evaluate` the
 * samples as tensors and the reference generator, and frees the tensors afterwards.
 */
export function evaluatePairs(
  x: Samples,
  y: Samples,
  options: EstimateOnOptions,
  trained: { x: number; y: number; referencesPerSample?: number },
  evaluate: (x: tf.Tensor2D, y: tf.Tensor2D, rng: Rng, referenceDraws: number) => Evaluation,
): Evaluation {
  checkKnownOptions(checkOptionsObject(options, "estimateOn(x, y, options)"), ["rng", "referenceDraws"], "estimateOn(x, y, options)");
  const { rng = 0, referenceDraws = 1 } = options;
  checkPositiveInteger(referenceDraws, "estimateOn(x, y, { referenceDraws })");
  const xm = toMatrix(x, "estimateOn(x, y): x");
  const ym = toMatrix(y, "estimateOn(x, y): y");
  checkSameRows(xm, "x", ym, "y");
  checkTwoSamples(xm.rows, "estimateOn(x, y)");
  const perDraw = Math.max(1, Math.round((trained.referencesPerSample ?? 1) * xm.rows));
  checkReferenceRows(referenceDraws * perDraw, "estimateOn(x, y, { referenceDraws })", MAX_REFERENCE_ROWS / perDraw);
  checkTrainedColumns(xm.cols, trained.x, "estimateOn(x, y): x", "x");
  checkTrainedColumns(ym.cols, trained.y, "estimateOn(x, y): y", "y");
  checkSamplesAsTrained(xm, "x", "estimateOn(x, y)");
  checkSamplesAsTrained(ym, "y", "estimateOn(x, y)");
  const generator = toRng(rng, "estimateOn(x, y, { rng })");
  const xt = matrixToTensor(xm);
  const yt = matrixToTensor(ym);
  try {
    return evaluate(xt, yt, generator, referenceDraws);
  } finally {
    xt.dispose();
    yt.dispose();
  }
}

/**
 * Refuses samples whose column count differs from the training data's: the network's own
 * complaint (an inputSize to change) would point at the network, which is right, not at the samples.
 */
export function checkTrainedColumns(given: number, trained: number, what: string, name: string): void {
  if (given !== trained) {
    fail(
      `${what} has ${given} column${given === 1 ? "" : "s"} but the trainer was trained on ${name} of ${trained}; ` +
        `give samples of the same variables as in training, one row per sample with ${trained} column${trained === 1 ? "" : "s"}.`,
    );
  }
}

/**
 * Refuses a single sample: its estimate is 0 or any number with a standard error of 0 (the
 * variance of one value), and a permutation of one row is the row itself, so joint and
 * reference are the same pair.
 */
export function checkTwoSamples(rows: number, what: string): void {
  if (rows < 2) fail(`${what} got ${rows} sample; an estimate and its standard error need at least 2 (many more for a useful one).`);
}

/**
 * The trainers' checks of offset and scale (offset-columns.ts, column-scale.ts), on the samples a
 * trainer is given and on samples to evaluate: the network was trained on columns that pass them,
 * so on columns that do not (x + 1e6 gave an estimate of 0.000 with MINE, x·1e30 a "training
 * diverged") its outputs mean nothing.
 */
export function checkSamplesAsTrained(m: Matrix, name: string, what: string): void {
  checkColumnsNearZero(m, name, what);
  checkColumnScales(m, name, what);
}

/** Whether some column of the rows takes two different values. */
export function rowsVary(rows: { readonly data: ArrayLike<number>; readonly cols: number }): boolean {
  for (let i = rows.cols; i < rows.data.length; i++) if (rows.data[i] !== rows.data[i % rows.cols]) return true;
  return false;
}
