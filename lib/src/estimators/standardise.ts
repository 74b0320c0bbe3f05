import { fail } from "../data/checks";
import type { Matrix, Matrix64 } from "../data/matrix";
import { columnOf64, selectColumns64 } from "../data/matrix";
import { firstAtLeast } from "../data/sorted";
import { Rng } from "../random/rng";
import { normalQuantile } from "../tasks/special-functions";
import { SmallestValues } from "./smallest-values";
import { calendarClasses, ranksWithinClasses } from "./row-cycles";
import { detachedAtomOf, type ColumnAtoms } from "./detached-atoms";

/**
 * Each column replaced by its normal scores: the map, fitted on the rows `fitRows` (the
 * training part, so that nothing of the held-out part leaks into training), that sends the
 * column's empirical distribution to N(0, 1), applied to every row.
 *
 * Why this map: mutual information is unchanged by any injective map of each coordinate, so
 * the estimators may pick the one that suits them. Standardising by the mean and standard
 * deviation does not suit heavy tails (for Cauchy data the deviation is meaningless and the
 * bulk of the samples ends up within 0.01 of 0), nor a large offset with a small spread once
 * in float32. Normal scores are computed in float64 from ranks, so neither the location, the
 * scale nor the tails of a column matter, and on Gaussian data they are the usual
 * standardisation up to sampling noise.
 *
 * Repeated values (discrete or rounded data) share one score (their mid-rank's), so the map
 * stays injective. Rows outside the fitted range (held-out values beyond the training
 * extremes) continue the map monotonically with an asinh tail, so the map is strictly
 * increasing on the whole line and no held-out value is merged with another.
 */
export function normalScoreColumns(m: Matrix64, fitRows: readonly number[], name: string): Matrix {
  const { rows, cols } = m;
  const values = new Float32Array(rows * cols);
  for (let c = 0; c < cols; c++) {
    const map = fitNormalScores(fitRows.map((i) => m.values[i * cols + c]), `${name}: column ${c}`);
    for (let i = 0; i < rows; i++) values[i * cols + c] = map(m.values[i * cols + c]);
  }
  return { values, rows, cols };
}

/** The normal-score map of `sample` (see {@link normalScoreColumns}). */
export function fitNormalScores(sample: readonly number[], name: string): (value: number) => number {
  const sorted = Float64Array.from(sample).sort();
  const m = sorted.length;
  const levels: number[] = [];
  const scores: number[] = [];
  for (let start = 0; start < m; ) {
    let end = start;
    while (end < m && sorted[end] === sorted[start]) end++;
    levels.push(sorted[start]);
    scores.push(normalQuantile((start + end) / 2 / m));
    start = end;
  }
  const k = levels.length;
  if (k < 2) {
    fail(`${name} is constant on the training samples (${levels[0]}), so it carries no information; drop that column.`);
  }
  const scoreRange = scores[k - 1] - scores[0];
  return (value) => {
    if (value <= levels[0]) return scores[0] - Math.asinh(scoreRange * spanRatio(value, levels[0], levels[0], levels[k - 1]));
    if (value >= levels[k - 1]) return scores[k - 1] + Math.asinh(scoreRange * spanRatio(levels[k - 1], value, levels[0], levels[k - 1]));
    let lo = 0;
    let hi = k - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (levels[mid] <= value) lo = mid;
      else hi = mid;
    }
    return scores[lo] + (scores[hi] - scores[lo]) * spanRatio(levels[lo], value, levels[lo], levels[hi]);
  };
}

/**
 * The network's view of the columns holding codes for missing values (detached-atoms.ts): `scores` with
 * each split column's values replaced by the normal scores of its other values (fitted on `fitRows`
 * without the codes' rows) and the codes' rows by 0; and per row and column 1 + the index of the code
 * the row holds there (0 for none, and on columns not split).
 */
export function splitAtomColumns(m: Matrix64, scores: Matrix, fitRows: readonly number[], atoms: ColumnAtoms, name: string): { filled: Matrix; flags: number[][] } {
  const { rows, cols } = m;
  const values = Float32Array.from(scores.values);
  const flags = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (let c = 0; c < cols; c++) {
    const codes = atoms[c];
    if (codes === undefined) continue;
    const map = fitNormalScores(
      fitRows.map((i) => m.values[i * cols + c]).filter((v) => !codes.includes(v)),
      `${name}: column ${c} without ${codes.join(", ")}`,
    );
    for (let i = 0; i < rows; i++) {
      const v = m.values[i * cols + c];
      const k = codes.indexOf(v);
      flags[i][c] = k + 1;
      values[i * cols + c] = k >= 0 ? 0 : map(v);
    }
  }
  return { filled: { values, rows, cols }, flags };
}

/**
 * (b − a)/(d − c) for a ≤ b and c < d, as a ratio of lengths whatever their scale: a slope
 * (d − c over a score range) would overflow to Infinity for subnormal data (x = 10⁻³¹⁰·z gave
 * NaN scores, reported as "x[11][0] is NaN" about finite data), and d − c overflows for data
 * near ±10³⁰⁸, where halves are taken first.
 */
function spanRatio(a: number, b: number, c: number, d: number): number {
  const span = d - c;
  if (Number.isFinite(span)) return (b - a) / span;
  return (b / 2 - a / 2) / (d / 2 - c / 2);
}

/** The columns of m that take more than one value over its rows. */
export function varyingColumnIndices(m: Matrix64): number[] {
  const varying: number[] = [];
  for (let c = 0; c < m.cols; c++) {
    for (let i = 1; i < m.rows; i++) {
      if (m.values[i * m.cols + c] !== m.values[c]) {
        varying.push(c);
        break;
      }
    }
  }
  return varying;
}

/**
 * m without its constant columns, and a note naming them. A constant column carries no
 * information (I((X, c); Y) = I(X; Y)), so it is dropped rather than refused; when every
 * column of m is constant, m carries none at all (I = 0): that is an error naming the column.
 */
export function withoutConstantColumns(m: Matrix64, name: string): { matrix: Matrix64; note?: string; columns?: number[] } {
  // a single row says nothing of constancy; the estimators' own size checks refuse it
  if (m.rows < 2) return { matrix: m };
  const varying = varyingColumnIndices(m);
  const constant = Array.from({ length: m.cols }, (_, c) => c).filter((c) => !varying.includes(c));
  if (constant.length === 0) return { matrix: m };
  if (varying.length === 0) {
    fail(
      `${name}: every column is constant (column 0 is ${m.values[0]} in every row), so ${name.split(": ").pop()} carries no ` +
        "information and the MI is 0; give a variable that varies.",
    );
  }
  const columns = constant.length === 1 ? `column ${constant[0]} is` : `columns ${constant.join(", ")} are`;
  return {
    matrix: selectColumns64(m, varying),
    columns: varying,
    note: `${name}: ${columns} constant and ${constant.length === 1 ? "carries" : "carry"} no information; estimated without ${constant.length === 1 ? "it" : "them"} (the MI is the same).`,
  };
}

