import { requireBackend } from "../backend";
import { checkInteger, checkKnownOptions, checkOneOf, checkOptionsObject, checkPositiveInteger, fail } from "../data/checks";
import { checkMoreSamplesThanCoordinates, checkSameRows, toMatrix64, type Matrix64, type Samples, selectRows64 } from "../data/matrix";
import { offsetSeed, Rng } from "../random/rng";
import { inUnit, INFORMATION_UNITS, type InformationUnit } from "../tasks/task";
import type { MIEstimateResult, MIEstimator } from "./interface";
import { distinctOf, withoutDuplicatedRecords } from "./duplicates";
import { ksgCallFor, MIN_SAMPLES_PER_NEIGHBOUR } from "./few-samples";
import { partialCopyWarning } from "./partial-copies";
import { strongestLowerBound } from "./projection-bound";
import { coExtremeBound, rareRowsDisagreement } from "./co-extreme";
import { hasRepeatedValues, repeatedValueCount, heavyTailWarning, nearCopiesWarning, normalScoreColumns, serialDependenceWarning, withoutConstantColumns } from "./standardise";
import { mean, variance } from "./statistics";
import { SmallestValues } from "./smallest-values";
import { FEW_COORDINATES, nothingFoundReason } from "./trust";
import { digamma } from "../tasks/special-functions";

export interface KSGOptions {
  /** Neighbours k (default 10, as bmi's KSG). */
  neighbors?: number;
  unit?: InformationUnit;
  /** Seeds the split into halves behind the convergence check. */
  seed?: number;
}

const KSG_OPTION_NAMES = ["neighbors", "unit", "seed"];
/**
 * Above this many coordinates in all, KSG's downward bias on strong dependence can exceed its
 * spread (the spiral in 3 + 3 gave 0.19 [0.16, 0.28] for 0.41).
 */
const TRUSTED_DIMENSIONS = 4;
const Z95 = 1.96;
/** The one-sided 95 % point: a lower bound clearly above the estimate (as the trained methods' cross-check). */
const ONE_SIDED_95 = 1.645;
/**
 * The per-point terms' standard error ignores their mutual dependence (neighbours share
 * counts). Over 60 seeds the spread of KSG's estimate was 1.05–1.10 times it on bivariate
 * Gaussians at n = 1000 and 1.66 times on the two-Gaussian mixture at n = 400 and on two
 * Gaussian pairs at n = 1000; with the bare per-point error the bivariate Gaussian ρ = 0.9
 * (0.830) got trusted intervals above it on 2 of 10 seeds (0.885 [0.837, 0.983]). The interval
 * uses the per-point error times this factor.
 */
const SE_INFLATION = 1.7;
export const KSG_SE_INFLATION = SE_INFLATION;
/** The most samples KSG uses in up to TRUSTED_DIMENSIONS coordinates (its cost grows as n²: about 20 s at this size); beyond, a random subset. */
const MAX_SAMPLES = 20_000;

/**
 * The most samples KSG uses with `dimensions` coordinates in all. Its cost grows as n²·dimensions
 * (every pair's max-norm distance): 20 000 samples of 20 + 20 independent columns took 4 min, where
 * 20 000 of 1 + 1 took 20–35 s. Beyond TRUSTED_DIMENSIONS coordinates, where KSG's interval is not
 * trusted anyway (a subset only lowers its lower end, by the larger bias of fewer samples), the cap
 * falls as 1/√dimensions so that a call costs about what MAX_SAMPLES samples in TRUSTED_DIMENSIONS
 * coordinates do (6324 samples in 20 + 20).
 */
export function ksgSampleCap(dimensions: number): number {
  return dimensions <= TRUSTED_DIMENSIONS ? MAX_SAMPLES : Math.floor(MAX_SAMPLES * Math.sqrt(TRUSTED_DIMENSIONS / dimensions));
}

/** What the convergence check saw where the estimate moved significantly from n/2 to n (nats). */
export interface KSGMove {
  estimate: number;
  /** The estimate on all samples minus the halves' mean, and its standard error. */
  change: number;
  changeStandardError: number;
  /** The estimate's own (inflated) standard error. */
  standardError: number;
  /** The bias left at n, from the change at its upper 95 % end (`biasFromHalves`). */
  remainingBiasBound: number;
  dimensions: number;
  samples: number;
}

/**
 * Whether a significant move from n/2 to n still leaves the result trusted: false, or by how much the
 * trusted interval's lower end is lowered. A rising estimate stays trusted while the bias its move
 * leaves (`remainingBiasBound`) is at most twice the statistical half-width 1.96·s.e.: the upper end,
 * estimate + 1.96·s.e. + bound, then still holds the MI if the bias left is up to 1.5 times the bound
 * (in 1 + 1 coordinates, a bias shrinking as n^(−0.35) where the bound assumes n^(−1/2)). Its lower
 * end reaches down by the change, to the halves' level: where the estimate rose by chance, the one on
 * all samples is the high one (trusting every move gave 3 intervals above the truth in 176 moving calls
 * on the coverage tasks). A falling estimate, or a larger bias, stays untrusted: y = x₁·x₂ in 10 % of
 * the rows (infinite MI) gave 0.036 [−0.008, 0.193] with a bound of 0.123 against 1.96·s.e. = 0.025.
 * On the coverage tasks and the unseen probes' sets (bench/accuracy/ksg-moving-rule, which replaces
 * `decide` to compare rules) it made 122 of 840 moving calls trusted, all holding the truth (AI of
 * bmi's fine distributions at n = 5000: 0.768–0.783 for 0.776, 4 seeds of 4), and none wrong.
 */
