import type { Matrix64 } from "../data/matrix";
import { selectRows64 } from "../data/matrix";
import { Rng } from "../random/rng";
import { normalCdf, normalQuantile } from "../tasks/special-functions";
import { cholesky, solve } from "./cholesky-solve";
import { midRanks } from "./coarsened";
import { cycleFeatures, strongestCycle } from "./cycle-features";
import { kernelRidgeFit } from "./kernel-ridge";
import type { NeighbourBound } from "./neighbour-bound";
import { nearlyCollinearComponents } from "./principal-components";
import { mean, variance } from "./statistics";

/** How far from a whole number of gaps a value may lie (relative) and still be on the grid: decimals' rounding errors. */
const GRID_TOLERANCE = 1e-6;
/** The most samples the bound takes, as the other lower bounds. */
const MAX_SAMPLES = 4000;
/** The fewest samples, and the fewest rows of the fitting half per fitted coefficient. */
const MIN_ROWS = 100;
const ROWS_PER_COEFFICIENT = 3;
/** A whole-number side with more distinct values than one per this many rows is left to the other bounds (identifiers). */
const ROWS_PER_VALUE = 5;
/**
 * Each column of the predicting side as its normal score and as indicators of being below these quantiles (its
 * quartiles and median), or below its median alone when the rows allow too few coefficients for three.
 */
const CUTS = [[0.25, 0.5, 0.75], [0.5]];
/**
 * Beside this many columns or more, a continuous side (one column) is cut at its quantiles into BINS bins and predicted too,
 * and each side is predicted from the row's order as well (its sorted values and each column's rank within the row).
 */
const LEAST_COLUMNS = 3;
const BINS = 20;
/** Ridge penalties tried, per fitting row (the features are standardised), the one of least generalised cross-validation error kept. */
const PENALTIES = [1e-3, 1e-2, 1e-1, 1, 10];
/** The weight of the side's own marginal in the predicted distribution: no row's log-probability falls far below the marginal's. */
const MARGINAL_WEIGHT = 0.05;
/** The least spread of a predicted distribution, in units of the side's values. */
const LEAST_SPREAD = 0.2;