/** How many values of m's columns equal another value of their column (0: none repeats); stops at `enough`. */
export function repeatedValueCount(m: Matrix64, enough = Infinity): number {
  let count = 0;
  for (let c = 0; c < m.cols && count < enough; c++) {
    const column = columnOf64(m, c).sort();
    for (let i = 1; i < column.length && count < enough; i++) if (column[i] === column[i - 1]) count += 1;
  }
  return count;
}

/** Whether some value of a column repeats (discrete, rounded or copied data). */
export function hasRepeatedValues(m: Matrix64): boolean {
  return repeatedValueCount(m, 1) > 0;
}

/**
 * Each column's log-ratios of its ⌊√n⌋ largest deviations from the median to the (k+1)-th, the
 * data of both tail estimators below; null for a column whose (k+1)-th deviation is 0 (most values
 * equal: a discrete column, not a heavy-tailed one).
 */
/**
 * Each row's |value − median| in column c, on the column divided by its largest magnitude: the tail
 * estimators read ratios of these, which cannot overflow so (data near ±1.8·10³⁰⁸ gave infinite
 * deviations, and a false alarm).
 */
function deviationsFromMedian(m: Matrix64, c: number): Float64Array {
  const column = columnOf64(m, c);
  const sorted = column.slice().sort();
  const scale = Math.max(Math.abs(sorted[0]), Math.abs(sorted[sorted.length - 1]));
  const divisor = scale > 0 && Number.isFinite(scale) ? scale : 1;
  const median = sorted[sorted.length >> 1] / divisor;
  const deviations = new Float64Array(column.length);
  for (let i = 0; i < column.length; i++) deviations[i] = Math.abs(column[i] / divisor - median);
  return deviations;
}

function tailLogRatios(m: Matrix64): (Float64Array | null)[] {
  const ratios: (Float64Array | null)[] = [];
  for (let c = 0; c < m.cols; c++) {
    const ascending = deviationsFromMedian(m, c).sort();
    // the i-th largest
    const largest = (i: number) => ascending[ascending.length - 1 - i];
    const k = Math.max(2, Math.floor(Math.sqrt(m.rows)));
    const threshold = largest(k);
    ratios.push(threshold > 0 ? Float64Array.from({ length: k }, (_, i) => Math.log(largest(i) / threshold)) : null);
  }
  return ratios;
}

/**
 * Hill's estimate of each column's tail index α (P(|X − median| > u) ~ u^(−α)) from its
 * ⌊√n⌋ largest deviations from the median: α ≈ 1 / mean log(deviation_i / deviation_(k+1)).
 * Gaussian columns give large values (≈ 5–10 at n = 1000), Cauchy columns ≈ 1; a discrete column Infinity.
 */
export function tailIndices(m: Matrix64): number[] {
  return tailLogRatios(m).map(tailIndexOf);
}

function tailIndexOf(logs: Float64Array | null): number {
  return logs === null ? Infinity : logs.length / logs.reduce((sum, l) => sum + l, 0);
}

/**
 * Whether each column's variance is shown finite by the moment estimator of the extreme-value index
 * (Dekkers, Einmahl & de Haan 1989) on the same ⌊√n⌋ largest deviations: γ̂ = M₁ + 1 − ½/(1 − M₁²/M₂),
 * M_j the mean j-th power of their log-ratios to the (k+1)-th. Unlike Hill's 1/α, which it equals for
 * a power-law tail, it is consistent for tails lighter than any power too (γ = 0: the log-normal, the
 * Weibull), where Hill's estimate creeps toward heavy: log-normal (σ = 1) columns had a Hill index below
 * 2 in 9 of 40 draws of 1000. Variance is infinite from γ = ½; it is shown finite when γ̂ is below ½ by
 * 1.645 of its standard error there, √((1 + γ²)/k) = √(1.25/k).
 */
export function finiteVarianceShown(m: Matrix64): boolean[] {
  return tailLogRatios(m).map(finiteVarianceShownBy);
}

function finiteVarianceShownBy(logs: Float64Array | null): boolean {
  if (logs === null) return true;
  const k = logs.length;
  const m1 = logs.reduce((sum, l) => sum + l, 0) / k;
  const m2 = logs.reduce((sum, l) => sum + l * l, 0) / k;
  const gamma = m1 + 1 - 0.5 / (1 - (m1 * m1) / m2);
  return gamma < 0.5 - 1.645 * Math.sqrt(1.25 / k);
}

/**
 * How many times farther from the median a column's largest values, two or more, must lie than all
 * the others for them to be named as detached (a unit error, a sentinel): between the j-th and
 * (j+1)-th largest of a Pareto tail of index α that ratio is exceeded with a chance 1000^(−jα), for
 * j ≥ 2 at most 1.6 % down to α = 0.3 (a single value so far out is common there: 35 % of draws).
 */
const DETACHED_GAP = 1000;

/** How many (two or more) of a column's largest deviations (log-ratios, largest first) lie DETACHED_GAP times beyond the rest; 0 when none do. */
function detachedCount(logs: Float64Array): number {
  for (let j = 1; j < logs.length; j++) {
    const next = j + 1 < logs.length ? logs[j + 1] : 0;
    if (logs[j] - next >= Math.log(DETACHED_GAP)) return j + 1;
  }
  return 0;
}

/** A column of m whose variance is infinite by both tail estimators: its index, Hill's tail index, and how many of its largest values are detached (0: none). */
interface HeavyColumn {
  column: number;
  alpha: number;
  detached: number;
}

function heavyColumns(m: Matrix64): HeavyColumn[] {
  // one sort per column for both estimators
  const logs = tailLogRatios(m);
  return logs.map(tailIndexOf).flatMap((alpha, c) => {
    if (!(alpha < 2) || finiteVarianceShownBy(logs[c])) return [];
    return [{ column: c, alpha, detached: logs[c] === null ? 0 : detachedCount(logs[c] as Float64Array) }];
  });
}

const describeHeavy = (name: string, { column, alpha, detached }: HeavyColumn) =>
  `${name} column ${column} (tail index ≈ ${alpha.toFixed(1)})` +
  (detached > 0 ? `, whose ${detached} largest values lie over ${DETACHED_GAP} times farther from the median than the rest (outliers, a unit error or a sentinel?)` : "");

/**
 * The columns of m with infinite variance (tail index below 2, finite variance not shown), as "x column 0 (tail index ≈ 1.3)",
 * and, when its largest values lie far beyond all the others, how many.
 */
