import { backendInfo, requireBackend } from "../backend";
import { Rng } from "../random/rng";
import {
  checkInRange,
  checkInteger,
  checkKnownOptions,
  checkNonNegativeInteger,
  checkOneOf,
  checkOptionsObject,
  fail,
} from "../data/checks";
import { checkSameRows, selectRows, toMatrix, matrixRows, type Samples } from "../data/matrix";
import { inUnit, INFORMATION_UNITS, type InformationUnit } from "../tasks/task";
import { Net } from "./net";
import { MINETrainer, MINEfTrainer } from "./mine-trainer";
import { MINEE } from "./minee";
import type { Trainer, TrainingHistory } from "./trainer";

export type EstimationMethod = "mine" | "mine-f" | "minee";
export const ESTIMATION_METHODS: readonly EstimationMethod[] = ["mine", "mine-f", "minee"];

export interface EstimateMIOptions {
  method?: EstimationMethod;
  seed?: number;
  epochs?: number;
  /** Fraction of the samples held out for the final estimate, in (0, 1). */
  holdout?: number;
  unit?: InformationUnit;
  itersPerEpoch?: number;
  learningRate?: number;
  hiddenSize?: number;
  /** MINE only: the moving average's weight β. */
  beta?: number;
  /** MI-NEE only: reference batch size as a multiple of the data batch size. */
  refBatchFactor?: number;
  /** Train on the fused WebAssembly kernel (default true); see the trainers' `fused` option. */
  fused?: boolean;
  onEpoch?: (epoch: number, estimate: number) => void | Promise<void>;
}

export interface MIEstimate {
  /** The estimate on the held-out samples. */
  estimate: number;
  /** Its standard error on the held-out samples (delta method, network fixed); see the README. */
  spread: number;
  method: EstimationMethod;
  unit: InformationUnit;
  /** Training history; `estimate` (per epoch, on the training part) is in `unit`, `loss` as trained. */
  history: TrainingHistory;
  backend: string;
  trainSize: number;
  heldOutSize: number;
}

const OPTION_NAMES = [
  "method", "seed", "epochs", "holdout", "unit", "itersPerEpoch", "learningRate",
  "hiddenSize", "beta", "refBatchFactor", "fused", "onEpoch",
];

/**
 * Estimates I(X∧Y) from paired samples: splits them at random (by `seed`) into a training
 * part and a held-out part, trains the chosen estimator on the first and returns its
 * estimate on the second.
 */
export async function estimateMI(x: Samples, y: Samples, options: EstimateMIOptions = {}): Promise<MIEstimate> {
  requireBackend();
  checkOptionsObject(options, "estimateMI(x, y, options)");
  checkKnownOptions(options, OPTION_NAMES, "estimateMI(x, y, options)");
  const { method = "mine", seed = 0, epochs = 200, holdout = 0.3, unit = "nats", itersPerEpoch = 10 } = options;
  checkOneOf(method, "estimateMI: method", ESTIMATION_METHODS);
  checkInteger(seed, "estimateMI: seed");
  checkNonNegativeInteger(epochs, "estimateMI: epochs");
  checkInRange(holdout, "estimateMI: holdout", 0, 1, { lo: true, hi: true });
  checkOneOf(unit, "estimateMI: unit", INFORMATION_UNITS);
  if (method !== "mine" && options.beta !== undefined) fail(`estimateMI: beta applies to method "mine" only, not "${method}".`);
  if (method !== "minee" && options.refBatchFactor !== undefined) {
    fail(`estimateMI: refBatchFactor applies to method "minee" only, not "${method}".`);
  }

  const xm = toMatrix(x, "estimateMI: x");
  const ym = toMatrix(y, "estimateMI: y");
  checkSameRows(xm, "x", ym, "y");
  const heldOutSize = Math.round(holdout * xm.rows);
  const trainSize = xm.rows - heldOutSize;
  if (heldOutSize < 2 || trainSize < itersPerEpoch) {
    fail(
      `estimateMI: ${xm.rows} samples split by holdout = ${holdout} leave ${trainSize} for training and ${heldOutSize} held out; ` +
        `give more samples or change holdout so that at least ${itersPerEpoch} (itersPerEpoch) train and 2 are held out.`,
    );
  }

  const master = new Rng(seed);
  const order = master.permutation(xm.rows);
  const trainRows = order.slice(0, trainSize);
  const heldRows = order.slice(trainSize);
  const netSeed = master.integer(0, 2 ** 31);
  const trainerSeed = master.integer(0, 2 ** 31);
  const evaluationRng = master.fork();
  const train = { x: matrixRows(selectRows(xm, trainRows)), y: matrixRows(selectRows(ym, trainRows)) };
  const held = { x: matrixRows(selectRows(xm, heldRows)), y: matrixRows(selectRows(ym, heldRows)) };

  const trainerOptions = { itersPerEpoch, learningRate: options.learningRate, seed: trainerSeed, fused: options.fused };
  let net: Net | undefined;
  let trainer: Trainer;
  if (method === "minee") {
    trainer = new MINEE(train.x, train.y, {
      ...trainerOptions,
      seed: netSeed,
      hiddenSize: options.hiddenSize,
      refBatchFactor: options.refBatchFactor,
    });
  } else {
    net = new Net({ inputSize: xm.cols + ym.cols, hiddenSize: options.hiddenSize, seed: netSeed });
    trainer =
      method === "mine"
        ? new MINETrainer(train.x, train.y, net, { ...trainerOptions, beta: options.beta })
        : new MINEfTrainer(train.x, train.y, net, trainerOptions);
  }
  try {
    await trainer.train({ epochs, onEpoch: options.onEpoch });
    const { estimate, standardError } = trainer.estimateOn(held.x, held.y, { rng: evaluationRng });
    return {
      estimate: inUnit(estimate, unit),
      spread: inUnit(standardError, unit),
      method,
      unit,
      history: { loss: [...trainer.history.loss], estimate: trainer.history.estimate.map((e) => inUnit(e, unit)) },
      backend: backendInfo().name,
      trainSize,
      heldOutSize,
    };
  } finally {
    trainer.dispose();
    net?.dispose();
  }
}