/**
 * A lower bound of I(X∧Y) where one side is one column of whole numbers (a count, labels, a
 * flag; or values on an evenly spaced grid, taken as their steps): I(X∧Y) = H(Y) − H(Y|X) and H(Y|X) ≤ −E log q(Y|X) for any distribution q(·|x) fixed
 * before the rows it is scored on (Barber and Agakov), so H(Y) less q's held-out cross-entropy
 * bounds the MI from below. Here q is a discretised normal around a ridge regression of y on each
 * column of x as its normal score and three steps (below its quartiles and its median; the median
 * alone when the rows are too few for three), an additive model of steps, mixed with y's own marginal; fitted on one half of the rows and scored
 * on the other, both ways round, with H(Y) the plug-in entropy of all rows (biased low: the
 * bound only gets lower). A continuous side (one column) beside LEAST_COLUMNS columns or more is
 * cut at its quantiles into BINS bins, whose bound is one of the side (I(X∧Y) ≥ I(X∧bin(Y))). Beside that many columns
 * either side is predicted by the additive model, by regressions on the row's order (each column's normal score with the
 * quantiles of the row's sorted values, or with each column's rank within the row) and by two that see interactions: a
 * kernel ridge regression (kernel-ridge.ts: every product of two columns, or of every set of up to 10 columns) and a
 * ridge regression on the columns and the products of two that the fitting half picks. These two predict bins on the
 * scale of the side's normal scores (q's normal discretised to each bin's interval there), where the codes' scale would
 * bend a product of columns through the side's distribution function; the others predict the codes as before (on the
 * normal scores they rise too, and untrusted a trusted-and-right InfoNCE call on one x read 30 times). The best of the five is kept by its lower end
 * (estimate less one standard error); every choice within a model (penalty, kernel, products) is made on the fitting
 * half alone, so each model's held-out score is a bound, and keeping the best of five on the same scored rows raises the
 * expected lower end by less than one standard error's 0.16 (the mean of the largest of five independent standard
 * normals is 1.16; the models' scores share their rows and are far from independent). Where the other side's columns are
 * nearly collinear (principal-components.ts), the additive model on its principal components is a sixth. A continuous
 * side beside one continuous column is cut into bins too, and predicted from that column's cycles alone (cycle-features.ts). Undefined
 * where no side is such a column, or the other side has too many columns for the rows.
 *
 * Why: y the count of 40 correlated normal columns above 0 (a function of x: I = H(Y) = 3.60 nats)
 * gave MINE, MINE-f and SMILE 1.47–1.70 with trusted intervals ending at 2.36–2.59 (n = 1000): the
 * critics learn each column's step far slower than the half-sample check assumes, and the other
 * bounds (Ross's on the 30 most frequent counts: 0.69) were below them, while a count is predicted
 * from the columns' steps nearly exactly. The same count written as the fraction k/40 gave them
 * 1.44–1.46 with trusted intervals ending at 2.49–2.64 until values on a grid were taken too
 * (bench/accuracy/unseen22). y the median of 21 normal columns plus 0.05 noise (I = 1.71) gave every
 * trained method 0.49–0.52 with trusted intervals ending at 1.23–1.35: the critics learn about the
 * linear part of the median only, and no bound took a continuous side; y the rank of one column among
 * 20 (I = log 20) gave MINE, InfoNCE and SMILE 1.22–1.29 trusted, ending at 2.14–2.22, the additive
 * model seeing only that column's part (bench/accuracy/unseen23). Twenty 0/1 gates on twenty normals, y = Σ g_k·z_k +
 * 0.3 noise (I = 2.36), gave MINE, MINE-f, InfoNCE and SMILE 0.35–0.41 trusted, ending at 1.18–1.43, and a sign gate, y = z
 * times five ±1 columns' product + 0.1 noise (I = 2.31), gave SMILE 1.44–1.58 trusted, ending at 2.13–2.25: additive
 * models and the row's order see no product of columns (the bound was 0.10–0.12 and 0.58–0.61 there); the picked
 * products see the gates (1.83–1.95) and the all-subsets kernel the sign gate (1.90–1.96). x of 4 columns with a direction
 * of 1e-8 of their variance and y = |that direction| + ½·another + 0.3 noise (I = 1.02) gave MINE and SMILE 0.24 with
 * trusted intervals ending at 0.84–0.85: the critics, fed the standardised columns, see only the visible part, and an
 * additive model in the columns does not see the thin direction, which its principal components show (bench/accuracy/unseen24).
 */
export function regressionLowerBound(x: Matrix64, y: Matrix64, seed: number): NeighbourBound | undefined {
  const kept = x.rows <= MAX_SAMPLES ? undefined : new Rng(seed).choice(x.rows, MAX_SAMPLES);
  const xs = kept === undefined ? x : selectRows64(x, kept);
  const ys = kept === undefined ? y : selectRows64(y, kept);
  // each side's whole-number codes, made once: a side is predicted from the other, and the other's codes say what it is
  const xCodes = wholeNumberCodes(xs);
  const yCodes = wholeNumberCodes(ys);
  const pairs = [
    { name: "y", side: ys, other: xs, codes: yCodes, otherCodes: xCodes },
    { name: "x", side: xs, other: ys, codes: xCodes, otherCodes: yCodes },
  ];
  const bounds = pairs
    .flatMap(({ name, side, other, codes, otherCodes }) => {
      const manyColumns = other.cols >= LEAST_COLUMNS;
      // a continuous column beside one continuous column: only a cycle of that column is looked for (the other bounds read
      // the rest; beside whole numbers or labels the additive model the other way round reads them, and a "cycle" of a
      // flag would be misnamed)
      const besideOneColumn = codes === undefined && other.cols === 1 && otherCodes === undefined;
      const bins = codes === undefined && (manyColumns || besideOneColumn) ? quantileBins(side) : undefined;
      const predicted = codes ?? bins;
      if (predicted === undefined) return [];
      const onCodes = codedSide(predicted, bins !== undefined);
      const onScores = bins === undefined ? onCodes : binsOnNormalScores(side, bins);
      if (besideOneColumn) {
        return [sideBound(name, onScores, other, cycleModel(other), seed)];
      }
      const models = manyColumns ? [additiveModel, sortedRowModel, rowRankModel, kernelModel, screenedProductsModel] : [additiveModel];
      const fits = models.map((model) => sideBound(name, model.binsOnNormalScores ? onScores : onCodes, other, model, seed));
      const principal = nearlyCollinearComponents(other);
      if (principal === undefined) return fits;
      return [...fits, sideBound(name, onCodes, principal.components, principalComponentsModel(other.cols, principal.leastShare), seed)];
    })
    .filter((b): b is NeighbourBound => b !== undefined);
  return bounds.reduce<NeighbourBound | undefined>((best, b) => (best === undefined || b.estimate - b.standardError > best.estimate - best.standardError ? b : best), undefined);
}