export function heavyTailedColumns(m: Matrix64, name: string): string[] {
  return heavyColumns(m).map((heavy) => describeHeavy(name, heavy));
}

/** A column's normal scores from its mid-ranks over all rows. */
function rankScores(m: Matrix64, c: number): Float64Array {
  return mapped(columnRanks(m, c), (rank) => normalQuantile((rank + 0.5) / m.rows));
}

/** The rows of a column's ⌊√n⌋ largest deviations from its median: the rows whose values the tail estimators read. */
function tailRows(m: Matrix64, c: number): Uint8Array {
  const k = Math.max(2, Math.floor(Math.sqrt(m.rows)));
  const deviations = deviationsFromMedian(m, c);
  // the k-th largest deviation (sorted without a comparator); rows tied with it are in the tail too
  const threshold = deviations.slice().sort()[m.rows - Math.min(k, m.rows)];
  const inTail = new Uint8Array(m.rows);
  for (let i = 0; i < m.rows; i++) if (deviations[i] >= threshold) inTail[i] = 1;
  return inTail;
}

/**
 * How far, in standard normal units, the spread of `other` around its least-squares line on `scores`
 * (both normal scores) in the rows `inTail` departs from its spread in the other rows, as it would
 * not under a Gaussian copula: there the residual is independent of the scores, so the ratio of the
 * mean squared residuals is F(k, n − k) distributed (k the tail's rows), turned into a z by Paulson's
 * normal approximation; negative when the tail's rows are the tighter.
 */
function tailSpreadDeparture(scores: Float64Array, other: Float64Array, inTail: Uint8Array): number {
  let st = 0;
  let ss = 0;
  for (let i = 0; i < scores.length; i++) {
    st += scores[i] * other[i];
    ss += scores[i] * scores[i];
  }
  const slope = st / ss;
  let [tail, bulk, k] = [0, 0, 0];
  for (let i = 0; i < scores.length; i++) {
    const squared = (other[i] - slope * scores[i]) ** 2;
    if (inTail[i] === 1) {
      tail += squared;
      k += 1;
    } else bulk += squared;
  }
  const rest = scores.length - k;
  if (!(bulk > 0) || k === 0 || rest === 0) return 0;
  const ratio = tail / k / (bulk / rest);
  const [a, b] = [2 / (9 * k), 2 / (9 * rest)];
  return ((1 - b) * Math.cbrt(ratio) - (1 - a)) / Math.sqrt(a + Math.cbrt(ratio) ** 2 * b);
}

/**
 * The family-wise level of the test of the tails (below) over all the pairs it makes: a Gaussian
 * copula under heavy-tailed margins is taken for one whose tails differ in 1 % of draws.
 */
const TAIL_COPULA_LEVEL = 0.01;

/**
 * The heavy-tailed columns of x and of y (as `heavyTailedColumns` names them) whose dependence on
 * the other side departs, in their tail's rows, from a Gaussian copula's: for each pair of a column
 * of x and one of y of which one or both are heavy-tailed, in the tail rows of each heavy member, the
 * spread of the other member's normal scores around their line on its own (`tailSpreadDeparture`),
 * two-sided at TAIL_COPULA_LEVEL over all the tests made. Columns whose largest values are detached
 * (a unit error, a sentinel) are named whatever their pairs show.
 */
function heavyTailsThatMatter(x: Matrix64, y: Matrix64): string[] {
  const sides = [
    { m: x, name: "x", heavy: heavyColumns(x) },
    { m: y, name: "y", heavy: heavyColumns(y) },
  ];
  if (sides.every((side) => side.heavy.length === 0)) return [];
  const scores = sides.map((side) => new Map<number, Float64Array>());
  const scoresOf = (s: number, c: number) => {
    if (!scores[s].has(c)) scores[s].set(c, rankScores(sides[s].m, c));
    return scores[s].get(c) as Float64Array;
  };
  // each test: tails of a heavy column of side s against a column of the other side
  const tests = sides[0].heavy.length * y.cols + sides[1].heavy.length * x.cols;
  const critical = normalQuantile(1 - TAIL_COPULA_LEVEL / (2 * tests));
  const named = sides.map(() => new Set<number>());
  for (let s = 0; s < 2; s++) {
    const other = 1 - s;
    for (const heavy of sides[s].heavy) {
      if (heavy.detached > 0) {
        named[s].add(heavy.column);
        continue;
      }
      const inTail = tailRows(sides[s].m, heavy.column);
      for (let j = 0; j < sides[other].m.cols; j++) {
        if (Math.abs(tailSpreadDeparture(scoresOf(s, heavy.column), scoresOf(other, j), inTail)) > critical) {
          named[s].add(heavy.column);
          // the pair's other member, when heavy-tailed too, shares the finding
          if (sides[other].heavy.some((h) => h.column === j)) named[other].add(j);
        }
      }
    }
  }
  return sides.flatMap((side, s) => side.heavy.filter((heavy) => named[s].has(heavy.column)).map((heavy) => describeHeavy(side.name, heavy)));
}

/**
 * A warning when some column of x or y has infinite variance (tail index below 2) and its tail's rows
 * hold dependence unlike a Gaussian copula's, or none.
 * Why it costs trust: with tails that heavy, a few extreme samples can carry much of the dependence
 * (in a Cauchy channel y = x + noise, the largest |x| are nearly copied into y), and n samples hold
 * too few of them for any of the estimators to learn or count it: on that channel every method's
 * estimate and interval stayed well below the truth, log 2. Why only then: the estimators see each
 * column's normal scores, never its margin, so a heavy margin on a Gaussian copula (log-normal or
 * Pareto values of Gaussian dependence, a ratio of log-normals) is as easy for them as Gaussian data,
 * and was untrusted for nothing.
 */
export function heavyTailWarning(x: Matrix64, y: Matrix64): string | undefined {
  const heavy = heavyTailsThatMatter(x, y);
  if (heavy.length === 0) return undefined;
  return (
    `heavy tails with infinite variance in ${heavy.join("; ")}` +
    (heavy.some((column) => !column.includes("farther from the median")) ? ", where the dependence in the extreme rows is unlike the other rows' (as it is not under a Gaussian copula)" : "") +
    ": much of the dependence may sit in a few extreme samples, " +
    "which the estimate does not capture and the interval does not include; give more samples, and compare methods" +
    (heavy.some((column) => column.includes("farther from the median")) ? "; check the rows of the far values, and correct or remove them if they are errors." : ".")
  );
}

/**
 * The one-sided 1-in-10 000 point of N(0, 1): how far above 0 a column's lag-1 serial
 * correlation, times √n, must be before the rows are taken as serially dependent (for
 * independent rows in any order it is about N(0, 1); 1e−4 per column keeps false alarms rare).
 */