export const KSG_MOVING_RULE = {
  decide: (move: KSGMove): false | { lowerBy: number } =>
    move.change > 0 && move.remainingBiasBound <= 2 * Z95 * move.standardError && { lowerBy: move.change },
};

/**
 * The Kraskov–Stögbauer–Grassberger estimator (their first, with the max-norm) on the
 * columns' normal scores (see `normalScoreColumns`: invariant to location, scale and tails):
 * with ε_i the distance from point i to its k-th neighbour in (x, y),
 * I ≈ ψ(k) + ψ(n) − mean over i of [ψ(n_x,i + 1) + ψ(n_y,i + 1)], where n_x,i counts the
 * other points closer than ε_i in x alone (n_y,i in y). Exact pairwise distances, O(n²·d).
 *
 * Its bias is downward where the dependence is strong (high MI, many dimensions) and shrinks
 * with n, so the call also estimates on two random halves and compares: see `biasFromHalves`.
 */
export function ksgEstimate(x: Samples, y: Samples, options: KSGOptions = {}): MIEstimateResult {
  requireBackend();
  const started = Date.now();
  const what = 'estimateMI(x, y, { method: "ksg" })';
  const fields = checkOptionsObject(options, what);
  checkKnownOptions(fields, KSG_OPTION_NAMES, what);
  const { neighbors = 10, unit = "nats", seed = 0 } = fields;
  checkInteger(seed, `${what}: seed`);
  checkOneOf(unit, `${what}: unit`, INFORMATION_UNITS);
  const received = { x: toMatrix64(x, `${what}: x`), y: toMatrix64(y, `${what}: y`) };
  checkSameRows(received.x, "x", received.y, "y");
  checkMoreSamplesThanCoordinates(received.x, `${what}: x`);
  checkMoreSamplesThanCoordinates(received.y, `${what}: y`);
  const keptX = withoutConstantColumns(received.x, `${what}: x`);
  const keptY = withoutConstantColumns(received.y, `${what}: y`);
  const distinct = withoutDuplicatedRecords(keptX.matrix, keptY.matrix);
  const given = { x: distinct.x, y: distinct.y };
  // O(n²·d): beyond ksgSampleCap a seeded random subset, so that a large n costs seconds, not hours
  const cap = ksgSampleCap(given.x.cols + given.y.cols);
  const kept = given.x.rows <= cap ? undefined : new Rng(seed).choice(given.x.rows, cap);
  const xm = kept === undefined ? given.x : selectRows64(given.x, kept);
  const ym = kept === undefined ? given.y : selectRows64(given.y, kept);
  const n = xm.rows;
  checkPositiveInteger(neighbors, `${what}: neighbors`);
  const smallest = 2 * (neighbors + 1);
  if (n < smallest) {
    const suggested = ksgCallFor(n);
    fail(
      `${what}: neighbors = ${neighbors} needs at least ${smallest} samples (k + 1 in each half of the convergence check), got ${n}${distinctOf(received.x.rows, n)}; ` +
        (suggested === undefined ? "KSG needs at least 4 samples (neighbors: 1): give more samples." : `lower neighbors (${suggested} runs) or give more samples.`),
    );
  }
  const all = Array.from({ length: n }, (_, i) => i);
  const points: KSGPoints = {
    xs: normalScoreColumns(xm, all, `${what}: x`).values,
    ys: normalScoreColumns(ym, all, `${what}: y`).values,
    dx: xm.cols,
    dy: ym.cols,
  };
  // the terms with a third of the neighbours (see neighbourDrift below) from the same distances
  const full = ksgTerms(points, all, neighbors, fewerNeighborsOf(neighbors));
  const estimate = mean(full.terms);
  const standardError = SE_INFLATION * Math.sqrt(variance(full.terms) / n);
  const halves = biasFromHalves(points, full.terms, neighbors, seed);
  const warnings: string[] = [];
  const dimensions = points.dx + points.dy;
  if (dimensions > TRUSTED_DIMENSIONS) {
    warnings.push(
      `KSG in ${dimensions} dimensions: its downward bias on strongly dependent data grows with the dimension ` +
        "and is not in the interval; compare with a neural method (\"mine\").",
    );
  }
  // KSG's derivation assumes densities: repeated values put neighbours at distance 0 (before ties
  // were counted as in ksgTerms, log 3 nats of a three-valued copy came out as 9.8, and
  // independent zero-inflated data 6.6); the tie rule makes the estimate sensible, but its
  // interval is not validated there, so such results stay untrusted
  const repeated = hasRepeatedValues(xm) || hasRepeatedValues(ym);
  if (repeated) {
    warnings.push(
      `repeated values in x or y (${repeatedValueCount(xm) + repeatedValueCount(ym)} values repeat${full.tied > 0 ? `, and ${full.tied} of ${n} points have their ${neighbors}th neighbour at distance 0` : ""}): KSG's derivation assumes ` +
        "continuous data; ties are counted as Gao et al. (2017) do, but its interval has not been checked on such data; use a neural method (\"mine\") for discrete, rounded or mixed data.",
    );
  }
  // every point contributing the same term means x and y determine each other exactly: for
  // continuous data the MI is then unbounded, and a zero-width interval would claim certainty
  const sameTerm = full.terms.every((term) => term === full.terms[0]);
  if (sameTerm) {
    warnings.push(
      "every point contributes the same term, so x and y determine each other exactly; for continuous data the MI is then " +
        "unbounded and no finite estimate is right.",
    );
  }
  const move: KSGMove = {
    estimate,
    change: halves.change,
    changeStandardError: halves.standardError,
    standardError,
    remainingBiasBound: halves.remainingBiasBound,
    dimensions: points.dx + points.dy,
    samples: n,
  };
  const moved = Math.abs(halves.change) > Z95 * halves.standardError ? KSG_MOVING_RULE.decide(move) : { lowerBy: 0 };
  if (moved === false) {
    warnings.push(
      `the estimate still moves with the sample size (${(estimate - halves.change).toFixed(3)} nats on halves of the samples, ` +
        `${estimate.toFixed(3)} on all${halves.change > 0 ? `: a bias of up to ${halves.remainingBiasBound.toFixed(3)} may remain, over twice the interval's statistical half-width ${(Z95 * standardError).toFixed(3)}` : ""}), ` +
        "so KSG's bias is not small here (strong dependence, many dimensions or heavy " +
        "tails): give more samples, or compare with a neural method (\"mine\").",
    );
  }
  const heavyTails = heavyTailWarning(xm, ym);
  if (heavyTails !== undefined) warnings.push(heavyTails);
  const partialCopy = partialCopyWarning(received.x, received.y);
  if (partialCopy !== undefined) warnings.push(partialCopy);
  // in the order given (the subset beyond ksgSampleCap is in random order)
  const serial = serialDependenceWarning(given.x, given.y);
  if (serial !== undefined) warnings.push(serial);
  // jittered copies of records: KSG's neighbours are the copies, which can move the estimate either way
  const copies = nearCopiesWarning(given.x, given.y, seed);
  if (copies !== undefined) warnings.push(copies);
  const eitherWay = serial !== undefined || copies !== undefined;
  const fewSamples = n < MIN_SAMPLES_PER_NEIGHBOUR * neighbors;
  if (fewSamples) {
    warnings.push(
      `only ${n} samples for ${neighbors} ${neighbors === 1 ? "neighbour" : "neighbours"}: below ${MIN_SAMPLES_PER_NEIGHBOUR} samples per neighbour KSG is biased low by more than ` +
        `its check on halves of the samples can bound (the estimate may be far below the MI); give at least ${MIN_SAMPLES_PER_NEIGHBOUR * neighbors} samples` +
        // with one neighbour already, fewer is no remedy
        (neighbors > 1 ? `, or fewer neighbors (at most ${Math.max(1, Math.floor(n / MIN_SAMPLES_PER_NEIGHBOUR))}).` : "."),
    );
  }
  // a lower bound of the MI from each sample's nearest neighbour, which sees dependence at scales
  // finer than KSG's k neighbours (a sawtooth of 30 teeth: KSG 0.009 [−0.037, 0.079], trusted, for 2.53)
  // (it assumes independent samples, as the data-processing argument behind it does)
  const bound = eitherWay ? undefined : strongestLowerBound(xm, ym, offsetSeed(seed, 1));
  const belowBound = bound !== undefined && bound.estimate - estimate > ONE_SIDED_95 * Math.hypot(bound.standardError, standardError);
  if (belowBound) {
    warnings.push(
      `${bound.description} is ${bound.estimate.toFixed(3)} ± ${bound.standardError.toFixed(3)} nats, clearly above this estimate (${estimate.toFixed(3)}): ` +
        `${bound.cause ?? "the dependence sits at a scale finer than KSG's neighbours resolve (a function that oscillates or jumps, labels whose order carries nothing)"}; ` +
        "read the estimate as a lower bound, and give more samples.",
    );
  }
  // the rows extreme in both x and y (a shock shared by 1 % of them): a bound of their own, which the estimate must reach
  const rareRows = eitherWay ? {} : rareRowsDisagreement(coExtremeBound(xm, ym, offsetSeed(seed, 2)), estimate);
  if (!belowBound && rareRows.reason !== undefined) warnings.push(rareRows.reason);
  // the bias left at n is at least the change from n/2 to n: widen on the side the estimate moves to
  // KSG's bias grows with k where the density is not flat within a point's k neighbours (a peaked or
  // kinked noise: y = x + Laplace(0.05), x uniform, 1.43 nats, gave 1.46, 1.47 and 1.49 at k = 3, 5
  // and 10, and the change from n/2 to n showed none of it: 3 of 14 trusted intervals missed): the
  // estimate with a third of the neighbours widens the interval by how far it lies, on its side
  const fewer = full.fewerTerms !== undefined ? mean(full.fewerTerms) : estimate;
  const neighbourDrift = estimate - fewer;
  const below = Z95 * standardError + Math.max(0, -halves.remainingBias) + Math.max(0, neighbourDrift) + (moved === false ? 0 : moved.lowerBy);
  // no dependence shown, in more coordinates than the neighbour bound sees finely: open above
  const nothingFound = warnings.length === 0 && dimensions > FEW_COORDINATES && estimate - below <= 0;
  if (nothingFound) warnings.push(nothingFoundReason(points.dx, points.dy));
  const trusted = warnings.length === 0;
  warnings.unshift(...[keptX.note, keptY.note, distinct.note].filter((note): note is string => note !== undefined));
  // above: the bias still to come at n, bounded with the change's own uncertainty (the change from
  // n/2 to n is itself a noisy estimate: on the uniform disk its point value left the truth out)
  const above = Z95 * standardError + Math.max(0, halves.remainingBiasBound) + Math.max(0, -neighbourDrift);
  const rising = halves.change > 0 || fewSamples || belowBound || rareRows.reason !== undefined || nothingFound || dimensions > TRUSTED_DIMENSIONS || repeated || sameTerm || heavyTails !== undefined || partialCopy !== undefined;
  // a trusted interval's upper end reaches the neighbour bound's own upper end, as a trained one's does
  const boundEnd = Math.max(bound === undefined ? -Infinity : bound.estimate + Z95 * bound.standardError, rareRows.upperEnd ?? -Infinity);
  const interval: [number, number] = trusted
    ? [estimate - below, Math.max(estimate + above, boundEnd)]
    : eitherWay
      ? [Math.min(0, estimate - below), Infinity]
      : rising
      ? [estimate - below, Infinity]
      : [Math.min(0, estimate - below), estimate + above];
  const toUnit = (v: number) => inUnit(v, unit);
  return {
    estimate: toUnit(estimate),
    interval: [toUnit(interval[0]), toUnit(interval[1])],
    unit,
    method: "ksg",
    trusted,
    warnings,
    diagnostics: {
      neighbors,
      samples: n,
      samplesGiven: given.x.rows,
      standardError: toUnit(standardError),
      tiedPoints: full.tied,
      halvesEstimate: toUnit(estimate - halves.change),
      fewerNeighborsEstimate: toUnit(fewer),
      remainingBias: toUnit(halves.remainingBias),
    },
    history: { loss: [], estimate: [], heldOut: [] },
    seconds: (Date.now() - started) / 1000,
  };
}