/**
 * The side to predict: each row's code (a whole number), the regression's target per row, and each code's interval on the
 * target's scale, which q's normal is discretised to.
 */
interface PredictedSide {
  codes: Float64Array;
  target: Float64Array;
  interval: (code: number) => [number, number];
  /** The least spread of q's normal, on the target's scale. */
  leastSpread: number;
  binned: boolean;
}

/** Codes (whole numbers, a grid's steps, quantile bins) as their own target, each code the interval [code − ½, code + ½]. */
function codedSide(codes: Matrix64, binned: boolean): PredictedSide {
  return { codes: codes.values, target: codes.values, interval: (code) => [code - 0.5, code + 0.5], leastSpread: LEAST_SPREAD, binned };
}

/**
 * A continuous column's quantile bins on the scale of its normal scores (on which a column of any marginal is normal, and
 * a noisy function of the other side has about the same spread in every bin): the target each row's normal score, each
 * bin the interval between the midpoints of its neighbours' nearest scores, the outer bins reaching to ±∞.
 */
function binsOnNormalScores(m: Matrix64, bins: Matrix64): PredictedSide {
  const scores = normalScores(m);
  const count = Math.max(...bins.values) + 1;
  const highest = new Float64Array(count).fill(-Infinity);
  const lowest = new Float64Array(count).fill(Infinity);
  bins.values.forEach((bin, i) => {
    highest[bin] = Math.max(highest[bin], scores[i]);
    lowest[bin] = Math.min(lowest[bin], scores[i]);
  });
  // the edge below bin k: midway between the highest score below it and the lowest from it on (an empty bin has no width)
  const edges = [-Infinity];
  for (let k = 1; k < count; k++) edges.push((Math.max(...highest.subarray(0, k)) + Math.min(...lowest.subarray(k))) / 2);
  edges.push(Infinity);
  const widths = edges.slice(2, -1).map((edge, k) => edge - edges[k + 1]).filter((width) => width > 0);
  return {
    codes: bins.values,
    target: scores,
    interval: (code) => [edges[code], edges[code + 1]],
    leastSpread: LEAST_SPREAD * (widths.length === 0 ? 1 : Math.min(...widths)),
    binned: true,
  };
}

/**
 * A continuous side (one column of finite values that are not whole numbers or on a grid) as the number of its quantile cuts
 * (BINS − 1, equal values in one bin) at or below each value: I(X∧Y) ≥ I(X∧bin(Y)), so the bound of the bins is one of the
 * values. Undefined for more than one column, a non-finite value, or a single bin.
 */
function quantileBins(m: Matrix64): Matrix64 | undefined {
  if (m.cols !== 1 || !m.values.every(Number.isFinite)) return undefined;
  const sorted = Float64Array.from(m.values).sort();
  const cuts = [...new Set(Array.from({ length: BINS - 1 }, (_, k) => sorted[Math.floor(((k + 1) * m.rows) / BINS)]))];
  const codes = Float64Array.from(m.values, (v) => cuts.filter((c) => c <= v).length);
  return new Set(codes).size < 2 ? undefined : { ...m, values: codes };
}

/**
 * The side as one column of whole numbers taking 2 or more values, at most one per ROWS_PER_VALUE rows: values on an evenly
 * spaced grid (a count written as a fraction k/40, a reading rounded to half units, a count in tens) as their steps from
 * the least, (v − least)/gap with the gap the least difference between two values, and other whole numbers as they are; a
 * relabelling one to one, so the MI and the bound are those of the values. Undefined for any other column. (Whole numbers
 * were taken as they are whatever their gap: q's unit interval on a grid of 10 put the count's bound at −0.07 for 2.26,
 * and on one of 10²⁰⁰ at −743, so a trained estimate far below the MI went unchecked.)
 */
