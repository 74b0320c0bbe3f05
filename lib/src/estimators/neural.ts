import * as tf from "@tensorflow/tfjs-core";
import { backendInfo, requireBackend } from "../backend";
import {
  checkBoolean,
  checkInRange,
  checkInteger,
  checkKnownOptions,
  checkNonNegativeInteger,
  checkOneOf,
  checkOptionsObject,
  checkPositive,
  checkPositiveInteger,
  fail,
} from "../data/checks";
import { checkMoreSamplesThanCoordinates, checkSameRows, matrixRows, selectRows, toMatrix64, type Matrix, type Matrix64, type Samples } from "../data/matrix";
import { Rng } from "../random/rng";
import { inUnit, INFORMATION_UNITS, type InformationUnit } from "../tasks/task";
import { screenedColumns } from "./coordinate-screen";
import { partialCopyWarning } from "./partial-copies";
import { consistentEstimatorDisagreement, crossCheckReferences } from "./cross-check";
import type { CrossCheckReferences } from "./cross-check";
import { distinctOf, withoutDuplicatedRecords } from "./duplicates";
import { fewerThanTwoParts } from "./few-samples";
import type { MIEstimateResult, MIEstimator } from "./interface";
import { hasRepeatedValues, heavyTailWarning, nearCopiesWarning, normalScoreColumns, serialDependenceWarning, splitAtomColumns, withoutColumnsConstantOn, withoutConstantColumns } from "./standardise";
import type { Evaluation } from "./statistics";
import { callOnEpoch } from "./on-epoch";
import { checkNetworkSize } from "./net";
import { MAX_REFERENCE_ROWS, Trainer, TrainingDiverged } from "./trainer";
import { rareValuesReason } from "./rare-labels";
import { labelLevels, withIndicators, type ColumnLevels } from "./label-columns";
import { detachedAtoms, hasAtoms, withAtomIndicators, type ColumnAtoms } from "./detached-atoms";
import { FEW_COORDINATES, judgeRun, UNSETTLED_SPREAD, nothingFoundReason, sampleSizeGrowth, stillRising, type Run } from "./trust";

/** The options every neural estimator takes. */
export interface NeuralEstimateOptions {
  seed?: number;
  unit?: InformationUnit;
  /** Fraction of the samples held out for early stopping and the final estimate, in (0, 1). */
  holdout?: number;
  /** Samples per minibatch (default min(256, the training part)). */
  batchSize?: number;
  /** Adam steps at most (default 3000); `epochs` (passes over the training part) instead, if given. */
  steps?: number;
  epochs?: number;
  /** Held-out evaluations without a new best before training stops (default 10). */
  patience?: number;
  learningRate?: number;
  hiddenSize?: number;
  /** Train on the fused WebAssembly kernel (default true); see the trainers' `fused` option. */
  fused?: boolean;
  /** Called after each epoch with the epoch count and the estimate on the training part, in nats. */
  onEpoch?: (epoch: number, estimate: number) => void | Promise<void>;
}

export const NEURAL_OPTION_NAMES = [
  "seed", "unit", "holdout", "batchSize", "steps", "epochs", "patience", "learningRate", "hiddenSize", "fused", "onEpoch",
];

/** What a neural method supplies: its trainer on standardised training data, and the variables to snapshot. */
export interface NeuralMethod {
  name: string;
  description: string;
  /** Options beyond NEURAL_OPTION_NAMES. */
  extraOptionNames: readonly string[];
  defaultLearningRate: number;
  /** The minibatch size when none is given (default 256), at most the training part. */
  defaultBatchSize?: number;
  /** Whether the method needs X and Y to have densities (MI-NEE's divergences from continuous references). */
  needsDensities?: boolean;
  /** Whether the estimate is a difference of bounds, not a bound itself, so its bias may go either way (MI-NEE's D_XY − D_X − D_Y). */
  differenceOfBounds?: boolean;
  /** A known upward bias of the estimate, in nats, for data of these sizes (MI-NEE's fitted references). */
  upwardBias?(trainSize: number, dimX: number, dimY: number): { nats: number; reason: string };
  makeTrainer(
    train: { x: number[][]; y: number[][] },
    settings: { itersPerEpoch: number; learningRate: number; seed: number; hiddenSize: number; fused: boolean | undefined; heldOutSize: number },
    options: Record<string, unknown>,
  ): TrainerOfMethod;
}

export interface TrainerOfMethod {
  trainer: Trainer;
  /** Every trained variable: copied at the best held-out point and restored there. */
  variables: tf.Variable[];
  /** Called after every epoch, to keep the networks' outputs in range (see MINE's). */
  afterEpoch?(): void;
  /** Reference points per sample that one draw of `estimateOn` takes (MI-NEE: refBatchFactor; default 1). */
  referencesPerDraw?: number;
  /**
   * How many reference outputs the bound's log-mean-exp averages over in a training step and
   * in a held-out evaluation, when that is not the batch and the pooled draws (InfoNCE: the
   * candidates each x is contrasted with); sets the capacity ½·log N of `judgeRun`.
   */
  candidates?: { perStep: number; perEvaluation: number };
  dispose(): void;
}

/**
 * Reference points per held-out sample in each evaluation (pooled draws): the log-mean-exp
 * term then depends little on the draw.
 */
const REFERENCES_PER_SAMPLE = 10;

const DEFAULT_STEPS = 3000;
/**
 * The most Adam steps a default budget grows to: when neither `steps` nor `epochs` is given and
 * the held-out estimate is still rising at the end of DEFAULT_STEPS, training goes on with the
 * same networks and optimiser, DEFAULT_STEPS more at a time while it keeps rising, up to this many.
 * At bmi's n = 5000, DEFAULT_STEPS are a fifth of the passes over the training part they are at n = 1000,
 * and 51 of 94 trained calls ended still rising (bench/accuracy/unseen30); extended, 51 of 53 were trusted, all right.
 */