/**
 * KSG's point estimate and its bare per-point standard error on the normal scores of x and y,
 * without input checks, for the cross-check of trained estimates; `upperEnd` is the upper end of the
 * interval `ksgEstimate` would give (the inflated error, the bias still to come from the estimate on
 * two halves drawn by `seed`, at the rate read from quarters where that is slower, and how far the estimate with a third of the neighbours lies above),
 * `lowerEnd` its lower end without the neighbours' term (`fewerNeighborsAbove`, in the upper end).
 */
export function ksgPointEstimate(
  x: Matrix64,
  y: Matrix64,
  options: { neighbors?: number; seed?: number } = {},
): {
  estimate: number;
  standardError: number;
  upperEnd: number;
  lowerEnd: number;
  fewerNeighborsAbove: number;
  slowerRateAbove: number;
  unreadRateAbove: number;
} {
  const { neighbors = 10, seed = 0 } = options;
  const all = Array.from({ length: x.rows }, (_, i) => i);
  const points: KSGPoints = { xs: normalScoreColumns(x, all, "x").values, ys: normalScoreColumns(y, all, "y").values, dx: x.cols, dy: y.cols };
  const { terms, fewerTerms } = ksgTerms(points, all, neighbors, fewerNeighborsOf(neighbors));
  const estimate = mean(terms);
  const standardError = Math.sqrt(variance(terms) / x.rows);
  const halves = biasFromHalves(points, terms, neighbors, seed);
  // above, also how far the estimate with a third of the neighbours lies above it, as ksgEstimate's interval reaches,
  // beyond its own noise (the per-point differences' 1.96 standard errors: at n = 200 on independent data it is 0.03–0.13
  // above by chance): without it, Dirichlet(0.3, 0.3, 0.3) shares (0.929 nats, their dependence at every scale near
  // x + y = 1) had KSG 0.58, bias bound 0.24, with a third of the neighbours 0.69, and MINE and SMILE trusted at
  // 0.51–0.62 with upper ends 0.875–0.916 (unseen39); the lower end stays as the neighbour bound reads it
  const fewerAbove = fewerTerms === undefined ? 0 : beyondNoise(Float64Array.from(fewerTerms, (t, i) => t - terms[i]));
  return {
    estimate,
    standardError,
    upperEnd: estimate + Z95 * SE_INFLATION * standardError + Math.max(0, halves.remainingBiasBound) + fewerAbove,
    lowerEnd: estimate - Z95 * SE_INFLATION * standardError - Math.max(0, -halves.remainingBias),
    fewerNeighborsAbove: fewerAbove,
    slowerRateAbove: halves.slowerRateAbove,
    unreadRateAbove: halves.unreadRateAbove,
  };
}