function wholeNumberCodes(m: Matrix64): Matrix64 | undefined {
  if (m.cols !== 1) return undefined;
  const distinct = [...new Set(m.values)].sort((a, b) => a - b);
  if (distinct.length < 2 || distinct.length * ROWS_PER_VALUE > m.rows || !distinct.every(Number.isFinite)) return undefined;
  const whole = m.values.every(Number.isInteger);
  const least = distinct[0];
  let gap = Infinity;
  for (let k = 1; k < distinct.length; k++) gap = Math.min(gap, distinct[k] - distinct[k - 1]);
  if (whole && gap === 1) return m;
  const steps = distinct.map((v) => (v - least) / gap);
  if (!steps.every((s) => Math.abs(s - Math.round(s)) <= GRID_TOLERANCE * Math.max(1, s))) return whole ? m : undefined;
  const code = new Map(distinct.map((v, k) => [v, Math.round(steps[k])]));
  return { ...m, values: Float64Array.from(m.values, (v) => code.get(v) as number) };
}

type FeatureMap = (m: Matrix64, fitRows: number) => { values: Float64Array; count: number } | undefined;

/** A fitted prediction of the target: its value for any row, and the spread of its residuals. */
interface Fit {
  predict: (row: number) => number;
  spread: number;
}

/** A regression of the predicted side on the other: how it is fitted, and what it takes and sees (for the messages). */
interface Model {
  /** The fit over the fitting rows, or undefined when the rows allow too few of them per coefficient. */
  fitterFor: (other: Matrix64, fitRows: number) => ((target: Float64Array, rows: number[]) => Fit | undefined) | undefined;
  regression: (otherName: string) => string;
  setBy: string;
  /** Whether quantile bins are predicted on their normal scores' scale (else on their codes', as whole numbers). */
  binsOnNormalScores: boolean;
  /** Why a critic misses what this model finds, where the shared reason (`setBy`) does not say it. */
  cause?: (name: string, otherName: string) => string;
}

/** Ridge regression on a map of features (`ridgeFit`). */
function linearModel(featuresOf: FeatureMap, regression: (otherName: string) => string, setBy: string): Model {
  return {
    fitterFor: (other, fitRows) => {
      const features = featuresOf(other, fitRows);
      return features === undefined ? undefined : (target, rows) => ridgeFit(features, target, rows);
    },
    regression,
    setBy,
    binsOnNormalScores: false,
  };
}

const INTERACTION = "a value set by columns acting together, such as a product of columns or a column another one switches on";
const BY_ORDER = "a value set by the row's order, such as its median or maximum or one column's rank among the others";
const additiveModel = linearModel(additiveFeatures, (other) => `steps of each column of ${other}`, "a count or a label set by where each column lies");
const sortedRowModel = linearModel(sortedRowFeatures, (other) => `each column of ${other} as its normal score and the quantiles of the row's sorted values`, BY_ORDER);
const rowRankModel = linearModel(rowRankFeatures, (other) => `each column of ${other} as its normal score and its rank within the row`, BY_ORDER);
/**
 * The additive model on the other side's principal components (principal-components.ts), for columns so nearly collinear
 * that a direction of them holds `leastShare` of their variance: the critic, fed the columns, does not resolve that direction.
 */
function principalComponentsModel(columns: number, leastShare: number): Model {
  return {
    ...linearModel(additiveFeatures, (other) => `steps of each principal component of ${other}`, "a value set by a thin direction of nearly collinear columns"),
    cause: (name, otherName) =>
      `${otherName}'s ${columns} columns are nearly collinear (a direction of them holds ${leastShare.toExponential(0)} of their variance), and ${name} is predicted from ` +
      `${otherName}'s principal components far better than this estimate allows: the critic, fed the columns, does not resolve so thin a direction ` +
      `(give ${otherName} as its principal components, each scaled to unit variance, or drop the near-copies among its columns)`,
  };
}
/**
 * Ridge regression on the cosine and sine of one column's phase in a cycle (and twice it), the cycle picked on the fitting
 * half (cycle-features.ts). Where y follows a cycle of x with many periods over x's range (a daily cycle of a time written in
 * seconds over a year: 365), a critic fed x, standardised, and KSG's neighbours in x see no dependence: both gave about 0,
 * trusted, for 0.86 nats (bench/accuracy/unseen26).
 */