const SERIAL_Z = 3.72;
/** SERIAL_Z's one-sided level, and the most columns tested at it; with more, each is tested at SERIAL_LEVEL·SERIAL_FREE_COLUMNS/columns. */
const SERIAL_LEVEL = 1e-4;
const SERIAL_FREE_COLUMNS = 2;

/**
 * f of each value, as a new array, by a loop: `Float64Array.from(values, f)` first gathers the
 * results in a list of boxed numbers, about 40 bytes a value of garbage; at a million rows the
 * serial check's five such copies a column raised the peak resident set by some 300 MB.
 */
function mapped(values: Float64Array, f: (value: number) => number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = f(values[i]);
  return out;
}

/** Mid-ranks of one column (ties share one rank). */
function columnRanks(m: Matrix64, c: number): Float64Array {
  const column = columnOf64(m, c);
  const sorted = column.slice().sort();
  // tied values share the mean of their ranks: at the start of each run of equal values in sorted order, (first + last) / 2
  const midRankAt = new Float64Array(m.rows);
  for (let start = 0; start < m.rows; ) {
    let end = start + 1;
    while (end < m.rows && sorted[end] === sorted[start]) end++;
    midRankAt[start] = (start + end - 1) / 2;
    start = end;
  }
  const ranks = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) ranks[i] = midRankAt[firstAtLeast(sorted, column[i])];
  return ranks;
}


/**
 * The lag-1 correlation of a column is about N(0, 1/n) for independent rows only when many rows
 * carry its variance: a flag set in two rows of 1000 puts nearly all of it on those two, and
 * when they happen to be neighbours (one chance in 500) the correlation is 0.33, 10 standard
 * deviations. Below this many effective rows (`effectiveRows`) a column is not tested; a binary
 * column has about as many as its rarer value has rows, and at 50 of 1000 its tail at SERIAL_Z is
 * about 1e−3 instead of 1e−4.
 */
const SERIAL_EFFECTIVE_ROWS = 50;

/** How many rows carry a column's variance: (Σd²)² / Σd⁴ of the ranks' deviations d from their mean (n·5/9 for distinct values). */
function effectiveRows(ranks: Float64Array): number {
  let mean = 0;
  for (const r of ranks) mean += r / ranks.length;
  let squares = 0;
  let fourths = 0;
  for (const r of ranks) {
    const d2 = (r - mean) ** 2;
    squares += d2;
    fourths += d2 * d2;
  }
  return fourths > 0 ? (squares * squares) / fourths : 0;
}

/** The most lags the portmanteau test sums (and at most a tenth of the rows). */
const PORTMANTEAU_LAGS = 20;

/**
 * A portmanteau test of `ranks` in their order over lags 1 to L (L = min(20, n/10)): the largest
 * of the lag correlations r_k, each standardised by its mean and spread for rows in random order
 * (mean −(n − k)/(n(n − 1)), the exact permutation mean; variance (n − k)/n²), with the lag where
 * it is found. It is compared with the two-sided normal point at the level divided by L
 * (Bonferroni over the lags). The lag-1 test above looks only upward: series that alternate (an
 * AR(1) with φ = −0.95 has r_1 = −0.95) or repeat with a season (a_t = 0.95·a_{t−12}) passed it,
 * and with the MI of each row 0.223 MINE and KSG gave trusted intervals wholly above it
 * (0.48 [0.37, 0.57]) or below. Run on the ranks' distances from the median too (McLeod and Li),
 * it sees series whose size is slow but whose sign is not: a slow AR(1) pair observed with a
 * random polarity per row has rank correlations about 0 at every lag, and KSG gave trusted
 * intervals above the per-row MI.
 *
 * It replaced Ljung and Box's Q = n(n+2) Σ r_k²/(n−k) against χ²_L's upper point: at the 1-in-10 000
 * point Q's tail is far heavier than χ²'s for rows in random order (its variance is above 2L at
 * finite n; Davies, Triggs and Newbold 1977): simulated over random orders of distinct ranks, Q
 * passed χ²_L's 10⁻⁴ point in 8.5·10⁻⁴ of them at n = 100 and 5.8·10⁻⁴ at n = 300, on the ranks
 * and on their distances from the median alike, so with two columns about one independent sample
 * in 300 was called a series (an i.i.d. Gaussian pair at n = 300 was, every method untrusted). The
 * largest standardised r_k at the Bonferroni point passes it in 0.35–0.8·10⁻⁴ (n = 30 to 1000).
 */
function largestLagCorrelation(ranks: Float64Array, level: number): { found: boolean; lag: number; r: number } {
  const n = ranks.length;
  const lags = Math.max(1, Math.min(PORTMANTEAU_LAGS, Math.floor(n / 10)));
  const z = normalQuantile(1 - level / (2 * lags));
  let mean = 0;
  for (const v of ranks) mean += v / n;
  const d = mapped(ranks, (v) => v - mean);
  let total = 0;
  for (const v of d) total += v * v;
  let largest = { lag: 1, r: 0, z: 0 };
  if (!(total > 0)) return { found: false, lag: 1, r: 0 };
  for (let k = 1; k <= lags; k++) {
    let sum = 0;
    for (let i = k; i < n; i++) sum += d[i] * d[i - k];
    const r = sum / total;
    const standardised = Math.abs((r + (n - k) / (n * (n - 1))) * (n / Math.sqrt(n - k)));
    if (standardised > largest.z) largest = { lag: k, r, z: standardised };
  }
  return { found: largest.z > z, lag: largest.lag, r: largest.r };
}

/** The lag-1 correlation of `ranks` over the consecutive pairs (i − 1, i) that `pairs` admits, and how many there were. */
function lagOneCorrelation(ranks: Float64Array, pairs: (i: number) => boolean): { r: number; count: number } {
  const n = ranks.length;
  const centre = (n - 1) / 2;
  let lagged = 0;
  let total = 0;
  let count = 0;
  for (let i = 1; i < n; i++) {
    if (!pairs(i)) continue;
    const d = ranks[i] - centre;
    const e = ranks[i - 1] - centre;
    total += (d * d + e * e) / 2;
    lagged += d * e;
    count += 1;
  }
  return { r: total > 0 ? lagged / total : 0, count };
}

/**
 * Whether rows sorted by the column of `ranks` (and `values`) can still be independent draws
 * put in order of that column. Draws of a continuous variable, sorted, are unevenly spaced (the
 * gaps' coefficient of variation is about 1 or more); a time index is evenly spaced (0), so a
 * sorted, evenly spaced column is read as one, not as a variable the rows were sorted by. With
 * ties (a flag, a category), draws sorted by it keep their own order within each run of equal
 * values, where `others` must show no serial dependence; a series keeps its time order there.
 */