/** The mean of per-point differences less 1.96 of its standard errors, where that is above 0; else 0. */
function beyondNoise(differences: Float64Array): number {
  return Math.max(0, mean(differences) - Z95 * Math.sqrt(variance(differences) / differences.length));
}

/** The neighbours of the second estimate from the same distances (a third of k), whose distance from the first bounds the bias that grows with k. */
function fewerNeighborsOf(neighbors: number): number | undefined {
  return neighbors >= 3 ? Math.max(1, Math.round(neighbors / 3)) : undefined;
}

export const KSG_ESTIMATOR: MIEstimator = {
  name: "ksg",
  description: "KSG: k-nearest-neighbour estimator (Kraskov et al. 2004), no training; strong in few dimensions",
  optionNames: KSG_OPTION_NAMES,
  estimate: async (x, y, options) => ksgEstimate(x, y, options as KSGOptions),
};

interface KSGPoints {
  xs: Float32Array;
  ys: Float32Array;
  dx: number;
  dy: number;
}

/** Each point's KSG term, how many points had ε = 0, and the terms with fewer neighbours when asked for. */
type KSGTerms = { terms: Float64Array; tied: number; fewerTerms?: Float64Array };

/**
 * KSG's per-point terms over the points `rows` only (n = rows.length), and how many had ε = 0;
 * with `fewerNeighbors`, also the terms with that many neighbours. In few dimensions the points are
 * walked in the order of one column (`ksgTermsByWalks`); in more, where the walks reach nearly
 * every point (20 + 20 coordinates: slower than the scan), each point's distances to all n are
 * measured. Both give the same terms.
 */
function ksgTerms(
  points: KSGPoints,
  rows: readonly number[],
  neighbors: number,
  fewerNeighbors?: number,
): KSGTerms {
  return (points.dx + points.dy <= MAX_WALKED_DIMENSIONS ? ksgTermsByWalks : ksgTermsByScan)(points, rows, neighbors, fewerNeighbors);
}

/** The most joint dimensions in which KSG walks the points in one column's order rather than measuring all pairs. */
const MAX_WALKED_DIMENSIONS = 4;

