import * as tf from "@tensorflow/tfjs-core";
import { offsetSeed, Rng } from "../random/rng";
import { checkBoolean, checkInteger, checkOneOf, checkOptionsObject, checkPositive, checkPositiveInteger, describeValue, fail } from "../data/checks";
import { checkSameRows, matrixToTensor, toMatrix, type Matrix, type Samples } from "../data/matrix";
import { DV } from "./bounds";
import { refuseWhileTested } from "./reference-guard";
import { Net } from "./net";
import { heavyTailedColumns } from "./standardise";
import { fitReference, REFERENCE_KINDS, type ReferenceDistribution, type ReferenceKind } from "./references";
import { mean, scaledExp, variance, type Evaluation } from "./statistics";
import { checkReferenceRows, checkSamplesAsTrained, checkTwoSamples, evaluatePairs, LARGEST_OUTPUT, MAX_REFERENCE_ROWS, gatherRows, oneOutputToFloat32, rowsVary, Trainer, TRAINER_OPTION_NAMES, WORSE_THAN_CONSTANT, type EstimateOnOptions, type TrainerOptions } from "./trainer";
import type { FusedNet, RowSource } from "../fast";

export interface MINEEOptions extends TrainerOptions {
  /** Reference batch size as a multiple of the data batch size (> 0). */
  refBatchFactor?: number;
  hiddenSize?: number;
  /** The networks' initial weight scale, as `Net`'s `sigma` (default 0.02). */
  sigma?: number | "fan-in";
  /**
   * The reference distributions P_X' and P_Y': "uniform" on the data's bounding box (the
   * default, as in the MI-NEE paper) or "gaussian" with the data's mean and covariance.
   */
  reference?: ReferenceKind;
  /**
   * Hold each divergence's estimate at 0 or above (default false): 0 is what a constant critic
   * gives, and every divergence is ≥ 0, so a network below it on these samples has overfit its
   * training part (see `mineeEvaluation`). `estimateMI` sets it.
   */
  floorDivergences?: boolean;
}

const MINEE_OPTION_NAMES = [...TRAINER_OPTION_NAMES, "refBatchFactor", "hiddenSize", "sigma", "reference", "floorDivergences"];

/**
 * MI-NEE: I(X∧Y) = D(P_XY ‖ P_X'×P_Y') − D(P_X ‖ P_X') − D(P_Y ‖ P_Y') with X', Y' drawn from
 * reference distributions fitted to the data (`reference`). Three networks, for
 * (x, y), x and y, are each trained with the DV bound against fresh i.i.d. reference draws
 * of refBatchFactor × the batch size; the estimate is D_XY − D_X − D_Y on all of the data
 * with a fresh reference sample of refBatchFactor·n points.
 */
export class MINEE extends Trainer {
  readonly netXY: Net;
  readonly netX: Net;
  readonly netY: Net;
  readonly refBatchFactor: number;
  readonly n: number;
  /** The divergences behind the latest estimate. */
  divergences = { xy: NaN, x: NaN, y: NaN };
  /** Whether each network gave one output on the last evaluation of the trainer's own data. */
  private ownDataOneOutput = false;
  protected readonly x: tf.Tensor2D;
  protected readonly y: tf.Tensor2D;
  /** x and y as float32 rows, for the fused kernel. */
  private readonly rowsX: RowSource;
  private readonly rowsY: RowSource;
  private readonly referenceX: ReferenceDistribution;
  private readonly referenceY: ReferenceDistribution;
  private batches: Int32Array[] = [];
  private readonly floorDivergences: boolean;