const DEFAULT_STEPS_CAP = 4 * DEFAULT_STEPS;
/** Smaller than the course's 100: as accurate on the benchmark's data sets in our runs, and about 4× faster. */
const DEFAULT_HIDDEN = 32;
const DEFAULT_PATIENCE = 10;
/** Held-out evaluations per run at the default budget (one every DEFAULT_STEPS / 60 steps). */
const EVALUATIONS = 60;
/**
 * The most Adam steps between two held-out evaluations, whatever the budget: evaluations every
 * 1/60 of the budget let patience stop a run only after 10/60 of it, so `epochs: 1e9` trained for
 * hours on a curve that had stopped rising. With evaluations at most this far apart, a run of any
 * budget stops `patience` evaluations (5000 steps at the defaults) after its best.
 */
const MAX_EVALUATION_SPACING = 500;
/**
 * The largest budget taken, in Adam steps (`steps`, or `epochs` times the steps of an epoch):
 * early stopping ends runs long before it (a run stops `patience` evaluations after its best),
 * and a larger one given with a large `patience` would run for hours; refused with this number.
 */
export const MAX_TRAINING_STEPS = 1_000_000;
/** The fewest samples in the training part and in the held-out part. */
const MIN_PART = 10;
/**
 * The fewest held-out samples whose interval is trusted. Below, the held-out estimate (a mean
 * and a log-mean-exp over a few dozen terms) is far from normal and its standard error is
 * itself uncertain by about 1/√(2m): at n = 50 (15 held out) one draw whose held-out pairs
 * showed a correlation of 0.34 for 0.8 gave MI-NEE, InfoNCE and SMILE estimates near 0 with
 * trusted intervals ending below the truth, 0.51.
 */
const MIN_TRUSTED_HELD_OUT = 50;

function splitSizes(n: number, holdout: number): { trainSize: number; heldOutSize: number } {
  const heldOutSize = Math.round(holdout * n);
  return { trainSize: n - heldOutSize, heldOutSize };
}

/** The smallest sample count whose split by `holdout` leaves MIN_PART to train on and `heldOut` held out. */
function smallestSampleCount(holdout: number, heldOut = MIN_PART): number {
  let n = MIN_PART + heldOut;
  for (;;) {
    const { trainSize, heldOutSize } = splitSizes(n, holdout);
    if (trainSize >= MIN_PART && heldOutSize >= heldOut) return n;
    n += 1;
  }
}

/**
 * A trusted interval's upper end is at most the estimate plus WIDEST_TRUSTED_FACTOR times it plus
 * WIDEST_TRUSTED_NATS (the settling allowance, for MI near 0): beyond, the MI may be more than three
 * times the estimate, and the interval says little about where it is.
 */
const WIDEST_TRUSTED_FACTOR = 2;
const WIDEST_TRUSTED_NATS = UNSETTLED_SPREAD;

/** Learning rates tried in turn when training diverges: the given one, then smaller. */
const LEARNING_RATE_FACTORS = [1, 1 / 4, 1 / 16];

export function neuralEstimator(method: NeuralMethod): MIEstimator {
  const optionNames = [...NEURAL_OPTION_NAMES, ...method.extraOptionNames];
  return {
    name: method.name,
    description: method.description,
    optionNames,
    estimate: (x, y, options = {}) => estimateNeural(method, optionNames, x, y, options),
  };
}


