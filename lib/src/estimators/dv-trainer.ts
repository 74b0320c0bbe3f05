import * as tf from "@tensorflow/tfjs-core";
import { checkKnownOptions, checkOptionsObject } from "../data/checks";
import { matrixToTensor, toMatrix, type Matrix, type Samples } from "../data/matrix";
import { DV } from "./bounds";
import { refuseWhileTested } from "./reference-guard";
import { checkNetwork, type StatisticsNetwork } from "./mine-trainer";
import { tOf } from "./network-output";
import type { Evaluation } from "./statistics";
import { checkSamplesAsTrained, checkTrainedColumns, checkTwoSamples, gatherRows, rowsVary, Trainer, type EstimateOnOptions, type TrainerOptions } from "./trainer";
import type { FusedNet, RowSource } from "../fast";

/**
 * Estimates D(P_Z ‖ P_Z') from samples z of P_Z and zRef of P_Z' (n and n' may differ) by
 * maximising the DV bound over t. Each epoch permutes both sample sets; batch j takes
 * every itersPerEpoch-th index of each.
 */
export class DVTrainer extends Trainer {
  readonly net: StatisticsNetwork;
  readonly n: number;
  readonly nRef: number;
  protected readonly z: tf.Tensor2D;
  protected readonly zRef: tf.Tensor2D;
  /** z and zRef as float32 rows, for the fused kernel. */
  private readonly rowsZ: RowSource;
  private readonly rowsRef: RowSource;
  private batches: Int32Array[] = [];
  private batchesRef: Int32Array[] = [];

  constructor(z: Samples, zRef: Samples, net: StatisticsNetwork, options: TrainerOptions = {}) {
    super(options, "DVTrainer");
    const zm = toMatrix(z, "DVTrainer: z");
    const refm = toMatrix(zRef, "DVTrainer: zRef");
    if (zm.cols !== refm.cols) {
      throw new Error(
        `neural-mi: DVTrainer: z has ${zm.cols} columns but zRef has ${refm.cols}; both must be samples of the same space.`,
      );
    }
    checkNetwork(net, zm.cols, "DVTrainer");
    checkTwoSamples(zm.rows, "DVTrainer: z");
    checkTwoSamples(refm.rows, "DVTrainer: zRef");
    // z and zRef together: one of them may lie far from the other (P and Q apart), not both far from 0
    checkSamplesAsTrained(pooledRows(zm, refm), "z and zRef together", "DVTrainer");
    this.checkBatchesFit(zm.rows, "z");
    this.checkBatchesFit(refm.rows, "zRef");
    this.net = net;
    this.n = zm.rows;
    this.nRef = refm.rows;
    this.z = matrixToTensor(zm);
    this.zRef = matrixToTensor(refm);
    this.rowsZ = { data: zm.values, cols: zm.cols };
    this.rowsRef = { data: refm.values, cols: refm.cols };
  }

  /** −DV(t) on a batch of z and a batch of zRef. */
  loss(batch: tf.Tensor2D, batchRef: tf.Tensor2D): tf.Scalar {
    refuseWhileTested("MINETrainer.loss"); // a part of MINE's loss, as the exported bounds (public-bounds.ts)
    return tf.neg(DV.tensor(tOf(this.net, batch), tOf(this.net, batchRef)));
  }

  estimateOn(z: Samples, zRef: Samples, options: EstimateOnOptions = {}): Evaluation {
    this.checkAlive();
    // rng and referenceDraws are the other trainers' options; z and zRef are the reference here, so nothing is drawn
    checkKnownOptions(checkOptionsObject(options, "estimateOn(z, zRef, options)"), ["rng", "referenceDraws"], "estimateOn(z, zRef, options)");
    const zm = toMatrix(z, "estimateOn(z, zRef): z");
    const refm = toMatrix(zRef, "estimateOn(z, zRef): zRef");
    checkTwoSamples(zm.rows, "estimateOn(z, zRef): z");
    checkTwoSamples(refm.rows, "estimateOn(z, zRef): zRef");
    checkTrainedColumns(zm.cols, this.rowsZ.cols, "estimateOn(z, zRef): z", "z");
    checkTrainedColumns(refm.cols, this.rowsRef.cols, "estimateOn(z, zRef): zRef", "zRef");
    checkSamplesAsTrained(pooledRows(zm, refm), "z and zRef together", "estimateOn(z, zRef)");
    return DV.evaluation(
      this.networkOutputs(() => tOf(this.net, matrixToTensor(zm))),
      this.networkOutputs(() => tOf(this.net, matrixToTensor(refm))),
    );
  }

  protected beginEpoch(): void {
    this.batches = this.stridedBatches(this.n);
    this.batchesRef = this.stridedBatches(this.nRef);
  }

  protected batchLoss(j: number): tf.Scalar {
    return this.loss(gatherRows(this.z, this.batches[j]), gatherRows(this.zRef, this.batchesRef[j]));
  }

  protected override createFusedNets(): FusedNet[] | undefined {
    const fused = this.fusedNetFor(this.net, this.loss === DVTrainer.prototype.loss);
    return fused && [fused];
  }

  protected override fusedIteration(j: number, [fused]: FusedNet[]): number {
    const rows = this.batches[j];
    const rowsRef = this.batchesRef[j];
    return fused.trainOn(
      { parts: [{ source: this.rowsZ, index: rows }], count: rows.length },
      { parts: [{ source: this.rowsRef, index: rowsRef }], count: rowsRef.length },
      DV.lossGradient,
    );
  }

  protected trainableVariables(): tf.Variable[] {
    return this.net.variables;
  }

  /** Disjoint P and Q make the divergence infinite, and t then grows until it runs off: the usual advice would not help. */
  protected override divergenceAdvice(): string {
    return (
      "If z and zRef barely overlap (a network can tell them apart), D(P_Z ‖ P_Z') is infinite or too large to estimate from " +
      "these samples: the DV bound grows with t without end, and the estimates in history.estimate are lower bounds only. " +
      `Otherwise: ${super.divergenceAdvice()}`
    );
  }

  protected override trainingSamples(): number {
    return Math.min(this.n, this.nRef);
  }

  protected override ownDataVary(): boolean {
    return rowsVary(this.rowsZ) || rowsVary(this.rowsRef);
  }

  protected estimateOwnData(): Evaluation {
    return DV.evaluation(
      this.networkOutputs(() => tOf(this.net, this.z)),
      this.networkOutputs(() => tOf(this.net, this.zRef)),
    );
  }

  protected disposeOwned(): void {
    this.z.dispose();
    this.zRef.dispose();
  }
}

/** The rows of a and then of b, in one matrix. */
function pooledRows(a: Matrix, b: Matrix): Matrix {
  const values = new Float32Array(a.values.length + b.values.length);
  values.set(a.values);
  values.set(b.values, a.values.length);
  return { values, rows: a.rows + b.rows, cols: a.cols };
}
