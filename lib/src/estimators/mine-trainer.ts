import * as tf from "@tensorflow/tfjs-core";
import { Rng } from "../random/rng";
import { checkInRange, checkKnownOptions, checkNonNegativeInteger, checkOptionsObject, checkPositive, checkPositiveInteger, fail } from "../data/checks";
import { checkSameRows, matrixToTensor, toMatrix, type Samples } from "../data/matrix";
import { DV, F_BOUND, INFO_NCE, smileBound, type Bound } from "./bounds";
import { standardNetOutputs } from "./held-weights";
import { assignParameters, callsForwardOnItsArguments, fusedLossTraining, heldLossTraining, lossView, type LossView, type TrainedLoss } from "./loss-training";
import { Net, NetLayers } from "./net";
import { refuseWhileTested, withoutReference } from "./reference-guard";
import type { ReferenceImplementation } from "./reference-guard";
import { tOf } from "./network-output";
import type { Evaluation } from "./statistics";
import { checkSamplesAsTrained, checkTwoSamples, evaluatePairs, gatherRows, rowsVary, oneOutputToFloat32, Trainer, TRAINER_OPTION_NAMES, type EstimateOnOptions, type TrainerOptions } from "./trainer";
import type { FusedNet, LossGradient, RowSource } from "../fast";

/** The part of a network a trainer needs: t(x, y) and the variables to train. */
export interface StatisticsNetwork {
  forward(...inputs: tf.Tensor2D[]): tf.Tensor2D;
  readonly variables: tf.Variable[];
}

/**
 * Trainers of t(x, y) against the product of marginals, approximated by resampling: each
 * epoch draws one permutation for the joint batches and independent permutations of X and
 * of Y for the reference batches.
 */
export abstract class ResamplingTrainer extends Trainer {
  readonly net: StatisticsNetwork;
  /** Number of samples n. */
  readonly n: number;
  protected readonly x: tf.Tensor2D;
  protected readonly y: tf.Tensor2D;
  /** x and y as float32 rows, for the fused kernel. */
  protected readonly rowsX: RowSource;
  protected readonly rowsY: RowSource;
  /** The joint minibatches of the current epoch. */
  protected batches: Int32Array[] = [];
  private batchesX: Int32Array[] = [];
  private batchesY: Int32Array[] = [];
  /** ∂loss/∂t of the trainer's own loss, set when the fused kernel trains. */
  private lossGradient: LossGradient | undefined;

  protected constructor(
    x: Samples,
    y: Samples,
    net: StatisticsNetwork,
    options: TrainerOptions | undefined,
    what: string,
    optionNames: readonly string[] = TRAINER_OPTION_NAMES,
  ) {
    super(options, what, optionNames);
    const xm = toMatrix(x, `${what}: x`);
    const ym = toMatrix(y, `${what}: y`);
    checkSameRows(xm, "x", ym, "y");
    checkNetwork(net, xm.cols + ym.cols, what);
    checkTwoSamples(xm.rows, what);
    checkSamplesAsTrained(xm, "x", what);
    checkSamplesAsTrained(ym, "y", what);
    this.checkBatchesFit(xm.rows, "x and y");
    this.net = net;
    this.n = xm.rows;
    this.x = matrixToTensor(xm);
    this.y = matrixToTensor(ym);
    this.rowsX = { data: xm.values, cols: xm.cols };
    this.rowsY = { data: ym.values, cols: ym.cols };
  }

  /**
   * The minibatch loss to minimise, given a joint batch (x, y) and a reference batch
   * (xRef, yRef) whose X and Y rows come from independent permutations.
   */
  abstract loss(x: tf.Tensor2D, y: tf.Tensor2D, xRef: tf.Tensor2D, yRef: tf.Tensor2D): tf.Scalar;

  /** The bound's value and standard error from the network's outputs on joint and reference samples. */
  protected abstract evaluation(tJoint: Float32Array, tRef: Float32Array): Evaluation;

  /** ∂loss/∂t of the trainer's own loss for the fused kernel, or undefined when `loss` is overridden. */
  protected abstract fusedLossGradient(): LossGradient | undefined;