async function estimateNeural(
  method: NeuralMethod,
  optionNames: readonly string[],
  x: Samples,
  y: Samples,
  rawOptions: Record<string, unknown>,
): Promise<MIEstimateResult> {
  requireBackend();
  const started = Date.now();
  const what = `estimateMI(x, y, { method: "${method.name}" })`;
  const options = checkOptionsObject(rawOptions as NeuralEstimateOptions, what);
  checkKnownOptions(options, optionNames, what);
  const { seed = 0, unit = "nats", holdout = 0.3, patience = DEFAULT_PATIENCE, hiddenSize = DEFAULT_HIDDEN, fused } = options;
  checkInteger(seed, `${what}: seed`);
  checkOneOf(unit, `${what}: unit`, INFORMATION_UNITS);
  checkInRange(holdout, `${what}: holdout`, 0, 1, { lo: true, hi: true });
  checkPositiveInteger(patience, `${what}: patience`);
  checkPositiveInteger(hiddenSize, `${what}: hiddenSize`);
  checkNetworkSize(1, hiddenSize, `${what}: hiddenSize`);
  if (fused !== undefined) checkBoolean(fused, `${what}: fused`);
  if (options.steps !== undefined && options.epochs !== undefined) fail(`${what}: give steps or epochs, not both.`);
  if (options.onEpoch !== undefined && typeof options.onEpoch !== "function") fail(`${what}: onEpoch must be a function (epoch, estimate) => void.`);
  const learningRate = checkPositive(options.learningRate ?? method.defaultLearningRate, `${what}: learningRate`);

  const given = { x: toMatrix64(x, `${what}: x`), y: toMatrix64(y, `${what}: y`) };
  checkSameRows(given.x, "x", given.y, "y");
  checkMoreSamplesThanCoordinates(given.x, `${what}: x`);
  checkMoreSamplesThanCoordinates(given.y, `${what}: y`);
  const keptX = withoutConstantColumns(given.x, `${what}: x`);
  const keptY = withoutConstantColumns(given.y, `${what}: y`);
  const distinct = withoutDuplicatedRecords(keptX.matrix, keptY.matrix);
  let xm = distinct.x;
  let ym = distinct.y;
  const { trainSize, heldOutSize } = splitSizes(xm.rows, holdout);
  if (heldOutSize < MIN_PART || trainSize < MIN_PART) {
    const half = splitSizes(xm.rows, 0.5);
    fail(
      `${what}: ${xm.rows} samples${distinctOf(given.x.rows, xm.rows)} split by holdout = ${holdout} leave ${trainSize} for training and ${heldOutSize} held out; ` +
        (xm.rows < 2 * MIN_PART
          ? fewerThanTwoParts(xm.rows, MIN_PART)
          : `give at least ${smallestSampleCount(holdout)} samples for this holdout, or change holdout so that at least ${MIN_PART} train and ${MIN_PART} are held out ` +
            `(holdout: 0.5 leaves ${half.trainSize} and ${half.heldOutSize}).`),
    );
  }
  checkHeldOutReferences(xm.rows, heldOutSize, holdout, what);
  const batchSize = Math.min(trainSize, checkPositiveInteger(options.batchSize ?? Math.min(method.defaultBatchSize ?? 256, trainSize), `${what}: batchSize`));
  const itersPerEpoch = Math.max(1, Math.round(trainSize / batchSize));
  const epochs =
    options.epochs !== undefined
      ? checkTrainingBudget(options.epochs, `${what}: epochs`)
      : Math.ceil(checkTrainingBudget(options.steps ?? DEFAULT_STEPS, `${what}: steps`) / itersPerEpoch);
  checkBudgetSize(options.epochs !== undefined ? "epochs" : "steps", options.epochs ?? options.steps ?? DEFAULT_STEPS, epochs * itersPerEpoch, itersPerEpoch, what);
  const evaluateEvery = Math.max(1, Math.min(Math.round(Math.max(epochs, 1) / EVALUATIONS), Math.floor(MAX_EVALUATION_SPACING / itersPerEpoch)));
  // only the default budget grows: a budget the caller gave is trained as given
  const extendToEpochs = options.steps === undefined && options.epochs === undefined ? Math.max(epochs, Math.ceil(DEFAULT_STEPS_CAP / itersPerEpoch)) : undefined;

  const master = new Rng(seed);
  const order = master.permutation(xm.rows);
  const trainRows = order.slice(0, trainSize);
  const heldRows = order.slice(trainSize);
  const netSeed = master.integer(0, 2 ** 31);
  const trainerSeed = master.integer(0, 2 ** 31);
  const evaluationSeed = master.integer(0, 2 ** 31);
  // a column that varies only in held-out rows cannot be trained on: dropped, its entropy added above
  const onTraining = [withoutColumnsConstantOn(xm, trainRows, `${what}: x`), withoutColumnsConstantOn(ym, trainRows, `${what}: y`)];
  xm = onTraining[0].matrix;
  ym = onTraining[1].matrix;
  const droppedEntropy = onTraining[0].entropy + onTraining[1].entropy;
  const xs = normalScoreColumns(xm, trainRows, `${what}: x`);
  const ys = normalScoreColumns(ym, trainRows, `${what}: y`);
  const part = (m: Matrix, rows: number[]) => matrixRows(selectRows(m, rows));
  // few-valued columns are given to the network also as indicators of their values (label-columns.ts),
  // added where a network is trained: every count of coordinates below is of the columns themselves.
  // Not for MI-NEE, whose Gaussian references would be fitted to indicators summing to 1 (a singular
  // covariance) and whose divergences mean nothing on repeated values anyway
  const levels = method.needsDensities === true ? undefined : { x: labelLevels(xs, trainRows), y: labelLevels(ys, trainRows) };
  // a code for missing values (−999, 9999: an atom apart from the column's other values) is given to the
  // network as its indicator beside the other values' normal scores, 0 in its own rows (detached-atoms.ts);
  // not for MI-NEE, for the indicators' reasons, nor a few-valued column, whose indicators show the code already
  const atomsOf = (m: Matrix64, side: ColumnLevels) => detachedAtoms(m, trainRows).map((a, c) => (side[c] === undefined ? a : undefined));
  const atoms = levels === undefined ? undefined : { x: atomsOf(xm, levels.x), y: atomsOf(ym, levels.y) };
  const splitX = atoms !== undefined && hasAtoms(atoms.x) ? splitAtomColumns(xm, xs, trainRows, atoms.x, `${what}: x`) : undefined;
  const splitY = atoms !== undefined && hasAtoms(atoms.y) ? splitAtomColumns(ym, ys, trainRows, atoms.y, `${what}: y`) : undefined;
  const netX = splitX?.filled ?? xs;
  const netY = splitY?.filled ?? ys;
  const noFlags = (rows: number) => Array.from({ length: rows }, () => [] as number[]);
  const flagsOf = (rows: number[]) =>
    splitX === undefined && splitY === undefined
      ? undefined
      : { x: splitX === undefined ? noFlags(rows.length) : rows.map((i) => splitX.flags[i]), y: splitY === undefined ? noFlags(rows.length) : rows.map((i) => splitY.flags[i]) };
  const train: Part = { x: part(netX, trainRows), y: part(netY, trainRows), levels, atoms, flags: flagsOf(trainRows) };
  const held: Part = { x: part(netX, heldRows), y: part(netY, heldRows), levels, atoms, flags: flagsOf(heldRows) };

  // a batch larger than the training part is cut to it, and the caller should know the step she asked for is not the one run
  const batchNote =
    options.batchSize !== undefined && options.batchSize > trainSize
      ? `batchSize = ${options.batchSize} is more than the ${trainSize} training samples (${xm.rows} less ${heldOutSize} held out), so every step used all ${trainSize}.`
      : undefined;
  // columns as the caller counts them (from 0, the constant ones included)
  const keptColumns = { x: [onTraining[0].columns, keptX.columns], y: [onTraining[1].columns, keptY.columns] };
  const asGiven = (cols: number[], side: "x" | "y") => cols.map((c) => keptColumns[side].reduce((index, columns) => (columns === undefined ? index : columns[index]), c));
  const splitOn = (side: "x" | "y") => atoms![side].flatMap((codes, c) => (codes === undefined ? [] : [c]));
  const splitColumns = atoms === undefined || (!hasAtoms(atoms.x) && !hasAtoms(atoms.y)) ? undefined : { x: asGiven(splitOn("x"), "x"), y: asGiven(splitOn("y"), "y") };
  const named = (side: "x" | "y") => splitColumns![side].map((column, k) => `${side} column ${column} (${atoms![side][splitOn(side)[k]]!.join(" and ")})`);
  const atomNote =
    splitColumns === undefined
      ? undefined
      : `values apart from all the others of their column, each repeated in many rows (codes for missing values?), in ${[...named("x"), ...named("y")].join(", ")}: ` +
        "the networks got their indicators beside the column's other values (the MI is the same).";
  const warnings: string[] = [keptX.note, keptY.note, distinct.note, onTraining[0].dropped, onTraining[1].dropped, batchNote, atomNote].filter((note): note is string => note !== undefined);
  const settings: FitSettings = {
    learningRate, itersPerEpoch, epochs, extendToEpochs, evaluateEvery, patience, hiddenSize, fused, netSeed, trainerSeed, evaluationSeed, heldOutSize,
  };

  // what the data themselves say, once for every run judged (the screen's and every coordinate's)
  // in the columns as given, every row
  const partialCopy = partialCopyWarning(given.x, given.y);
  const heavyTails = heavyTailWarning(xm, ym);
  const dependentRows = [serialDependenceWarning(xm, ym), nearCopiesWarning(xm, ym, evaluationSeed)].filter((reason): reason is string => reason !== undefined);
  const repeated = repeatedValues(xm, ym);
  const rareValues = repeated ? rareValuesReason(xm, ym) : undefined;
  let references: CrossCheckReferences | undefined;
  /** Trains on `trainPart` (every coordinate, or those a screen kept) and judges the run: its interval and the reasons not to trust it. */
  const fitAndJudge = async (trainPart: Part, heldPart: Part) => {
    const dimX = trainPart.x[0].length;
    const dimY = trainPart.y[0].length;
    const fit = await fitWithRestarts(method, trainPart, heldPart, settings, options);
    const { run, usedRate, referencesPerDraw, candidates } = fit;
    if (run.best === undefined) {
      fail(
        `${what}: training diverged before the first held-out evaluation at every learning rate down to ${usedRate} ` +
          `(${run.divergence ?? "no evaluation"}); the data may hold an extreme outlier: check them, or try method "ksg".`,
      );
    }
    const best = run.best;
    const sampleCounts =
      candidates === undefined
        ? { referencesPerStep: Math.ceil(trainSize / itersPerEpoch) * (referencesPerDraw ?? 1), referencesPerEvaluation: heldOutSize * REFERENCES_PER_SAMPLE }
        : { referencesPerStep: candidates.perStep, referencesPerEvaluation: candidates.perEvaluation };
    let halfEstimate: number | undefined;
    const { interval, optimisationSpread, constantCritic, reasons } = judgeRun(run, best, epochs * itersPerEpoch, sampleCounts, method.differenceOfBounds === true);
    if (fit.unrepeatable !== undefined) {
      reasons.push(fit.unrepeatable);
      interval[1] = Infinity;
    }
    const meaningless = method.needsDensities === true && repeated;
    if (meaningless) {
      // a discrete or mixed X has no density: its divergence from a continuous reference is
      // infinite, and D_XY − D_X − D_Y is ∞ − ∞ (on a binary channel, 0.63 nats for 0.37)
      reasons.push(`repeated values in x or y (discrete, rounded or mixed data): ${method.name}'s divergences from continuous references are infinite there and their difference means nothing; use "mine" or "mine-f".`);
      interval[1] = Infinity;
    }
    const bias = method.upwardBias?.(trainSize, dimX, dimY);
    if (bias !== undefined && bias.nats > 0) {
      interval[0] -= bias.nats;
      // a constant critic is judged by judgeRun; the bias is not its cause
      if (bias.nats > (best.estimate - interval[0]) / 2 && !constantCritic) {
        reasons.push(bias.reason);
        interval[1] = Infinity;
      }
    }
    if (heldOutSize < MIN_TRUSTED_HELD_OUT) {
      reasons.push(
        `only ${heldOutSize} samples are held out: below ${MIN_TRUSTED_HELD_OUT} the held-out estimate is far from normal and its standard error ` +
          `itself uncertain, so the interval is not a 95 % one; give at least ${smallestSampleCount(holdout, MIN_TRUSTED_HELD_OUT)} samples ` +
          "for this holdout, and read the estimate as rough.",
      );
      interval[1] = Infinity;
    }
    if (heavyTails !== undefined) {
      reasons.push(heavyTails);
      interval[1] = Infinity;
    }
    if (partialCopy !== undefined) {
      reasons.push(partialCopy);
      interval[1] = Infinity;
    }
    // dependent samples (a series in its order, jittered copies of records) can push the estimate either way:
    // the interval is open above and reaches 0
    for (const dependent of dependentRows) {
      reasons.push(dependent);
      interval[0] = Math.min(interval[0], 0);
      interval[1] = Infinity;
    }
    // the references are the samples', the same for every run judged (the coordinate screen's too)
    references ??= crossCheckReferences(xm, ym, repeated, evaluationSeed);
    const crossCheck = consistentEstimatorDisagreement(references, best.estimate, (best.estimate - interval[0]) / Z95);
    if (reasons.length === 0) {
      if (crossCheck.reason !== undefined) {
        reasons.push(crossCheck.reason);
        interval[1] = Infinity;
      } else if (crossCheck.upperEnd !== undefined) {
        interval[1] = Math.max(interval[1], crossCheck.upperEnd);
      }
    }
    // the interval, trusted or not, reaches down to the consistent reference's own lower end: the union of
    // two 95 % intervals covers the MI as often as either, and the held-out part alone can sit above the MI
    if (crossCheck.lowerEnd !== undefined) interval[0] = Math.min(interval[0], crossCheck.lowerEnd);
    // an estimate that means nothing (MI-NEE's divergences on discrete data) bounds nothing from below either:
    // its interval reaches 0 (MI-NEE on a Gaussian copula with Poisson and geometric margins gave [0.430, ∞)
    // for 0.426, and on 8-bit values [0.885, ∞) for 0.830, untrusted for the right reason)
    if (meaningless) interval[0] = Math.min(interval[0], 0);
    if (reasons.length === 0 && dimX + dimY > FEW_COORDINATES) {
      const growth = await growthFromHalf(method, trainPart, heldPart, settings, options, run, best);
      halfEstimate = growth.halfEstimate;
      interval[1] = growth.reason === undefined ? interval[1] + growth.widen : Infinity;
      if (growth.reason !== undefined) reasons.push(growth.reason);
    }
    if (reasons.length === 0 && xm.cols + ym.cols > FEW_COORDINATES && interval[0] <= 0) {
      reasons.push(nothingFoundReason(xm.cols, ym.cols));
      interval[1] = Infinity;
    }
    if (reasons.length === 0 && rareValues !== undefined && interval[0] <= 0) {
      reasons.push(rareValues);
      interval[1] = Infinity;
    }
    return { fit, best, interval, reasons, optimisationSpread, halfEstimate };
  };

  const all = await fitAndJudge(train, held);
  let judged = all;
  let columnsUsed: { x: number[]; y: number[] } | undefined;
  const screen = xm.cols + ym.cols > FEW_COORDINATES ? screenedColumns(xs, ys, trainRows, evaluationSeed + 2) : undefined;
  if (screen !== undefined) {
    const columns = (part: Part, kept: { x: number[]; y: number[] }): Part => ({
      x: part.x.map((row) => kept.x.map((c) => row[c])),
      y: part.y.map((row) => kept.y.map((c) => row[c])),
      levels: part.levels === undefined ? undefined : { x: kept.x.map((c) => part.levels!.x[c]), y: kept.y.map((c) => part.levels!.y[c]) },
      atoms: part.atoms === undefined ? undefined : { x: kept.x.map((c) => part.atoms!.x[c]), y: kept.y.map((c) => part.atoms!.y[c]) },
      flags: part.flags === undefined ? undefined : { x: part.flags.x.map((row) => kept.x.map((c) => row[c] ?? 0)), y: part.flags.y.map((row) => kept.y.map((c) => row[c] ?? 0)) },
    });
    const screened = await fitAndJudge(columns(train, screen), columns(held, screen));
    if (screened.best.estimate > all.best.estimate) {
      // I(X∧Y) ≥ I(X_S∧Y_T): the screened coordinates' estimate bounds the MI from below, and nothing
      // bounds it from above but the run on every coordinate, whose interval the upper end keeps
      judged = screened;
      columnsUsed = screen;
      warnings.push(
        `trained on the ${screen.x.length} + ${screen.y.length} coordinates that a screen of the training samples found dependent ` +
          `(columns ${asGiven(screen.x, "x").join(", ")} of x and ${asGiven(screen.y, "y").join(", ")} of y), whose estimate (${screened.best.estimate.toFixed(3)} nats) was above that of every coordinate ` +
          `(${all.best.estimate.toFixed(3)}); it bounds the MI from below, and the interval's upper end is the larger of the two runs'.`,
      );
      screened.interval[1] = Math.max(screened.interval[1], all.interval[1]);
      if (all.reasons.length > 0) {
        screened.reasons.push(`on every coordinate the run was not trusted, so nothing bounds the MI from above: ${all.reasons.join(" ")}`);
        screened.interval[1] = Infinity;
      }
    }
  }
  const { fit, best, interval, reasons, optimisationSpread, halfEstimate } = judged;
  warnings.push(...fit.warnings);
  const { run, usedRate, restarts, fusedKernel } = fit;
  if (run.extension !== undefined) warnings.push(extensionNote(run));
  interval[1] += droppedEntropy;
  // a trusted interval must say where the MI is: one reaching past three times its estimate (plus the
  // settling allowance) does not (ten Gaussian pairs at ρ = 0.5, 1.44 nats: every method 0.84–0.94,
  // trusted, in [0.42, 4.1–5.0], the upper end KSG's own, extrapolated for its bias in 20 coordinates)
  if (reasons.length === 0 && interval[1] - best.estimate > WIDEST_TRUSTED_FACTOR * Math.max(0, best.estimate) + WIDEST_TRUSTED_NATS) {
    reasons.push(
      `the interval reaches ${interval[1].toFixed(2)} nats, more than ${WIDEST_TRUSTED_FACTOR + 1} times the estimate (${best.estimate.toFixed(3)}): the checks bound ` +
        "the MI only that loosely, so the estimate is a lower bound and the MI may be several times it; give more samples, or estimate on fewer coordinates.",
    );
    interval[1] = Infinity;
  }
  warnings.push(...reasons);
  const toUnit = (v: number) => inUnit(v, unit);
  return {
    estimate: toUnit(best.estimate),
    interval: [toUnit(interval[0]), toUnit(interval[1])],
    unit,
    method: method.name,
    trusted: reasons.length === 0,
    warnings,
    diagnostics: {
      trainSize,
      heldOutSize,
      batchSize: Math.ceil(trainSize / itersPerEpoch),
      steps: run.steps,
      bestStep: best.step,
      stoppedBecause: run.stopped,
      learningRate: usedRate,
      restarts,
      heldOutStandardError: toUnit(best.standardError),
      optimisationSpread: toUnit(optimisationSpread),
      ...(halfEstimate === undefined ? {} : { halfSamplesEstimate: toUnit(halfEstimate) }),
      ...(columnsUsed === undefined ? {} : { screenedColumns: { x: asGiven(columnsUsed.x, "x"), y: asGiven(columnsUsed.y, "y") }, everyCoordinateEstimate: toUnit(all.best.estimate) }),
      ...(splitColumns === undefined ? {} : { splitColumns }),
      ...(run.extension === undefined ? {} : { budgetExtended: { ...run.extension, because: "the held-out estimate was still rising" } }),
      fusedKernel,
      backend: backendInfo().name,
    },
    history: {
      loss: fit.losses,
      estimate: fit.estimates.map(toUnit),
      heldOut: run.curve.map((p) => ({ step: p.step, estimate: toUnit(p.estimate) })),
    },
    seconds: (Date.now() - started) / 1000,
  };
}