function sortedByAVariable(values: Float64Array, ranks: Float64Array, others: Float64Array[]): boolean {
  const n = ranks.length;
  const ordered = Array.from(values).sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < n; i++) if (ordered[i] > ordered[i - 1]) gaps.push(ordered[i] - ordered[i - 1]);
  if (gaps.length >= n - 1 - n / 20) {
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length);
    return sd / mean > EVENLY_SPACED_CV;
  }
  return others.every((other) => {
    const { r, count } = withinRunLagOneCorrelation(other, ranks);
    return count < 20 || r * Math.sqrt(count) <= SERIAL_Z;
  });
}

/**
 * The lag-1 correlation of `other` over consecutive rows within each run of equal `ranks` (rows
 * sorted by a column with ties), each run centred at its own mean, and how many such pairs there
 * were. Centred at the mean of all rows, a run whose values sit above or below it (the dependence
 * between the sorted column and the other, which the MI measures) made every pair of the run look
 * alike: three labels with y = 1.5·label + noise, rows grouped by label in random order within each
 * group, gave 0.4 and were called a series, untrusting every method.
 */
function withinRunLagOneCorrelation(other: Float64Array, ranks: Float64Array): { r: number; count: number } {
  const n = other.length;
  const centred = new Float64Array(n);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && ranks[end] === ranks[start]) end++;
    let mean = 0;
    for (let i = start; i < end; i++) mean += other[i] / (end - start);
    for (let i = start; i < end; i++) centred[i] = other[i] - mean;
    start = end;
  }
  let lagged = 0;
  let total = 0;
  let count = 0;
  for (let i = 1; i < n; i++) {
    if (ranks[i] !== ranks[i - 1]) continue;
    lagged += centred[i] * centred[i - 1];
    total += (centred[i] ** 2 + centred[i - 1] ** 2) / 2;
    count += 1;
  }
  return { r: total > 0 ? lagged / total : 0, count };
}

/** The correlation of a column's distances from its median with the row order from which the rows are taken as sorted by size. */
const SORTED_BY_SIZE = 0.95;

/** The gaps' coefficient of variation below which a sorted column is a time index (draws give about 1). */
const EVENLY_SPACED_CV = 0.5;

/**
 * A warning when the rows, in the order given, are serially dependent (a time series, or
 * samples of a Markov chain): some column's lag-1 correlation of ranks is above 0 by more than
 * SERIAL_Z/√n, unless the rows are sorted by a variable (rows ordered by a variable leave
 * independent draws independent; the split is random, not by position; see
 * `sortedByAVariable`). Why it costs trust:
 * the estimators and their intervals assume independent samples. Neighbouring rows of a slow
 * time series are near copies: they fall on both sides of the split, so the held-out part
 * rewards memorising, KSG's neighbours are the rows next in time, and every standard error
 * counts n samples where there are far fewer. x and y each AR(1) with φ = 0.99 and a per-row
 * MI of 0.223 gave MINE 0.46 [0.37, ∞) and KSG 0.65 [0.57, ∞): intervals open above, but
 * entirely above the truth, with a reason (still rising, bias) that pointed the wrong way. Any
 * sorted column used to silence the check: independent AR(1) series a and b with a time column,
 * x = (t/n, a), y = b (per-row MI 0), gave KSG 0.99 [0.91, ∞) and MINE 0.59 [0.49, ∞), and a
 * sorted regime flag beside them did the same.
 */
export function serialDependenceWarning(x: Matrix64, y: Matrix64): string | undefined {
  const n = x.rows;
  if (n < 20) return undefined;
  const found: string[] = [];
  const columns: { name: string; values: Float64Array; ranks: Float64Array; tested: Float64Array }[] = [];
  for (const [name, m] of [["x", x], ["y", y]] as const) {
    for (let c = 0; c < m.cols; c++) {
      const values = columnOf64(m, c);
      const ranks = columnRanks(m, c);
      columns.push({ name: `${name} column ${c}`, values, ranks, tested: ranks });
    }
  }
  let sortedByVariable = false;
  // rows sorted by a column's size (|x|, a distance from the median) leave independent draws
  // independent, but give every column's distance from the median a trend: McLeod and Li's test
  // called rows sorted by |x| a series every time
  const centre = (n - 1) / 2;
  // (sorted by the size about another point than the median: the distances follow the row order
  // with a correlation near 1, not exactly in order)
  const sortedBySize = columns.some(({ ranks }) => {
    const size = mapped(ranks, (rank) => Math.abs(rank - centre));
    let [meanSize, cross, squares] = [0, 0, 0];
    for (const v of size) meanSize += v / n;
    for (let i = 0; i < n; i++) {
      cross += (i - centre) * (size[i] - meanSize);
      squares += (size[i] - meanSize) ** 2;
    }
    const spreadIndex = Math.sqrt((n * (n * n - 1)) / 12);
    return squares > 0 && Math.abs(cross / (spreadIndex * Math.sqrt(squares))) > SORTED_BY_SIZE;
  });
  // every column tested is another chance of a false alarm: 1 in 10 000 per test up to two
  // columns, and Bonferroni's share of it beyond (independent rows in 150 + 150 columns were called
  // a series in 18 of 100 draws, in 300 + 1 at n = 500 in 27)
  // a column that cycles in the rows' order (a weekday beside daily rows in date order) says how the
  // rows are ordered, like a row number; the other columns are tested within its classes (daily sales
  // set by the weekday were called a series, and every method untrusted, for the weekday's effect)
  // (a calendar counter, the day of the year over several years, likewise: row-cycles.ts's calendarClasses)
  const calendars = columns.map(({ values }) => calendarClasses(values));
  const cyclic = calendars.map((c) => c !== undefined);
  if (cyclic.some((c) => c)) {
    const classes = Array.from({ length: n }, (_, i) => calendars.filter((c) => c !== undefined).map((c) => (c as Float64Array)[i]).join(","));
    for (const [k, column] of columns.entries()) if (!cyclic[k]) column.tested = ranksWithinClasses(column.ranks, classes);
  }
  const testedCount = columns.filter(({ tested }, k) => !cyclic[k] && effectiveRows(tested) >= SERIAL_EFFECTIVE_ROWS).length;
  const serialLevel = testedCount <= SERIAL_FREE_COLUMNS ? SERIAL_LEVEL : (SERIAL_LEVEL * SERIAL_FREE_COLUMNS) / testedCount;
  const serialZ = testedCount <= SERIAL_FREE_COLUMNS ? SERIAL_Z : normalQuantile(1 - serialLevel);
  for (const [k, { name, values, ranks, tested }] of columns.entries()) {
    let up = true;
    let down = true;
    for (let i = 1; i < n && (up || down); i++) {
      if (ranks[i] < ranks[i - 1]) up = false;
      if (ranks[i] > ranks[i - 1]) down = false;
    }
    const others = columns.filter((_, j) => j !== k).map((column) => column.ranks);
    const monotone = (up || down) && !(up && down);
    if (monotone && sortedByAVariable(values, ranks, others)) sortedByVariable = true;
    // a column in the rows' own order (a row number, a time index, a sorted flag) is serially
    // correlated by construction: it says how the rows are ordered, not that they depend on one
    // another, which the other columns' tests say (a row number beside independent draws was called
    // a series, every method untrusted; a series beside its time column is found in the series)
    if (monotone || cyclic[k]) continue;
    if (effectiveRows(tested) < SERIAL_EFFECTIVE_ROWS) continue;
    const { r } = lagOneCorrelation(tested, () => true);
    if (r * Math.sqrt(n) > serialZ) {
      found.push(`${name} (${r.toFixed(2)})`);
      continue;
    }
    const portmanteau = largestLagCorrelation(tested, serialLevel);
    if (portmanteau.found) {
      found.push(`${name} (lag ${portmanteau.lag}: ${portmanteau.r.toFixed(2)})`);
      continue;
    }
    // McLeod and Li's test: the same statistic on the ranks' distances from the median
    if (sortedBySize) continue;
    const spread = largestLagCorrelation(mapped(tested, (rank) => Math.abs(rank - centre)), serialLevel);
    if (spread.found) found.push(`${name} (distance from the median, lag ${spread.lag}: ${spread.r.toFixed(2)})`);
  }
  if (sortedByVariable || found.length === 0) return undefined;
  return (
    `the rows, in the order given, are serially dependent (lag-1 correlation of ranks, or at the lag named, in ${found.join(", ")}; about 0 ± ${(1 / Math.sqrt(n)).toFixed(2)} ` +
    "for independent samples): a time series or a chain, not independent draws, so neighbouring rows are near copies and the estimate and its " +
    "interval, which assume independent samples, can be far off either way; estimate on rows far apart in time (thinned), or on independent " +
    "series. (Shuffling the rows silences this check but does not make dependent samples independent.)"
  );
}