  protected override createFusedNets(): FusedNet[] | undefined {
    const gradient = this.fusedLossGradient();
    const fused = gradient && this.fusedNetFor(this.net, true);
    if (!fused) return undefined;
    this.lossGradient = gradient;
    return [fused];
  }

  protected override fusedIteration(j: number, [fused]: FusedNet[]): number {
    const rows = this.batches[j];
    const [refX, refY] = this.referenceRows(j);
    return fused.trainOn(
      { parts: [{ source: this.rowsX, index: rows }, { source: this.rowsY, index: rows }], count: rows.length },
      { parts: [{ source: this.rowsX, index: refX }, { source: this.rowsY, index: refY }], count: refX.length },
      this.lossGradient as LossGradient,
    );
  }

  /** The reference batch of minibatch j, as rows of x and rows of y: batch j of independent permutations of each. */
  protected referenceRows(j: number): [Int32Array, Int32Array] {
    return [this.batchesX[j], this.batchesY[j]];
  }

  /** The reference pairs of an evaluation on n samples, as rows of x and rows of y: `draws` independent permutations of each. */
  protected evaluationReferences(n: number, rng: Rng, draws: number): [number[], number[]] {
    const permutations = () => {
      const rows = new Array<number>(draws * n);
      for (let draw = 0; draw < draws; draw++) rng.permutation(n).forEach((row, i) => (rows[draw * n + i] = row));
      return rows;
    };
    return [permutations(), permutations()];
  }

  estimateOn(x: Samples, y: Samples, options: EstimateOnOptions = {}): Evaluation {
    this.checkAlive();
    return evaluatePairs(x, y, options, { x: this.rowsX.cols, y: this.rowsY.cols }, (xt, yt, rng, draws) => this.evaluateResampled(xt, yt, rng, draws));
  }

  protected beginEpoch(): void {
    this.batches = this.stridedBatches(this.n);
    this.batchesX = this.stridedBatches(this.n);
    this.batchesY = this.stridedBatches(this.n);
  }

  protected batchLoss(j: number): tf.Scalar {
    const rows = this.batches[j];
    const [refX, refY] = this.referenceRows(j);
    return this.loss(gatherRows(this.x, rows), gatherRows(this.y, rows), gatherRows(this.x, refX), gatherRows(this.y, refY));
  }

  protected trainableVariables(): tf.Variable[] {
    return this.net.variables;
  }

  protected override trainingSamples(): number {
    return this.n;
  }

  protected override ownDataVary(): boolean {
    return rowsVary(this.rowsX) || rowsVary(this.rowsY);
  }

  protected estimateOwnData(rng: Rng): Evaluation {
    return this.evaluateResampled(this.x, this.y, rng);
  }

  protected disposeOwned(): void {
    this.x.dispose();
    this.y.dispose();
  }

  /** The bound with t on all pairs (x_i, y_i) and on the reference pairs of `evaluationReferences`. */
  private evaluateResampled(x: tf.Tensor2D, y: tf.Tensor2D, rng: Rng, draws = 1): Evaluation {
    const tJoint = this.networkOutputs(() => tOf(this.net, x, y));
    const [refX, refY] = this.evaluationReferences(x.shape[0], rng, draws);
    const tRef = this.chunkedOutputs(refX.length, (start, end) => tOf(this.net, gatherRows(x, refX.slice(start, end)), gatherRows(y, refY.slice(start, end))));
    return this.evaluation(tJoint, tRef);
  }
}

/** The moving average of MINE, m̄ ← β·m̄ + (1 − β)·mean e^{t′}, read and updated by the loss. */
export interface MovingAverage {
  m: number;
  readonly beta: number;
}

/**
 * MINE's surrogate loss −mean t + mean e^{t′} / m̄ for the fused kernel, with m̄ updated first
 * from this batch and held constant in the gradient (as `MINETrainer.loss` in TensorFlow.js).
 * The exponentials stay in float64 until divided by m̄: e^{t′} passes float32's range at
 * t′ ≈ 88.7, which MINE's outputs reach on problems with several nats, while
 * e^{t′}/(n′·m̄) ≤ 1/(1 − β). Past t′ ≈ 709 float64 overflows too and m̄ becomes infinite,
 * which the trainer reports as a divergence.
 */