/** What happened to a run whose default budget was extended. */
function extensionNote(run: Run): string {
  const { from, cap } = run.extension!;
  const end =
    run.stopped === "patience"
      ? "when patience stopped it"
      : run.stopped === "diverged"
        ? "when it diverged"
        : run.steps >= cap
          ? "at the cap"
          : "when the estimate was no longer rising at a budget's end";
  return (
    `the held-out estimate was still rising at the end of the default budget (${from} steps), so the same networks trained on, ` +
    `${from} steps more at a time while it rose, up to ${cap}: ${run.steps} steps in all, ${end}.`
  );
}

/**
 * Samples as the network's columns, the values of each few-valued column whose indicators the network also
 * gets, and each split column's atom with, per row, its indicator (detached-atoms.ts).
 */
type Part = {
  x: number[][];
  y: number[][];
  levels?: { x: ColumnLevels; y: ColumnLevels };
  atoms?: { x: ColumnAtoms; y: ColumnAtoms };
  flags?: { x: number[][]; y: number[][] };
};

/** The part's first `size` rows. */
function firstRows(part: Part, size: number): Part {
  const flags = part.flags === undefined ? undefined : { x: part.flags.x.slice(0, size), y: part.flags.y.slice(0, size) };
  return { ...part, x: part.x.slice(0, size), y: part.y.slice(0, size), flags };
}