  constructor(x: Samples, y: Samples, options: MINEEOptions = {}) {
    super(options, "MINEE", MINEE_OPTION_NAMES);
    const { refBatchFactor = 1, hiddenSize = 100, sigma = 0.02, seed = 0, reference = "uniform", floorDivergences = false } = checkOptionsObject(options, "MINEE options");
    checkBoolean(floorDivergences, "MINEE: floorDivergences");
    this.floorDivergences = floorDivergences;
    this.refBatchFactor = checkPositive(refBatchFactor, "MINEE: refBatchFactor");
    checkPositiveInteger(hiddenSize, "MINEE: hiddenSize");
    checkInteger(seed, "MINEE: seed");
    checkOneOf(reference, "MINEE: reference", REFERENCE_KINDS);
    const xm = toMatrix(x, "MINEE: x");
    const ym = toMatrix(y, "MINEE: y");
    checkSameRows(xm, "x", ym, "y");
    checkTwoSamples(xm.rows, "MINEE");
    checkSamplesAsTrained(xm, "x", "MINEE");
    checkSamplesAsTrained(ym, "y", "MINEE");
    checkLightTails(xm, ym);
    this.checkBatchesFit(xm.rows, "x and y");
    checkReferenceRows(this.refBatchFactor * xm.rows, "MINEE: refBatchFactor", MAX_REFERENCE_ROWS / xm.rows);
    this.referenceX = fitReference(reference, xm, "x");
    this.referenceY = fitReference(reference, ym, "y");
    // the networks first: netXY, the widest, refuses a sigma or hiddenSize before any tensor is made
    this.netXY = new Net({ inputSize: xm.cols + ym.cols, hiddenSize, sigma, seed });
    this.netX = new Net({ inputSize: xm.cols, hiddenSize, sigma, seed: offsetSeed(seed, 1) });
    this.netY = new Net({ inputSize: ym.cols, hiddenSize, sigma, seed: offsetSeed(seed, 2) });
    this.n = xm.rows;
    this.x = matrixToTensor(xm);
    this.y = matrixToTensor(ym);
    this.rowsX = { data: xm.values, cols: xm.cols };
    this.rowsY = { data: ym.values, cols: ym.cols };
  }

  /** −(DV_XY + DV_X + DV_Y) on a data batch (x, y) and a reference batch (xRef, yRef). */
  loss(x: tf.Tensor2D, y: tf.Tensor2D, xRef: tf.Tensor2D, yRef: tf.Tensor2D): tf.Scalar {
    refuseWhileTested("MINETrainer.loss"); // parts of MINE's loss, as the exported bounds (public-bounds.ts)
    const dXY = DV.tensor(this.netXY.forward(x, y), this.netXY.forward(xRef, yRef));
    const dX = DV.tensor(this.netX.forward(x), this.netX.forward(xRef));
    const dY = DV.tensor(this.netY.forward(y), this.netY.forward(yRef));
    return tf.neg(tf.addN([dXY, dX, dY]));
  }

  estimateOn(x: Samples, y: Samples, options: EstimateOnOptions = {}): Evaluation {
    this.checkAlive();
    return evaluatePairs(x, y, options, { x: this.rowsX.cols, y: this.rowsY.cols, referencesPerSample: this.refBatchFactor }, (xt, yt, rng, draws) => this.evaluate(xt, yt, rng, draws).evaluation);
  }

  protected beginEpoch(): void {
    this.batches = this.stridedBatches(this.n);
  }

  protected batchLoss(j: number): tf.Scalar {
    const rows = this.batches[j];
    const refSize = this.referenceSize(rows.length);
    return this.loss(
      gatherRows(this.x, rows),
      gatherRows(this.y, rows),
      referenceSample(this.referenceX, refSize, this.rng),
      referenceSample(this.referenceY, refSize, this.rng),
    );
  }

  protected override createFusedNets(): FusedNet[] | undefined {
    const ownLoss = this.loss === MINEE.prototype.loss;
    const fused = [this.netXY, this.netX, this.netY].map((net) => this.fusedNetFor(net, ownLoss));
    return fused.every((f): f is FusedNet => f !== undefined) ? fused : undefined;
  }