export function mineLossGradient(average: MovingAverage): LossGradient {
  return (tJoint, tRef, gJoint, gRef) => {
    // MINETrainer.loss in another form: refused while a test refuses that
    refuseWhileTested("MINETrainer.loss");
    let sumJoint = 0;
    for (let i = 0; i < tJoint.length; i++) sumJoint += tJoint[i];
    gJoint.fill(-1 / tJoint.length);
    let sum = 0;
    for (let i = 0; i < tRef.length; i++) sum += Math.exp(tRef[i]);
    const meanExp = sum / tRef.length;
    average.m = (1 - average.beta) * meanExp + average.beta * average.m;
    const scale = 1 / (tRef.length * average.m);
    for (let i = 0; i < tRef.length; i++) gRef[i] = Math.exp(tRef[i]) * scale;
    return -sumJoint / tJoint.length + meanExp / average.m;
  };
}

export interface MINEOptions extends TrainerOptions {
  /** Weight of the previous moving average: m̄ ← β·m̄ + (1 − β)·(batch mean of e^t'). In [0, 1]. */
  beta?: number;
  /** Initial moving average m̄₀ (> 0). */
  m?: number;
}

/** What a loss trained by `MovingAverageTrainer.stepWithLoss` sees as `this`: the network's forward, β and the moving average it updates. */
export type MovingAverageView = LossView;

/** A minibatch loss as `MovingAverageTrainer.loss` computes it, with `this` a view of the trainer. */
export type MovingAverageLoss = TrainedLoss;

/**
 * A trainer of the DV bound that keeps a moving average m̄ (`m`, smoothing factor `beta`)
 * for its loss, without a loss of its own: a subclass writes it (chapter 5's
 * SmoothedMINETrainer); `MINETrainer` is the library's. The estimate is
 * mean t(X, Y) − logsumexp t(X', Y') + log n on all of the trainer's data.
 */
export abstract class MovingAverageTrainer extends ResamplingTrainer {
  readonly beta: number;
  /** The moving average m̄ of the reference batches' mean of e^t, updated by `loss`. */
  m: number;

  constructor(x: Samples, y: Samples, net: StatisticsNetwork, options: MINEOptions = {}, what = "MINETrainer") {
    super(x, y, net, options, what, [...TRAINER_OPTION_NAMES, "beta", "m"]);
    const { beta = 0.1, m = 1 } = options;
    this.beta = this.checkedAfterAllocation(() => checkInRange(beta, `${what}: beta`, 0, 1));
    this.m = this.checkedAfterAllocation(() => checkPositive(m, `${what}: m`));
  }

  protected evaluation(tJoint: Float32Array, tRef: Float32Array): Evaluation {
    return DV.evaluation(tJoint, tRef);
  }