/** The counts within and at a radius ε around a point: in x, in y, and (at or within) in the joint space. */
interface CountsAt {
  nx: number;
  atX: number;
  ny: number;
  atY: number;
  atJoint: number;
}

/** KSG's term at a point whose k-th neighbour is at distance ε, from its counts at ε, among n points. */
function termFromCounts(n: number, epsilon: number, { nx, atX, ny, atY, atJoint }: CountsAt): number {
  // Gao, Kannan, Oh & Viswanath (2017): at a point with k or more exact copies the k-th
  // neighbour is at distance 0, and its term is the plug-in estimate's over its ties:
  // ψ(copies) + ψ(n) − ψ(ties in x + 1) − ψ(ties in y + 1)
  if (epsilon === 0) return digamma(atJoint) + digamma(n) - digamma(atX + 1) - digamma(atY + 1);
  // repeated values put several points exactly at the radius ε: all of them count, in the
  // joint space (k̃ ≥ k of them within ε) and in each marginal; on continuous data there is
  // one, the k-th neighbour, and this is KSG's ψ(k) + ψ(n) − ψ(n_x + 1) − ψ(n_y + 1)
  return digamma(atJoint) + digamma(n) - digamma(nx + Math.max(atX, 1)) - digamma(ny + Math.max(atY, 1));
}

/**
 * KSG's terms for n points, given how a strategy offers point a's joint distances to the heap of the
 * k nearest (`offerNearest`: every other point's, or at least all that could be kept) and counts the
 * points at or within a radius of it (`countsAt`).
 */
function termsOfPoints(
  n: number,
  neighbors: number,
  fewerNeighbors: number | undefined,
  offerNearest: (a: number, nearest: SmallestValues) => void,
  countsAt: (a: number, epsilon: number) => CountsAt,
): KSGTerms {
  const terms = new Float64Array(n);
  const fewerTerms = fewerNeighbors === undefined ? undefined : new Float64Array(n);
  let tied = 0;
  // the k nearest joint distances are all a point's terms need of them: a heap of k, not a selection over n
  const nearest = new SmallestValues(Math.max(neighbors, fewerNeighbors ?? 0));
  /** The j-th smallest of the distances offered (Infinity when fewer were, as the point itself at Infinity once gave). */
  const jthNearest = (j: number, sorted: Float64Array) => (j <= sorted.length ? sorted[j - 1] : Infinity);
  for (let a = 0; a < n; a++) {
    nearest.clear();
    offerNearest(a, nearest);
    const sorted = nearest.sorted();
    const epsilon = jthNearest(neighbors, sorted);
    if (epsilon === 0) tied += 1;
    terms[a] = termFromCounts(n, epsilon, countsAt(a, epsilon));
    if (fewerTerms !== undefined) {
      const fewerEpsilon = jthNearest(fewerNeighbors as number, sorted);
      fewerTerms[a] = termFromCounts(n, fewerEpsilon, countsAt(a, fewerEpsilon));
    }
  }
  return { terms, tied, fewerTerms };
}

/**
 * `ksgTerms` by measuring each point's distances to all n, in x and in y, a coordinate at a time:
 * a distance is given up once one coordinate's gap passes the k-th nearest joint distance kept so
 * far, which only falls, down to ε. A distance given up is above every ε its counts use, and one
 * at or below is measured in full, so the terms are those of measuring every pair in full (which
 * took 1.25 times the CPU in 5 + 5 coordinates: half the pairs are within ε in any one coordinate).
 */
function ksgTermsByScan(
  points: KSGPoints,
  rows: readonly number[],
  neighbors: number,
  fewerNeighbors?: number,
): KSGTerms {
  const { xs, ys, dx, dy } = points;
  const n = rows.length;
  const distX = new Float64Array(n);
  const distY = new Float64Array(n);
  // the rows' values side by side, in the order of `rows` (read n times each)
  const gx = gatherRows(xs, dx, rows);
  const gy = gatherRows(ys, dy, rows);
  const offerNearest = (a: number, nearest: SmallestValues) => {
    let bound = Infinity;
    for (let b = 0; b < n; b++) {
      if (b === a) continue;
      distX[b] = maxNormUpTo(gx, dx, a, b, bound);
      distY[b] = maxNormUpTo(gy, dy, a, b, bound);
      const joint = Math.max(distX[b], distY[b]);
      if (joint < bound) {
        nearest.offer(joint);
        bound = nearest.bound();
      }
    }
  };
  const countsAt = (a: number, epsilon: number): CountsAt => {
    const counts = { nx: 0, atX: 0, ny: 0, atY: 0, atJoint: 0 };
    for (let b = 0; b < n; b++) {
      if (b === a) continue;
      if (distX[b] < epsilon) counts.nx += 1;
      else if (distX[b] === epsilon) counts.atX += 1;
      if (distY[b] < epsilon) counts.ny += 1;
      else if (distY[b] === epsilon) counts.atY += 1;
      if (Math.max(distX[b], distY[b]) <= epsilon) counts.atJoint += 1;
    }
    return counts;
  };
  return termsOfPoints(n, neighbors, fewerNeighbors, offerNearest, countsAt);
}

/**
 * `ksgTerms` by walks: the points are walked in the order of x's first column (and, for the counts in y, of y's),
 * outward from each point: the max-norm is at least the gap in that column, so the k nearest are
 * found once the gap reaches the k-th kept, and the counts within ε end where the gap passes ε.
 * Every distance that decides a term is the one a scan over all n pairs computes.
 */