function cycleModel(other: Matrix64): Model {
  // the period the messages name: the cycle the first fitting half picked
  let named: number | undefined;
  return {
    fitterFor: () => (target, rows) => {
      const cycle = strongestCycle(other.values, target, rows);
      if (cycle === undefined) return undefined;
      named ??= 1 / cycle.frequency;
      const features = cycleFeatures(other.values, cycle);
      return ridgeFit({ values: standardisedColumns(features.values, other.rows, features.count), count: features.count }, target, rows);
    },
    regression: (otherName) => `the cosine and sine of ${otherName}'s phase in the cycle the fitting half picks, and of twice that phase`,
    setBy: "a value following a cycle of the other column",
    binsOnNormalScores: true,
    cause: (name, otherName) => {
      const period = (named ?? NaN).toPrecision(3);
      return (
        `${name} follows a cycle of ${otherName} (a period of about ${period} in ${otherName}'s units) far more closely than this estimate allows: ` +
        `over ${otherName}'s range the cycle repeats too often for the critic or the neighbours in ${otherName} to resolve it ` +
        `(give ${otherName}'s phase as two columns, cos and sin of 2π·${otherName}/${period}, or ${otherName} modulo its period)`
      );
    },
  };
}

/** Kernel ridge regression on the columns' normal scores (kernel-ridge.ts): products of columns, and functions of several. */
const kernelModel: Model = {
  fitterFor: (other) => {
    const features = standardisedScores(other);
    return (target, rows) => kernelRidgeFit(features, target, rows);
  },
  regression: (other) => `the normal scores of ${other}'s columns by kernel ridge regression (their products two at a time, or of every set of them)`,
  setBy: INTERACTION,
  binsOnNormalScores: true,
};

/**
 * Ridge regression on each column's normal score and the products of two (a column's square among them) that most
 * follow what the scores leave of the target on the fitting rows, as many as there are columns: a sparse interaction
 * (a gate times a normal) among hundreds of products, which the degree-2 kernel's even weights dilute.
 */
const screenedProductsModel: Model = {
  fitterFor: (other, fitRows) => {
    const p = other.cols;
    const kept = Math.min(p, Math.floor(fitRows / ROWS_PER_COEFFICIENT) - 1 - p);
    if (kept < 1) return undefined;
    const scores = standardisedScores(other);
    return (target, rows) => ridgeFit(withProducts(scores, strongestProducts(scores, target, rows, kept)), target, rows);
  },
  regression: (other) => `the normal scores of ${other}'s columns and the products of two of them that the fitting half picks`,
  setBy: INTERACTION,
  binsOnNormalScores: true,
};

/** The `kept` products of two columns (pairs [a, b], a ≤ b) most correlated, on `rows`, with the target less its ridge fit on the scores. */
function strongestProducts(scores: { values: Float64Array; count: number }, target: Float64Array, rows: number[], kept: number): [number, number][] {
  const p = scores.count;
  const f = scores.values;
  const linear = ridgeFit(scores, target, rows);
  const residual = rows.map((i) => target[i] - linear.predict(i));
  const residualSum = residual.reduce((total, r) => total + r, 0);
  const strengths: { pair: [number, number]; strength: number }[] = [];
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      let sum = 0;
      let squares = 0;
      let cross = 0;
      for (let k = 0; k < rows.length; k++) {
        const product = f[rows[k] * p + a] * f[rows[k] * p + b];
        sum += product;
        squares += product * product;
        cross += product * residual[k];
      }
      // the squared correlation with the residual, times the residual's sum of squares (the same for every pair)
      const covariance = cross - (sum * residualSum) / rows.length;
      const spread = squares - (sum * sum) / rows.length;
      strengths.push({ pair: [a, b], strength: spread > 0 ? (covariance * covariance) / spread : 0 });
    }
  }
  return strengths.sort((u, v) => v.strength - u.strength).slice(0, kept).map((s) => s.pair);
}