  /**
   * For tests of a loss written in a subclass (chapter 5's test of SmoothedMINETrainer.loss):
   * trains this trainer's network, the library's `Net`, for `epochs` epochs on the minibatches
   * `step(epochs)` would draw, with Adam (as `step`'s) on the gradient of `loss`, and returns
   * the estimate on the trainer's data after the last epoch, as `step` would. `loss(x, y, xRef,
   * yRef)` runs with `this` a view holding the network's `forward`, `beta` and the moving
   * average `m` it updates (a number), never the trainer or the network: the parameters and
   * Adam's state are this method's own (in a fused kernel of its own when the loss calls
   * `forward` only on its arguments, else arrays written into the network before each call;
   * see loss-training.ts), moved only by the gradient of what `loss` returned, and the
   * estimate is computed from them and the trainer's data in plain JavaScript. So a loss that
   * also writes the network's variables, TensorFlow.js's memory or a trainer's fields changes
   * only its own gradients.
   * Records each iteration's loss in `history.loss` and the final estimate in
   * `history.estimate`; the network holds the trained parameters afterwards.
   */
  stepWithLoss(loss: MovingAverageLoss, epochs: number, options: { withoutReference?: readonly ReferenceImplementation[] } = {}): number {
    this.checkAlive();
    this.checkNotTraining("stepWithLoss(loss, epochs)");
    if (typeof loss !== "function") fail("stepWithLoss(loss, epochs): loss must be a function (x, y, xRef, yRef) => tf.Scalar.");
    checkNonNegativeInteger(epochs, "stepWithLoss(loss, epochs)");
    checkKnownOptions(checkOptionsObject(options, "stepWithLoss(loss, epochs, options)"), ["withoutReference"], "stepWithLoss(loss, epochs, options)");
    const net = this.net;
    if (!(net instanceof Net)) fail("stepWithLoss trains the library's Net (new Net()), whose estimate it computes in JavaScript.");
    let evaluateX: number[] = [];
    let evaluateY: number[] = [];
    const train = (): Float32Array[] => {
      let forward: (x: tf.Tensor2D, y: tf.Tensor2D) => tf.Tensor2D = () => fail("stepWithLoss: no forward yet.");
      const route = (to: typeof forward) => (forward = to);
      const view = lossView(this.beta, this.m, () => forward);
      // the starting parameters are read before the loss first runs (it could write the network's variables)
      const initial = net.variables.map((v) => Float32Array.from(v.dataSync()));
      const fused = this.fusedNetFor(net, true);
      // the fused kernel when it may train this network and the loss computes on its own arguments
      const training =
        fused && callsForwardOnItsArguments(loss, this.beta, this.m, this.rowsX, this.rowsY)
          ? fusedLossTraining(loss, view, route, fused, net, this.rowsX, this.rowsY)
          : heldLossTraining(loss, view, route, net, initial, this.rowsX, this.rowsY, this.learningRate);
      for (let e = 0; e < epochs; e++) {
        const batches = this.stridedBatches(this.n);
        const batchesX = this.stridedBatches(this.n);
        const batchesY = this.stridedBatches(this.n);
        for (let j = 0; j < this.itersPerEpoch; j++) {
          view.m = this.m;
          const value = training.iterate(batches[j], batchesX[j], batchesY[j]);
          const m: unknown = view.m;
          if (typeof m !== "number") fail(`stepWithLoss: the loss left this.m ${String(m)}; it must be the moving average, a number.`);
          this.m = m;
          this.iteration += 1;
          this.history.loss.push(value);
          const reason = this.divergence() ?? (Number.isFinite(value) ? undefined : `the training loss became ${value}`);
          if (reason !== undefined) throw this.diverged(`${reason} at iteration ${this.iteration} (epoch ${this.epoch + 1})`);
        }
        this.epoch += 1;
        // the permutations step's evaluation draws after each epoch, so that the batches are step's
        evaluateX = this.rng.permutation(this.n);
        evaluateY = this.rng.permutation(this.n);
      }
      return training.parameters();
    };
    // a test trains the loss under test with the library's implementations refusing, and the estimate
    // is computed after the refusal ends: by the DV bound itself (not this.evaluation, which a subclass
    // could replace), which refuses while a test refuses MINE's loss, so that a stepWithLoss the code
    // under test calls, from a loss or an answer, gets no estimate of the library's
    const params = options.withoutReference === undefined ? train() : withoutReference(options.withoutReference, train);
    // the network holds the trained parameters afterwards
    assignParameters(net, params);
    const identity = Array.from({ length: this.n }, (_, i) => i);
    const [tJoint, tRef] = [standardNetOutputs(params, this.rowsX, this.rowsY, identity, identity), standardNetOutputs(params, this.rowsX, this.rowsY, evaluateX, evaluateY)];
    const evaluation = DV.evaluation(tJoint, tRef);
    this.history.estimate.push(evaluation.estimate);
    this.checkTrainedEvaluation(evaluation, oneOutputToFloat32(tJoint, tRef));
    return evaluation.estimate;
  }

  /** A subclass's own loss trains on TensorFlow.js (the fused kernel knows only MINETrainer's). */
  protected fusedLossGradient(): LossGradient | undefined {
    return undefined;
  }

  protected override divergence(): string | undefined {
    return Number.isFinite(this.m) ? undefined : "MINE's moving average m̄ of e^t on the reference batches overflowed (t passed ≈ 709)";
  }

  protected override divergenceAdvice(): string {
    return (
      "The DV bound does not change when a constant is added to t, so nothing holds t in place and it drifts upward " +
      "while the estimate stays put. Train fewer epochs (history.estimate holds the estimate of every epoch so far), " +
      'or use MINEfTrainer (the f bound pins the constant); estimateMI(x, y) stops at the best held-out point by itself.'
    );
  }
}