  protected override fusedIteration(j: number, [fusedXY, fusedX, fusedY]: FusedNet[]): number {
    const rows = this.batches[j];
    const count = rows.length;
    const refSize = this.referenceSize(count);
    // drawn in the same order as batchLoss draws them
    const xRef = { data: this.referenceX.sample(refSize, this.rng), cols: this.referenceX.dims };
    const yRef = { data: this.referenceY.sample(refSize, this.rng), cols: this.referenceY.dims };
    const x = { source: this.rowsX, index: rows };
    const y = { source: this.rowsY, index: rows };
    return (
      fusedXY.trainOn({ parts: [x, y], count }, { parts: [{ source: xRef }, { source: yRef }], count: refSize }, DV.lossGradient) +
      fusedX.trainOn({ parts: [x], count }, { parts: [{ source: xRef }], count: refSize }, DV.lossGradient) +
      fusedY.trainOn({ parts: [y], count }, { parts: [{ source: yRef }], count: refSize }, DV.lossGradient)
    );
  }

  protected trainableVariables(): tf.Variable[] {
    return [...this.netXY.variables, ...this.netX.variables, ...this.netY.variables];
  }

  protected override ownDataVary(): boolean {
    return rowsVary(this.rowsX) || rowsVary(this.rowsY);
  }

  protected override trainingSamples(): number {
    return this.n;
  }

  protected estimateOwnData(rng: Rng): Evaluation {
    const { evaluation, divergences, oneOutput } = this.evaluate(this.x, this.y, rng);
    this.divergences = divergences;
    this.ownDataOneOutput = oneOutput;
    return evaluation;
  }

  /**
   * As every trainer's, and each of the three divergences on its own: the estimate subtracts two of
   * them, so two thrown far below 0 together gave +24 nats for 0.51 (learningRate 0.3).
   */
  protected override checkTrainedEvaluation(evaluation: Evaluation, oneOutput?: boolean): void {
    // whether the three networks give one output each, from their outputs: a standard error of 0 (the
    // default test) is also what divergences floored at 0 give, and with floorDivergences every
    // step(1) and estimateMI({ method: "minee", onEpoch }) on a Gaussian pair failed as diverged
    void oneOutput;
    super.checkTrainedEvaluation(evaluation, this.ownDataOneOutput);
    const { xy, x, y } = this.divergences;
    const [name, value] = ([["D(P_XY ‖ P_X'×P_Y')", xy], ["D(P_X ‖ P_X')", x], ["D(P_Y ‖ P_Y')", y]] as const).reduce((a, b) => (b[1] < a[1] ? b : a));
    if (value < -WORSE_THAN_CONSTANT) {
      throw this.diverged(
        `after epoch ${this.epoch} the estimate of ${name} on the very samples trained on is ${value.toPrecision(4)}, below the 0 a constant ` +
          `network gives by over ${WORSE_THAN_CONSTANT} nat, so the MI estimate made with it (${evaluation.estimate.toPrecision(4)}) means nothing: ${this.offCourse()}`,
        this.offCourseAdvice(),
      );
    }
  }

  protected disposeOwned(): void {
    this.x.dispose();
    this.y.dispose();
    this.netXY.dispose();
    this.netX.dispose();
    this.netY.dispose();
  }

  private referenceSize(batchSize: number): number {
    return Math.max(1, Math.round(this.refBatchFactor * batchSize));
  }

  private evaluate(x: tf.Tensor2D, y: tf.Tensor2D, rng: Rng, draws = 1) {
    const refSize = draws * this.referenceSize(x.shape[0]);
    const xRef = referenceSample(this.referenceX, refSize, rng);
    const yRef = referenceSample(this.referenceY, refSize, rng);
    try {
      const outputs = (net: Net, joint: tf.Tensor2D[], reference: tf.Tensor2D[]): DivergenceOutputs => ({
        joint: this.networkOutputs(() => net.forward(...joint)),
        reference: this.networkOutputs(() => net.forward(...reference)),
      });
      const each = [outputs(this.netXY, [x, y], [xRef, yRef]), outputs(this.netX, [x], [xRef]), outputs(this.netY, [y], [yRef])] as const;
      refuseWhileTested("MINETrainer.loss");
      const { divergences, ...evaluation } = divergenceEvaluation(...each, this.floorDivergences);
      const oneOutput = each.every((o) => oneOutputToFloat32(o.joint, o.reference));
      return { evaluation, divergences, oneOutput };
    } finally {
      xRef.dispose();
      yRef.dispose();
    }
  }
}