/**
 * The part as the network reads it: after every column, each few-valued column's values' indicators, then
 * each split column's atom indicator.
 */
function networkInputs(part: Part): { x: number[][]; y: number[][] } {
  return {
    x: withAtomIndicators(withIndicators(part.x, part.levels?.x), part.flags?.x, part.atoms?.x),
    y: withAtomIndicators(withIndicators(part.y, part.levels?.y), part.flags?.y, part.atoms?.y),
  };
}

interface FitSettings {
  learningRate: number;
  itersPerEpoch: number;
  epochs: number;
  /** The most epochs the budget grows to while the held-out estimate is still rising (the default budget only). */
  extendToEpochs: number | undefined;
  evaluateEvery: number;
  patience: number;
  hiddenSize: number;
  fused: boolean | undefined;
  netSeed: number;
  trainerSeed: number;
  evaluationSeed: number;
  heldOutSize: number;
}

interface Fit {
  run: Run;
  usedRate: number;
  restarts: number;
  fusedKernel: boolean;
  referencesPerDraw?: number;
  candidates: TrainerOfMethod["candidates"];
  /** The training losses and training-part estimates of every attempt, in order. */
  losses: number[];
  estimates: number[];
  warnings: string[];
  /**
   * Why the best network's estimate could not be made again on fresh reference draws (its outputs
   * ran off, or the estimate was not finite): the held-out estimate then rests on the draws that
   * chose it, and the run is not trusted.
   */
  unrepeatable?: string;
}