/**
 * m without its columns that take one value on the rows `fitRows` (the training part) though
 * they vary over all rows (a flag set in a few rows, all of which fell in the held-out part): the
 * normal-score map cannot be fitted there, and a network cannot learn from a column that never
 * varies while it trains. Before, the call failed with "column 1 is constant on the training
 * samples … drop that column" about a column that was not constant in the data given. Dropping a
 * column can only lower the MI, by at most its entropy (I(X, C∧Y) ≤ I(X∧Y) + H(C)): `entropy` is
 * the sum of the dropped columns' plug-in entropies over all rows, in nats, which the interval's
 * upper end must add. `dropped` names them; undefined when none.
 */
export function withoutColumnsConstantOn(
  m: Matrix64,
  fitRows: readonly number[],
  name: string,
): { matrix: Matrix64; dropped?: string; entropy: number; columns?: number[] } {
  const varying: number[] = [];
  const constant: number[] = [];
  for (let c = 0; c < m.cols; c++) {
    const first = m.values[fitRows[0] * m.cols + c];
    (fitRows.every((i) => m.values[i * m.cols + c] === first) ? constant : varying).push(c);
  }
  if (constant.length === 0) return { matrix: m, entropy: 0 };
  let entropy = 0;
  for (const c of constant) {
    const counts = new Map<number, number>();
    for (let i = 0; i < m.rows; i++) counts.set(m.values[i * m.cols + c], (counts.get(m.values[i * m.cols + c]) ?? 0) + 1);
    for (const k of counts.values()) entropy -= (k / m.rows) * Math.log(k / m.rows);
  }
  const first = constant[0];
  const value = m.values[fitRows[0] * m.cols + first];
  const others = Array.from({ length: m.rows }, (_, i) => i).filter((i) => m.values[i * m.cols + first] !== value).length;
  if (varying.length === 0) {
    fail(
      `${name}: column ${first} is ${value} on all ${fitRows.length} training samples (its other values are in ${others} ${others === 1 ? "row" : "rows"}, all held out), and ` +
        `${name.split(": ").pop()} has no other varying column, so there is nothing to train on: give more samples of its rarer values, or change seed or holdout.`,
    );
  }
  const columns = constant.length === 1 ? `column ${first} takes` : `columns ${constant.join(", ")} take`;
  return {
    matrix: selectColumns64(m, varying),
    columns: varying,
    dropped: `${name}: ${columns} one value on every training sample (column ${first}: ${value}, other values in ${others} ${others === 1 ? "row" : "rows"}, all held out), so the network cannot learn from it; estimated without it, and the interval's upper end raised by its entropy (${entropy.toFixed(4)} nats), the most it can add to the MI.`,
    entropy,
  };
}

/** The most rows the near-copy check compares (O(n²)); beyond, a seeded random subset. */
const NEAR_COPY_SAMPLES = 2000;
/** A row's nearest neighbour is a near copy when it is this much closer than its NEAR_COPY_NEIGHBOUR-th neighbour. */
const NEAR_COPY_RATIO = 1e-3;
const NEAR_COPY_NEIGHBOUR = 10;
/** A column with at most this many values is a class: rows are compared within each class. */
const NEAR_COPY_CLASSES = 20;
/**
 * Also the 30th and 100th: a record stored more than 10 times has its copies for its first 10
 * neighbours (20 copies of each of 100 independent pairs with a jitter of 10⁻⁶, ρ = 0, passed
 * for independent samples: KSG 3.79 [3.74, ∞), MINE 0.09 [0.06, ∞), reasons pointing upward).
 * The ratio is scaled by 9/(k − 1) there: draws on a curve (y = x³, one dimension's worth of
 * neighbours) have the nearest of 99 within a thousandth of the 100th in about 99·ratio = 10 % of
 * rows, and were called copies; scaled, it is about 1 % at every k.
 */
const NEAR_COPY_FARTHER = [30, 100];
/**
 * A step in a row's ladder of neighbours: its j-th nearest row closer than this fraction of the
 * distance to its (j+1)-th. Draws from a density of any dimension m ≥ 1 look, at the scale of a few
 * neighbours, like a Poisson process, where P(d_j < t·d_{j+1}) = t^{m·j} ≤ t; records stored c
 * times with a jitter smaller than the gaps between records have that step at j = c − 1 in most
 * rows. The ratio rule above needs a jitter under a thousandth of the gaps: 500 Gaussian pairs
 * (ρ = 0.5) stored twice with a jitter of 0.3 % of their spread passed, and KSG gave trusted
 * intervals above the truth. Draws from a density with tight clusters (labels stored as reals with a
 * jitter, in pairs of labels seen about once each) have the step too, in the rows of clusters that hold
 * exactly j + 1 of them: with Poisson counts of mean λ that is a share λe^{−λ} ≤ 1/e of the rows (27 % for
 * 40 × 20 pairs of labels in 1000 rows), where copies have it in most (87 % for records stored twice). The
 * rows are copies when more than half have the step (and more than STEP_RATIO·n by STEP_Z binomial
 * standard deviations).
 */
