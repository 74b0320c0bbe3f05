import * as tf from "@tensorflow/tfjs-core";
import { Rng } from "../random/rng";
import { checkInteger, checkOptionsObject, checkPositive, checkPositiveInteger, checkFinite, fail } from "../data/checks";
import { checkSameRows, columnRanges, matrixToTensor, toMatrix, type Samples } from "../data/matrix";
import { dvBound } from "./bounds";
import { Net } from "./net";
import { mineeEvaluation, type DivergenceOutputs, type Evaluation } from "./statistics";
import { evaluatePairs, gatherRows, outputsOf, Trainer, type EstimateOnOptions, type TrainerOptions } from "./trainer";
import { dvLossGradient, type FusedNet, type RowSource } from "../fast";

export interface MINEEOptions extends TrainerOptions {
  /** Reference batch size as a multiple of the data batch size (> 0). */
  refBatchFactor?: number;
  hiddenSize?: number;
  sigma?: number;
}

interface Box {
  min: number[];
  max: number[];
}

/**
 * MI-NEE: I(X∧Y) = D(P_XY ‖ P_X'×P_Y') − D(P_X ‖ P_X') − D(P_Y ‖ P_Y') with X', Y' uniform on
 * the bounding box of the data (per coordinate minimum and maximum). Three networks, for
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
  protected readonly x: tf.Tensor2D;
  protected readonly y: tf.Tensor2D;
  /** x and y as float32 rows, for the fused kernel. */
  private readonly rowsX: RowSource;
  private readonly rowsY: RowSource;
  private readonly boxX: Box;
  private readonly boxY: Box;
  private batches: Int32Array[] = [];

  constructor(x: Samples, y: Samples, options: MINEEOptions = {}) {
    super(options, "MINEE");
    const { refBatchFactor = 1, hiddenSize = 100, sigma = 0.02, seed = 0 } = checkOptionsObject(options, "MINEE options");
    this.refBatchFactor = checkPositive(refBatchFactor, "MINEE: refBatchFactor");
    checkPositiveInteger(hiddenSize, "MINEE: hiddenSize");
    checkFinite(sigma, "MINEE: sigma");
    checkInteger(seed, "MINEE: seed");
    const xm = toMatrix(x, "MINEE: x");
    const ym = toMatrix(y, "MINEE: y");
    checkSameRows(xm, "x", ym, "y");
    this.checkBatchesFit(xm.rows, "x and y");
    this.boxX = checkedBox(columnRanges(xm), "x");
    this.boxY = checkedBox(columnRanges(ym), "y");
    this.n = xm.rows;
    this.x = matrixToTensor(xm);
    this.y = matrixToTensor(ym);
    this.rowsX = { data: xm.values, cols: xm.cols };
    this.rowsY = { data: ym.values, cols: ym.cols };
    this.netXY = new Net({ inputSize: xm.cols + ym.cols, hiddenSize, sigma, seed });
    this.netX = new Net({ inputSize: xm.cols, hiddenSize, sigma, seed: seed + 1 });
    this.netY = new Net({ inputSize: ym.cols, hiddenSize, sigma, seed: seed + 2 });
  }

  /** −(DV_XY + DV_X + DV_Y) on a data batch (x, y) and a uniform reference batch (xRef, yRef). */
  loss(x: tf.Tensor2D, y: tf.Tensor2D, xRef: tf.Tensor2D, yRef: tf.Tensor2D): tf.Scalar {
    const dXY = dvBound(this.netXY.forward(x, y), this.netXY.forward(xRef, yRef));
    const dX = dvBound(this.netX.forward(x), this.netX.forward(xRef));
    const dY = dvBound(this.netY.forward(y), this.netY.forward(yRef));
    return tf.neg(tf.addN([dXY, dX, dY]));
  }

  estimateOn(x: Samples, y: Samples, options: EstimateOnOptions = {}): Evaluation {
    this.checkAlive();
    return evaluatePairs(x, y, options, (xt, yt, rng) => this.evaluate(xt, yt, rng).evaluation);
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
      uniformSample(this.boxX, refSize, this.rng),
      uniformSample(this.boxY, refSize, this.rng),
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
    const xRef = { data: uniformValues(this.boxX, refSize, this.rng), cols: this.boxX.min.length };
    const yRef = { data: uniformValues(this.boxY, refSize, this.rng), cols: this.boxY.min.length };
    const x = { source: this.rowsX, index: rows };
    const y = { source: this.rowsY, index: rows };
    return (
      fusedXY.trainOn({ parts: [x, y], count }, { parts: [{ source: xRef }, { source: yRef }], count: refSize }, dvLossGradient) +
      fusedX.trainOn({ parts: [x], count }, { parts: [{ source: xRef }], count: refSize }, dvLossGradient) +
      fusedY.trainOn({ parts: [y], count }, { parts: [{ source: yRef }], count: refSize }, dvLossGradient)
    );
  }

  protected trainableVariables(): tf.Variable[] {
    return [...this.netXY.variables, ...this.netX.variables, ...this.netY.variables];
  }

  protected estimateOwnData(): Evaluation {
    const { evaluation, divergences } = this.evaluate(this.x, this.y, this.rng);
    this.divergences = divergences;
    return evaluation;
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

  private evaluate(x: tf.Tensor2D, y: tf.Tensor2D, rng: Rng) {
    const refSize = this.referenceSize(x.shape[0]);
    const xRef = uniformSample(this.boxX, refSize, rng);
    const yRef = uniformSample(this.boxY, refSize, rng);
    try {
      const outputs = (net: Net, joint: tf.Tensor2D[], reference: tf.Tensor2D[]): DivergenceOutputs => ({
        joint: outputsOf(() => net.forward(...joint)),
        reference: outputsOf(() => net.forward(...reference)),
      });
      const { divergences, ...evaluation } = mineeEvaluation(
        outputs(this.netXY, [x, y], [xRef, yRef]),
        outputs(this.netX, [x], [xRef]),
        outputs(this.netY, [y], [yRef]),
      );
      return { evaluation, divergences };
    } finally {
      xRef.dispose();
      yRef.dispose();
    }
  }
}

/** `size` points uniform on the box, as a [size, dims] tensor. */
function uniformSample(box: Box, size: number, rng: Rng): tf.Tensor2D {
  return tf.tensor2d(uniformValues(box, size, rng), [size, box.min.length]);
}

/** `size` points uniform on the box, row-major. */
function uniformValues(box: Box, size: number, rng: Rng): Float32Array {
  const dims = box.min.length;
  const values = new Float32Array(size * dims);
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < dims; k++) values[i * dims + k] = box.min[k] + (box.max[k] - box.min[k]) * rng.uniform();
  }
  return values;
}

function checkedBox(box: Box, name: string): Box {
  box.min.forEach((lo, k) => {
    if (!(box.max[k] > lo)) {
      fail(
        `MINEE: column ${k} of ${name} is constant (${lo}), so its bounding box is empty and the uniform ` +
          "reference has no density there; drop that column or add variation.",
      );
    }
  });
  return box;
}