/**
 * Trains the method on `train`, evaluating on `held`, and restarts with a smaller learning
 * rate when a run diverges in its first third (while there is one); the best held-out point's
 * estimate is recomputed with fresh reference draws.
 */
async function fitWithRestarts(
  method: NeuralMethod,
  trainPart: Part,
  heldPart: Part,
  settings: FitSettings,
  options: NeuralEstimateOptions,
): Promise<Fit> {
  const train = networkInputs(trainPart);
  const held = networkInputs(heldPart);
  const { learningRate, itersPerEpoch, epochs, extendToEpochs, evaluateEvery, patience, hiddenSize, fused, netSeed, trainerSeed, evaluationSeed, heldOutSize } = settings;
  const fit: Fit = { run: { best: undefined, curve: [], stopped: "budget", steps: 0 }, usedRate: learningRate, restarts: 0, fusedKernel: false, candidates: undefined, losses: [], estimates: [], warnings: [] };
  // a rate given far above the method's default that diverges early at every factor is tried once more
  // at the default (MINE and MINE-f at learningRate 10 on a Gaussian pair stopped with an error that
  // blamed an outlier in the data)
  const rates = LEARNING_RATE_FACTORS.map((factor) => learningRate * factor);
  if (rates[rates.length - 1] > method.defaultLearningRate) rates.push(method.defaultLearningRate);
  for (const [attempt, rate] of rates.entries()) {
    fit.usedRate = rate;
    fit.restarts = attempt;
    const made = method.makeTrainer(
      train,
      { itersPerEpoch, learningRate: fit.usedRate, seed: netSeed, hiddenSize, fused, heldOutSize },
      { ...options, trainerSeed },
    );
    let keep: boolean;
    let run: Run;
    try {
      run = await trainWithHeldOut(made, held, {
        epochs, extendToEpochs, itersPerEpoch, evaluateEvery, patience, evaluationSeed, onEpoch: options.onEpoch, what: `estimateMI(x, y, { method: "${method.name}" })`,
      });
      fit.run = run;
      // one value per step: spread into push's arguments, 200 000 steps overflowed the call stack after training
      appendAll(fit.losses, made.trainer.history.loss);
      appendAll(fit.estimates, made.trainer.history.estimate);
      fit.fusedKernel = made.trainer.usesFusedKernel;
      fit.referencesPerDraw = made.referencesPerDraw;
      fit.candidates = made.candidates;
      // a run that diverged before a third of its budget is restarted with a smaller step size, while there is one
      const early = run.best === undefined || run.steps < (epochs * itersPerEpoch) / 3;
      keep = run.stopped !== "diverged" || !early || attempt === rates.length - 1;
      if (keep && run.best !== undefined) {
        // the final estimate: the best network on the held-out part with fresh reference draws,
        // so that the choice of the best point does not also select favourable draws
        restoreVariables(made.variables, run.best.values);
        // a network whose outputs run off on other reference draws (SMILE at learningRate 3: 7·10⁴ at
        // the best point) threw here, out of estimateMI, instead of giving an untrusted answer
        let final: Evaluation | undefined;
        let failure: string | undefined;
        try {
          final = made.trainer.estimateOn(held.x, held.y, { rng: evaluationSeed + 1, referenceDraws: referenceDraws(made) });
          if (!Number.isFinite(final.estimate)) failure = `the estimate became ${final.estimate}`;
        } catch (error) {
          if (!(error instanceof TrainingDiverged)) throw error;
          failure = error.message.replace(/^neural-mi: (training diverged: )?/, "").split(". ")[0];
        }
        if (failure === undefined && final !== undefined) Object.assign(run.best, final);
        fit.unrepeatable =
          failure === undefined
            ? undefined
            : `the best network (step ${run.best.step}) could not be evaluated again on fresh reference draws (${failure}): ` +
              "its estimate rests on the draws that chose it and the network may have run off; lower learningRate.";
      }
    } finally {
      made.dispose();
    }
    if (run.stopped === "diverged") {
      const next = keep ? `the estimate is from the best held-out point, step ${run.best?.step}` : `restarted with learningRate ${rates[attempt + 1]}${attempt + 1 === LEARNING_RATE_FACTORS.length ? ` (${method.name}'s default)` : ""}`;
      fit.warnings.push(`training diverged after ${run.steps} steps at learningRate ${fit.usedRate} (${run.divergence}); ${next}.`);
    }
    if (keep) break;
  }
  return fit;
}

/**
 * A second run on the first half of the (randomly ordered) training part, with the same
 * held-out part, the same batch size and evaluation spacing, and at most the steps the full
 * run took (with half the samples it overfits sooner), and what it says about the full run's
 * estimate (`sampleSizeGrowth`).
 */
async function growthFromHalf(
  method: NeuralMethod,
  train: Part,
  held: Part,
  settings: FitSettings,
  options: NeuralEstimateOptions,
  run: Run,
  best: NonNullable<Run["best"]>,
): Promise<{ widen: number; reason?: string; halfEstimate?: number }> {
  const coordinates = train.x[0].length + train.y[0].length;
  const halfSize = Math.floor(train.x.length / 2);
  const batch = Math.ceil(train.x.length / settings.itersPerEpoch);
  const itersPerEpoch = Math.max(1, Math.round(halfSize / Math.min(batch, halfSize)));
  const epochs = Math.max(1, Math.ceil(run.steps / itersPerEpoch));
  const half = await fitWithRestarts(
    method,
    firstRows(train, halfSize),
    held,
    // evaluated as often in steps as the full run, so that patience waits as many steps; at most the
    // steps the full run took, its extension included, and never extended itself
    { ...settings, itersPerEpoch, epochs, extendToEpochs: undefined, evaluateEvery: Math.max(1, Math.round((settings.evaluateEvery * settings.itersPerEpoch) / itersPerEpoch)) },
    { ...options, onEpoch: undefined },
  );
  if (half.run.best === undefined) {
    return {
      widen: Infinity,
      reason: `in ${coordinates} coordinates a second run on half the training samples, which checks that the estimate is not limited by the samples, diverged; the estimate is a lower bound.`,
    };
  }
  return { ...sampleSizeGrowth(best, half.run.best, coordinates), halfEstimate: half.run.best.estimate };
}

const Z95 = 1.96;

function repeatedValues(x: Matrix64, y: Matrix64): boolean {
  return hasRepeatedValues(x) || hasRepeatedValues(y);
}

/**
 * Trains epoch by epoch, evaluating on the held-out samples every `evaluateEvery` epochs
 * (with the same reference draws each time, so that the evaluations differ only by the
 * network), keeping a copy of the variables at the best one, and stopping after `patience`
 * evaluations without a new best, at the end of the budget (a default one extended while still
 * rising, up to its cap), or at a divergence.
 */
/**
 * Refuses a held-out part whose evaluation (REFERENCES_PER_SAMPLE reference pairs a held-out sample) needs more
 * reference rows than the trainers take at once: from about 1.4 million samples, the refusal came from inside, naming
 * estimateOn's referenceDraws, an option the caller never gave.
 */
export function checkHeldOutReferences(samples: number, heldOutSize: number, holdout: number, what: string): void {
  if (heldOutSize * REFERENCES_PER_SAMPLE <= MAX_REFERENCE_ROWS) return;
  const mostHeldOut = Math.floor(MAX_REFERENCE_ROWS / REFERENCES_PER_SAMPLE);
  let most = Math.floor((mostHeldOut + 0.5) / holdout);
  while (splitSizes(most, holdout).heldOutSize > mostHeldOut) most -= 1;
  fail(
    `${what}: ${samples} samples hold out ${heldOutSize} (holdout = ${holdout}), and each held-out evaluation draws ${REFERENCES_PER_SAMPLE} reference pairs ` +
      `per held-out sample, more than the ${MAX_REFERENCE_ROWS} rows this library evaluates at once; give a random subset of at most ` +
      `${most} samples (resample draws one; the estimate's standard error is already small there), ` +
      `or a smaller holdout (at most ${(Math.floor((mostHeldOut / samples) * 1000) / 1000).toString()}).`,
  );
}

function referenceDraws(made: TrainerOfMethod): number {
  return Math.max(1, Math.round(REFERENCES_PER_SAMPLE / (made.referencesPerDraw ?? 1)));
}

async function trainWithHeldOut(
  made: TrainerOfMethod,
  held: { x: number[][]; y: number[][] },
  settings: {
    epochs: number;
    extendToEpochs: number | undefined;
    itersPerEpoch: number;
    evaluateEvery: number;
    patience: number;
    evaluationSeed: number;
    onEpoch?: NeuralEstimateOptions["onEpoch"];
    what: string;
  },
): Promise<Run> {
  const { trainer, variables, afterEpoch } = made;
  const run: Run = { best: undefined, curve: [], stopped: "budget", steps: 0 };
  let sinceBest = 0;
  const evaluate = (): void => {
    const evaluation: Evaluation = trainer.estimateOn(held.x, held.y, { rng: settings.evaluationSeed, referenceDraws: referenceDraws(made) });
    if (!Number.isFinite(evaluation.estimate)) throw new TrainingDiverged(`the held-out estimate became ${evaluation.estimate}`, trainer.epoch, trainer.iteration);
    run.curve.push({ step: trainer.iteration, estimate: evaluation.estimate });
    if (run.best === undefined || evaluation.estimate > run.best.estimate) {
      run.best = { ...evaluation, step: trainer.iteration, epoch: trainer.epoch, values: variables.map((v) => Float32Array.from(v.dataSync() as Float32Array)) };
      sinceBest = 0;
    } else {
      sinceBest += 1;
    }
  };
  // the same networks and optimiser train on while the held-out estimate is still rising at the budget's end
  let budget = settings.epochs;
  const extended = (): number => {
    const cap = settings.extendToEpochs;
    if (cap === undefined || budget >= cap || run.best === undefined || !stillRising("budget", run.best.step, trainer.iteration)) return budget;
    const grown = Math.min(cap, budget + settings.epochs);
    run.extension = { from: run.extension?.from ?? trainer.iteration, to: grown * settings.itersPerEpoch, cap: cap * settings.itersPerEpoch };
    return grown;
  };
  try {
    for (let e = 0; e < budget; e++) {
      // the estimate on the training part costs a pass over it: only when someone listens
      if (settings.onEpoch) {
        const estimate = trainer.epochForDisplay();
        await callOnEpoch(settings.onEpoch, trainer.epoch, estimate, settings.what, "no estimate was made.");
      } else {
        trainer.trainEpochs(1);
      }
      afterEpoch?.();
      if (trainer.epoch % settings.evaluateEvery === 0 || e === budget - 1) {
        evaluate();
        if (sinceBest >= settings.patience) {
          run.stopped = "patience";
          break;
        }
        if (e === budget - 1) budget = extended();
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    if (settings.epochs === 0) evaluate();
  } catch (error) {
    if (!(error instanceof TrainingDiverged)) throw error;
    run.stopped = "diverged";
    run.divergence = error.message.replace(/^neural-mi: (training diverged: )?/, "").split(". ")[0];
  }
  run.steps = trainer.iteration;
  return run;
}

function appendAll(target: number[], values: readonly number[]): void {
  for (const value of values) target.push(value);
}

function restoreVariables(variables: tf.Variable[], values: Float32Array[]): void {
  tf.tidy(() => variables.forEach((v, i) => v.assign(tf.tensor(values[i], v.shape, "float32"))));
}

/**
 * A budget of at least one step or epoch. With 0 the network is never trained and its held-out
 * estimate is an untrained critic's (a Gaussian pair of 0.5 nats gave −0.35), which the checks
 * then blamed on overfitting or divergence.
 */
function checkBudgetSize(name: "steps" | "epochs", given: number, steps: number, itersPerEpoch: number, what: string): void {
  if (steps <= MAX_TRAINING_STEPS) return;
  const most = name === "steps" ? MAX_TRAINING_STEPS : Math.floor(MAX_TRAINING_STEPS / itersPerEpoch);
  fail(
    `${what}: ${name} = ${given} is ${name === "epochs" ? `${steps.toExponential(2)} Adam steps (${itersPerEpoch} an epoch), ` : ""}more than the most this library trains, ` +
      `${MAX_TRAINING_STEPS} steps; give ${name} of at most ${most}. A large budget is not needed for a run to train until it stops improving: ` +
      `training stops ${"`patience`"} held-out evaluations (at most ${MAX_EVALUATION_SPACING} steps apart) after its best estimate.`,
  );
}

function checkTrainingBudget(value: unknown, what: string): number {
  const budget = checkNonNegativeInteger(value, what);
  if (budget === 0) fail(`${what} is 0: the network would not be trained at all, and its estimate would mean nothing; give at least 1 (the default is ${DEFAULT_STEPS} steps).`);
  return budget;
}