const STEP_RATIO = 0.2;
const STEP_Z = 5;
const STEP_SHARE = 0.5;

/**
 * How far below a Poisson count's expectation the rows in groups one larger must be for the groups to
 * be of one size (one-sided, about 2 %): records stored twice with a jitter, a seventh of them (26 %
 * of the rows), had 8–17 rows with the step one place further, where labels' clusters with the same
 * share of rows in pairs have about 40.
 */
const GROUP_SIZE_Z = 2;

/**
 * The smallest mean λ at which draws that fall into cells a Poisson(λ) number at a time put a share
 * `share` of themselves in cells of exactly k + 1 (that share is λ^k·e^(−λ)/k!); Infinity when no λ
 * puts that many there.
 */
function smallestPoissonMean(k: number, share: number): number {
  let factorial = 1;
  for (let i = 2; i <= k; i++) factorial *= i;
  const inGroups = (lambda: number) => (lambda ** k * Math.exp(-lambda)) / factorial;
  if (share > inGroups(k)) return Infinity; // its largest, at λ = k
  let [lo, hi] = [0, k];
  for (let iteration = 0; iteration < 50; iteration++) {
    const mid = (lo + hi) / 2;
    if (inGroups(mid) < share) lo = mid;
    else hi = mid;
  }
  return hi;
}

const ordinal = (k: number) => `${k}${k % 10 === 1 && k !== 11 ? "st" : k % 10 === 2 && k !== 12 ? "nd" : k % 10 === 3 && k !== 13 ? "rd" : "th"}`;

/** The spread, in decades of the middle half of a one-signed column's values, beyond which near copies are judged on log|v|. */
const NEAR_COPY_LOG_DECADES = 3;

/**
 * A one-signed column whose middle half spans more than NEAR_COPY_LOG_DECADES decades (values over
 * hundreds of decades, 10^U) as log|v|, where draws are spread evenly; other columns as they are.
 * Scaled by its median absolute deviation, such a column put every value below the median within
 * one unit of it at distances ranging over hundreds of decades, so a row's nearest neighbour was
 * always "a thousand times closer" than its 10th: 400 of 1000 rows of x = 10^U, y = 10^(U + 25N),
 * U over 300 decades, were called near copies. A copy v(1 + ε) stays a near copy on log|v|.
 */
function onScaleOfItsValues(values: Float64Array): Float64Array {
  const positive = values.every((v) => v > 0);
  if (!positive && !values.every((v) => v < 0)) return values;
  const logs = Float64Array.from(values, (v) => Math.log10(Math.abs(v))).sort();
  const n = logs.length;
  if (logs[Math.floor((3 * (n - 1)) / 4)] - logs[Math.floor((n - 1) / 4)] <= NEAR_COPY_LOG_DECADES) return values;
  return Float64Array.from(values, (v) => Math.log(Math.abs(v)));
}

/** For each row, how many other rows of its class equal it in every one of the m columns of `scaled`. */
function exactCopies(scaled: Float64Array, m: number, classOf: Int32Array): Int32Array {
  const keyOf = (row: number) => `${classOf[row]}:${Array.prototype.join.call(scaled.subarray(row * m, row * m + m), ",")}`;
  const counts = new Map<string, number>();
  for (let row = 0; row < classOf.length; row++) counts.set(keyOf(row), (counts.get(keyOf(row)) ?? 0) + 1);
  return Int32Array.from({ length: classOf.length }, (_, row) => (counts.get(keyOf(row)) as number) - 1);
}

/** The share of rows with a near copy from which the rows are taken as jittered copies. */
const NEAR_COPY_SHARE = 0.05;

/**
 * A warning when many rows have a near copy: another row closer, in every column of x and y at
 * once, than a thousandth of the distance to their 10th nearest row (each column scaled by its
 * median absolute deviation; the max-norm; rows that repeat exactly are left to the rules for
 * duplicated records and repeated values). For independent draws from a density the nearest of
 * k − 1 = 9 further neighbours is that close with a chance of about 9·ratio^d, under 10⁻⁵ in two
 * coordinates or more; a share of NEAR_COPY_SHARE of the rows does not happen by chance. What does
 * it: records stored several times with a jitter (oversampling, augmentation), or values copied
 * with a tiny rounding or unit error. Exact copies are kept once (`withoutDuplicatedRecords`), but
 * jittered ones pass for independent samples: 200 Gaussian pairs (ρ = 0.5, 0.144 nats) stored 5
 * times with a jitter of 10⁻⁶, shuffled, gave KSG 0.45 [0.37, ∞) with a reason (bias still
 * moving) that pointed upward, and MI-NEE an untrusted 0.15 for "KSG is above". Normal scores
 * (from ranks) hide them, so this looks at the values as given.
 */
