import type { Matrix64 } from "../data/matrix";
import { selectRows64 } from "../data/matrix";
import { Rng } from "../random/rng";
import { normalCdf, normalQuantile } from "../tasks/special-functions";
import { cholesky, solve } from "./cholesky-solve";
import { midRanks } from "./coarsened";
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
 * cut at its quantiles into BINS bins, whose bound is one of the side (I(X∧Y) ≥ I(X∧bin(Y))). Beside
 * that many columns either side is predicted by the additive model and by regressions on the row's
 * order (each column's normal score with the quantiles of the row's sorted values, or with each
 * column's rank within the row), the best kept; where the other side's columns are nearly collinear
 * (`principal-components.ts`), the additive model on its principal components too. Undefined where no side is such a column, or the other side has
 * too many columns for the rows.
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
 * model seeing only that column's part (bench/accuracy/unseen23). x of 4 columns with a direction of 1e-8 of their variance
 * and y = |that direction| + ½·another + 0.3 noise (I = 1.02) gave MINE and SMILE 0.24 with trusted intervals ending at
 * 0.84–0.85: the critics, fed the standardised columns, see only the visible part, and an additive model in the columns
 * does not see the thin direction, which its principal components show (bench/accuracy/unseen24).
 */
export function regressionLowerBound(x: Matrix64, y: Matrix64, seed: number): NeighbourBound | undefined {
  const kept = x.rows <= MAX_SAMPLES ? undefined : new Rng(seed).choice(x.rows, MAX_SAMPLES);
  const xs = kept === undefined ? x : selectRows64(x, kept);
  const ys = kept === undefined ? y : selectRows64(y, kept);
  const bounds = [
    ["y", ys, xs],
    ["x", xs, ys],
  ]
    .flatMap(([name, side, other]) => {
      const codes = wholeNumberCodes(side as Matrix64);
      const manyColumns = (other as Matrix64).cols >= LEAST_COLUMNS;
      const bins = codes === undefined && manyColumns ? quantileBins(side as Matrix64) : undefined;
      const predicted = codes ?? bins;
      if (predicted === undefined) return [];
      const featureMaps = manyColumns ? [additiveFeatures, sortedRowFeatures, rowRankFeatures] : [additiveFeatures];
      const fits = featureMaps.map((features) => sideBound(name as string, predicted, other as Matrix64, features, seed, bins !== undefined));
      const principal = nearlyCollinearComponents(other as Matrix64);
      if (principal === undefined) return fits;
      return [...fits, sideBound(name as string, predicted, principal.components, additiveFeatures, seed, bins !== undefined, { columns: (other as Matrix64).cols, leastShare: principal.leastShare })];
    })
    .filter((b): b is NeighbourBound => b !== undefined);
  return bounds.reduce<NeighbourBound | undefined>((best, b) => (best === undefined || b.estimate - b.standardError > best.estimate - best.standardError ? b : best), undefined);
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
 * The side as one column of whole numbers taking 2 or more values, at most one per ROWS_PER_VALUE rows: whole numbers as
 * they are, and values on an evenly spaced grid (a count written as a fraction k/40, a reading rounded to half units) as
 * their steps from the least, (v − least)/gap with the gap the least difference between two values; a relabelling one to
 * one, so the MI and the bound are those of the values. Undefined for any other column.
 */
function wholeNumberCodes(m: Matrix64): Matrix64 | undefined {
  if (m.cols !== 1) return undefined;
  const distinct = [...new Set(m.values)].sort((a, b) => a - b);
  if (distinct.length < 2 || distinct.length * ROWS_PER_VALUE > m.rows || !distinct.every(Number.isFinite)) return undefined;
  if (m.values.every(Number.isInteger)) return m;
  const least = distinct[0];
  let gap = Infinity;
  for (let k = 1; k < distinct.length; k++) gap = Math.min(gap, distinct[k] - distinct[k - 1]);
  const steps = distinct.map((v) => (v - least) / gap);
  if (!steps.every((s) => Math.abs(s - Math.round(s)) <= GRID_TOLERANCE * Math.max(1, s))) return undefined;
  const code = new Map(distinct.map((v, k) => [v, Math.round(steps[k])]));
  return { ...m, values: Float64Array.from(m.values, (v) => code.get(v) as number) };
}

type FeatureMap = (m: Matrix64, fitRows: number) => { values: Float64Array; count: number } | undefined;

/** The other side was given as its principal components: how many columns it had, and its least direction's share of the variance. */
interface Rotated {
  columns: number;
  leastShare: number;
}

function sideBound(name: string, side: Matrix64, other: Matrix64, featuresOf: FeatureMap, seed: number, binned: boolean, rotated?: Rotated): NeighbourBound | undefined {
  const n = side.rows;
  if (n < MIN_ROWS) return undefined;
  const half = n >> 1;
  const features = featuresOf(other, n - half);
  if (features === undefined) return undefined;
  const order = new Rng(seed).permutation(n);
  const halves = [order.slice(0, half), order.slice(half)];
  const counts = new Map<number, number>();
  for (const v of side.values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const terms = new Float64Array(n);
  for (const [k, fitRows] of halves.entries()) {
    const scoredRows = halves[1 - k];
    const predict = fittedPrediction(features, side.values, fitRows);
    for (const i of scoredRows) terms[i] = Math.log(predict(i, side.values[i])) - Math.log((counts.get(side.values[i]) as number) / n);
  }
  const estimate = mean(terms);
  if (!Number.isFinite(estimate)) return undefined;
  const otherName = name === "y" ? "x" : "y";
  const byOrder = featuresOf !== additiveFeatures;
  const what = binned ? `${name}'s ${BINS} quantile bins (a continuous column cut at its quantiles)` : `${name}, a column of whole numbers or of values on an evenly spaced grid,`;
  if (rotated !== undefined) return rotatedBound(name, otherName, what, rotated, estimate, Math.sqrt(variance(terms) / n), n);
  const regression = featuresOf === sortedRowFeatures ? `each column of ${otherName} as its normal score and the quantiles of the row's sorted values` : featuresOf === rowRankFeatures ? `each column of ${otherName} as its normal score and its rank within the row` : `steps of each column of ${otherName}`;
  const setBy = byOrder ? "a value set by the row's order, such as its median or maximum or one column's rank among the others" : "a count or a label set by where each column lies";
  return {
    estimate,
    standardError: Math.sqrt(variance(terms) / n),
    description:
      `a lower bound of the MI (the entropy of ${what} less its cross-entropy under a regression on ${regression}, ` +
      `fitted on half the samples and scored on the other, both ways round; ${n} samples)`,
    cause:
      `${name} is predicted from ${otherName}'s columns far better than this estimate allows (${setBy}), which the ` +
      `critic did not learn from these samples in ${other.cols} ${other.cols === 1 ? "coordinate" : "coordinates"} (${otherName} given as fewer columns, a sum or count of them, may let it)`,
  };
}

/** The bound of the regression on the other side's principal components, and why a critic misses what it finds. */
function rotatedBound(name: string, otherName: string, what: string, rotated: Rotated, estimate: number, standardError: number, n: number): NeighbourBound {
  const share = rotated.leastShare.toExponential(0);
  return {
    estimate,
    standardError,
    description:
      `a lower bound of the MI (the entropy of ${what} less its cross-entropy under a regression on steps of each principal component of ${otherName}, ` +
      `fitted on half the samples and scored on the other, both ways round; ${n} samples)`,
    cause:
      `${otherName}'s ${rotated.columns} columns are nearly collinear (a direction of them holds ${share} of their variance), and ${name} is predicted from ` +
      `${otherName}'s principal components far better than this estimate allows: the critic, fed the columns, does not resolve so thin a direction ` +
      `(give ${otherName} as its principal components, each scaled to unit variance, or drop the near-copies among its columns)`,
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

/** Each value's normal score within its column, Φ⁻¹((mid-rank + ½)/rows). */
function normalScores(m: Matrix64): Float64Array {
  const ranks = midRanks(m);
  return Float64Array.from(ranks, (rank) => normalQuantile((rank + 0.5) / m.rows));
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
 * The ridge regression of `target` on the features over `fitRows` (its penalty by generalised
 * cross-validation), and q(v | row): a normal of the residuals' spread around the prediction,
 * discretised to whole numbers, mixed with MARGINAL_WEIGHT of a normal fitted to the fitting rows'
 * values alone. Each is a distribution over the whole numbers, fixed by the fitting rows.
 */
function fittedPrediction(features: { values: Float64Array; count: number }, target: Float64Array, fitRows: number[]): (row: number, value: number) => number {
  const p = features.count;
  const f = features.values;
  const centre = mean(fitRows.map((i) => target[i]));
  const spread = Math.max(LEAST_SPREAD, Math.sqrt(variance(fitRows.map((i) => target[i]))));
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
  const residualSpread = Math.max(LEAST_SPREAD, Math.sqrt(chosen?.residualVariance ?? spread ** 2));
  return (row, value) => {
    let prediction = centre;
    for (let a = 0; a < p; a++) prediction += f[row * p + a] * coefficients[a];
    return (1 - MARGINAL_WEIGHT) * wholeNumberMass(value, prediction, residualSpread) + MARGINAL_WEIGHT * wholeNumberMass(value, centre, spread);
  };
}

/** The mass a normal of this centre and spread puts on [value − ½, value + ½], by whichever tail is the more precise. */
function wholeNumberMass(value: number, centre: number, spread: number): number {
  const lo = (value - 0.5 - centre) / spread;
  const hi = (value + 0.5 - centre) / spread;
  // at least the smallest positive double: a value far out in both normals' tails costs 744 nats, not an infinite term
  return Math.max(Number.MIN_VALUE, lo > 0 ? normalCdf(-lo) - normalCdf(-hi) : normalCdf(hi) - normalCdf(lo));
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