/**
 * The fewest samples whose tails `checkLightTails` judges: Gaussian columns of 10 and 20 samples
 * were taken as heavy-tailed in 14% and 4% of 400 draws, of 50 and more in none.
 */
const TAILS_JUDGED_FROM = 100;

/**
 * Refuses columns with infinite variance. MI-NEE subtracts the divergences of X and Y from their
 * references, which a few extreme samples make large and erratic with either reference: on a
 * bivariate Student-t pair with ν = 1 (300 samples, under a nat) it gave 1631 ± 140 nats with the
 * uniform reference and −4.0 ± 1.1 with the Gaussian, and with ν = 2 −3.3 ± 1.8 (uniform).
 */
function checkLightTails(x: Matrix, y: Matrix): void {
  if (x.rows < TAILS_JUDGED_FROM) return;
  const heavy = [...heavyTailedColumns({ ...x, values: Float64Array.from(x.values) }, "x"), ...heavyTailedColumns({ ...y, values: Float64Array.from(y.values) }, "y")];
  if (heavy.length > 0) {
    fail(
      `MINEE: heavy tails with infinite variance in ${heavy.join("; ")}: a few extreme samples dominate the divergences of X and Y from ` +
        "their references, and the estimate comes out hundreds of nats off, or negative, with a small standard error. Map each column " +
        "to normal scores first (its ranks through the normal quantile; mutual information does not change), or use " +
        'estimateMI(x, y, { method: "minee" }), which does it itself.',
    );
  }
}

/** `size` draws of the reference as a [size, dims] tensor. */
function referenceSample(reference: ReferenceDistribution, size: number, rng: Rng): tf.Tensor2D {
  return tf.tensor2d(reference.sample(size, rng), [size, reference.dims]);
}

export interface DivergenceOutputs {
  joint: ArrayLike<number>;
  reference: ArrayLike<number>;
}

/**
 * Refuses outputs that are not `{ joint, reference }` arrays of numbers, or whose counts differ
 * between the three networks (they see the same samples and reference draws): null read a
 * property of null, and counts that differed gave NaN from the missing entries.
 */
function checkDivergenceOutputs(outputs: Record<"xy" | "x" | "y", DivergenceOutputs>): void {
  const what = "mineeEvaluation(xy, x, y)";
  for (const [name, d] of Object.entries(outputs)) {
    const isNumbers = (v: unknown): boolean => (Array.isArray(v) || ArrayBuffer.isView(v)) && (v as ArrayLike<unknown>).length > 0 && typeof (v as ArrayLike<unknown>)[0] === "number";
    if (d === null || typeof d !== "object" || !isNumbers(d.joint) || !isNumbers(d.reference)) {
      fail(`${what}: ${name} must be a network's outputs { joint, reference }, each a non-empty array of numbers (t on the samples and on the reference draws).`);
    }
  }
  for (const part of ["joint", "reference"] as const) {
    const counts = Object.values(outputs).map((d) => d[part].length);
    if (counts.some((c) => c !== counts[0])) {
      fail(`${what}: the three networks' ${part} outputs differ in count (xy ${counts[0]}, x ${counts[1]}, y ${counts[2]}); they are t on the same samples and reference draws.`);
    }
  }
}