/** The scores with the products of these pairs appended, each standardised on all rows. */
function withProducts(scores: { values: Float64Array; count: number }, pairs: [number, number][]): { values: Float64Array; count: number } {
  const p = scores.count;
  const count = p + pairs.length;
  const rows = scores.values.length / p;
  const raw = new Float64Array(rows * count);
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < p; c++) raw[i * count + c] = scores.values[i * p + c];
    pairs.forEach(([a, b], k) => (raw[i * count + p + k] = scores.values[i * p + a] * scores.values[i * p + b]));
  }
  return { values: standardisedColumns(raw, rows, count), count };
}

function sideBound(name: string, side: PredictedSide, other: Matrix64, model: Model, seed: number): NeighbourBound | undefined {
  const n = side.codes.length;
  if (n < MIN_ROWS) return undefined;
  const half = n >> 1;
  const fitterOf = model.fitterFor(other, n - half);
  if (fitterOf === undefined) return undefined;
  const order = new Rng(seed).permutation(n);
  const halves = [order.slice(0, half), order.slice(half)];
  const counts = new Map<number, number>();
  for (const v of side.codes) counts.set(v, (counts.get(v) ?? 0) + 1);
  const terms = new Float64Array(n);
  for (const [k, fitRows] of halves.entries()) {
    const scoredRows = halves[1 - k];
    const fit = fitterOf(side.target, fitRows);
    if (fit === undefined) return undefined;
    const predict = predictedDistribution(side, fit, fitRows);
    for (const i of scoredRows) terms[i] = Math.log(predict(i, side.codes[i])) - Math.log((counts.get(side.codes[i]) as number) / n);
  }
  const estimate = mean(terms);
  if (!Number.isFinite(estimate)) return undefined;
  const otherName = name === "y" ? "x" : "y";
  const what = side.binned ? `${name}'s ${BINS} quantile bins (a continuous column cut at its quantiles)` : `${name}, a column of whole numbers or of values on an evenly spaced grid,`;
  return {
    estimate,
    standardError: Math.sqrt(variance(terms) / n),
    description:
      `a lower bound of the MI (the entropy of ${what} less its cross-entropy under a regression on ${model.regression(otherName)}, ` +
      `fitted on half the samples and scored on the other, both ways round; ${n} samples)`,
    cause:
      model.cause?.(name, otherName) ??
      `${name} is predicted from ${otherName}'s columns far better than this estimate allows (${model.setBy}), which the ` +
        `critic did not learn from these samples in ${other.cols} ${other.cols === 1 ? "coordinate" : "coordinates"} (${otherName} given as fewer columns, a sum or count of them, may let it)`,
  };
}

/**
 * q(code | row): a normal of the fit's residual spread around its prediction, discretised to the codes' intervals, mixed
 * with MARGINAL_WEIGHT of a normal fitted to the fitting rows' targets alone. A distribution over the codes fixed by the
 * fitting rows.
 */
function predictedDistribution(side: PredictedSide, fit: Fit, fitRows: number[]): (row: number, code: number) => number {
  const targets = fitRows.map((i) => side.target[i]);
  const centre = mean(targets);
  const spread = Math.max(side.leastSpread, Math.sqrt(variance(targets)));
  const residualSpread = Math.max(side.leastSpread, fit.spread);
  return (row, code) => {
    const [lo, hi] = side.interval(code);
    return (1 - MARGINAL_WEIGHT) * intervalMass(lo, hi, fit.predict(row), residualSpread) + MARGINAL_WEIGHT * intervalMass(lo, hi, centre, spread);
  };
}

/**
 * The predicting side's features, standardised on all rows (they use no value of the predicted side): per column its
 * normal score and its steps at the first CUTS that leave ROWS_PER_COEFFICIENT of `fitRows` per coefficient; undefined
 * when none does.
 */