export function nearCopiesWarning(x: Matrix64, y: Matrix64, seed: number): string | undefined {
  const n0 = x.rows;
  if (n0 < 2 * NEAR_COPY_NEIGHBOUR) return undefined;
  const rows = n0 > NEAR_COPY_SAMPLES ? new Rng(seed).choice(n0, NEAR_COPY_SAMPLES) : Array.from({ length: n0 }, (_, i) => i);
  const n = rows.length;
  const columns: Float64Array[] = [];
  const classes: Float64Array[] = [];
  for (const m of [x, y]) {
    for (let c = 0; c < m.cols; c++) {
      const values = Float64Array.from(rows, (i) => m.values[i * m.cols + c]);
      // a column of few values (a class, a flag, one of many one-hot columns) is compared by
      // equality: scaled as a distance, each class was far from the others, and rows of one class
      // (ten of a hundred one-hot classes in 1000 rows) had their nearest row within it and their
      // 10th outside, a thousand times farther: called near copies in 29 of 30 independent draws
      if (new Set(values).size <= NEAR_COPY_CLASSES) {
        classes.push(values);
        continue;
      }
      // a code for missing values (−999: detached-atoms.ts) is compared by equality too, the other values
      // as a distance: scaled with them, the code put rows missing in the same columns a thousand times
      // farther from the others than from each other, and 5 of 40 draws of 3 + 3 Gaussian pairs with
      // 10 % of the cells −999 were called near copies (none without the code)
      const codes = detachedAtomOf(values);
      if (codes !== undefined) {
        classes.push(Float64Array.from(values, (v) => codes.indexOf(v)));
        const others = values.filter((v) => !codes.includes(v)).sort();
        const middle = others[others.length >> 1];
        values.forEach((v, i) => (values[i] = codes.includes(v) ? middle : v));
      }
      const sorted = Float64Array.from(onScaleOfItsValues(values)).sort();
      const median = sorted[n >> 1];
      const deviations = Float64Array.from(sorted, (v) => Math.abs(v - median)).sort();
      let scale = deviations[n >> 1];
      if (!(scale > 0)) scale = deviations.reduce((a, b) => a + b, 0) / n;
      if (!(scale > 0) || !Number.isFinite(scale)) continue;
      columns.push(Float64Array.from(onScaleOfItsValues(values), (v) => (v - median) / scale));
    }
  }
  if (columns.length === 0) return undefined;
  // each row's class (its values in the columns of few values) as a number
  const classIds = new Map<string, number>();
  const classOf = Int32Array.from({ length: n }, (_, i) => {
    const key = classes.map((column) => column[i]).join(",");
    if (!classIds.has(key)) classIds.set(key, classIds.size);
    return classIds.get(key) as number;
  });
  const classSize = new Int32Array(classIds.size);
  for (const id of classOf) classSize[id] += 1;
  // with a column of few values only the 10th counts: a class holds fewer rows than the 30th or 100th
  const continuous = classes.length === 0 && columns.every((column) => new Set(column).size > n / 2);
  const farther = [NEAR_COPY_NEIGHBOUR, ...(continuous ? NEAR_COPY_FARTHER : [])];
  // the ratio shrinks with k so that draws on a curve (one dimension: a chance of about (k − 1)·ratio) stay rare at every k
  const ratios = farther.map((k) => (NEAR_COPY_RATIO * (NEAR_COPY_NEIGHBOUR - 1)) / (k - 1));
  // the scaled values row after row: the pairs' loop reads each row n times
  const m = columns.length;
  const scaled = new Float64Array(n * m);
  columns.forEach((column, c) => column.forEach((value, i) => (scaled[i * m + c] = value)));
  // a row's nearest rows are all the rules below read of its distances. Each class's rows are walked
  // in the order of the first column, outward from the row, nearer side first: the walk ends where
  // that column alone is as far as the farthest kept, and a pair is left once one column is farther
  const nearestRows = new SmallestValues(Math.max(...farther, NEAR_COPY_NEIGHBOUR + 1));
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((p, q) => classOf[p] - classOf[q] || scaled[p * m] - scaled[q * m]);
  const classStart = new Int32Array(classSize.length + 1);
  for (let id = 0; id < classSize.length; id++) classStart[id + 1] = classStart[id] + classSize[id];
  const copies = exactCopies(scaled, m, classOf);
  let near = 0;
  const steps = new Array<number>(NEAR_COPY_NEIGHBOUR).fill(0);
  let laddered = 0;
  for (let place = 0; place < n; place++) {
    const a = order[place];
    const ownClass = classOf[a];
    const at = a * m;
    const [first, end] = [classStart[ownClass], classStart[ownClass + 1]];
    // rows of its class at a distance above 0 (the exact copies of a row are left out)
    const filled = classSize[ownClass] - 1 - copies[a];
    nearestRows.clear();
    let [left, right] = [place - 1, place + 1];
    for (;;) {
      const gapLeft = left >= first ? scaled[at] - scaled[order[left] * m] : Infinity;
      const gapRight = right < end ? scaled[order[right] * m] - scaled[at] : Infinity;
      const bound = nearestRows.bound();
      if (!(Math.min(gapLeft, gapRight) < bound)) break;
      const b = gapLeft <= gapRight ? order[left--] : order[right++];
      const from = b * m;
      let d = 0;
      for (let c = 0; c < m && !(d > bound); c++) d = Math.max(d, Math.abs(scaled[at + c] - scaled[from + c]));
      if (d > 0 && d < bound) nearestRows.offer(d);
    }
    if (filled < NEAR_COPY_NEIGHBOUR) continue;
    const nearestDistances = nearestRows.sorted();
    const nearest = nearestDistances[0];
    for (let f = 0; f < farther.length && farther[f] <= filled; f++) {
      if (nearest < ratios[f] * nearestDistances[farther[f] - 1]) {
        near += 1;
        break;
      }
    }
    // rows repeated exactly share one ladder (an atom's rows would count it hundreds of times): left to the rules for repeated values
    if (filled < classSize[ownClass] - 1) continue;
    laddered += 1;
    const ladder = nearestDistances.subarray(0, NEAR_COPY_NEIGHBOUR + 1);
    for (let j = 0; j + 1 < ladder.length; j++) if (ladder[j] < STEP_RATIO * ladder[j + 1]) steps[j] += 1;
  }
  const beyondChance = (count: number, chance: number) => count > laddered * chance + STEP_Z * Math.sqrt(laddered * chance * (1 - chance));
  // records stored c times make groups of that one size: the step at c − 2 and few one place
  // further; clusters of draws (labels stored as reals with a jitter, λ of them a cluster on
  // average) come in a Poisson count's sizes, where groups one larger hold λ/(j + 2) as many rows
  const oneSize = (j: number) => {
    if (j + 1 >= steps.length) return false;
    const lambda = smallestPoissonMean(j + 1, steps[j] / laddered);
    if (lambda === Infinity) return true;
    const expected = (lambda / (j + 2)) * steps[j];
    return steps[j + 1] < expected - GROUP_SIZE_Z * Math.sqrt(expected);
  };
  const step = steps.findIndex((count, j) => beyondChance(count, STEP_RATIO) && (count > STEP_SHARE * laddered || oneSize(j)));
  if (near < Math.max(NEAR_COPY_NEIGHBOUR, NEAR_COPY_SHARE * n)) {
    if (step < 0) return undefined;
    return (
      `${steps[step]} of ${laddered} rows${laddered < n0 ? " compared" : ""} have their ${ordinal(step + 1)} nearest row closer than ${STEP_RATIO} of the distance to their ` +
      `${ordinal(step + 2)}, where independent draws from a density have at most ${Math.round(100 * STEP_RATIO)} % such rows (tight clusters of them 37 %): the rows come in groups of ` +
      `${step + 2} near copies (records stored several times with a small jitter, oversampled or augmented data), which are not independent samples, ` +
      "so the estimate and its interval can be far off either way; keep one row per record."
    );
  }
  return (
    `${near} of ${n} rows${n < n0 ? " compared" : ""} have a near copy: another row closer in every column than ${NEAR_COPY_RATIO} of the distance to their ` +
    `${NEAR_COPY_NEIGHBOUR}th, 30th or 100th nearest, which independent draws from a density almost never have (records stored several times with a jitter, ` +
    "oversampled or augmented data, values copied with a rounding or unit error): copies are not independent samples, so the estimate and its " +
    "interval can be far off either way; keep one row per record (or round the values so that copies are exact, which the estimators de-duplicate)."
  );
}