function ksgTermsByWalks(
  points: KSGPoints,
  rows: readonly number[],
  neighbors: number,
  fewerNeighbors?: number,
): KSGTerms {
  const { xs, ys, dx, dy } = points;
  const n = rows.length;
  // the rows' values side by side, in the order of `rows`
  const gx = gatherRows(xs, dx, rows);
  const gy = gatherRows(ys, dy, rows);
  const byX = new FirstColumnOrder(gx, dx, n);
  const byY = new FirstColumnOrder(gy, dy, n);
  // the distances from the current point, each measured once: in many dimensions the walks reach
  // most points, and measuring them again in each walk cost twice the scan over all n
  const distX = new Float64Array(n);
  const distY = new Float64Array(n);
  const measuredFrom = new Int32Array(n).fill(-1);
  // a distance is given up above `limit` (see ksgTermsByScan): the k-th nearest kept while offering,
  // then ε, which only falls, so a distance measured once serves every later use
  const measure = (a: number, b: number, limit: number) => {
    if (measuredFrom[b] === a) return;
    distX[b] = maxNormUpTo(gx, dx, a, b, limit);
    distY[b] = maxNormUpTo(gy, dy, a, b, limit);
    measuredFrom[b] = a;
  };
  const offerNearest = (a: number, nearest: SmallestValues) =>
    byX.nearestFirst(a, () => nearest.bound(), (b, bound) => {
      measure(a, b, bound);
      const joint = Math.max(distX[b], distY[b]);
      if (joint < bound) nearest.offer(joint);
    });
  const countsAt = (a: number, epsilon: number): CountsAt => {
    const counts = { nx: 0, atX: 0, ny: 0, atY: 0, atJoint: 0 };
    byX.within(a, epsilon, (b) => {
      measure(a, b, epsilon);
      if (distX[b] < epsilon) counts.nx += 1;
      else if (distX[b] === epsilon) counts.atX += 1;
      if (Math.max(distX[b], distY[b]) <= epsilon) counts.atJoint += 1;
    });
    byY.within(a, epsilon, (b) => {
      measure(a, b, epsilon);
      if (distY[b] < epsilon) counts.ny += 1;
      else if (distY[b] === epsilon) counts.atY += 1;
    });
    return counts;
  };
  return termsOfPoints(n, neighbors, fewerNeighbors, offerNearest, countsAt);
}

/** Rows in the order of their first column, walked outward from one row: its max-norm distance to another is at least their gap there. */
class FirstColumnOrder {
  private readonly order: Int32Array;
  private readonly placeOf: Int32Array;
  private readonly first: Float64Array;

  constructor(values: Float64Array, d: number, n: number) {
    this.first = Float64Array.from({ length: n }, (_, row) => values[row * d]);
    this.order = Int32Array.from({ length: n }, (_, row) => row).sort((p, q) => this.first[p] - this.first[q]);
    this.placeOf = new Int32Array(n);
    this.order.forEach((row, place) => (this.placeOf[row] = place));
  }

  /** Every other row whose gap to row a is at most `radius`. */
  within(a: number, radius: number, visit: (b: number) => void): void {
    const { order, first } = this;
    const place = this.placeOf[a];
    for (let k = place - 1; k >= 0 && first[a] - first[order[k]] <= radius; k--) visit(order[k]);
    for (let k = place + 1; k < order.length && first[order[k]] - first[a] <= radius; k++) visit(order[k]);
  }

  /** The other rows nearest in gap first, while the gap is below `bound()` (read before each row, which `visit` is given). */
  nearestFirst(a: number, bound: () => number, visit: (b: number, bound: number) => void): void {
    const { order, first } = this;
    const place = this.placeOf[a];
    let [left, right] = [place - 1, place + 1];
    for (;;) {
      const gapLeft = left >= 0 ? first[a] - first[order[left]] : Infinity;
      const gapRight = right < order.length ? first[order[right]] - first[a] : Infinity;
      const limit = bound();
      if (!(Math.min(gapLeft, gapRight) < limit)) return;
      visit(gapLeft <= gapRight ? order[left--] : order[right++], limit);
    }
  }
}

/**
 * KSG on two random halves of the samples against KSG on all of them. `change` is the
 * estimate on all minus the mean of the halves' estimates, with the standard error of the
 * per-point differences (each point's term on all samples minus its term within its half).
 * KSG's bias shrinks with n no faster than n^(−1/d) in d joint dimensions in general (Gao,
 * Oh & Viswanath 2018), so what is left at n after a change c from n/2 is
 * c / (2^(1/d) − 1): `remainingBias`, by which the interval is widened on that side; upward it
 * is widened by `remainingBiasBound`, the same with c at its upper 95 % end, c + 1.96·s.e., or with the rate read from
 * quarters of the samples where that is slower (`slowerRateBound`; `slowerRateAbove` is what that adds), or at the slow rate of
 * an edge where the rate is not read and the estimate clearly rises (`UNREAD_EDGE_EXPONENT`; `unreadRateAbove`, part of
 * `slowerRateAbove`).
 */