/** MINE: maximises the DV bound with the denominator's gradient smoothed by a moving average. */
export class MINETrainer extends MovingAverageTrainer {
  constructor(x: Samples, y: Samples, net: StatisticsNetwork, options: MINEOptions = {}) {
    super(x, y, net, options, "MINETrainer");
  }

  /**
   * −mean t(x, y) + mean e^{t(x', y')} / m̄, with m̄ updated first and held constant in the
   * gradient. The mean of e^{t'} is taken as exp(logmeanexp t') and divided by m̄ in the
   * log domain: e^{t'} itself passes float32's range at t' ≈ 88.7, which MINE's outputs
   * reach on problems with several nats, while the ratio stays near 1.
   */
  loss(x: tf.Tensor2D, y: tf.Tensor2D, xRef: tf.Tensor2D, yRef: tf.Tensor2D): tf.Scalar {
    refuseWhileTested("MINETrainer.loss");
    const joint = tf.mean(tOf(this.net, x, y));
    const logMeanExp = tf.sub(tf.logSumExp(tOf(this.net, xRef, yRef)), Math.log(xRef.shape[0]));
    this.m = (1 - this.beta) * Math.exp(logMeanExp.dataSync()[0]) + this.beta * this.m;
    return tf.add(tf.neg(joint), tf.exp(tf.sub(logMeanExp, Math.log(this.m))));
  }

  protected override fusedLossGradient(): LossGradient | undefined {
    // the trainer is its own moving average: the kernel's loss reads and updates this.m
    return this.loss === MINETrainer.prototype.loss ? mineLossGradient(this) : undefined;
  }
}

/**
 * A resampling trainer that maximises one declared bound (bounds.ts): its tensor form is the
 * loss on TensorFlow.js, its output gradient the fused kernel's, its evaluation the estimate.
 * A subclass that overrides `loss` trains on TensorFlow.js.
 */
export abstract class BoundTrainer extends ResamplingTrainer {
  protected abstract readonly bound: Bound;

  loss(x: tf.Tensor2D, y: tf.Tensor2D, xRef: tf.Tensor2D, yRef: tf.Tensor2D): tf.Scalar {
    refuseWhileTested("MINETrainer.loss"); // a part of MINE's loss, as the exported bounds (public-bounds.ts)
    return tf.neg(this.bound.tensor(tOf(this.net, x, y), tOf(this.net, xRef, yRef)));
  }

  protected evaluation(tJoint: Float32Array, tRef: Float32Array): Evaluation {
    return this.bound.evaluation(tJoint, tRef);
  }

  protected fusedLossGradient(): LossGradient | undefined {
    return this.loss === BoundTrainer.prototype.loss ? this.bound.lossGradient : undefined;
  }
}

/** MINE-f: maximises the f-divergence (NWJ) bound mean t − mean e^{t' − 1}; the estimate is that bound. */
export class MINEfTrainer extends BoundTrainer {
  protected readonly bound = F_BOUND;

  constructor(x: Samples, y: Samples, net: StatisticsNetwork, options: TrainerOptions = {}) {
    super(x, y, net, options, "MINEfTrainer");
  }
}

export interface InfoNCEOptions extends TrainerOptions {
  /** Other y's each x of a minibatch is contrasted with (K, default 15); the bound is at most log(K + 1). */
  negatives?: number;
  /** Other y's per x when evaluating (default 31, at most the samples − 1). */
  evaluationNegatives?: number;
}

/**
 * InfoNCE: maximises the InfoNCE bound with the pair (x_i, y_i) of each minibatch row against
 * (x_i, y_{i+s}) for the next K rows of the batch (cyclically; the batch is a random draw,
 * so these are K random other y's). Every candidate is a row of the network's input, so a
 * step costs K + 1 times the batch. Evaluation contrasts each x with the next
 * `evaluationNegatives` y's in a random order of the samples.
 */
export class InfoNCETrainer extends BoundTrainer {
  protected readonly bound = INFO_NCE;
  readonly negatives: number;
  readonly evaluationNegatives: number;