function additiveFeatures(m: Matrix64, fitRows: number): { values: Float64Array; count: number } | undefined {
  const cuts = CUTS.find((candidate) => (m.cols * (1 + candidate.length) + 1) * ROWS_PER_COEFFICIENT <= fitRows);
  if (cuts === undefined) return undefined;
  const perColumn = 1 + cuts.length;
  const count = m.cols * perColumn;
  const ranks = midRanks(m);
  const raw = new Float64Array(m.rows * count);
  for (let i = 0; i < m.rows; i++) {
    for (let c = 0; c < m.cols; c++) {
      const u = (ranks[i * m.cols + c] + 0.5) / m.rows;
      const at = i * count + c * perColumn;
      raw[at] = normalQuantile(u);
      cuts.forEach((cut, k) => (raw[at + 1 + k] = u < cut ? 1 : 0));
    }
  }
  return { values: standardisedColumns(raw, m.rows, count), count };
}

/**
 * Per column its normal score, and per place in the row's sorted values (its order statistics: a median, a maximum) that
 * value's quantile and normal score among the rows, standardised on all rows; undefined when the rows allow too few per
 * coefficient. The rows are sorted by their values as given, which suits columns of one kind and unit.
 */
function sortedRowFeatures(m: Matrix64, fitRows: number): { values: Float64Array; count: number } | undefined {
  const count = 3 * m.cols;
  if ((count + 1) * ROWS_PER_COEFFICIENT > fitRows) return undefined;
  const sorted = new Float64Array(m.values.length);
  for (let i = 0; i < m.rows; i++) sorted.set(m.values.slice(i * m.cols, (i + 1) * m.cols).sort(), i * m.cols);
  const columnScores = normalScores(m);
  const placeRanks = midRanks({ ...m, values: sorted });
  const raw = new Float64Array(m.rows * count);
  for (let i = 0; i < m.rows; i++) {
    for (let c = 0; c < m.cols; c++) {
      const u = (placeRanks[i * m.cols + c] + 0.5) / m.rows;
      raw[i * count + c] = columnScores[i * m.cols + c];
      raw[i * count + m.cols + 2 * c] = u;
      raw[i * count + m.cols + 2 * c + 1] = normalQuantile(u);
    }
  }
  return { values: standardisedColumns(raw, m.rows, count), count };
}

/**
 * Per column its normal score and its rank within the row (how many of the row's values are below it: the rank of one
 * column among the others is one of them), standardised on all rows; undefined when the rows allow too few per coefficient.
 */
function rowRankFeatures(m: Matrix64, fitRows: number): { values: Float64Array; count: number } | undefined {
  const count = 2 * m.cols;
  if ((count + 1) * ROWS_PER_COEFFICIENT > fitRows) return undefined;
  const columnScores = normalScores(m);
  const raw = new Float64Array(m.rows * count);
  for (let i = 0; i < m.rows; i++) {
    const row = m.values.subarray(i * m.cols, (i + 1) * m.cols);
    for (let c = 0; c < m.cols; c++) {
      raw[i * count + c] = columnScores[i * m.cols + c];
      raw[i * count + m.cols + c] = row.reduce((below, v) => below + (v < row[c] ? 1 : 0), 0);
    }
  }
  return { values: standardisedColumns(raw, m.rows, count), count };
}

/** Each matrix's normal scores, computed once for the several models that take them (read only). */
const scoresOf = new WeakMap<Matrix64, Float64Array>();

/** Each value's normal score within its column, Φ⁻¹((mid-rank + ½)/rows); the same array for the same matrix, not to be changed. */
function normalScores(m: Matrix64): Float64Array {
  const known = scoresOf.get(m);
  if (known !== undefined) return known;
  const scores = Float64Array.from(midRanks(m), (rank) => normalQuantile((rank + 0.5) / m.rows));
  scoresOf.set(m, scores);
  return scores;
}

/** The normal scores standardised on all rows, as features. */
function standardisedScores(m: Matrix64): { values: Float64Array; count: number } {
  return { values: standardisedColumns(Float64Array.from(normalScores(m)), m.rows, m.cols), count: m.cols };
}