function biasFromHalves(
  points: KSGPoints,
  fullTerms: Float64Array,
  neighbors: number,
  seed: number,
): { change: number; standardError: number; remainingBias: number; remainingBiasBound: number; slowerRateAbove: number; unreadRateAbove: number } {
  const n = fullTerms.length;
  const d = points.dx + points.dy;
  // quarters of at least RATE_QUARTER_PER_NEIGHBOUR·k points, below which KSG's bias is far from its rate at n, in up to
  // FEW_COORDINATES coordinates, where the assumed rate is the fastest
  // (beyond, n^(−1/d) is slow already, a trained result also checks its own growth from half the samples, and the ratio
  // of two changes read rates near 0 on bmi's Student 5 × 5 and concentric 3 × 1 sets, untrusting right calls)
  const quartered = d <= FEW_COORDINATES && n >> 2 >= RATE_QUARTER_PER_NEIGHBOUR * neighbors;
  const first = splitDifferences(points, fullTerms, neighbors, seed, quartered);
  const differences = first.halfToAll;
  const change = mean(differences);
  const standardError = Math.sqrt(variance(differences) / n);
  const perHalving = 2 ** (1 / d) - 1;
  const remainingBiasBound = (change + Z95 * standardError) / perHalving;
  // the per-point changes from quarters to halves and from halves to all, averaged over RATE_SPLITS random splits: one
  // split's ratio of changes is noisy (on one draw of the Dirichlet(0.3) shares the upper end went from 0.86 to 2.9 with
  // the split's seed)
  const averagedChanges = () => {
    const halfToAll = new Float64Array(n);
    const quarterToHalf = new Float64Array(n);
    for (let s = 0; s < RATE_SPLITS; s++) {
      const split = s === 0 && quartered ? first : splitDifferences(points, fullTerms, neighbors, offsetSeed(seed, s), true);
      for (let i = 0; i < n; i++) {
        halfToAll[i] += split.halfToAll[i] / RATE_SPLITS;
        quarterToHalf[i] += split.quarterToHalf![i] / RATE_SPLITS;
      }
    }
    return { halfToAll, quarterToHalf };
  };
  let slowerRateAbove = 0;
  let unreadRateAbove = 0;
  const changes = quartered ? averagedChanges() : undefined;
  const slower = changes === undefined ? undefined : slowerRateBound(changes.halfToAll, changes.quarterToHalf, perHalving);
  if (slower !== undefined) slowerRateAbove = Math.max(0, slower - remainingBiasBound);
  else if (clearlyAboveZero(differences)) {
    // the rate not read (quarters too small, more than FEW_COORDINATES coordinates, or the change from quarters to halves
    // not clearly above 0) while the estimate clearly still rises: its bias may fall as slowly as where the density is
    // infinite at an edge (UNREAD_EDGE_EXPONENT), unless the quarters (of more than k points) show it falling faster: the
    // ratio of the two changes at its lower one-sided 95 % end at least 2^(β/d) (2^SLOWEST_RATE where that is slower)
    const edgeRatio = 2 ** Math.max(UNREAD_EDGE_EXPONENT / d, SLOWEST_RATE);
    const fasterShown = n >> 2 > neighbors && changeRatioLowerEnd(changes ?? averagedChanges()) >= edgeRatio;
    if (!fasterShown) unreadRateAbove = Math.max(0, (change + Z95 * standardError) / (edgeRatio - 1) - remainingBiasBound);
    slowerRateAbove = unreadRateAbove;
  }
  return { change, standardError, remainingBias: change / perHalving, remainingBiasBound: remainingBiasBound + slowerRateAbove, slowerRateAbove, unreadRateAbove };
}

/**
 * The fewest points per neighbour in a quarter of the samples for `biasFromHalves` to read the bias's rate: with quarters
 * of 125 (n = 500, k = 10) bivariate Gaussians at ρ = 0.9 read rates near 0 in 7 of 40 draws (upper ends 2.5–2.7 for
 * 0.830), and a Gaussian data set of 500 records given twice untrusted 5 of 6 right trained calls (0.50–0.57 for 0.511).
 */
const RATE_QUARTER_PER_NEIGHBOUR = 25;

/** The random splits whose per-point changes `biasFromHalves` averages to read the bias's rate. */
const RATE_SPLITS = 3;

/**
 * Where the estimate clearly rises from n/2 to n but the rate its bias falls at is not read (quarters of under
 * RATE_QUARTER_PER_NEIGHBOUR·k points, more than FEW_COORDINATES coordinates, or no clear change from quarters to halves),
 * the bias is assumed to fall as n^(−β/d) with β this exponent, in d coordinates in all (never slower than
 * n^(−SLOWEST_RATE), the floor of the rates read from quarters), unless the quarters show it falling faster
 * (`biasFromHalves`). Why β/d: where the density is infinite at an edge, as t^(β − 1) at a distance t from it, the points
 * within KSG's radius ε of the edge are a share of about ε^β of all, and ε falls as n^(−1/d) in d coordinates; smooth
 * densities give n^(−1/d)-like rates, an edge the slowest plausible one for the dimension. The bias left is then up to
 * 1/(2^(β/d) − 1) times the change: 13.9 in 1 + 1 coordinates, 28.4 in 2 + 2 and beyond. With n^(−½) assumed instead,
 * Dirichlet shares with a singular edge at n = 300 and 500 had upper ends below the truth in 23 of 32 draws (12 with the
 * rule), and MINE and SMILE were trusted and wrong in 46 of 112 calls (18; unseen39's family2.mjs). Without the quarters'
 * check, strong Gaussian pairs at n = 200 (ρ = 0.9 and 0.99; their bias falls fast) had the upper end widened on most
 * draws, past the trained intervals' three-times rule on 70 of the coverage battery's trusted calls. It first held in
 * 1 + 1 coordinates only: in 2 + 2, Dirichlet(1, 1, 1, 1, 0.2) shares (3.74 nats, KSG 0.6–0.9) had the cross-check's
 * upper end at 1.6–2.0 on every draw and MINE and SMILE trusted and wrong in 16 of 16 calls; with it, 4.9–6.3
 * (tests/lib/ksg-unread-rate.test.mjs). Its cost on clean Gaussians (bench/accuracy/unseen43/gaussian-cost-*.txt): none
 * in 1 + 1 and 2 + 2 at n = 300–5000; in 5 + 5 at ρ = 0.9 (4.15 nats), where KSG's estimate rises by about the same
 * amount at each doubling of n, the upper end passed three times the MI on 3 more of 24 draws (n = 300 and 5000).
 */