/**
 * Refuses outputs given to the exported `mineeEvaluation` that are not finite or pass 2^16 in magnitude (the
 * trainers' limit, `LARGEST_OUTPUT`): a NaN or ±Infinity gave an estimate of NaN, and outputs near 1e300 a standard
 * error of Infinity, without a word. (MINE's own evaluation judges such outputs as a divergence.)
 */
function checkDivergenceValues(outputs: Record<"xy" | "x" | "y", DivergenceOutputs>): void {
  const what = "mineeEvaluation(xy, x, y)";
  for (const [name, d] of Object.entries(outputs)) {
    for (const part of ["joint", "reference"] as const) {
      const values = d[part] as ArrayLike<unknown>;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (typeof v !== "number" || !Number.isFinite(v) || Math.abs(v) > LARGEST_OUTPUT) {
          fail(
            `${what}: ${name}.${part}[${i}] is ${describeValue(v)}; network outputs must be finite numbers of magnitude at most 2^16 ` +
              "(beyond it the network diverged: lower learningRate, or train fewer epochs).",
          );
        }
      }
    }
  }
}

/**
 * MI-NEE: D_XY − D_X − D_Y, each a DV bound. The three networks see the same samples
 * (row i of XY, X and Y) and the same reference draws, so the standard error combines them
 * per sample before taking variances.
 *
 * With `floorAtZero`, a divergence whose estimate is below 0 is replaced by the constant
 * critic's, exactly 0 (its outputs then add nothing to the standard error). Each divergence is
 * ≥ 0, and a network below a constant on held-out samples has overfit its training part; since
 * D_X and D_Y are subtracted, their overfitting raised the estimate, and early stopping, which
 * keeps the highest held-out estimate, selected it: x of 1 and y of 30 coordinates (0.733 nats)
 * gave 1.20 [0.90, 2.01], trusted, while D_Y's held-out estimate fell to −0.5 and below.
 */
export function mineeEvaluation(xy: DivergenceOutputs, x: DivergenceOutputs, y: DivergenceOutputs, { floorAtZero = false } = {}): Evaluation & {
  divergences: { xy: number; x: number; y: number };
} {
  refuseWhileTested("MINETrainer.loss");
  checkDivergenceOutputs({ xy, x, y });
  checkDivergenceValues({ xy, x, y });
  return divergenceEvaluation(xy, x, y, floorAtZero);
}

/** `mineeEvaluation` unchecked, on a trainer's own outputs, which `step` judges (a NaN is a divergence there). */
function divergenceEvaluation(xy: DivergenceOutputs, x: DivergenceOutputs, y: DivergenceOutputs, floorAtZero: boolean): Evaluation & {
  divergences: { xy: number; x: number; y: number };
} {
  const parts = [xy, x, y].map((d) => {
    const { scaled } = scaledExp(d.reference);
    const estimate = DV.evaluation(d.joint, d.reference).estimate;
    if (floorAtZero && estimate < 0) return { joint: new Float64Array(d.joint.length), scaled: new Float64Array(d.reference.length).fill(1), estimate: 0 };
    return { joint: d.joint, scaled, estimate };
  });
  const meansScaled = parts.map((p) => mean(p.scaled));
  const divergences = parts.map((p) => p.estimate);
  const n = xy.joint.length;
  const nRef = xy.reference.length;
  const jointCombined = Float64Array.from({ length: n }, (_, i) => parts[0].joint[i] - parts[1].joint[i] - parts[2].joint[i]);
  const referenceCombined = Float64Array.from(
    { length: nRef },
    (_, j) => parts[0].scaled[j] / meansScaled[0] - parts[1].scaled[j] / meansScaled[1] - parts[2].scaled[j] / meansScaled[2],
  );
  return {
    estimate: divergences[0] - divergences[1] - divergences[2],
    standardError: Math.sqrt(variance(jointCombined) / n + variance(referenceCombined) / nRef),
    divergences: { xy: divergences[0], x: divergences[1], y: divergences[2] },
  };
}