function standardisedColumns(raw: Float64Array, rows: number, count: number): Float64Array {
  for (let f = 0; f < count; f++) {
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += raw[i * count + f];
    const centre = sum / rows;
    let squares = 0;
    for (let i = 0; i < rows; i++) squares += (raw[i * count + f] - centre) ** 2;
    const scale = Math.sqrt(squares / rows);
    // a step no row crosses (a column with a value held by most rows) is left at 0: ridge ignores it
    for (let i = 0; i < rows; i++) raw[i * count + f] = scale > 0 ? (raw[i * count + f] - centre) / scale : 0;
  }
  return raw;
}

/**
 * The ridge regression of `target` on the features over `fitRows` (its penalty by generalised cross-validation), and
 * its residuals' spread; the fitting rows' own spread where no penalty gives a fit.
 */
function ridgeFit(features: { values: Float64Array; count: number }, target: Float64Array, fitRows: number[]): Fit {
  const p = features.count;
  const f = features.values;
  const centre = mean(fitRows.map((i) => target[i]));
  const gram = new Float64Array(p * p);
  const moment = new Float64Array(p);
  for (const i of fitRows) {
    const t = target[i] - centre;
    for (let a = 0; a < p; a++) {
      const fa = f[i * p + a];
      if (fa === 0) continue;
      moment[a] += fa * t;
      for (let b = 0; b <= a; b++) gram[a * p + b] += fa * f[i * p + b];
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) gram[b * p + a] = gram[a * p + b];
  const m = fitRows.length;
  let chosen: { coefficients: Float64Array; residualVariance: number; score: number } | undefined;
  for (const penalty of PENALTIES) {
    const fitted = ridge(gram, moment, p, penalty * m);
    if (fitted === undefined) continue;
    let squares = 0;
    for (const i of fitRows) {
      let prediction = 0;
      for (let a = 0; a < p; a++) prediction += f[i * p + a] * fitted.coefficients[a];
      squares += (target[i] - centre - prediction) ** 2;
    }
    const freedom = m - fitted.effectiveParameters;
    if (!(freedom > 0)) continue;
    const score = (m * squares) / freedom ** 2;
    if (chosen === undefined || score < chosen.score) chosen = { coefficients: fitted.coefficients, residualVariance: squares / freedom, score };
  }
  const coefficients = chosen?.coefficients ?? new Float64Array(p);
  return {
    predict: (row) => {
      let prediction = centre;
      for (let a = 0; a < p; a++) prediction += f[row * p + a] * coefficients[a];
      return prediction;
    },
    spread: Math.sqrt(chosen?.residualVariance ?? variance(fitRows.map((i) => target[i]))),
  };
}

/** The mass a normal of this centre and spread puts on [lo, hi], by whichever tail is the more precise. */
function intervalMass(lo: number, hi: number, centre: number, spread: number): number {
  const below = (lo - centre) / spread;
  const above = (hi - centre) / spread;
  // at least the smallest positive double: a value far out in both normals' tails costs 744 nats, not an infinite term
  return Math.max(Number.MIN_VALUE, below > 0 ? normalCdf(-below) - normalCdf(-above) : normalCdf(above) - normalCdf(below));
}

/**
 * (G + λI)⁻¹ m by Cholesky, and the effective number of parameters tr((G + λI)⁻¹ G) = p − λ·tr((G + λI)⁻¹),
 * the trace of the inverse as the squared entries of L⁻¹; undefined if not positive definite.
 */
function ridge(gram: Float64Array, moment: Float64Array, p: number, penalty: number): { coefficients: Float64Array; effectiveParameters: number } | undefined {
  const penalised = Float64Array.from(gram);
  for (let i = 0; i < p; i++) penalised[i * p + i] += penalty;
  const l = cholesky(penalised, p);
  if (l === undefined) return undefined;
  const coefficients = solve(l, p, moment);
  // L⁻¹ column by column (lower triangular); tr((LLᵀ)⁻¹) is the sum of its squared entries
  let inverseTrace = 0;
  const column = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    column.fill(0);
    for (let i = j; i < p; i++) {
      let sum = i === j ? 1 : 0;
      for (let k = j; k < i; k++) sum -= l[i * p + k] * column[k];
      column[i] = sum / l[i * p + i];
      inverseTrace += column[i] * column[i];
    }
  }
  return { coefficients, effectiveParameters: p - penalty * inverseTrace };
}