  constructor(x: Samples, y: Samples, net: StatisticsNetwork, options: InfoNCEOptions = {}) {
    super(x, y, net, options, "InfoNCETrainer", [...TRAINER_OPTION_NAMES, "negatives", "evaluationNegatives"]);
    this.negatives = this.checkedAfterAllocation(() => checkPositiveInteger(options.negatives ?? 15, "InfoNCETrainer: negatives"));
    this.evaluationNegatives = this.checkedAfterAllocation(() => checkPositiveInteger(options.evaluationNegatives ?? 31, "InfoNCETrainer: evaluationNegatives"));
    this.checkedAfterAllocation(() => {
      if (this.n < 2 * this.itersPerEpoch) fail(`InfoNCETrainer: minibatches need at least 2 samples each to contrast; use itersPerEpoch ≤ ${Math.floor(this.n / 2)}.`);
    });
  }

  protected override referenceRows(j: number): [Int32Array, Int32Array] {
    return shiftedPairs(this.batches[j], Math.min(this.negatives, this.batches[j].length - 1));
  }

  protected override evaluationReferences(n: number, rng: Rng): [number[], number[]] {
    const order = Int32Array.from(rng.permutation(n));
    const [xs, ys] = shiftedPairs(order, Math.min(this.evaluationNegatives, n - 1));
    // anchors in the samples' own order, as the joint outputs are: position i of each shift holds x_i
    const position = new Int32Array(n);
    order.forEach((row, i) => (position[row] = i));
    const reorder = (rows: Int32Array) => Array.from({ length: rows.length }, (_, r) => rows[Math.floor(r / n) * n + position[r % n]]);
    return [reorder(xs), reorder(ys)];
  }
}

/** For rows r_0…r_{b−1}: shift s = 1…K pairs x of r_i with y of r_{(i+s) mod b}, shift-major. */
function shiftedPairs(rows: Int32Array, shifts: number): [Int32Array, Int32Array] {
  const b = rows.length;
  const xs = new Int32Array(shifts * b);
  const ys = new Int32Array(shifts * b);
  for (let s = 1; s <= shifts; s++) {
    for (let i = 0; i < b; i++) {
      xs[(s - 1) * b + i] = rows[i];
      ys[(s - 1) * b + i] = rows[(i + s) % b];
    }
  }
  return [xs, ys];
}

export interface SMILEOptions extends TrainerOptions {
  /** τ: the estimate clips e^{t'} on reference samples to [e^{−τ}, e^{τ}] (default 5). */
  clip?: number;
}

/** SMILE: the critic trained on the Jensen–Shannon objective, the estimate the clipped DV bound (see `smileBound`). */
export class SMILETrainer extends BoundTrainer {
  readonly clip: number;
  protected readonly bound: Bound;

  constructor(x: Samples, y: Samples, net: StatisticsNetwork, options: SMILEOptions = {}) {
    super(x, y, net, options, "SMILETrainer", [...TRAINER_OPTION_NAMES, "clip"]);
    this.clip = this.checkedAfterAllocation(() => checkPositive(options.clip ?? 5, "SMILETrainer: clip"));
    this.bound = smileBound(this.clip);
  }
}

/** Checks that `net` can be trained on inputs of `columns` columns. */
export function checkNetwork(net: unknown, columns: number, what: string): void {
  const candidate = net as Partial<StatisticsNetwork> | null;
  if (candidate === null || typeof candidate !== "object" || typeof candidate.forward !== "function" || !Array.isArray(candidate.variables)) {
    fail(`${what}: net must be a network such as new Net({ inputSize: ${columns} }) (with forward and variables).`);
  }
  if (net instanceof NetLayers && net.inputSize !== columns) {
    fail(
      `${what}: the net has inputSize = ${net.inputSize} but the data have ${columns} columns in all; ` +
        `create it with new Net({ inputSize: ${columns} }).`,
    );
  }
  if (candidate.variables.length === 0) fail(`${what}: net has no trainable variables.`);
  if (candidate.variables.some((v) => v instanceof tf.Tensor && v.isDisposed)) {
    fail(`${what}: net was disposed (dispose() frees its weights); make a new Net, and dispose a network only after its trainer is done with it.`);
  }
}