const UNREAD_EDGE_EXPONENT = 0.2;

/** Whether the mean of per-point changes is beyond 1.96 of KSG's inflated standard errors (the terms share neighbours). */
function clearlyAboveZero(differences: Float64Array): boolean {
  return mean(differences) > Z95 * SE_INFLATION * Math.sqrt(variance(differences) / differences.length);
}

/**
 * Each point's term on all samples less its term within a random half (drawn by `seed`), and with `quarters` its term
 * within that half less its term within its half's half.
 */
function splitDifferences(
  points: KSGPoints,
  fullTerms: Float64Array,
  neighbors: number,
  seed: number,
  quarters: boolean,
): { halfToAll: Float64Array; quarterToHalf?: Float64Array } {
  const n = fullTerms.length;
  const order = new Rng(seed).permutation(n);
  const halfToAll = new Float64Array(n);
  const quarterToHalf = quarters ? new Float64Array(n) : undefined;
  for (const half of [order.slice(0, n >> 1), order.slice(n >> 1)]) {
    const { terms } = ksgTerms(points, half, neighbors);
    half.forEach((row, a) => (halfToAll[row] = fullTerms[row] - terms[a]));
    if (quarterToHalf === undefined) continue;
    for (const quarter of [half.slice(0, half.length >> 1), half.slice(half.length >> 1)]) {
      const inQuarter = ksgTerms(points, quarter, neighbors).terms;
      quarter.forEach((row, a) => (quarterToHalf[row] = fullTerms[row] - halfToAll[row] - inQuarter[a]));
    }
  }
  return { halfToAll, quarterToHalf };
}

/**
 * The slowest rate `slowerRateBound` reads: below it the bias hardly shrinks with n. At this one the bias left is 29
 * times the change from n/2 to n, past a trained interval's three-times rule wherever KSG clearly moves.
 */
const SLOWEST_RATE = 0.05;

/**
 * The bias left at n (its upper 95 % end) with the rate it shrinks at read from the estimates on quarters, halves and all
 * samples: with a bias A·n^(−r), the change from n/4 to n/2 is 2^r times the change c from n/2 to n, and what is left at
 * n is c / (2^r − 1). Where the estimate clearly rises from n/4 to n/2 and from n/2 to n (each change beyond 1.96
 * of KSG's inflated standard errors of the per-point changes), the ratio of the two changes at its lower one-sided 95 %
 * end (its standard error by the delta method on the per-point changes) gives 2^r, never above 2^(1/d) (the rate
 * `biasFromHalves` assumes) nor below 2^SLOWEST_RATE, and
 * c at its upper 95 % end the bias; else (undefined) the assumed rate stands. The rate can be far slower than n^(−1/d) where the
 * density is infinite along a curve or at an edge: on the first two shares of a Dirichlet(0.3, 0.3, 0.3) (0.929 nats)
 * KSG rose 0.39, 0.47, 0.54 from n = 250 to 1000 (a rate near 0.2, not ½), and the upper end at the assumed rate reached
 * the truth in 2 of 8 draws (unseen39).
 */
function slowerRateBound(halfToAll: Float64Array, quarterToHalf: Float64Array, perHalving: number): number | undefined {
  const change = mean(halfToAll);
  const standardError = Math.sqrt(variance(halfToAll) / halfToAll.length);
  // both changes clearly above 0 with KSG's inflation of the per-point error (the terms share neighbours): with the bare
  // error, one in ten draws of independent or Gaussian pairs at n = 1000 read a rate near 0 from changes of noise
  if (!clearlyAboveZero(halfToAll) || !clearlyAboveZero(quarterToHalf)) return undefined;
  const fitted = Math.min(perHalving, Math.max(2 ** SLOWEST_RATE - 1, changeRatioLowerEnd({ halfToAll, quarterToHalf }) - 1));
  return (change + Z95 * standardError) / fitted;
}

/**
 * The ratio of the mean change from quarters to halves to the mean change from halves to all samples (2^r for a bias
 * falling as n^(−r)), at its lower one-sided 95 % end, its standard error by the delta method on the per-point changes
 * (the change from halves to all above 0).
 */
function changeRatioLowerEnd({ halfToAll, quarterToHalf }: { halfToAll: Float64Array; quarterToHalf: Float64Array }): number {
  const change = mean(halfToAll);
  const ratio = mean(quarterToHalf) / change;
  const spread = Math.sqrt(variance(Float64Array.from(quarterToHalf, (q, i) => q - ratio * halfToAll[i])) / halfToAll.length) / change;
  return ratio - ONE_SIDED_95 * spread;
}

/** The rows `rows` of a row-major matrix of `d` columns, one after another (float32 values are exact in float64). */
function gatherRows(values: Float32Array, d: number, rows: readonly number[]): Float64Array {
  const gathered = new Float64Array(rows.length * d);
  for (let r = 0; r < rows.length; r++) for (let c = 0; c < d; c++) gathered[r * d + c] = values[rows[r] * d + c];
  return gathered;
}

/**
 * The max-norm distance between rows a and b of `values` (rows of d columns) where it is at most
 * `limit`; else a number above `limit` (the first coordinate's gap that passes it).
 */
function maxNormUpTo(values: Float64Array, d: number, a: number, b: number, limit: number): number {
  const at = a * d;
  const from = b * d;
  let largest = 0;
  for (let c = 0; c < d; c++) {
    const gap = Math.abs(values[at + c] - values[from + c]);
    if (gap > limit) return gap;
    largest = Math.max(largest, gap);
  }
  return largest;
}

export { kthSmallest } from "./statistics";

